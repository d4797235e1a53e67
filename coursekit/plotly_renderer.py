"""A myst-nb mime renderer for Plotly figures, using a self-hosted plotly.js.

Plotly 6+ displays a figure in a notebook as ``application/vnd.plotly.v1+json``
only. myst-nb 1.x has no renderer for that type and drops it with a
``mystnb.unknown_mime_type`` warning. This plugin (registered under the entry
point group ``myst_nb.mime_renderers``) turns the JSON into a ``<div>`` plus an
inline ``Plotly.newPlot`` call, and asks for plotly.js on that page only.

Where plotly.js lives is read from the Sphinx config value
``nb_plotly_js`` (default :data:`DEFAULT_PLOTLY_JS`), a path relative to the
built site's ``_static`` folder, so nothing is fetched from a CDN.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"
DEFAULT_PLOTLY_JS = "plotly/plotly.min.js"
#: Loaded before require.js (priority 500) so plotly.js registers ``window.Plotly``
#: instead of an anonymous AMD module.
PLOTLY_JS_PRIORITY = 100
DEFAULT_HEIGHT_PX = 450


def _script_safe_json(obj: Any) -> str:
    """Serialise ``obj`` for an inline ``<script>``; ``</`` cannot close the tag."""
    text = json.dumps(obj, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def alt_text(figure: dict[str, Any]) -> str:
    """Return the figure's alternative text: ``layout.meta.alt_text``, else its title, else ""."""
    layout = figure.get("layout") or {}
    meta = layout.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("alt_text"), str):
        return meta["alt_text"].strip()
    title = layout.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return re.sub(r"<[^>]+>", " ", text).strip() if isinstance(text, str) else ""


def figure_html(figure: dict[str, Any], div_id: str) -> str:
    """Return HTML that draws a Plotly figure dict into a new ``<div>``.

    Parameters
    ----------
    figure : dict
        Plotly JSON with ``data`` and optional ``layout``, ``frames``, ``config``.
    div_id : str
        The id of the ``<div>``; must be unique on the page.
    """
    layout = figure.get("layout") or {}
    height = layout.get("height") or DEFAULT_HEIGHT_PX
    alt = alt_text(figure)
    # role="figure" (not "img") keeps the plot's buttons and sliders reachable by keyboard
    # and screen readers, while the label says what the figure shows.
    aria = f' role="figure" aria-label="{html.escape(alt, quote=True)}"' if alt else ""
    spec = {
        "data": figure.get("data", []),
        "layout": layout,
        "frames": figure.get("frames", []),
        "config": {"responsive": True, "displaylogo": False, **(figure.get("config") or {})},
    }
    return (
        f'<div id="{div_id}" class="plotly-graph-div"{aria} style="height:{int(height)}px;'
        f' width:100%;"></div>\n'
        "<script>\n"
        "(function () {\n"
        f"  var spec = {_script_safe_json(spec)};\n"
        f'  var el = document.getElementById("{div_id}");\n'
        "  if (window.Plotly) { window.Plotly.newPlot(el, spec); }\n"
        "  else { el.textContent = 'This figure needs JavaScript (plotly.js) to display.'; }\n"
        "})();\n"
        "</script>\n"
    )


class PlotlyMimeRenderer:
    """Render ``application/vnd.plotly.v1+json`` outputs for HTML builders."""

    mime_priority_overrides = [
        ("html", PLOTLY_MIME, 5),
        ("dirhtml", PLOTLY_MIME, 5),
        ("singlehtml", PLOTLY_MIME, 5),
    ]

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        """Return a raw HTML node for a Plotly figure, or ``None`` for other types."""
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        figure = data.content if isinstance(data.content, dict) else json.loads(data.content)
        # A stable id: same notebook content -> same HTML, so rebuilds are reproducible.
        digest = hashlib.sha256(_script_safe_json(figure).encode()).hexdigest()[:12]
        div_id = f"plotly-{data.cell_index}-{data.output_index}-{digest}"
        try:
            js_path = renderer.renderer.sphinx_env.config.nb_plotly_js
        except AttributeError:
            js_path = DEFAULT_PLOTLY_JS
        renderer.add_js_file("plotly", js_path, {"priority": PLOTLY_JS_PRIORITY})
        return [nodes.raw(text=figure_html(figure, div_id), format="html", classes=["output"])]


def setup(app) -> dict[str, Any]:
    """Sphinx extension hook: declare the ``nb_plotly_js`` config value."""
    app.add_config_value("nb_plotly_js", DEFAULT_PLOTLY_JS, "html")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
