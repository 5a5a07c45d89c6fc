"""The page in real headless Chromium (Debian's package, driven by Playwright): hostile text stays text.

Screenshots are saved under the test's temporary folder (never committed) and their paths printed.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from releasekit.cli.main import main
from tests.security.scenario import HOSTILE, MARKER, record_scenario

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.e2e,
    # Skipped only on a developer machine without it: CI (.ci/run installs it) must run these.
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def build_site(folder: Path, *, incomplete: bool = False) -> Path:
    recorded = record_scenario(folder / "recorded")
    scan = ["security", "scan", "--out", str(folder / "scan"), "--audit", str(recorded.audit)]
    assert main([*scan, "--bandit", str(recorded.bandit), "--now", "2026-12-01T06:00:00Z"]) == 0
    status = ["security", "status", "--scan", str(folder / "scan"), "--osv", str(recorded.osv)]
    assert main([*status, "--out", str(folder / "status")]) == 0
    if incomplete:
        # A week later pip-audit could not audit urllib3: the page must not look clean.
        report = json.loads(recorded.audit.read_text(encoding="utf-8"))
        report["dependencies"] = [
            {"name": "urllib3", "skip_reason": "not on PyPI"} if item["name"] == "urllib3" else item
            for item in report["dependencies"]
        ]
        recorded.audit.write_text(json.dumps(report), encoding="utf-8")
        again = ["security", "status", "--audit", str(recorded.audit), "--osv", str(recorded.osv)]
        assert main([*again, "--out", str(folder / "status"), "--now", "2026-12-08"]) == 0
    site = folder / "site"
    assert main(["security", "site", "--status", str(folder / "status/live-status.json"), "--out", str(site)]) == 0
    return site


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The site over HTTP on loopback, as GitHub Pages serves it."""
    site = build_site(tmp_path)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", tmp_path
    server.shutdown()
    server.server_close()


def screenshot(page: Page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    print(f"screenshot: {path}")


def marker(page: Page) -> object:
    return page.evaluate(f"typeof window.{MARKER} === 'undefined' ? null : window.{MARKER}")


def test_hostile_advisory_text_is_shown_and_never_runs(browser: Browser, served: tuple[str, Path]) -> None:
    url, folder = served
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    assert marker(page) is None
    assert page.locator("script, [onerror], [onload]").count() == 0
    cell = page.locator("#findings td.description", has_text="sandbox escape")
    assert cell.is_visible()
    assert cell.inner_text() == HOSTILE
    assert page.locator("#grade .letter").inner_text() == "F"
    assert page.locator("#count-total").inner_text() == "5"
    assert page.locator("#count-critical").inner_text() == "1"
    assert page.locator("#findings tbody tr").count() == 5
    assert page.locator("#scan-banner").count() == 0
    # Every badge image loaded (self-contained SVG from the site itself).
    assert page.evaluate("[...document.images].map(i => i.naturalWidth > 0)") == [True, True, True]
    assert errors == []
    screenshot(page, folder / "security-page.png")
    page.close()


def test_the_marker_would_catch_a_page_that_ran_the_text(browser: Browser) -> None:
    # The same text pasted unescaped into a page: the check above would fail on such a page.
    page = browser.new_page()
    page.set_content(f"<!DOCTYPE html><p>{HOSTILE}</p>", wait_until="load")
    assert marker(page) in (1, 2, 3)
    page.close()


def test_readable_without_javascript_and_offline(browser: Browser, tmp_path: Path) -> None:
    site = build_site(tmp_path)
    context = browser.new_context(java_script_enabled=False, offline=True)
    page = context.new_page()
    page.goto((site / "index.html").as_uri(), wait_until="load")
    assert page.locator("#grade .letter").inner_text() == "F"
    assert page.locator("#findings tbody tr").count() == 5
    context.close()


def test_an_incomplete_scan_shows_a_banner_and_no_grade(browser: Browser, tmp_path: Path) -> None:
    site = build_site(tmp_path, incomplete=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto((site / "index.html").as_uri(), wait_until="load")
    banner = page.locator("#scan-banner")
    assert banner.is_visible()
    assert "The latest scan (2026-12-08) is incomplete: this is not a clean bill of health." in banner.inner_text()
    assert "pip-audit skipped urllib3: not on PyPI" in banner.inner_text()
    assert page.locator("#grade .letter").inner_text() == "?"
    assert page.locator("#findings tbody tr").count() == 5  # the critical urllib3 finding is kept
    assert marker(page) is None
    screenshot(page, tmp_path / "security-page-incomplete.png")
    page.close()
