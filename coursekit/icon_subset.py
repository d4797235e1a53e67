"""Cut the theme's icon fonts down to the icons the built site uses (a Sphinx extension).

pydata-sphinx-theme draws its icons with Font Awesome's CSS and web fonts; the solid font
alone is about 150 KiB, and every page loads it for the dozen icons a book shows. After an
HTML build this extension reads which icon classes the pages use (``fa-bars``,
``fa-magnifying-glass``, ...), looks up each one's code point in the theme's CSS, adds the
code points the CSS itself shows (``--pst-icon-*`` variables, e.g. admonition icons), and
rewrites each web font in the output with only those glyphs (fontTools; woff2 needs Brotli).
The theme's CSS is unchanged, so every icon still renders; a test checks the built fonts
hold every icon a page uses.

Settings (``sphinx.config`` in ``_config.yml``), paths relative to the output folder:

``icon_subset_css``
    The stylesheet that maps icon classes to code points
    (default ``_static/styles/pydata-sphinx-theme.css``).
``icon_subset_fonts``
    Glob patterns of the fonts to cut (default ``_static/vendor/fontawesome/webfonts/*.woff2``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .nbio import atomic_write

DEFAULT_CSS = "_static/styles/pydata-sphinx-theme.css"
DEFAULT_FONTS = ["_static/vendor/fontawesome/webfonts/*.woff2"]

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
#: a glyph in CSS: an escape ("\\f0c9") or the character itself (private use area)
_GLYPH = r'"(\\[0-9a-fA-F]{4,5}|[\ue000-\uf8ff])"'
_CONTENT = re.compile(r"content:\s*" + _GLYPH)
_ICON_SELECTOR = re.compile(r"^\s*\.(fa-[a-z0-9-]+):(?::)?(?:before|after)\s*$")
_CSS_VAR_GLYPH = re.compile(r"--[a-z0-9-]+:\s*" + _GLYPH)
_CLASS_ATTR = re.compile(r'class\s*=\s*"([^"]*)"')


def _point(glyph: str) -> int:
    return int(glyph[1:], 16) if glyph.startswith("\\") else ord(glyph)


def icon_codepoints(css: str) -> tuple[dict[str, int], set[int]]:
    """Read a stylesheet: (icon class -> code point, code points the CSS shows by itself).

    The first maps ``.fa-x:before { content: "\\f0c9" }`` rules; the second holds glyphs in
    custom properties (``--pst-icon-bell: "\\f0f3"``) and in ``content`` of any other rule.
    """
    classes: dict[str, int] = {}
    always: set[int] = {_point(g) for g in _CSS_VAR_GLYPH.findall(css)}
    for selectors, body in _RULE.findall(css):
        found = _CONTENT.search(body)
        if not found:
            continue
        point = _point(found.group(1))
        names = [_ICON_SELECTOR.match(s) for s in selectors.split(",")]
        if all(names):
            classes.update({m.group(1): point for m in names})
        else:
            always.add(point)
    return classes, always


def used_classes(html_files: Iterable[Path]) -> set[str]:
    """Every ``fa-*`` class name in the ``class`` attributes of the given HTML files."""
    used: set[str] = set()
    for path in html_files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for attr in _CLASS_ATTR.findall(text):
            used.update(token for token in attr.split() if token.startswith("fa-"))
    return used


def subset_font(path: Path, codepoints: set[int]) -> tuple[int, int]:
    """Rewrite the font at ``path`` (atomically, :func:`coursekit.nbio.atomic_write`) with
    only ``codepoints``; return its size before and after, in bytes."""
    from fontTools import subset

    before = path.stat().st_size
    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else ("woff" if path.suffix == ".woff"
                                                             else None)
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    keep = codepoints & set(font.getBestCmap() or {})
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    atomic_write(path, out.getvalue())  # keeps the file's mode and owner
    return before, path.stat().st_size


def subset_site(outdir: Path, css_rel: str = DEFAULT_CSS,
                font_globs: Iterable[str] = DEFAULT_FONTS) -> dict[str, tuple[int, int]]:
    """Cut every font matching ``font_globs`` in a built site to the icons its pages use;
    return {font path: (bytes before, bytes after)}. Nothing happens without the CSS."""
    css_path = outdir / css_rel
    if not css_path.is_file():
        return {}
    classes, always = icon_codepoints(css_path.read_text(encoding="utf-8"))
    pages = [p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts]
    wanted = always | {classes[c] for c in used_classes(pages) if c in classes}
    sizes = {}
    for pattern in font_globs:
        for font in sorted(outdir.glob(pattern)):
            sizes[font.relative_to(outdir).as_posix()] = subset_font(font, wanted)
    return sizes


def _on_build_finished(app, exception: Exception | None) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    from sphinx.util import logging

    try:
        import brotli  # noqa: F401  (fontTools needs it to write woff2)
        import fontTools  # noqa: F401
    except ImportError as exc:
        logging.getLogger(__name__).warning(
            "coursekit.icon_subset: %s; icon fonts left whole (pip install fonttools brotli)",
            exc)
        return
    sizes = subset_site(Path(app.outdir), app.config.icon_subset_css,
                        app.config.icon_subset_fonts)
    before = sum(b for b, _ in sizes.values())
    after = sum(a for _, a in sizes.values())
    logging.getLogger(__name__).info(
        "coursekit.icon_subset: %d icon fonts cut from %d to %d bytes", len(sizes), before, after)


def setup(app) -> dict[str, Any]:
    """Sphinx extension hook."""
    app.add_config_value("icon_subset_css", DEFAULT_CSS, "html")
    app.add_config_value("icon_subset_fonts", list(DEFAULT_FONTS), "html")
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
