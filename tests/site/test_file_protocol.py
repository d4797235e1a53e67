"""The built site opened from its files (``file://``, as from the unzipped course-site.zip).

Every page must open with a clean console and load nothing from any host. Search and the
notebook download cannot fully work from a file (browsers refuse a page reading other files),
so each must either work or say how to serve the site (``python3 -m http.server -d ...``):
``book/_site_static/offline.js``. Served over http, the download button saves the lesson
notebook, with its outputs and the note that opens it (``coursekit.downloads``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
import yaml
from support import ROOT, serve_directory

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]
SERVE = "python3 -m http.server -d"


def _pages(site_html: Path) -> list[Path]:
    return sorted(p for p in site_html.glob("**/*.html") if "_static" not in p.parts)


def _lesson(site_html: Path) -> Path:
    return next(iter(sorted(site_html.glob("notebooks/*.html"))))


def _axe_problems(page, selector: str) -> list[str]:
    """Serious or critical axe-core violations inside ``selector`` (axe from disk)."""
    import axe_playwright_python

    page.evaluate((Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text())
    found = page.evaluate(f"axe.run({{include: [{selector!r}]}}).then(r => r.violations"
                          ".map(v => [v.id, v.impact]))")
    return [f"{rule} ({impact})" for rule, impact in found if impact in ("serious", "critical")]


def _open(browser, url: str, **context):
    """A fresh context and page on ``url``; the page's console errors, page errors, failed
    requests and requests to any host are gathered in the returned list."""
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    home = urlparse(url).netloc  # "" for file://: then no host at all is allowed

    def on_request(request) -> None:
        where = urlparse(request.url)
        if where.scheme in ("http", "https", "ws", "wss") and where.netloc != home:
            problems.append(f"request to another host: {request.url}")

    page.on("request", on_request)
    page.goto(url, wait_until="load")
    return ctx, page, problems


def test_every_page_opened_from_a_file_has_a_clean_console(browser, site_html: Path) -> None:
    problems = []
    urls = [p.as_uri() for p in _pages(site_html)]
    urls.append((site_html / "search.html").as_uri() + "?q=ischiofemoral")
    for url in urls:
        ctx, page, found = _open(browser, url)
        try:
            if "search.html?" in url:
                page.locator("#search-results .search-summary").wait_for(timeout=20_000)
            page.wait_for_timeout(300)  # late errors (deferred scripts, figures)
            problems += [f"{url.removeprefix(site_html.as_uri())}: {f}" for f in found]
        finally:
            ctx.close()
    assert problems == []


def test_search_from_a_file_finds_the_lessons_and_says_how_to_get_snippets(
        browser, site_html: Path) -> None:
    url = (site_html / "search.html").as_uri() + "?q=ischiofemoral"
    ctx, page, problems = _open(browser, url)
    try:
        page.locator("#search-results .search-summary").wait_for(timeout=20_000)
        hrefs = page.eval_on_selector_all("#search-results li a",
                                          "els => els.map(a => a.getAttribute('href'))")
        assert any(h.startswith("notebooks/") for h in hrefs), hrefs
        snippets = page.locator("#search-results li p.context").count()
        note = page.locator("#coursekit-offline-search")
        if snippets == 0:
            assert note.is_visible()
            assert f"{SERVE} '{site_html}'" in note.inner_text()
            site_problems = list(problems)  # axe itself reads stylesheets, refused on file://
            assert _axe_problems(page, "#coursekit-offline-search") == []
            problems[:] = site_problems
        assert problems == []
    finally:
        ctx.close()


def test_download_button_from_a_file_saves_or_says_how_to_serve(browser, site_html: Path) -> None:
    lesson = _lesson(site_html)
    ctx, page, problems = _open(browser, lesson.as_uri(), accept_downloads=True)
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    try:
        page.get_by_role("button", name="Download this page").click()
        link = page.locator("a.btn-download-source-button")
        assert link.get_attribute("href").endswith(".ipynb")
        link.click()
        page.wait_for_timeout(500)
        assert [p.url for p in ctx.pages] == [lesson.as_uri()]  # no tab of raw JSON
        if not downloads:
            note = page.locator("#coursekit-offline-download")
            assert note.is_visible()
            assert f"{SERVE} '{site_html}'" in note.inner_text()
            site_problems = list(problems)  # axe itself reads stylesheets, refused on file://
            assert _axe_problems(page, "#coursekit-offline-download") == []
            problems[:] = site_problems
        assert problems == []
    finally:
        ctx.close()


def test_download_button_over_http_saves_a_notebook_that_stands_alone(
        browser, site_html: Path, tmp_path: Path) -> None:
    repository = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))[
        "repository"]["url"]
    lesson = _lesson(site_html)
    with serve_directory(site_html) as base:
        url = f"{base}/{lesson.relative_to(site_html).as_posix()}"
        ctx, page, problems = _open(browser, url, accept_downloads=True)
        try:
            page.get_by_role("button", name="Download this page").click()
            with page.expect_download() as info:
                page.locator("a.btn-download-source-button").click()
            saved = tmp_path / info.value.suggested_filename
            info.value.save_as(saved)
            assert saved.name == lesson.with_suffix(".ipynb").name
            assert page.locator("#coursekit-offline-download").count() == 0
            assert problems == []
        finally:
            ctx.close()
    nb = nbformat.read(saved, as_version=4)
    note = nb.cells[0]
    assert note.cell_type == "markdown"
    assert repository in note.source and "pip install -e ." in note.source
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
