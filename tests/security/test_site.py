"""The Pages site: shields endpoint files against the endpoint schema, SVG badges, escaping, links, banners."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from releasekit.security.badges import badges
from releasekit.security.model import LiveStatus, read_status
from releasekit.security.site import render_site
from tests.security.scenario import HOSTILE, record_scenario
from tests.security.test_decision import finding, status

# shields.io's endpoint badge: https://shields.io/badges/endpoint-badge (only the keys it documents).
ENDPOINT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["schemaVersion", "label", "message"],
    "additionalProperties": False,
    "properties": {
        "schemaVersion": {"const": 1},
        "label": {"type": "string"},
        "message": {"type": "string", "minLength": 1},
        "color": {"type": "string"},
        "labelColor": {"type": "string"},
        "isError": {"type": "boolean"},
        "namedLogo": {"type": "string"},
        "logoSvg": {"type": "string"},
        "logoColor": {"type": "string"},
        "logoWidth": {"type": "number"},
        "style": {"enum": ["flat", "flat-square", "plastic", "for-the-badge", "social"]},
        "cacheSeconds": {"type": "integer", "minimum": 0},
    },
}
SVG = "{http://www.w3.org/2000/svg}"

HOSTILE_FINDING = finding("GHSA-<b>x</b>", "high", package="evil<script>", description=HOSTILE)
STATUSES = {
    "complete": status(HOSTILE_FINDING, finding("X-2", "low", package="six")),
    "clean": status(),
    "incomplete": status(HOSTILE_FINDING, scan_status="incomplete", problems=("pip-audit skipped <six>: not on PyPI",)),
    "failed": status(scan_status="failed", problems=("pip-audit failed: exit 1",)),
}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.targets += [value for name, value in attrs if name in ("href", "src") and value]


@pytest.fixture(params=list(STATUSES))
def site(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[LiveStatus, Path]:
    current = STATUSES[request.param]
    render_site(current, tmp_path / "site", title="demo <project>")
    return current, tmp_path / "site"


def test_endpoint_files_follow_the_endpoint_schema(site: tuple[LiveStatus, Path]) -> None:
    current, folder = site
    for badge in badges(current):
        document = json.loads((folder / "badges" / f"{badge.name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(document, ENDPOINT_SCHEMA)
        assert (document["label"], document["message"]) == (badge.label, badge.message)


def test_svg_badges_are_self_contained_and_say_the_same(site: tuple[LiveStatus, Path]) -> None:
    current, folder = site
    for badge in badges(current):
        root = ET.parse(folder / "badges" / f"{badge.name}.svg").getroot()  # noqa: S314 - our own output
        assert root.tag == f"{SVG}svg"
        assert root.findtext(f"{SVG}title") == f"{badge.label}: {badge.message}"
        texts = [element.text for element in root.iter(f"{SVG}text")]
        assert texts == [badge.label, badge.label, badge.message, badge.message]
        assert not [
            element
            for element in root.iter()
            if element.get("href") or element.get("{http://www.w3.org/1999/xlink}href")
        ]


def test_the_page_escapes_advisory_text_and_every_link_resolves(site: tuple[LiveStatus, Path]) -> None:
    current, folder = site
    html = (folder / "index.html").read_text(encoding="utf-8")
    parser = Links()
    parser.feed(html)
    assert "script" not in parser.tags
    assert "<b>" not in html
    assert set(parser.tags) <= (
        {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "section", "strong", "ul", "li",
         "div", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "span", "code", "a", "img", "footer"}
    )  # fmt: skip
    for target in parser.targets:
        assert (folder / target).is_file(), target
    if any(item.description == HOSTILE for item in current.findings):
        assert "&lt;script&gt;window.__advisory_script_ran=2&lt;/script&gt;" in html
        assert "evil&lt;script&gt;" in html
    assert "demo &lt;project&gt;" in html


@pytest.mark.parametrize(
    ("name", "grade_message", "banner"),
    [
        ("complete", "grade D", False),
        ("clean", "grade A", False),
        ("incomplete", "? scan incomplete", True),
        ("failed", "? scan failed", True),
    ],
)
def test_incomplete_scans_never_look_clean(tmp_path: Path, name: str, grade_message: str, banner: bool) -> None:
    current = STATUSES[name]
    render_site(current, tmp_path, title="demo")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert ('id="scan-banner"' in html) is banner
    grade, vulnerabilities, scan = (
        json.loads((tmp_path / f"badges/{b}.json").read_text()) for b in ("grade", "vulnerabilities", "scan")
    )
    assert grade["message"] == grade_message
    assert grade.get("isError", False) is banner
    assert vulnerabilities.get("isError", False) is banner
    if banner:
        assert vulnerabilities["message"].endswith(f"(scan {name})")
        assert scan["message"] == f"{name} 2026-12-08"
        assert "green" not in grade["color"] and "green" not in vulnerabilities["color"]
    if name == "failed":
        assert "No findings known, but the scan is failed: this is not a clean result." in html
        assert vulnerabilities["message"] == "none open (scan failed)"


def test_the_vulnerabilities_badge_counts_by_severity() -> None:
    current = status(finding("A", "critical"), finding("B", "high", package="x"), finding("C", "low", package="y"))
    (badge,) = [b for b in badges(current) if b.name == "vulnerabilities"]
    assert (badge.message, badge.color) == ("3 open: 1 critical, 1 high, 1 low", "red")
    assert badges(replace(current, findings=()))[0].message == "grade F"  # the grade is the status's own


def test_the_site_round_trips_the_status(tmp_path: Path) -> None:
    render_site(STATUSES["complete"], tmp_path, title="demo")
    assert read_status(tmp_path / "security-status.json") == STATUSES["complete"]


def test_the_scenario_is_recorded_in_real_formats(tmp_path: Path) -> None:
    recorded = record_scenario(tmp_path)
    audit = json.loads(recorded.audit.read_text(encoding="utf-8"))
    assert set(audit) == {"dependencies", "fixes"}
    assert {"name", "version", "vulns"} == set(audit["dependencies"][0])
