"""The Pages artifact: `index.html`, `security-status.json`, `history.json` and the badges, from a status."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from releasekit._util.atomic_write import write_atomically
from releasekit.security.badges import badges
from releasekit.security.model import LiveStatus, to_document, write_json

if TYPE_CHECKING:
    import jinja2

STATUS_API = "security-status.json"
# Folders and file names the page links to; a test checks every link resolves.
BADGES = "badges"


def _environment() -> jinja2.Environment:
    import jinja2  # noqa: PLC0415 - only the site needs it

    return jinja2.Environment(
        loader=jinja2.PackageLoader("releasekit.security", "templates"),
        autoescape=jinja2.select_autoescape(["html", "svg"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_site(status: LiveStatus, out: Path, *, title: str, history: Path | None = None) -> list[Path]:
    """Write the site under ``out``; every file written, in order."""
    from releasekit import __version__  # noqa: PLC0415

    environment = _environment()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    all_badges = badges(status)
    for badge in all_badges:
        endpoint = out / BADGES / f"{badge.name}.json"
        write_json(endpoint, badge.endpoint())
        svg = out / BADGES / f"{badge.name}.svg"
        write_atomically(svg, environment.get_template("badge.svg").render(badge=badge).encode("utf-8"), 0o644)
        written += [endpoint, svg]
    write_json(out / STATUS_API, to_document(status))
    written.append(out / STATUS_API)
    has_history = history is not None and history.is_file()
    if history is not None and has_history:
        shutil.copyfile(history, out / "history.json")
        written.append(out / "history.json")
    page = environment.get_template("index.html").render(
        title=title,
        status=status,
        levels=("critical", "high", "medium", "low", "unknown"),
        grade_class="unknown" if status.security_grade == "?" else status.security_grade,
        badges=all_badges,
        has_history=has_history,
        has_code=any(finding.kind == "code" for finding in status.findings),
        version=__version__,
    )
    write_atomically(out / "index.html", page.encode("utf-8"), 0o644)
    written.append(out / "index.html")
    return written
