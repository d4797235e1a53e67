"""The course's template overrides of the theme stay in step with the pinned theme."""

from __future__ import annotations

from pathlib import Path

import pydata_sphinx_theme
from support import ROOT

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
OVERRIDE = ROOT / "book" / "_templates" / "static" / "webpack-macros.html"


def test_webpack_macros_are_the_themes_without_fontawesome_js() -> None:
    """The override is the theme's own macro file with only the 1.4 MiB fontawesome.js script
    (and its comment) taken out: a theme upgrade that changes the macros fails here."""
    theirs = (THEME / "static" / "webpack-macros.html").read_text(encoding="utf-8").splitlines()
    ours = OVERRIDE.read_text(encoding="utf-8").splitlines()
    dropped = [line for line in theirs if line not in ours]
    added = [line for line in ours if line not in theirs]
    assert len(dropped) == 2 and "fontawesome.js" in dropped[1], dropped
    assert len(added) == 1 and "coursekit" in added[0], added
    assert "scripts/fontawesome.js" not in OVERRIDE.read_text(encoding="utf-8")


def test_the_theme_css_still_draws_the_icons_without_the_script() -> None:
    """The theme's CSS carries Font Awesome's classes and web fonts, so icons need no script."""
    css = (THEME / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".fa-bars:before" in css and "fa-solid-900.woff2" in css


def test_built_icon_fonts_hold_every_icon_a_page_uses(site_html: Path) -> None:
    """coursekit.icon_subset cut the fonts, and kept each icon class a page uses."""
    from fontTools.ttLib import TTFont

    from coursekit import icon_subset

    css = (site_html / icon_subset.DEFAULT_CSS).read_text(encoding="utf-8")
    classes, always = icon_subset.icon_codepoints(css)
    pages = [p for p in site_html.rglob("*.html") if "_static" not in p.parts]
    used = icon_subset.used_classes(pages) & set(classes)
    assert {"fa-bars", "fa-magnifying-glass", "fa-sun", "fa-moon"} <= used
    fonts = sorted((site_html / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    assert fonts
    held = set().union(*(TTFont(f).getBestCmap() for f in fonts))
    assert {classes[c] for c in used} | always <= held
    theirs = THEME / "static" / "vendor" / "fontawesome" / "webfonts"
    for font in fonts:
        assert font.stat().st_size < (theirs / font.name).stat().st_size / 4, font.name
