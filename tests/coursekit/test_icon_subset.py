"""coursekit.icon_subset: the theme's icon fonts cut to the icons a site uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from coursekit import icon_subset

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / \
    "static"
SOLID = THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"

CSS = (
    '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
    '.fa-moon:before{content:"\\f186"}'
    ':root{--pst-icon-bell:"\uf0f3"}'
    '.admonition>.title:after{content:"\\f05a";font-family:x}'
    '.plain{color:red}'
)


def test_css_gives_class_code_points_and_the_glyphs_it_shows_itself() -> None:
    classes, always = icon_subset.icon_codepoints(CSS)
    assert classes == {"fa-bars": 0xF0C9, "fa-navicon": 0xF0C9, "fa-moon": 0xF186}
    assert always == {0xF0F3, 0xF05A}  # a custom property (a literal glyph) and a rule's content


def test_icon_classes_are_read_from_class_attributes_only(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text('<i class="fa-solid fa-bars"></i><p>fa-moon in text</p>'
                    '<span class="x fa-lg"></span>', encoding="utf-8")
    assert icon_subset.used_classes([page]) == {"fa-solid", "fa-bars", "fa-lg"}


def test_a_site_keeps_exactly_the_icons_its_pages_and_css_use(tmp_path: Path) -> None:
    site = tmp_path / "html"
    (site / "_static" / "styles").mkdir(parents=True)
    (site / "_static" / "styles" / "pydata-sphinx-theme.css").write_text(CSS, encoding="utf-8")
    fonts = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    fonts.mkdir(parents=True)
    shutil.copy(SOLID, fonts / SOLID.name)
    (site / "index.html").write_text('<i class="fa-solid fa-bars"></i>', encoding="utf-8")
    sizes = icon_subset.subset_site(site)
    before, after = sizes[f"_static/vendor/fontawesome/webfonts/{SOLID.name}"]
    assert after < before / 10
    kept = set(TTFont(fonts / SOLID.name).getBestCmap())
    assert kept == {0xF0C9, 0xF0F3, 0xF05A}  # the page's bars, the CSS's bell and info icons
    assert not list(fonts.glob(".*.tmp"))  # written atomically, nothing left behind
    assert (fonts / SOLID.name).stat().st_mode & 0o777 == SOLID.stat().st_mode & 0o777


def test_a_site_without_the_theme_css_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    assert icon_subset.subset_site(tmp_path) == {}
