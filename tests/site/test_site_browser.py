"""Real-browser tests of the built site: headless Chromium driven by Playwright.

The site is served from ``_build/html`` on 127.0.0.1. Every request the page
makes is recorded; any request to another host fails the test, and so does
any console error. Interactive figures are exercised the way a learner would:
clicking a Plotly button or moving a Plotly slider must change what is plotted.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Plotted values of every trace, so a change in what is drawn can be detected.
JS_PLOTTED = """(el) => JSON.stringify(el.data.map(t => [t.x, t.y, t.z, t.r, t.theta, t.visible,
    t.text, t.marker && t.marker.color]))"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output readable
        pass


@pytest.fixture(scope="module")
def site_url(site_html: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class PageVisit:
    """A page opened in a fresh context, with its console errors and requests recorded."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.page.on("response", self._on_response)
        self.page.goto(url, wait_until="networkidle")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def offsite_requests(self, base: str) -> list[str]:
        host = urlparse(base).netloc
        return [
            u
            for u in self.requests
            if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != host
        ]

    def close(self) -> None:
        self.context.close()


def _pages(site_html: Path) -> list[str]:
    return sorted(
        p.relative_to(site_html).as_posix()
        for p in site_html.glob("**/*.html")
        if not p.name.startswith(("genindex", "search")) and "_static" not in p.parts
    )


def test_every_page_loads_offline_with_a_clean_console(
    browser, site_url: str, site_html: Path
) -> None:
    problems = []
    for rel in _pages(site_html):
        visit = PageVisit(browser, f"{site_url}/{rel}")
        try:
            problems += [f"{rel}: console: {e}" for e in visit.errors]
            problems += [f"{rel}: off-site request: {u}" for u in visit.offsite_requests(site_url)]
        finally:
            visit.close()
    assert problems == []


def test_lesson_figures_render(browser, site_url: str, site_html: Path) -> None:
    rel = next(site_html.glob("notebooks/01_*.html")).relative_to(site_html).as_posix()
    visit = PageVisit(browser, f"{site_url}/{rel}")
    try:
        graphs = visit.page.locator(".plotly-graph-div")
        assert graphs.count() >= 1
        for i in range(graphs.count()):
            graphs.nth(i).locator(".main-svg").first.wait_for(timeout=10_000)
    finally:
        visit.close()


def _interactive_pages(site_html: Path) -> list[str]:
    return [
        rel
        for rel in _pages(site_html)
        if "Plotly.newPlot" in (site_html / rel).read_text(encoding="utf-8")
    ]


def test_plotly_controls_change_the_plot(browser, site_url: str, site_html: Path) -> None:
    """Every Plotly button menu and slider on the site changes the plotted data."""
    exercised = 0
    for rel in _interactive_pages(site_html):
        visit = PageVisit(browser, f"{site_url}/{rel}")
        try:
            graphs = visit.page.locator(".plotly-graph-div")
            for i in range(graphs.count()):
                graph = graphs.nth(i)
                graph.locator(".main-svg").first.wait_for(timeout=10_000)
                graph.scroll_into_view_if_needed()
                buttons = graph.locator("g.updatemenu-button")
                if buttons.count() >= 2:
                    before = graph.evaluate(JS_PLOTTED)
                    buttons.nth(buttons.count() - 1).click(force=True)
                    visit.page.wait_for_timeout(300)
                    assert graph.evaluate(JS_PLOTTED) != before, f"{rel}: buttons do nothing"
                    exercised += 1
                sliders = graph.locator("g.slider-container")
                if sliders.count():
                    before = graph.evaluate(JS_PLOTTED)
                    rail = sliders.first.locator("rect.slider-rail-rect")
                    box = rail.bounding_box()
                    visit.page.mouse.click(
                        box["x"] + box["width"] - 2, box["y"] + box["height"] / 2
                    )
                    visit.page.wait_for_timeout(300)
                    assert graph.evaluate(JS_PLOTTED) != before, f"{rel}: slider does nothing"
                    exercised += 1
            assert visit.errors == [], f"{rel}: {visit.errors}"
        finally:
            visit.close()
    assert exercised >= 1, "no interactive Plotly control found on the site"
