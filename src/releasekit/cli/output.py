"""Output that encodes on any stream: characters a stream's encoding lacks fall back to ASCII (``→`` becomes ``->``).

A finished release must never fail on its own summary line: with ``PYTHONIOENCODING=ascii``,
a cp1252 console or a Windows pipe, printing ``→`` would raise ``UnicodeEncodeError`` after the
commit, tag and push are done. ``protect`` sets the ``releasekit-ascii`` error handler on the
standard streams once, at the edge, so every command and hook is covered, whoever writes it.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

ERRORS = "releasekit-ascii"
# Characters our messages use, and their usual readings elsewhere; anything else is decomposed
# (``é`` becomes ``e``), or becomes ``?`` (a lone surrogate from an undecodable file name, CJK text).
_ASCII_FALLBACK = {
    "\u2192": "->",
    "\u2190": "<-",
    "\u2194": "<->",
    "\u21d2": "=>",
    "\u2026": "...",
    "\u2014": "--",
    "\u2013": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": "<<",
    "\u00bb": ">>",
    "\u00d7": "x",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2260": "!=",
    "\u2713": "ok",
    "\u2714": "ok",
    "\u2717": "x",
    "\u2718": "x",
    "\u2022": "*",
    "\u00b7": ".",
    "\u00a0": " ",
}


def ascii_fallback(text: str) -> str:
    """``text`` in ASCII: the table above, then the characters' compatibility decomposition, then ``?``."""
    import unicodedata  # noqa: PLC0415 - only when a character does not encode

    pieces = []
    for char in text:
        if char.isascii():
            pieces.append(char)
        elif char in _ASCII_FALLBACK:
            pieces.append(_ASCII_FALLBACK[char])
        else:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            pieces.append(plain or "?")
    return "".join(pieces)


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return ascii_fallback(error.object[error.start : error.end]), error.end


codecs.register_error(ERRORS, _fallback)


def protect(*streams: TextIO) -> None:
    """Make ``streams`` (default: stdout and stderr) fall back to ASCII for what their encoding lacks.

    A stream that cannot be reconfigured (not a ``TextIOWrapper``) is left as it is: such a stream
    (``StringIO``, a test's capture) holds any text.
    """
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or getattr(stream, "errors", None) == ERRORS:
            continue
        try:
            reconfigure(errors=ERRORS)
        except (ValueError, OSError):  # a closed or detached stream: nothing will be written to it
            continue
