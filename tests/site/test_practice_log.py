"""The practice log page (book/practice_log.md, book/_site_static/practice-log.js) in Chromium.

The built site is served on 127.0.0.1 as in ``test_site_browser.py``: from the shared
``site_html`` fixture, or from ``$PRACTICE_LOG_SITE`` (an html folder built elsewhere, e.g.
``/tmp/jb_log/_build/html``) when that is set. Every visit records console errors and
requests to other hosts; both fail the test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from support import serve_directory

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
PAGE = "book/practice_log.html"
KEY = "hipcourse-practice-log"
HEADER = ("date,stage,hold_seconds,holds,ir_left_deg,ir_right_deg,position,"
          "chair_stands_30s,note")


def _entry(date: str, **values) -> dict:
    base = {"date": date, "stage": 1, "holdSeconds": 30, "holds": 5, "irLeft": 30,
            "irRight": 33, "position": "seated", "chairStands": 12, "note": "", "id": date}
    return {**base, **values}


SEED = [_entry("2026-10-01", note="stiff, but fine"),
        _entry("2026-10-15", stage=2, irLeft=33.5, irRight=35, chairStands=13, note="=1+1")]


@pytest.fixture(scope="module")
def log_site(request) -> Path:
    override = os.environ.get("PRACTICE_LOG_SITE")
    return Path(override) if override else request.getfixturevalue("site_html")


@pytest.fixture(scope="module")
def site_url(log_site: Path) -> Iterator[str]:
    with serve_directory(log_site) as url:
        yield url


class Visit:
    """The log page in a fresh browser context (empty localStorage), errors recorded."""

    def __init__(self, browser, base: str, seed: list[dict] | None = None, **context) -> None:
        self.base = base
        self.context = browser.new_context(accept_downloads=True, locale="en-US", **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.offsite: list[str] = []
        host = urlparse(base).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: r.status >= 400
                     and self.errors.append(f"HTTP {r.status}: {r.url}"))
        self.page.on("request", lambda r: urlparse(r.url).scheme in ("http", "https")
                     and urlparse(r.url).netloc != host and self.offsite.append(r.url))
        self.page.goto(f"{base}/{PAGE}", wait_until="networkidle")
        if seed is not None:
            self.page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                               [KEY, json.dumps({"version": 1, "entries": seed})])
            self.reload()
        self.page.locator("#pl-app").wait_for(state="visible")

    def reload(self) -> None:
        self.page.reload(wait_until="networkidle")

    def stored(self) -> str | None:
        return self.page.evaluate("(k) => localStorage.getItem(k)", KEY)

    def entries(self) -> list[dict]:
        return json.loads(self.stored() or '{"entries": []}')["entries"]

    def rows(self) -> list[str]:
        return self.page.locator("#pl-table tbody tr[data-id] th").all_inner_texts()

    def import_csv(self, text: str, name: str = "log.csv") -> str:
        self.page.set_input_files("#pl-import-file", files=[
            {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}])
        message = self.page.locator("#pl-import-message")
        message.wait_for(state="visible")
        self.page.wait_for_function(
            "() => document.querySelector('#pl-import-message').textContent.length > 0")
        return message.inner_text()

    def live(self, starts: str) -> str:
        """The polite live region's text, once it starts with ``starts``."""
        self.page.wait_for_function(
            "(s) => document.querySelector('#pl-live').textContent.startsWith(s)", arg=starts)
        return self.page.locator("#pl-live").text_content()

    def close(self) -> None:
        assert self.errors == [], self.errors
        assert self.offsite == [], self.offsite
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    opened: list[Visit] = []

    def open_(**kw) -> Visit:
        opened.append(Visit(browser, site_url, **kw))
        return opened[-1]

    yield open_
    for v in opened:
        v.close()


def _type_date(page, iso: str) -> None:
    """Type a date into the focused <input type=date> (en-US: month, day, year)."""
    y, m, d = iso.split("-")
    page.keyboard.type(m + d + y)


def _tab_to(page, selector: str, limit: int = 8) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _add_by_keyboard(page, date: str, stage_steps: int, hold: str, holds: str, left: str,
                     right: str, chair: str, note: str) -> None:
    page.locator("#pl-date").focus()
    _type_date(page, date)
    assert page.locator("#pl-date").input_value() == date
    _tab_to(page, "input[name=stage]")
    for _ in range(stage_steps):
        page.keyboard.press("ArrowRight")
    for selector, text in (("#pl-hold", hold), ("#pl-holds", holds), ("#pl-ir-left", left),
                           ("#pl-ir-right", right)):
        _tab_to(page, selector)
        page.keyboard.type(text)
    _tab_to(page, "input[name=position]")
    page.keyboard.press("Space")  # the first choice: seated
    _tab_to(page, "#pl-chair")
    page.keyboard.type(chair)
    _tab_to(page, "#pl-note")
    page.keyboard.type(note)
    _tab_to(page, "#pl-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#pl-form-message').textContent.startsWith('Saved')")


def test_two_entries_by_keyboard_survive_a_reload_and_are_plotted(visit) -> None:
    v = visit()
    page = v.page
    _add_by_keyboard(page, "2026-11-02", 1, "30", "5", "31", "34", "11", "first week")
    _add_by_keyboard(page, "2026-11-16", 2, "30", "6", "33.5", "36", "13", "easier")
    assert v.live("Saved the entry for 2026-11-16.") == (
        "Saved the entry for 2026-11-16. The log has 2 entries.")
    v.reload()
    assert v.rows() == ["2026-11-16", "2026-11-02"]  # newest first
    first = page.locator("#pl-table tbody tr").first.locator("td").all_inner_texts()
    assert first[:8] == ["2", "30", "6", "33.5", "36", "seated", "13", "easier"]
    stored = v.entries()
    assert [(e["date"], e["stage"], e["irLeft"], e["position"]) for e in stored] == [
        ("2026-11-02", 1, 31, "seated"), ("2026-11-16", 2, 33.5, "seated")]
    chart = page.locator("#pl-chart")
    assert chart.get_attribute("role") == "img"
    # two points for each of left seated, right seated and the chair-stand count
    assert chart.locator(".pl-s-left-seated .pl-point").count() == 2
    assert chart.locator(".pl-s-right-seated .pl-point").count() == 2
    assert chart.locator(".pl-s-chair .pl-point").count() == 2
    assert chart.locator(".pl-s-left-prone .pl-point").count() == 0
    label = chart.get_attribute("aria-label")
    assert "Left hip, seated from 31° on 2026-11-02 to 33.5° on 2026-11-16" in label
    assert "Chair stands in 30 seconds: from 11" in label
    assert "Internal rotation (degrees)" in chart.text_content()


def test_bad_form_input_gets_a_message_next_to_the_field_and_keeps_the_text(visit) -> None:
    v = visit()
    page = v.page
    page.fill("#pl-ir-left", "200")
    page.fill("#pl-note", "my note")
    page.click("#pl-form button[type=submit]")
    error = page.locator("#pl-irLeft-error")
    assert "from 0 to 90 degrees" in error.inner_text()
    assert page.get_attribute("#pl-ir-left", "aria-invalid") == "true"
    assert "pl-irLeft-error" in page.get_attribute("#pl-ir-left", "aria-describedby")
    assert "seated or prone" in page.locator("#pl-position-error").inner_text()
    assert page.evaluate("() => document.activeElement.id") == "pl-ir-left"
    assert page.input_value("#pl-ir-left") == "200" and page.input_value("#pl-note") == "my note"
    assert v.stored() is None
    # fixing the fields saves the entry and clears the messages
    page.fill("#pl-ir-left", "40")
    page.check("input[name=position][value=prone]")
    page.click("#pl-form button[type=submit]")
    page.wait_for_function("(k) => localStorage.getItem(k) !== null", arg=KEY)
    assert page.get_attribute("#pl-ir-left", "aria-invalid") is None
    assert v.entries()[0]["irLeft"] == 40 and v.entries()[0]["position"] == "prone"
    assert page.locator("#pl-chart .pl-s-left-prone .pl-point").count() == 1


def test_export_writes_the_documented_csv(visit) -> None:
    v = visit(seed=SEED)
    with v.page.expect_download() as info:
        v.page.click("#pl-export")
    download = info.value
    assert download.suggested_filename.startswith("practice-log-")
    text = Path(download.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines == [
        HEADER,
        '2026-10-01,1,30,5,30,33,seated,12,"stiff, but fine"',
        "2026-10-15,2,30,5,33.5,35,seated,13,'=1+1",
        "",
    ]


BAD_FILES = {
    "wrong header": ("date,stage,holds\n2026-10-20,1,5\n", "Row 1 (the header)"),
    "bad date": (f"{HEADER}\n2026-02-30,1,30,5,30,30,seated,10,\n", "Row 2, column date"),
    "IR 200": (f"{HEADER}\n2026-10-20,1,30,5,200,30,seated,10,\n",
               "Row 2, column ir_left_deg: “200”: Left internal rotation must be a number"),
    "count 61": (f"{HEADER}\n2026-10-20,1,30,5,30,30,seated,61,\n",
                 "Row 2, column chair_stands_30s"),
    "stage 4": (f"{HEADER}\n2026-10-20,4,30,5,30,30,seated,10,\n", "Row 2, column stage"),
    "good row then bad row": (
        f"{HEADER}\n2026-10-20,1,30,5,30,30,seated,10,\n2026-10-21,1,30,5,30,30,sideways,10,\n",
        "Row 3, column position"),
    "missing column": (f"{HEADER}\n2026-10-20,1,30,5,30,30,seated,10\n",
                       "Row 2 has 8 values; it needs 9"),
    "open quote": (f'{HEADER}\n2026-10-20,1,30,5,30,30,seated,10,"oops\n', "no closing"),
    "empty": ("", "The file is empty"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_csv_names_the_row_and_changes_nothing(visit, case: str) -> None:
    v = visit(seed=SEED)
    before = v.stored()
    rows_before = v.rows()
    text, expected = BAD_FILES[case]
    message = v.import_csv(text, name="bad.csv")
    assert message.startswith("Not imported: bad.csv.")
    assert expected in message
    assert message.endswith("Nothing was changed.")
    assert v.page.get_attribute("#pl-import-file", "aria-invalid") == "true"
    assert v.stored() == before
    assert v.rows() == rows_before
    v.reload()
    assert v.stored() == before and v.rows() == rows_before


def test_a_good_csv_merges_without_duplicates(visit) -> None:
    v = visit(seed=SEED)
    good = "\r\n".join([
        HEADER,
        '2026-10-01,1,30,5,30,33,seated,12,"stiff, but fine"',  # already in the log
        "2026-10-29,3,30,4,,,,,hands and knees",
        "2026-10-29,3,30,4,,,,,hands and knees",  # twice in the file
        "2026-11-05,0,,,36,38,prone,,'-sore? no",
    ]) + "\r\n"
    message = v.import_csv(good)
    assert message == ("Imported 2 new entries from log.csv; 2 were already in the log and "
                       "were skipped.")
    assert v.rows() == ["2026-11-05", "2026-10-29", "2026-10-15", "2026-10-01"]
    added = {e["date"]: e for e in v.entries()}
    assert added["2026-11-05"]["note"] == "-sore? no"
    assert added["2026-11-05"]["irLeft"] == 36 and added["2026-11-05"]["position"] == "prone"
    assert added["2026-10-29"]["irLeft"] is None and added["2026-10-29"]["stage"] == 3
    assert v.page.locator("#pl-chart .pl-s-left-prone .pl-point").count() == 1
    # the same file again adds nothing; an export imports back to the same log
    assert v.import_csv(good).startswith("Imported 0 new entries")
    with v.page.expect_download() as info:
        v.page.click("#pl-export")
    exported = Path(info.value.path()).read_bytes().decode("utf-8")
    before = v.stored()
    assert v.import_csv(exported).startswith("Imported 0 new entries")
    assert v.stored() == before and len(v.entries()) == 4


def test_delete_asks_first_and_removes_one_entry(visit) -> None:
    v = visit(seed=SEED)
    page = v.page
    page.once("dialog", lambda d: d.dismiss())
    page.click("#pl-table tbody tr >> nth=0 >> button.pl-delete")
    assert len(v.entries()) == 2
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete the entry of 2026-10-15").click()
    page.wait_for_function("(k) => JSON.parse(localStorage.getItem(k)).entries.length === 1",
                           arg=KEY)
    assert v.rows() == ["2026-10-01"]
    assert v.live("Deleted the entry of 2026-10-15.")
    v.reload()
    assert v.rows() == ["2026-10-01"]


def test_fits_a_375_px_phone(visit) -> None:
    v = visit(seed=SEED, viewport={"width": 375, "height": 812}, is_mobile=True,
              has_touch=True)
    page = v.page
    width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1] + 1, width
    box = page.locator("#pl-chart").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 376
    for selector in ("#pl-date", "#pl-note", "#pl-import-file", "#pl-export"):
        b = page.locator(selector).bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 376, selector


def test_print_shows_the_table_and_chart_only(visit) -> None:
    v = visit(seed=SEED)
    v.page.emulate_media(media="print")
    assert not v.page.locator("#pl-form").is_visible()
    assert not v.page.locator("#pl-export").is_visible()
    assert not v.page.locator("button.pl-delete").first.is_visible()
    assert v.page.locator("#pl-table").is_visible()
    assert v.page.locator("#pl-chart").is_visible()


def test_no_serious_accessibility_violations(visit) -> None:
    from importlib.resources import files

    axe_js = str(files("axe_playwright_python").joinpath("axe.min.js"))
    for context in ({}, {"viewport": {"width": 375, "height": 812}}):
        v = visit(seed=SEED, **context)
        v.page.click("#pl-form button[type=submit]")  # shows an error message
        v.page.wait_for_timeout(1000)  # the theme's debounced pass over scrollable boxes
        assert v.errors == []
        v.page.add_script_tag(path=axe_js)
        found = v.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']}))"
            ".violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target)])")
        assert [f for f in found if f[1] in ("serious", "critical")] == []
        # axe re-reads the theme's stylesheets and asks for an @import-ed basic.css at the
        # wrong address; that 404 is axe's, not the page's
        v.errors.clear()


def test_the_script_is_quiet_on_other_pages(visit, log_site: Path) -> None:
    v = visit()
    script = log_site / "_static" / "practice-log.js"
    assert script.is_file()
    v.page.goto(f"{v.base}/book/intro.html", wait_until="networkidle")
    v.page.add_script_tag(path=str(script))
    v.page.wait_for_timeout(300)
    assert v.page.evaluate("(k) => localStorage.getItem(k)", KEY) is None


def test_a_damaged_saved_log_is_never_overwritten(visit) -> None:
    v = visit()
    v.page.evaluate("(k) => localStorage.setItem(k, '{not json')", KEY)
    v.reload()
    assert "could not be read" in v.page.locator("#pl-storage-message").inner_text()
    v.page.fill("#pl-note", "a note")
    v.page.click("#pl-form button[type=submit]")
    assert v.page.locator("#pl-form-message").inner_text().startswith("Not saved:")
    assert v.import_csv(f"{HEADER}\n2026-10-20,1,30,5,,,,,x\n").startswith("Not imported:")
    assert v.stored() == "{not json"
    assert v.page.input_value("#pl-note") == "a note"


def test_without_javascript_the_page_says_it_needs_it(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{PAGE}")
        assert "needs JavaScript" in page.locator(".pl-noscript").inner_text()
        assert not page.locator("#pl-app").is_visible()
    finally:
        context.close()


def test_the_page_references_no_other_host(log_site: Path) -> None:
    from coursekit import offline

    assert offline.scan_html(log_site / PAGE) == []
    assert offline.scan_css(log_site / "_static" / "practice-log.css") == []
