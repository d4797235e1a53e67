"""What a built Jupyter Book site costs a reader on a first visit, page by page.

Opens each page of a built HTML site in a fresh (cold-cache) Chromium context served from
127.0.0.1 and records what a learner's browser does: every request and its HTTP status, the
bytes received (uncompressed: Python's ``http.server`` does not compress), console and page
errors, requests to other hosts, the first contentful paint and the moment every Plotly figure
is drawn. :func:`audit_site` returns one :class:`PageCost` per page; :func:`summary_table`
formats them. Both the browser test suite and ``benchmarks/bench_site_weight.py`` use it.

Needs Playwright and a Chromium executable (``apt-get install chromium``).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

MIB = 1024 * 1024

#: Page names a Sphinx build writes that are not course pages.
SKIPPED_PREFIXES = ("genindex", "py-modindex")

CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

#: Bytes of every resource the page loaded, the page itself included (Resource Timing).
_JS_BYTES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  return [nav ? nav.decodedBodySize : 0,
          res.map(r => [r.name, r.decodedBodySize || r.transferSize || 0])];
}"""
_JS_FCP = """() => {
  const e = performance.getEntriesByName('first-contentful-paint')[0];
  return e ? e.startTime : null;
}"""
_JS_FIGURES_DRAWN = """() => {
  const figs = [...document.querySelectorAll('.plotly-graph-div')];
  return figs.every(f => f._fullLayout && f.querySelector('.main-svg')) ? figs.length : -1;
}"""


@dataclass(frozen=True)
class PageCost:
    """What one page cost on a cold load.

    Attributes
    ----------
    page : str
        The page's path inside the site (``notebooks/01_x.html``).
    bytes_total : int
        Bytes received for the page and everything it loaded, in bytes.
    requests : int
        Number of requests made (the page included).
    first_paint_ms : float or None
        First contentful paint after navigation start, in ms (``None`` if nothing painted).
    figures : int
        Plotly figures on the page.
    figures_drawn_ms : float or None
        Time after navigation start by which every figure was drawn, in ms (``None`` when
        the page has no figure, or they were not all drawn).
    errors : tuple of str
        Console errors, uncaught page errors, failed requests and HTTP statuses >= 400.
    offsite : tuple of str
        Requests to any host other than the site's.
    largest : tuple of (str, int)
        The five largest resources: (path, bytes).
    """

    page: str
    bytes_total: int
    requests: int
    first_paint_ms: float | None
    figures: int
    figures_drawn_ms: float | None
    errors: tuple[str, ...] = ()
    offsite: tuple[str, ...] = ()
    largest: tuple[tuple[str, int], ...] = field(default=())

    @property
    def mib(self) -> float:
        """``bytes_total`` in MiB."""
        return self.bytes_total / MIB


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site (relative paths, sorted), without Sphinx's index and
    search pages, static files and the root redirect."""
    pages = []
    for p in site.rglob("*.html"):
        rel = p.relative_to(site)
        if p.name.startswith(SKIPPED_PREFIXES) or "_static" in rel.parts or "_sources" in rel.parts:
            continue
        if rel.as_posix() == "index.html" and p.stat().st_size < 512:  # redirect stub
            continue
        pages.append(rel.as_posix())
    return sorted(pages)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (free port, one thread) while in the block; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def measure_page(browser, base_url: str, page_path: str, *, timeout_ms: float = 60_000,
                 **context) -> PageCost:
    """Load one page cold (a new browser context) and return what it cost.

    Parameters
    ----------
    browser : playwright.sync_api.Browser
        A launched Chromium.
    base_url : str
        The site's root URL, no trailing slash.
    page_path : str
        The page inside the site.
    timeout_ms : float
        How long to wait for the load and for figures, in ms.
    **context
        Passed to ``browser.new_context`` (viewport, colour scheme, ...).
    """
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"HTTP {r.status}: {r.url}"))
    try:
        page.goto(f"{base_url}/{page_path}", wait_until="networkidle", timeout=timeout_ms)
        figures = page.locator(".plotly-graph-div").count()
        drawn_ms = None
        if figures:
            try:
                page.wait_for_function(f"({_JS_FIGURES_DRAWN})() >= 0", timeout=timeout_ms)
                drawn_ms = page.evaluate("() => performance.now()")
            except Exception:  # noqa: BLE001 (playwright's TimeoutError): reported as None
                errors.append("not every figure was drawn")
        fcp = page.evaluate(_JS_FCP)
        nav_bytes, resources = page.evaluate(_JS_BYTES)
    finally:
        ctx.close()
    host = urlparse(base_url).netloc
    offsite = tuple(u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                    and urlparse(u).netloc != host)
    sizes = [(urlparse(name).path, int(size)) for name, size in resources]
    largest = tuple(sorted(sizes, key=lambda s: -s[1])[:5])
    return PageCost(page=page_path, bytes_total=int(nav_bytes) + sum(s for _, s in sizes),
                    requests=len(requests), first_paint_ms=fcp, figures=figures,
                    figures_drawn_ms=drawn_ms, errors=tuple(errors), offsite=offsite,
                    largest=largest)


def audit_site(site: Path, chromium: str, pages: Sequence[str] | None = None,
               **context) -> list[PageCost]:
    """Measure every page of a built site (or ``pages``) in headless Chromium at ``chromium``."""
    from playwright.sync_api import sync_playwright

    pages = list(pages) if pages is not None else site_pages(site)
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            return [measure_page(browser, url, rel, **context) for rel in pages]
        finally:
            browser.close()


def summary_table(costs: Sequence[PageCost], extra: dict[str, dict[str, object]] | None = None,
                  ) -> str:
    """A plain-text table, one row per page: errors, off-site requests, requests, MiB, first
    paint and figures drawn (ms); ``extra`` adds columns ({column: {page: value}})."""
    extra = extra or {}
    head = ["page", "errors", "off-site", "requests", "MiB", "paint ms", "figures ms",
            *extra]
    rows = []
    for c in costs:
        rows.append([c.page, str(len(c.errors)), str(len(c.offsite)), str(c.requests),
                     f"{c.mib:.2f}",
                     "-" if c.first_paint_ms is None else f"{c.first_paint_ms:.0f}",
                     "-" if c.figures_drawn_ms is None else f"{c.figures_drawn_ms:.0f}",
                     *[str(col.get(c.page, "-")) for col in extra.values()]])
    if costs:
        rows.append(["all pages (max)", str(sum(len(c.errors) for c in costs)),
                     str(sum(len(c.offsite) for c in costs)),
                     str(max(c.requests for c in costs)), f"{max(c.mib for c in costs):.2f}",
                     f"{max(c.first_paint_ms or 0 for c in costs):.0f}",
                     f"{max(c.figures_drawn_ms or 0 for c in costs):.0f}",
                     *[str(sum(v for v in col.values() if isinstance(v, int)))
                       for col in extra.values()]])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join(fmt.format(*r) for r in [head, *rows])
