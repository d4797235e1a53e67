"""Explorer 4 figure: a heatmap of the fitted tightness over a grid of measured IR x ER, an IR
slider and a row of ER buttons that move a marker on it, and a read-out panel.

The IR slider writes the precomputed results of its IR row into the read-out traces (and moves
the marker's y); an ER button moves the marker's x and gives an x only to that row's cell of
the read-out (a point without an x is not drawn). So slider and buttons compose without any
code running in the page, and each step draws one read-out text.
(One slider only: a second slider would share the first one's container in the page.)
"""

from __future__ import annotations

import re
from functools import lru_cache

import plotly.graph_objects as go

from ... import style
from ..base import Control, Option, plotly_controls
from .caption import (
    MARK_KEY,
    MARK_SYMBOLS,
    MARKS,
    MOTION_LABELS,
    STATIC_ER,
    STATIC_IR,
    caption_measure,
    hover_lines,
    result_lines,
)
from .state import fit_display

__all__ = ["STATIC_REGIONS", "build", "measure_figure", "readout"]

STATIC_REGIONS = ("posterior", "whole", "best")
#: Characters per line of the read-out panel: its lines fit a phone (about 330 px at 12 px).
READOUT_CHARS = 50
_MEASURED = style.MEASURE_COLOURS["measured"]
_SHORT = {"posterior": "posterior capsule", "whole": "whole capsule",
          "anterior": "anterior capsule", "inferior": "inferior capsule", "best": "best region"}


@lru_cache(maxsize=4)
def build(sex: str = "male", irs: tuple = STATIC_IR, ers: tuple = STATIC_ER,
          regions: tuple = STATIC_REGIONS) -> tuple[go.Figure, tuple[Control, ...]]:
    """The (cached) figure and its static controls; see :func:`measure_figure`."""
    fig = go.Figure()
    grids = {}
    for reg in regions:
        grids[reg] = {(ir, er): fit_display({"internal_rotation": ir, "external_rotation": er},
                                            reg, sex) for ir in irs for er in ers}
    t_hi = max(d.tightness for g in grids.values() for d in g.values()
               if not d.not_identifiable)
    t_hi = max(round(100 * t_hi + 0.5), 1)
    ir0, er0 = irs[len(irs) // 2], ers[len(ers) // 2]
    nreg = len(regions)
    for k, reg in enumerate(regions):
        g = grids[reg]
        # a fit that is not identifiable has no colour: its tightness means nothing
        z = [[None if g[(ir, er)].not_identifiable else round(100 * g[(ir, er)].tightness, 2)
              for er in ers] for ir in irs]
        hover = [["<br>".join(hover_lines(g[(ir, er)])) for er in ers] for ir in irs]
        fig.add_trace(go.Heatmap(
            x=list(ers), y=list(irs), z=z, text=hover, hoverinfo="text", zmin=0.0, zmax=t_hi,
            colorscale="Blues", visible=k == 0, name=f"fit: {reg}", xaxis="x", yaxis="y",
            # the title along the bar: above it, it met the top tick label
            colorbar={"title": {"text": "Fitted tightness (%)", "side": "right"}, "x": 0.86,
                      "len": 0.38, "y": 0.81, "yanchor": "middle", "thickness": 12},
        ))
    for k, reg in enumerate(regions):
        g = grids[reg]
        cells = [(ir, er) for ir in irs for er in ers if MARKS[g[(ir, er)].verdict]]
        # white on the darker half of the colour scale, black on the lighter half
        ink = ["#ffffff" if 100 * g[c].tightness > 0.5 * t_hi and not g[c].not_identifiable
               else "#000000" for c in cells]
        marks = [MARKS[g[c].verdict] for c in cells]
        fig.add_trace(go.Scatter(
            x=[er for _, er in cells], y=[ir for ir, _ in cells], mode="markers",
            text=marks, hoverinfo="skip", visible=k == 0, xaxis="x", yaxis="y",
            marker={"symbol": [MARK_SYMBOLS[m] for m in marks], "size": 11, "color": ink,
                    "line": {"width": 1.5, "color": ink}},
            name=f"verdicts: {reg}",
        ))

    def row_texts(reg: str, ir: float) -> list[str]:
        return ["<br>".join(style.wrap_html(line, READOUT_CHARS)
                            for line in result_lines(grids[reg][(ir, er)])) for er in ers]

    def window(er: float) -> list:
        """x of the read-out cells: 0 (in the panel) for ``er``'s, none (not drawn) for the
        others. Only one cell's text is drawn on each step."""
        return [0.0 if e == er else None for e in ers]

    for k, reg in enumerate(regions):
        fig.add_trace(go.Scatter(
            x=window(er0), y=[0.0] * len(ers), mode="text", text=row_texts(reg, ir0),
            textposition="middle center", textfont={"size": 12, "family": "Arial"},
            hoverinfo="skip", visible=k == 0, xaxis="x2", yaxis="y2", name=f"read-out: {reg}",
            cliponaxis=True,
        ))
    n = 3 * nreg
    fig.add_trace(go.Scatter(
        x=[er0], y=[ir0], mode="markers", xaxis="x", yaxis="y", name="your measurement",
        marker={"symbol": "square-open", "size": 22, "color": _MEASURED,
                "line": {"width": 3, "color": _MEASURED}}, hoverinfo="skip",
    ))
    # IR: the marker's y and the read-out row of every region; ER: the marker's x and which
    # read-out cell has an x (is drawn); region: visibility. Restyles only.
    readouts = list(range(2 * nreg, n))
    ir_steps = tuple(
        Option(f"{ir:.0f}", ir, [{"y": [[ir]] + [[0.0] * len(ers)] * nreg,
                                  "text": [""] + [row_texts(reg, ir) for reg in regions]},
                                 [n, *readouts]])
        for ir in irs)
    er_steps = tuple(
        Option(f"{er:.0f}", er, [{"x": [[er]] + [window(er)] * nreg}, [n, *readouts]])
        for er in ers)
    buttons = tuple(
        Option(f"Fit: {_SHORT[reg]}", reg,
               [{"visible": [j == k for _ in range(3) for j in range(nreg)]},
                list(range(n))])
        for k, reg in enumerate(regions))
    controls = (
        Control("region", "buttons", buttons, 0, {
            "x": 0.0, "xanchor": "left", "y": 1.03, "yanchor": "bottom",
            "pad": {"r": 4, "t": 0}}),
        Control("external_rotation", "buttons", er_steps, ers.index(er0), {
            "x": 0.26, "xanchor": "left", "y": 0.405, "yanchor": "middle",
            "pad": {"r": 2, "t": 0}}),
        # one slider only (IR); ER is a row of buttons. Both compose: each moves its own
        # coordinate of the marker and its own part of the read-out (row or cell).
        Control("internal_rotation", "slider", ir_steps, irs.index(ir0), {
            "x": 0.0, "len": 1.0, "y": 0.505, "yanchor": "top",
            "currentvalue": {"prefix": "Your seated IR (\u00b0): "}, "pad": {"t": 0, "b": 0}}),
    )
    hidden = {"visible": False, "fixedrange": True, "showgrid": False, "zeroline": False}
    fig.update_layout(
        template="none",
        font=style.FONT_SMALL,
        height=1200,
        margin={"l": 70, "r": 10, "t": 120, "b": 20},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        showlegend=False,
        title={"text": "Measure yourself: which capsule tightness fits your seated rotation?",
               "x": 0.0, "xanchor": "left", "y": 0.99, "yanchor": "top",
               "font": {"size": 16}},
        # top: heatmap and its key; then the IR slider and the ER buttons; bottom: read-out
        xaxis={"domain": [0.0, 0.82], "title": {"text": "Measured external rotation (°)"},
               "fixedrange": True, "dtick": 5},
        yaxis={"domain": [0.62, 1.0], "title": {"text": "Measured internal rotation (°)"},
               "fixedrange": True, "dtick": 5},
        xaxis2={**hidden, "domain": [0.0, 1.0], "range": [-1.0, 1.0]},
        # the read-out: up to 24 lines of 12 px text
        yaxis2={**hidden, "domain": [0.0, 0.37], "anchor": "x2", "range": [-1.0, 1.0]},
        **plotly_controls(controls),
        annotations=[
            {"text": MARK_KEY, "showarrow": False, "x": 0.0, "xref": "paper",
             "xanchor": "left", "y": 0.548, "yref": "paper", "yanchor": "middle"},
            {"text": "Your seated ER (°):", "showarrow": False, "x": 0.0, "xref": "paper",
             "xanchor": "left", "y": 0.405, "yref": "paper", "yanchor": "middle"},
        ],
    )
    fig.layout.meta = {
        "alt_text": caption_measure(sex),
        # on a phone (coursekit.plotly_renderer): the colour key closer, the key to the marks
        # grows downwards when it wraps, and the ER buttons' heading goes with the buttons
        "narrow": {"xaxis.domain": [0.0, 0.77], "data.colorbar.x": 0.8,
                   "data.colorbar.title.text": "Tightness (%)",
                   "annotations[0].yanchor": "top", "annotations[0].y": 0.545,
                   "annotations[1].visible": False},
    }
    return fig, controls


def measure_figure(
    sex: str = "male",
    irs: tuple = STATIC_IR,
    ers: tuple = STATIC_ER,
    regions: tuple = STATIC_REGIONS,
) -> go.Figure:
    """Static "measure yourself" figure (precomputed fits on an IR x ER grid).

    Parameters
    ----------
    sex : {"male", "female"}
    irs, ers : tuple of float
        Measured seated IR and ER grid (deg); the middle values are shown first.
    regions : tuple of str
        Regions offered by the buttons (keys of :data:`REGION_LABELS`); the first is shown first.

    Returns
    -------
    plotly.graph_objects.Figure
        A fresh copy; ``layout.meta["alt_text"]`` holds the caption.
    """
    return go.Figure(build(sex, tuple(irs), tuple(ers), tuple(regions))[0])


_TIGHTNESS_RE = re.compile(r"tightness[^:]*:\s*(?:<b>)?([0-9.]+) %")
_INTERVAL_RE = re.compile(r"(?:68 % interval|anything from) ([0-9.]+)(?:\u2013| to )([0-9.]+) %")
_ROM_RE = re.compile(r"(?:^|\u00b7)\s*([A-Za-z ()]+): (\d+)\u00b0")
_MEASURED_RE = re.compile(r"(internal rotation|external rotation|flexion) ([\d.]+)\u00b0")
_TAGS_RE = re.compile(r"</?b>")


def _fit_text(text: str) -> dict:
    """Tightness (%, None if not pinned down), interval (%) and verdict in a read-out text."""
    m = _TIGHTNESS_RE.search(text)
    iv = _INTERVAL_RE.search(text)
    return {"tightness": None if m is None else float(m.group(1)),
            "interval": None if iv is None else [float(iv.group(1)), float(iv.group(2))]}


def _angles_in(line: str) -> dict:
    """Motion -> angle (deg) of the angles named in one read-out line."""
    return {key.replace(" ", "_"): float(v) for key, v in _MEASURED_RE.findall(line)}


def _markers(trace: dict, digits: int | None = None) -> dict:
    """Motion -> y of a live marker trace (rounded to ``digits``, None: as drawn)."""
    return {_LABEL_KEYS[x]: (y if digits is None else round(y, digits))
            for x, y in zip(trace["x"], trace["y"], strict=True)}


def readout(figure: dict) -> dict:
    """What the figure shows for the selected measurement: the verdict, the fitted tightness
    and its interval (%), the fitted ROM, the measurements, the healthy averages the fit
    compared them with ("reference") and what the fitted capsule expects ("expected").

    Static figure: the read-out text of the visible region's drawn cell (the one with an x);
    live figure: its title, verdict line, the fitted-capsule bars and the marker
    traces. ROM and expected angles in whole degrees.
    """
    data, layout = figure["data"], figure["layout"]
    bars = [t for t in data if t["type"] == "bar"]
    if bars:  # live figure
        title = (layout.get("title") or {}).get("text", "")
        verdict = next(a["text"] for a in layout.get("annotations", ())
                       if a.get("name") == "verdict")
        rom = {label: round(y) for label, y in zip(bars[1]["x"], bars[1]["y"], strict=True)
               if y is not None}
        return {**_fit_text(title), "verdict": _TAGS_RE.sub("", verdict), "rom": rom,
                "measured": _markers(data[2]), "reference": _markers(data[6]),
                "expected": _markers(data[7], 0)}
    text = next(t for t in data if t.get("xaxis") == "x2" and t.get("visible") is not False)
    cell = next(s for x, s in zip(text["x"], text["text"], strict=True) if x is not None)
    lines = [line.replace(style.WRAP_BREAK, " ") for line in cell.split("<br>")]
    rom = {}
    for line in lines:
        for hit in _ROM_RE.finditer(line):
            if hit.group(1).strip() in MOTION_LABELS.values():
                rom[hit.group(1).strip()] = int(hit.group(2))
    compared = next(line for line in lines if line.startswith("The fit compares"))
    expected = next(line for line in lines if line.startswith("Expected with"))
    return {**_fit_text(lines[2]), "verdict": _TAGS_RE.sub("", lines[1]), "rom": rom,
            "measured": _angles_in(lines[0]), "reference": _angles_in(compared),
            "expected": _angles_in(expected)}


_LABEL_KEYS = {label: key for key, label in MOTION_LABELS.items()}
