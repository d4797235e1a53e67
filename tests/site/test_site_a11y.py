"""Accessibility, print and search checks of the built site in headless Chromium.

* axe-core (bundled by axe-playwright-python, loaded from disk into the page) with its
  experimental rules switched on finds no serious or critical violation on any page, in the
  theme's light and dark colour modes, at 1280 px and 375 px.
* Printed at A4, a lesson is its article alone: every figure fits the printable width, and the
  "Show code cell source" bars, the sidebars and every button are left out.
* A search for "ischiofemoral" lists lessons, each with a snippet of its own text (not its
  table of contents).
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
from support import SITE_REPORT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

AXE_JS = str(files("axe_playwright_python").joinpath("axe.min.js"))
#: axe.run options: the rules axe runs by default plus every rule tagged "experimental"
#: (label-content-name-mismatch is one), violations only.
AXE_OPTIONS = ("{resultTypes: ['violations'], rules: Object.fromEntries("
               "axe.getRules(['experimental']).map(r => [r.ruleId, {enabled: true}]))}")
JS_AXE = f"""async () => (await axe.run(document, {AXE_OPTIONS})).violations.map(v => ({{
    id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}}))"""
#: axe-core impact levels that fail a page.
AXE_FAILING = ("serious", "critical")
MODES = ("light", "dark")
WIDTHS = (1280, 375)
#: pydata-sphinx-theme 0.17 keeps the chosen colour mode in localStorage ("mode": light, dark
#: or auto; "theme": the mode in use) and its inline script in <head> copies both to
#: <html data-mode data-theme> before the page is drawn; the theme switcher writes the same.
JS_SET_MODE = "localStorage.setItem('mode', '{0}'); localStorage.setItem('theme', '{0}');"
JS_FIGURES_DRAWN = (
    "() => document.readyState === 'complete' && Array.from(document.querySelectorAll("
    "'.plotly-graph-div')).every(g => g.querySelector('.main-svg'))")
#: pydata-sphinx-theme gives each box that scrolls (code, outputs, tables) tabindex 0.
JS_TAB_STOPS_SET = """() => Array.from(document.querySelectorAll(
  'pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, '
  + '.pst-scrollable-table-container')).every(el => el.tabIndex === 0
  || (el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight))"""

#: A4 is 210 mm wide; course.css prints with 15 mm margins: 180 mm = 680 CSS px (96 px/inch).
PRINT_WIDTH_PX = 680
A4_HEIGHT_PX = 1123
SEARCH_WORD = "ischiofemoral"


def _pages(site_html: Path) -> list[str]:
    """Every page of the site (not the generated index nor _static), the search page too."""
    pages = sorted(
        p.relative_to(site_html).as_posix()
        for p in site_html.glob("**/*.html")
        if not p.name.startswith(("genindex", "search")) and "_static" not in p.parts
    )
    return [*pages, "search.html"]


def _lessons(site_html: Path) -> list[str]:
    return sorted(p.relative_to(site_html).as_posix() for p in site_html.glob("notebooks/*.html"))


def _open(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(JS_FIGURES_DRAWN, timeout=30_000)


# --- axe ----------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
def test_no_serious_accessibility_violations_in_either_colour_mode(
    browser, site_url: str, site_html: Path, mode: str
) -> None:
    """axe-core, experimental rules on, finds no serious or critical violation on any page in
    the colour ``mode`` (set the way the theme stores it, with the browser's colour scheme to
    match) at 1280 px and 375 px. Each violation is reported as ``page mode width: rule
    impact nodes``."""
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=mode)
        context.add_init_script(JS_SET_MODE.format(mode))
        page = context.new_page()
        try:
            for rel in _pages(site_html):
                _open(page, f"{site_url}/{rel}")
                assert page.evaluate("document.documentElement.dataset.theme") == mode, rel
                # the theme makes scrolling boxes focusable in a debounced (300 ms) pass
                page.wait_for_function(JS_TAB_STOPS_SET, timeout=10_000)
                page.add_script_tag(path=AXE_JS)
                found = [
                    f"{rel} {mode} {width}: {v['id']} {v['impact']} "
                    f"{len(v['nodes'])} {v['nodes'][:3]}"
                    for v in page.evaluate(JS_AXE) if v["impact"] in AXE_FAILING
                ]
                # for the summary table at the end of the run (tests/conftest.py)
                SITE_REPORT["axe"][rel] = SITE_REPORT["axe"].get(rel, 0) + len(found)
                problems += found
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


def test_controls_are_named_by_what_they_show_in_the_built_html(site_html: Path) -> None:
    """The markup fixes are in the built HTML, before any script runs: bibliography entries
    are list items (coursekit.a11y_markup), "Show code cell source" toggles are named by
    their text (no aria-label), the search buttons' "Ctrl+K" is hidden from assistive
    technology and the colour-mode icons are decoration (book/_templates), and the print-only
    table of contents that Sphinx's search took its snippets from is gone."""
    problems = []
    for rel in _pages(site_html):
        text = (site_html / rel).read_text(encoding="utf-8")
        checks = {
            "a doc-biblioentry": 'role="doc-biblioentry"' in text,
            "a named summary": re.search(r"<summary[^>]*aria-label", text),
            "a spoken Ctrl+K": any(
                'class="search-button__kbd-shortcut" aria-hidden="true"' not in button
                for button in re.findall(r'<button class="btn search-button-field.*?</button>',
                                         text, re.DOTALL)),
            "a titled mode icon": re.search(r'<i class="theme-switch [^>]*title=', text),
            "a mode icon read aloud": re.search(
                r'<i class="theme-switch [^>]*data-mode="\w+"\s*>', text),
            "the print-only contents": 'id="jb-print-toc"' in text,
        }
        problems += [f"{rel}: {what}" for what, found in checks.items() if found]
    bibliography = (site_html / "book" / "bibliography.html").read_text(encoding="utf-8")
    assert 'class="citation" id=' in bibliography and 'role="listitem"' in bibliography
    assert problems == [], "\n".join(problems)


# --- print --------------------------------------------------------------------------------

JS_PRINT_LAYOUT = """() => {
  const art = document.querySelector('article.bd-article');
  const cs = getComputedStyle(art), box = art.getBoundingClientRect();
  const left = box.left + parseFloat(cs.paddingLeft);
  const right = box.right - parseFloat(cs.paddingRight);
  const shown = el => el.checkVisibility({checkVisibilityCSS: true}) &&
    el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + Array.from(el.classList).slice(0, 2).join('.') : '');
  const wide = [];
  art.querySelectorAll('.plotly-graph-div, svg, canvas, img, table').forEach(el => {
    if (!shown(el)) return;
    const r = el.getBoundingClientRect();
    if (r.left < left - 1 || r.right > right + 1)
      wide.push(`${name(el)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  });
  const furniture = ['button', 'summary', '.bd-header', '.bd-sidebar-primary',
    '.bd-sidebar-secondary', '.bd-header-article', '.prev-next-area', '.bd-footer',
    '.modebar-container', '.plotly-a11y-controls'];
  const printed = [];
  furniture.forEach(sel => document.querySelectorAll(sel).forEach(el => {
    if (shown(el)) printed.push(name(el));
  }));
  const h1 = art.querySelector('h1');
  return {column: [Math.round(left), Math.round(right)], wide, printed,
          title: !!h1 && shown(h1), scrollWidth: document.documentElement.scrollWidth,
          ink: getComputedStyle(art.querySelector('p')).color};
}"""
JS_WIDTHS = "() => Array.from(document.querySelectorAll('.js-plotly-plot'), g => " \
            "Math.round(g.getBoundingClientRect().width))"
#: Printing fires no resize event: Plotly's own resize listeners (config responsive) are
#: taken off, so the figures keep their screen width unless print.js redraws them.
JS_NO_RESIZE = """() => document.querySelectorAll('.js-plotly-plot').forEach(g => {
  if (g._responsiveChartHandler) window.removeEventListener('resize', g._responsiveChartHandler);
})"""


def test_lessons_print_at_a4_with_figures_inside_the_page(
    browser, site_url: str, site_html: Path
) -> None:
    """A lesson opened at 1280 px in the dark colour mode, then printed (print media, the A4
    printable width, the beforeprint event): the article fills the width, every figure, SVG,
    canvas, image and table lies within it, its text is dark ink, and no button, "Show code
    cell source" bar, sidebar or header is printed. After printing (afterprint) the page is
    dark again and the figures get their screen width back."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    context.add_init_script(JS_SET_MODE.format("dark"))
    page = context.new_page()
    problems = []
    try:
        for rel in _lessons(site_html):
            page.set_viewport_size({"width": 1280, "height": 900})
            page.emulate_media(media="screen")
            _open(page, f"{site_url}/{rel}")
            page.wait_for_timeout(500)
            screen = page.evaluate(JS_WIDTHS)
            page.evaluate(JS_NO_RESIZE)
            page.emulate_media(media="print")
            page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": A4_HEIGHT_PX})
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            page.wait_for_timeout(500)
            got = page.evaluate(JS_PRINT_LAYOUT)
            left, right = got["column"]
            if right - left < PRINT_WIDTH_PX - 40:
                problems.append(f"{rel}: the printed article is {right - left} px wide")
            problems += [f"{rel}: past the printed page: {w}" for w in got["wide"]]
            problems += [f"{rel}: printed: {p}" for p in got["printed"]]
            if not got["title"]:
                problems.append(f"{rel}: the lesson's title is not printed")
            if got["scrollWidth"] > PRINT_WIDTH_PX:
                problems.append(f"{rel}: the printed page is {got['scrollWidth']} px wide")
            if max(int(c) for c in re.findall(r"\d+", got["ink"])[:3]) > 100:
                problems.append(f"{rel}: the text prints in {got['ink']}, not dark ink")
            page.emulate_media(media="screen")
            page.set_viewport_size({"width": 1280, "height": 900})
            page.evaluate("window.dispatchEvent(new Event('afterprint'))")
            page.wait_for_timeout(800)
            after = page.evaluate(JS_WIDTHS)
            if page.evaluate("document.documentElement.dataset.theme") != "dark":
                problems.append(f"{rel}: not dark again after printing")
            if any(abs(a - b) > 2 for a, b in zip(after, screen, strict=True)):
                problems.append(f"{rel}: figure widths {screen} became {after} after printing")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


# --- search -------------------------------------------------------------------------------

JS_SNIPPETS_LOADED = """() => {
  const items = document.querySelectorAll('#search-results li');
  return items.length > 0 && Array.from(items).every(li => li.querySelector('p.context'));
}"""
JS_RESULTS = """() => Array.from(document.querySelectorAll('#search-results li'), li => [
  li.querySelector('a').getAttribute('href'), li.querySelector('p.context').textContent])"""
#: The words of a lesson's own text: its article's paragraphs and list items.
JS_LESSON_TEXT = """async (url) => {
  const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
  return Array.from(doc.querySelectorAll('article.bd-article p, article.bd-article li'),
    el => el.textContent).join(' ');
}"""


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _shares_a_run(snippet: list[str], text: list[str], run: int = 8) -> bool:
    grams = {tuple(text[i:i + run]) for i in range(len(text) - run + 1)}
    return any(tuple(snippet[i:i + run]) in grams for i in range(len(snippet) - run + 1))


def test_search_snippets_show_the_lessons_own_text(
    browser, site_url: str, site_html: Path
) -> None:
    """search.html?q=ischiofemoral lists lessons; every lesson's snippet holds the word and a
    run of 8 words from the lesson's paragraphs, and does not start with its table of
    contents."""
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/search.html?q={SEARCH_WORD}", wait_until="networkidle")
        page.wait_for_function(JS_SNIPPETS_LOADED, timeout=30_000)
        lessons = [(href, snippet) for href, snippet in page.evaluate(JS_RESULTS)
                   if href.split("#")[0].startswith("notebooks/")]
        assert lessons, "no lesson found"
        problems = []
        for href, snippet in lessons:
            text = page.evaluate(JS_LESSON_TEXT, f"{site_url}/{href.split('#')[0]}")
            words = _words(snippet)
            if SEARCH_WORD not in words or words[:1] == ["contents"] or not _shares_a_run(
                    words, _words(text)):
                problems.append(f"{href}: {snippet!r}")
        assert problems == [], "\n".join(problems)
    finally:
        page.close()
