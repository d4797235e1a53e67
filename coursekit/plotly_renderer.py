"""A myst-nb mime renderer for Plotly figures, using a self-hosted plotly.js.

Plotly 6+ displays a figure in a notebook as ``application/vnd.plotly.v1+json``
only. myst-nb 1.x has no renderer for that type and drops it with a
``mystnb.unknown_mime_type`` warning. This plugin (registered under the entry
point group ``myst_nb.mime_renderers``) turns the JSON into a ``<div>`` plus an
inline ``Plotly.newPlot`` call, and asks for plotly.js on that page only. A figure's
button menus and sliders also get HTML twins (:func:`controls_html`), so they work from the
keyboard, with a screen reader and by touch.

Where plotly.js lives is read from the Sphinx config value
``nb_plotly_js`` (default :data:`DEFAULT_PLOTLY_JS`), a path relative to the
built site's ``_static`` folder, so nothing is fetched from a CDN.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes

from .errors import CourseKitError

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


#: Plotly's toolbar keeps what a learner uses (zoom, pan, reset, download a picture): no link
#: or button to an online service, no Plotly logo, no box and lasso selection.
TOOLBAR_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio", "select2d", "lasso2d"],
}


def alt_text(figure: dict[str, Any]) -> str:
    """Return the figure's alternative text: ``layout.meta.alt_text``, else its title, else ""."""
    layout = figure.get("layout") or {}
    meta = layout.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("alt_text"), str):
        return meta["alt_text"].strip()
    title = layout.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return re.sub(r"<[^>]+>", " ", text).strip() if isinstance(text, str) else ""


def _plain(text: Any) -> str:
    """A label as plain text: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(text))).strip()


def _control_name(entry: dict[str, Any], fallback: str) -> str:
    """The words that name a Plotly slider or button menu: its read-out prefix, else its
    ``name`` (``"stop_after"`` -> ``"Stop after"``), else ``fallback``."""
    prefix = (entry.get("currentvalue") or {}).get("prefix")
    if isinstance(prefix, str) and _plain(prefix).rstrip(":").strip():
        return _plain(prefix).rstrip(":").strip()
    name = entry.get("name")
    if isinstance(name, str) and name.strip():
        words = name.strip().replace("_", " ")
        return words[:1].upper() + words[1:]
    return fallback


def controls_html(layout: dict[str, Any], div_id: str, alt: str = "") -> str:
    """HTML twins of a figure's Plotly button menus and sliders, or "" if it has none.

    Plotly draws its controls in SVG, which the keyboard cannot reach and screen readers do
    not announce. Each button menu becomes a ``<fieldset>`` of ``<button>`` elements
    (``aria-pressed`` on the active one) and each slider an ``<input type="range">`` whose
    ``aria-valuetext`` is the step's label; a polite live region says what was chosen. The
    script in :func:`figure_html` runs the same Plotly method and arguments as the SVG control
    and keeps both in step, so mouse, touch, keyboard and screen-reader users see one state.
    """
    def shown(entries, key):  # (index in the layout, entry) of the visible, non-empty ones
        return [(i, e) for i, e in enumerate(entries or []) if e.get(key)
                and e.get("visible", True) is not False]

    menus = shown(layout.get("updatemenus"), "buttons")
    sliders = shown(layout.get("sliders"), "steps")
    if not menus and not sliders:
        return ""
    esc = functools.partial(html.escape, quote=True)
    group = "Controls of the figure" + (f": {alt}" if alt else "")
    out = [f'<div class="plotly-a11y-controls" id="{div_id}-controls" role="group"'
           f' aria-label="{esc(group)}" style="margin:0.25rem 0 0.75rem">']
    for i, menu in menus:
        active = menu.get("active", 0)
        out.append(f'<fieldset data-menu="{i}" style="border:0;margin:0.25rem 0;padding:0">'
                   f'<legend style="font-weight:600;padding:0">'
                   f'{esc(_control_name(menu, f"Options {i + 1}"))}</legend>')
        for j, button in enumerate(menu["buttons"]):
            if button.get("visible", True) is False:
                continue
            label = _plain(button.get("label", j + 1)) or str(j + 1)
            pressed = "true" if j == active else "false"
            out.append(f'<button type="button" data-menu="{i}" data-index="{j}"'
                       f' aria-pressed="{pressed}" style="margin:0.15rem 0.3rem 0.15rem 0;'
                       f'min-height:2.75rem;padding:0.3rem 0.7rem">{esc(label)}</button>')
        out.append("</fieldset>")
    for k, slider in sliders:
        steps = slider["steps"]
        active = min(max(int(slider.get("active", 0)), 0), len(steps) - 1)
        label = _plain(steps[active].get("label", active + 1))
        sid = f"{div_id}-slider-{k}"
        out.append(f'<div data-slider-box="{k}" style="margin:0.25rem 0">'
                   f'<label for="{sid}" style="font-weight:600">'
                   f'{esc(_control_name(slider, f"Slider {k + 1}"))}</label><br>'
                   f'<input type="range" id="{sid}" data-slider="{k}" min="0"'
                   f' max="{len(steps) - 1}" step="1" value="{active}"'
                   f' aria-valuetext="{esc(label)}" style="width:min(100%,28rem);'
                   f'min-height:2.75rem;vertical-align:middle"> '
                   f'<output for="{sid}">{esc(label)}</output></div>')
    out.append('<p class="plotly-a11y-status" aria-live="polite" style="margin:0"></p></div>')
    return "\n".join(out) + "\n"


#: Every figure fits a phone: while it is at most ``NARROW_MAX_PX`` wide, Plotly's own button
#: menus and sliders are hidden (their HTML twins from :func:`controls_html`, which wrap and
#: can be tapped, stay), the title is wrapped, the toolbar stands on the right instead of over
#: the title and side margins shrink; ``layout.meta.narrow`` (a dict of ``Plotly.relayout``
#: updates, ``height`` included, and ``"data.<attr>"`` keys restyled on every trace that has
#: ``<attr>``'s first part) adds what a figure needs itself (stacked panels, shorter labels,
#: a colour bar moved). All of it is undone when the figure is wider again.
NARROW_MAX_PX = 600

_NARROW_JS = """  var get = function (path) {
    return path.replace(/\\[(\\d+)\\]/g, ".$1").split(".").reduce(function (o, k) {
      return o == null ? null : (o[k] === undefined ? null : o[k]); }, el.layout);
  };
  // Line breaks this script adds are "<br />" (an author's are "<br>"), so it can take them
  // out again: unwrap() undoes wrapTo(), and wrapTo(unwrap(s), n) is the same for the same n.
  var MARK = "<br />";
  var unwrap = function (s) { return String(s).split(MARK).join(" "); };
  var plainLen = function (s) { return String(s).replace(/<[^>]*>/g, "").length; };
  var wrapTo = function (text, n) {
    return String(text).split(/<br\\s*\\/?>/i).map(function (part) {
      var lines = [], line = "";
      part.split(" ").forEach(function (w) {
        if (line && plainLen(line + " " + w) > n) { lines.push(line); line = w; }
        else { line = line ? line + " " + w : w; }
      });
      lines.push(line);
      return lines.join(MARK);
    }).join("<br>");
  };
  var fontPx = function (font) {
    return (font && font.size) || (el.layout.font && el.layout.font.size) || 12;
  };
  // characters of a font that fit in px (0.56 em: an average Helvetica/Arial glyph)
  var budget = function (px, font) { return Math.max(12, Math.floor(px / (0.56 * fontPx(font)))); };
  var narrowUpdate = function () {
    var lay = el.layout, upd = {}, m = lay.margin || {};
    (lay.updatemenus || []).forEach(function (_, i) {
      upd["updatemenus[" + i + "].visible"] = false; });
    (lay.sliders || []).forEach(function (_, i) { upd["sliders[" + i + "].visible"] = false; });
    if (lay.title && lay.title.text) { upd["title.font.size"] = 14; }
    upd["modebar.orientation"] = "v";
    upd["margin.l"] = Math.min(m.l == null ? 80 : m.l, 50);
    upd["margin.r"] = Math.min(m.r == null ? 80 : m.r, 20);
    return Object.assign(upd, (lay.meta && lay.meta.narrow) || {});
  };
  var at = function (obj, path) {
    return path.split(".").reduce(function (o, k) {
      return o == null ? null : (o[k] === undefined ? null : o[k]); }, obj);
  };
  var wide = null;
  var fit = function () {
    if (!window.Plotly || !el.layout) { return; }
    var small = el.clientWidth <= NARROW_MAX_PX;
    if (small && !wide) {
      var upd = narrowUpdate(), lay = {}, traces = [];
      wide = {layout: {}, traces: []};
      Object.keys(upd).forEach(function (k) {
        if (k.indexOf("data.") === 0) {  // a trace attribute, for every trace that has it
          var attr = k.slice(5), root = attr.split(".")[0], idx = [];
          el.data.forEach(function (t, i) { if (t[root] != null) { idx.push(i); } });
          if (idx.length) {
            traces.push([attr, upd[k], idx]);
            wide.traces.push([attr, idx.map(function (i) {
              return JSON.parse(JSON.stringify(at(el.data[i], attr))); }), idx]);
          }
        } else {
          lay[k] = upd[k];
          wide.layout[k] = JSON.parse(JSON.stringify(get(k)));
        }
      });
      if (lay.height) { el.style.height = lay.height + "px"; }
      traces.forEach(function (t) {
        var u = {}; u[t[0]] = t[1]; window.Plotly.restyle(el, u, t[2]); });
      window.Plotly.relayout(el, lay);
    } else if (!small && wide) {
      if (wide.layout.height) { el.style.height = wide.layout.height + "px"; }
      wide.traces.forEach(function (t) {
        var u = {}; u[t[0]] = t[1]; window.Plotly.restyle(el, u, t[2]); });
      window.Plotly.relayout(el, wide.layout);
      wide = null;
    }
  };
  // Text kept inside the figure after every draw: the title wraps clear of the toolbar and
  // the right edge; on a phone, legend entries, annotations and x-axis titles wrap to the
  // width. A draw that changes nothing ends the chain.
  // A draw that leaves every input of this check as it was when it last found nothing to
  // change (a slider step that only restyles data) is not measured again: measuring makes
  // the browser lay the new drawing out at once, a few ms on every step.
  var passes = 0, settled = null;
  var fitTexts = function () {
    if (!window.Plotly || !el.layout) { return; }
    if (passes > 3) { passes = 0; return; }  // give up on this draw (no endless redraws)
    var lay = el.layout, small = el.clientWidth <= NARROW_MAX_PX, rel = {};
    // the drawn plot area (margins grown by automargin included)
    var sz = (el._fullLayout && el._fullLayout._size) || {l: 80, w: el.clientWidth - 160};
    var sig = JSON.stringify([el.clientWidth, el.clientHeight, sz.l, sz.w, lay.title,
      lay.legend, (lay.annotations || []).map(function (a) { return a.text; }),
      el.data.map(function (d) { return d.showlegend === false ? null : d.name; }),
      Object.keys(lay).filter(function (k) { return /^xaxis\\d*$/.test(k); }).map(
        function (k) { return [k, lay[k] && lay[k].title, lay[k] && lay[k].domain]; })]);
    if (sig === settled) { return; }
    var t = el.querySelector(".gtitle"), bar = el.querySelector(".modebar");
    if (t && lay.title && lay.title.text) {
      var er = el.getBoundingClientRect(), tr = t.getBoundingClientRect(), right = er.right - 4;
      if (bar) {
        var br = bar.getBoundingClientRect();
        if (br.width && br.top < tr.bottom && br.bottom > tr.top) {
          right = Math.min(right, br.left - 8);
        }
      }
      var cur = String(lay.title.text), longest = Math.max.apply(null,
        cur.split(/<br\\s*\\/?>/i).map(plainLen)), perChar = tr.width / Math.max(longest, 1);
      var avail = tr.left - er.left < er.width / 4 ? right - tr.left
        : 2 * (right - (tr.left + tr.right) / 2);
      var want = null;
      if (tr.right > right + 1) { want = wrapTo(unwrap(cur), Math.floor(avail / perChar)); }
      else if (cur.indexOf(MARK) >= 0 &&
               Math.max.apply(null, unwrap(cur).split(/<br>/i).map(plainLen)) * perChar < avail) {
        want = unwrap(cur);
      }
      if (want !== null && want !== cur) { rel["title.text"] = want; }
      else if (tr.top < er.top + 2) {  // a title of several lines can rise out of the figure
        var y = typeof lay.title.y === "number" ? lay.title.y : 1 - 8 / er.height;
        rel["title.y"] = y - (er.top + 4 - tr.top) / er.height; rel["title.yanchor"] = "top";
      }
    }
    var names = [], idx = [];
    var nLegend = budget(el.clientWidth - sz.l - 60, lay.legend && lay.legend.font);
    el.data.forEach(function (tr_, i) {
      if (typeof tr_.name !== "string" || tr_.showlegend === false) { return; }
      var w = small ? wrapTo(unwrap(tr_.name), nLegend) : unwrap(tr_.name);
      if (w !== tr_.name) { names.push(w); idx.push(i); }
    });
    (lay.annotations || []).forEach(function (a, i) {
      if (typeof a.text !== "string") { return; }
      var w = small ? wrapTo(unwrap(a.text), budget(el.clientWidth - 60, a.font)) : unwrap(a.text);
      if (w !== a.text) { rel["annotations[" + i + "].text"] = w; }
    });
    Object.keys(lay).filter(function (k) { return /^xaxis\\d*$/.test(k); }).forEach(function (k) {
      var ax = lay[k], txt = ax && ax.title && ax.title.text, d = (ax && ax.domain) || [0, 1];
      if (typeof txt !== "string") { return; }
      var px = sz.w * (d[1] - d[0]);
      var w = small ? wrapTo(unwrap(txt), budget(px, ax.title.font)) : unwrap(txt);
      if (w !== txt) { rel[k + ".title.text"] = w; }
    });
    if (!names.length && !Object.keys(rel).length) {
      passes = 0;
      // settled only once the title was drawn and measured (the first call comes before)
      settled = (t || !(lay.title && lay.title.text)) ? sig : null;
      return;
    }
    passes += 1; settled = null;
    var done = names.length ? window.Plotly.restyle(el, {name: names}, idx) : Promise.resolve();
    done.then(function () {
      return Object.keys(rel).length ? window.Plotly.relayout(el, rel) : null;
    });
  };
  fit();
  window.addEventListener("resize", fit);
  if (el.on) { el.on("plotly_afterplot", fitTexts); }
  fitTexts();
""".replace("NARROW_MAX_PX", str(NARROW_MAX_PX))

#: Script that wires :func:`controls_html` to the plot (``el``: the graph div, ``box``: the
#: controls). Runs the step's Plotly method with its arguments, then records the active index
#: in the layout so Plotly's own control shows it; Plotly's events sync the other way.
_CONTROLS_JS = """  var box = document.getElementById(el.id + "-controls");
  if (box && window.Plotly) {
    var status = box.querySelector(".plotly-a11y-status");
    var run = function (step) {
      var method = step.method || "restyle";
      if (method === "skip" || !window.Plotly[method]) { return Promise.resolve(); }
      return window.Plotly[method].apply(null, [el].concat(step.args || []));
    };
    var mark = function (i, j) {
      box.querySelectorAll('button[data-menu="' + i + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", String(Number(b.dataset.index) === j));
      });
    };
    var show = function (k, j) {
      var input = box.querySelector('input[data-slider="' + k + '"]');
      if (!input) { return ""; }
      var label = String(el.layout.sliders[k].steps[j].label);
      input.value = String(j);
      input.setAttribute("aria-valuetext", label);
      input.parentNode.querySelector("output").textContent = label;
      return input.parentNode.querySelector("label").textContent + ": " + label;
    };
    box.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-menu]");
      if (!b) { return; }
      var i = Number(b.dataset.menu), j = Number(b.dataset.index), u = {};
      u["updatemenus[" + i + "].active"] = j;
      run(el.layout.updatemenus[i].buttons[j]).then(function () {
        return window.Plotly.relayout(el, u);
      });
      mark(i, j);
      status.textContent = b.closest("fieldset").querySelector("legend").textContent + ": " +
        b.textContent;
    });
    box.addEventListener("input", function (ev) {
      var r = ev.target;
      if (!r.dataset || r.dataset.slider === undefined) { return; }
      var k = Number(r.dataset.slider), j = Number(r.value), u = {};
      u["sliders[" + k + "].active"] = j;
      run(el.layout.sliders[k].steps[j]).then(function () {
        return window.Plotly.relayout(el, u);
      });
      status.textContent = show(k, j);
    });
    el.on("plotly_buttonclicked", function (e) {
      if (e && e.menu && e.menu._index !== undefined) { mark(e.menu._index, e.active); }
    });
    el.on("plotly_sliderchange", function (e) {
      if (e && e.slider && e.step && e.slider._index !== undefined) {
        show(e.slider._index, e.step._index);
      }
    });
  }
"""


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
    # role="figure" (not "img"): the label says what the figure shows without hiding the
    # controls; their HTML twins (controls_html) are what keyboards and screen readers use.
    aria = f' role="figure" aria-label="{html.escape(alt, quote=True)}"' if alt else ""
    spec = {
        "data": figure.get("data", []),
        "layout": layout,
        "frames": figure.get("frames", []),
        "config": {**TOOLBAR_CONFIG, **(figure.get("config") or {})},
    }
    controls = controls_html(layout, div_id, alt)
    return (
        f'<div id="{div_id}" class="plotly-graph-div"{aria} style="height:{int(height)}px;'
        f' width:100%;"></div>\n'
        + controls
        + "<script>\n"
        "(function () {\n"
        f"  var spec = {_script_safe_json(spec)};\n"
        f'  var el = document.getElementById("{div_id}");\n'
        # plotly.js is loaded with "defer" so the page paints first; deferred scripts run
        # before DOMContentLoaded, so the figure is drawn then (or at once if Plotly is there).
        "  var draw = function () {\n"
        "  if (!window.Plotly) {\n"
        "    el.textContent = 'This figure needs JavaScript (plotly.js) to display.'; return;\n"
        "  }\n"
        "  window.Plotly.newPlot(el, spec);\n"
        + (_CONTROLS_JS if controls else "")
        + _NARROW_JS
        + "  };\n"
        "  if (window.Plotly || document.readyState !== 'loading') { draw(); }\n"
        "  else { document.addEventListener('DOMContentLoaded', draw); }\n"
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
        env = getattr(renderer.renderer, "sphinx_env", None)
        config = getattr(env, "config", None)
        full = getattr(config, "nb_plotly_js", DEFAULT_PLOTLY_JS)
        bundles = tuple(getattr(config, "nb_plotly_bundles", None) or ())
        static_dirs = tuple(getattr(config, "html_static_path", None) or ())
        srcdir = str(getattr(env, "srcdir", None) or ".")
        # The page gets one bundle that covers every trace type of all its figures: the
        # union is kept on the document, and the last call for the key "plotly" wins.
        needed = trace_types(figure)
        document = getattr(renderer.renderer, "document", None)
        if document is not None:
            needed = needed | document.get("coursekit_plotly_traces", frozenset())
            document["coursekit_plotly_traces"] = needed
        js_path = choose_bundle(needed, bundles, full, srcdir, static_dirs)
        renderer.add_js_file("plotly", js_path, {"priority": PLOTLY_JS_PRIORITY, "defer": "defer"})
        return [nodes.raw(text=figure_html(figure, div_id), format="html", classes=["output"])]


def trace_types(figure: dict[str, Any]) -> frozenset[str]:
    """Every trace type a figure draws, in its data and its frames (``scatter`` if unset)."""
    traces = list(figure.get("data") or [])
    for frame in figure.get("frames") or []:
        traces += list((frame or {}).get("data") or [])
    return frozenset(str(t.get("type") or "scatter") for t in traces if isinstance(t, dict))


#: A partial bundle names its trace types in its first comment, e.g.
#: ``/*! plotly.js 4.1.1 partial bundle; traces: bar,scatter */`` (the recipe in
#: ``book/_vendor_build/plotly`` writes it).
_BANNER = re.compile(r"/\*!?\s*plotly\.js [^;*]*; traces: ([a-z0-9, ]+)\*/")


@functools.lru_cache(maxsize=64)
def bundle_traces(path: str) -> frozenset[str]:
    """The trace types that the partial plotly.js bundle at ``path`` says it registers.

    Raises
    ------
    CourseKitError
        If the file does not start with the banner (see ``_BANNER``).
    """
    with open(path, encoding="utf-8") as fh:
        head = fh.read(512)
    found = _BANNER.search(head)
    if not found:
        raise CourseKitError(f"nb_plotly_bundles: {path} has no 'traces:' banner in its first "
                         "512 characters")
    return frozenset(t.strip() for t in found.group(1).split(",") if t.strip())


def _find_static(rel: str, srcdir: str, static_dirs: tuple[str, ...]) -> Path:
    """The source of ``rel`` (a path under the built ``_static``) in ``html_static_path``."""
    for folder in static_dirs:
        candidate = Path(srcdir, folder, rel)
        if candidate.is_file():
            return candidate
    raise CourseKitError(f"nb_plotly_bundles: {rel} is in none of the html_static_path folders "
                     f"{list(static_dirs)} under {srcdir}")


def choose_bundle(needed: frozenset[str], bundles: tuple[str, ...], full: str,
                  srcdir: str = ".", static_dirs: tuple[str, ...] = ()) -> str:
    """The smallest (in bytes) of ``bundles`` that registers every trace type in ``needed``,
    else ``full`` (all of plotly.js). Paths are relative to the site's ``_static``.

    Raises
    ------
    CourseKitError
        If a bundle is not found in ``static_dirs`` or has no trace banner.
    """
    fits = []
    for rel in bundles:
        path = _find_static(rel, srcdir, static_dirs)
        if needed <= bundle_traces(str(path)):
            fits.append((path.stat().st_size, rel))
    return min(fits)[1] if fits else full


def setup(app) -> dict[str, Any]:
    """Sphinx extension hook: declare ``nb_plotly_js`` (all of plotly.js) and
    ``nb_plotly_bundles`` (partial bundles; a page gets the smallest that covers its
    figures, else ``nb_plotly_js``)."""
    app.add_config_value("nb_plotly_js", DEFAULT_PLOTLY_JS, "html")
    app.add_config_value("nb_plotly_bundles", [], "html")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
