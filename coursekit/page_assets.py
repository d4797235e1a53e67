"""Load MathJax only on pages that have math of their own (a Sphinx extension).

Sphinx adds MathJax to a page when the page *or any page in its toctree* has an equation
(``MathDomain.has_equations``), and to every page when an extension sets the assets policy to
``"always"``. So a book's front page, whose toctree holds the whole book, loads MathJax
(about 1.1 MiB) although it shows no math. This extension runs after Sphinx's own hook and
removes MathJax and its configuration script from any page whose doctree has no math node.

Enable with ``extensions: [..., coursekit.page_assets]``; nothing to configure.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

#: After sphinx.ext.mathjax's html-page-context hook (priority 500).
PRIORITY = 900


def has_math(doctree: nodes.Node | None) -> bool:
    """True if ``doctree`` holds inline or display math."""
    if doctree is None:
        return False
    return any(True for _ in doctree.findall(
        lambda n: isinstance(n, nodes.math | nodes.math_block)))


def _is_mathjax(script: Any, mathjax_path: str) -> bool:
    filename = getattr(script, "filename", script)
    body = (getattr(script, "attributes", None) or {}).get("body") or ""
    # a relative mathjax_path is served from _static/
    named = bool(mathjax_path) and filename in (mathjax_path, f"_static/{mathjax_path}")
    return named or "window.MathJax" in body or "MathJax.Hub.Config" in body


def drop_unused_mathjax(app, pagename: str, templatename: str, context: dict[str, Any],
                        doctree: nodes.Node | None) -> None:
    """html-page-context hook: take MathJax off a page without math of its own."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list) or has_math(doctree):
        return
    mathjax_path = getattr(app.config, "mathjax_path", "") or ""
    scripts[:] = [s for s in scripts if not _is_mathjax(s, mathjax_path)]


def setup(app) -> dict[str, Any]:
    """Sphinx extension hook."""
    app.connect("html-page-context", drop_unused_mathjax, priority=PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
