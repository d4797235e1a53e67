"""The built site references no other host; the scanner itself is tested on samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursekit import offline


def _scan(tmp_path: Path, html: str) -> list[offline.OffsiteRef]:
    page = tmp_path / "p.html"
    page.write_text(html, encoding="utf-8")
    return offline.scan_html(page)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.example.com/x.js"></script>',
        '<script src="//cdn.example.com/x.js"></script>',
        '<link rel="stylesheet" href="https://fonts.example.com/a.css">',
        '<img src="http://example.org/a.png" alt="a">',
        '<img srcset="a.png 1x, https://example.org/b.png 2x" alt="a">',
        '<iframe src="https://www.example.com/embed"></iframe>',
        '<iframe src="local.html"></iframe>',
        '<style>body { background: url("https://example.org/bg.png") }</style>',
        "<style>@import 'https://example.org/x.css';</style>",
        '<div style="background:url(//example.org/i.png)"></div>',
        '<script>var s=document.createElement("script"); s.src="https://unpkg.com/x.js";</script>',
        "<script>require.config({paths: {d3: 'https://cdn.example.com/d3'}})</script>",
    ],
)
def test_offsite_loads_are_found(tmp_path: Path, html: str) -> None:
    assert len(_scan(tmp_path, html)) == 1


@pytest.mark.parametrize(
    "html",
    [
        '<script src="_static/x.js"></script>',
        '<link rel="stylesheet" href="../_static/a.css">',
        '<a href="https://doi.org/10.1016/x">a paper</a>',
        '<link rel="canonical" href="https://example.org/page.html">',
        '<img src="data:image/png;base64,AAAA" alt="dot">',
        "<style>.a { background: url(../img/a.svg) }</style>",
        '<script type="application/vnd.jupyter.widget-state+json">{"u": "https://x.org/a"}</script>',
        "<script>var note = 'see docs';</script>",
    ],
)
def test_local_or_non_loading_references_pass(tmp_path: Path, html: str) -> None:
    assert _scan(tmp_path, html) == []


def test_css_files_are_scanned(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("p{}\n@font-face{src:url(https://fonts.example/f.woff2)}\n")
    found = offline.scan_site(tmp_path)
    assert [(f.line, f.url) for f in found] == [(2, "https://fonts.example/f.woff2")]


def test_built_site_has_no_offsite_references(site_html: Path) -> None:
    found = offline.scan_site(site_html)
    assert found == [], "\n".join(map(str, found[:20]))


def test_built_site_embeds_no_frozen_widgets(site_html: Path) -> None:
    """Widget state on a page would render controls that do nothing without a kernel
    (and load the widget manager); live-kernel cells must not ship their state."""
    pages = [
        p
        for p in site_html.rglob("*.html")
        if "application/vnd.jupyter.widget-state+json" in p.read_text(encoding="utf-8")
    ]
    assert pages == []


def test_plotly_figures_load_local_plotly_js_only_where_needed(site_html: Path) -> None:
    lesson = next(site_html.glob("notebooks/01_*.html"))
    text = lesson.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in text
    assert "_static/plotly/plotly-2d.min.js" in text  # the partial bundle its figures need
    assert (site_html / "_static" / "plotly" / "plotly-2d.min.js").is_file()
    intro = (site_html / "book" / "intro.html").read_text(encoding="utf-8")
    assert "/plotly/" not in intro


def test_vendored_manifest_is_published_with_the_site(site_html: Path) -> None:
    manifest = json.loads((site_html / "_static" / "MANIFEST.json").read_text())
    assert any(f["package"] == "mathjax" for f in manifest["files"])


def test_site_root_serves_the_favicon(site_html: Path) -> None:
    """The root index.html is a bare redirect with no icon link, so browsers ask for
    /favicon.ico; the site serves the icon drawn by hipcourse.favicon there."""
    from hipcourse.favicon import DEFAULT_PATH

    assert "rel=\"icon\"" not in (site_html / "index.html").read_text(encoding="utf-8")
    assert (site_html / "favicon.ico").read_bytes() == DEFAULT_PATH.read_bytes()
