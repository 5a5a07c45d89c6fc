"""What varies between a real run and a test: the clocks, sleeping and the random source."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Seams:
    """``clock`` measures intervals, ``now`` stamps reports (epoch seconds); ``random`` returns [0, 1)."""

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = field(default_factory=lambda: random.SystemRandom().random)
    now: Callable[[], float] = time.time
