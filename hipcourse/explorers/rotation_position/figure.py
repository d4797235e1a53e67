"""Explorer 2 figure: IR (up) and ER (down) limits from 0 to 120 deg of hip flexion, with the
bony limit, the clinical test positions and measured norms; region buttons and a tightness
slider whose steps are precomputed."""

from __future__ import annotations

import functools

import plotly.graph_objects as go

from hipcapsule import published

from ... import style
from .. import _regions
from .caption import caption_rotation_position
from .state import TEST_POSITION_FLEXION_DEG, bony_rotation_state, rotation_curve_state

__all__ = ["build", "readout", "rotation_position_figure", "rotation_position_values"]

_CURVE_HOVER = "hip flexed %{x}\u00b0: %{hovertext}<extra>%{fullData.name}</extra>"


def _curve_attrs(values: list[float], limited_by: list[str], sign: float) -> dict:
    bone = [b == "bone" for b in limited_by]
    colour = style.IR_COLOUR if sign > 0 else style.ER_COLOUR
    return {
        "y": [style.r1(sign * v) for v in values],
        # Plotly symbol numbers: 0 circle, 2 diamond (shorter JSON than the names).
        "marker.symbol": [2 if b else 0 for b in bone],
        "marker.color": ["#000000" if b else colour for b in bone],
        "hovertext": [
            f"{v:.1f}\u00b0, stopped by {style.structure_label(b, short=True)}"
            for v, b in zip(values, limited_by, strict=True)
        ],
    }


def rotation_position_values(state: dict) -> dict[str, dict]:
    """Plotly attributes of explorer 2's internal- and external-rotation curves.

    Parameters
    ----------
    state : dict
        Output of :func:`~.state.rotation_curve_state`.

    Returns
    -------
    dict
        ``"ir"`` and ``"er"``: ``y`` (IR plotted upwards, ER downwards, degrees rounded to
        0.1), per-point ``marker.symbol``/``marker.color`` (points stopped by bone are black
        diamonds), ``hovertext`` and ``name``; ``"ir_band"`` and ``"er_band"``: ``y`` of the
        closed outline of each ensemble band (high ends along flexion, then low ends back)
        and ``name``.
    """
    if state["tightness"] > 0:
        label = style.REGION_LABELS[state["region"]].split(" (")[0].lower()
        who = f"tight {label} ({style.slack_text(state['tightness'])})"
    else:
        who = "normal capsule"
    ir = _curve_attrs(state["ir"], state["ir_limited_by"], 1.0)
    er = _curve_attrs(state["er"], state["er_limited_by"], -1.0)
    ir["name"] = f"Internal rotation, {who}"
    er["name"] = f"External rotation, {who}"
    return {"ir_band": _band_attrs(state["ir_band"], 1.0),
            "er_band": _band_attrs(state["er_band"], -1.0), "ir": ir, "er": er}


def _band_attrs(band: list, sign: float) -> dict:
    """A closed outline of the band: the high ends along flexion, then the low ends back."""
    high = [style.r1(sign * hi) for _, hi in band]
    low = [style.r1(sign * lo) for lo, _ in band]
    # The name is restyled too: a slider step sets every key on every dynamic trace.
    return {"y": [*high, *low[::-1]], "name": _regions.band_label()}


def _band_x(flexion: list[float]) -> list[float]:
    """The x values of :func:`_band_attrs` (along flexion, then back)."""
    x = [style.r1(v) for v in flexion]
    return [*x, *x[::-1]]


def _apply(trace, attrs: dict):
    for key, value in attrs.items():
        trace[key] = value
    return trace


def _base(normal: dict, sex: str) -> go.Figure:
    """The bony limit, the normal-capsule curves and the rotation measured in healthy adults."""
    bony = bony_rotation_state(sex=sex)
    x = [style.r1(v) for v in normal["flexion_deg"]]
    fig = go.Figure()
    for key, sign, name in (("ir", 1.0, "internal"), ("er", -1.0, "external")):
        by = bony[f"{key}_limited_by"]
        fig.add_trace(
            go.Scatter(
                name="Bony limit (all ligaments cut)" if key == "ir" else None,
                showlegend=key == "ir",
                legendgroup="bone",
                x=x,
                y=[style.r1(sign * v) if b == "bone" else None
                   for v, b in zip(bony[key], by, strict=True)],
                mode="lines",
                line={"color": "#777777", "dash": "dash", "width": 2},
                hovertext=[f"bone stops {name} rotation at {v:.1f}\u00b0" for v in bony[key]],
                hoverinfo="text",
            )
        )
    normal_vals = rotation_position_values(normal)
    for key, colour in (("ir", style.IR_COLOUR), ("er", style.ER_COLOUR)):
        trace = go.Scatter(x=x, mode="lines+markers", hovertemplate=_CURVE_HOVER,
                           marker={"size": 7},
                           line={"color": colour, "dash": "dot", "width": 2}, opacity=0.7)
        fig.add_trace(_apply(trace, normal_vals[key]))
    measured_x, measured_y, measured_hover = [], [], []
    for rec in published.ROTATION_BY_POSITION:
        for sign, value, motion in ((1.0, rec.internal_rotation_deg, "internal"),
                                    (-1.0, rec.external_rotation_deg, "external")):
            measured_x.append(rec.hip_flexion_deg)
            measured_y.append(style.r1(sign * value))
            measured_hover.append(
                f"{rec.position}: {motion} rotation {value:.1f}\u00b0, mean of "
                f"{published.KOUYOUMDJIAN2012_N} healthy adults "
                f"({style.source_label(rec.source_key)})"
            )
    fig.add_trace(
        go.Scatter(
            name="Measured in healthy adults (Kouyoumdjian 2012)",
            x=measured_x,
            y=measured_y,
            mode="markers",
            marker={"symbol": "star", "size": 13, "color": "#e69f00",
                    "line": {"color": "#333333", "width": 1}},
            hovertext=measured_hover,
            hoverinfo="text",
        )
    )
    return fig


def _dynamic(fig: go.Figure, normal: dict, vals: dict, visible: bool) -> None:
    """One region's tight-capsule IR and ER curves, each over its ensemble band."""
    x = [style.r1(v) for v in normal["flexion_deg"]]
    for key in ("ir_band", "er_band"):
        band = go.Scatter(x=_band_x(normal["band_flexion_deg"]), mode="lines", fill="toself",
                          line={"width": 0}, fillcolor=_regions.BAND_COLOUR, hoverinfo="skip",
                          legendgroup="band",
                          showlegend=key == "ir_band", visible=visible)
        fig.add_trace(_apply(band, vals[key]))
    for key, colour in (("ir", style.IR_COLOUR), ("er", style.ER_COLOUR)):
        trace = go.Scatter(x=x, mode="lines+markers", hovertemplate=_CURVE_HOVER,
                           marker={"size": 8}, line={"color": colour, "width": 3},
                           visible=visible)
        fig.add_trace(_apply(trace, vals[key]))


def _layout(n_steps: int) -> dict:
    ticks = list(range(-90, 91, 15))
    return {
        **_regions.frame_layout(n_steps, left=80, right=20),
        "title": {
            "text": "Explorer 2. Hip rotation depends on how far the hip is bent",
            "x": 0.0,
            "y": 0.985,
            "yanchor": "top",
        },
        "xaxis": {"title": {"text": "Hip flexion (\u00b0)"}, "range": [-5, 125],
                  "tickvals": list(range(0, 121, 15))},
        "yaxis": {
            "title": {"text": "\u2190 external rotation (\u00b0)  |  internal rotation (\u00b0) "
                              "\u2192"},
            "range": [-95, 95],
            "tickvals": ticks,
            "ticktext": [str(abs(t)) for t in ticks],
            "zeroline": True,
        },
        "shapes": [
            {"type": "line", "xref": "x", "yref": "paper", "x0": f, "x1": f, "y0": 0, "y1": 1,
             "line": {"color": "#999999", "width": 1, "dash": "dot"}}
            for f in sorted(set(TEST_POSITION_FLEXION_DEG.values()))
        ],
        "annotations": [
            {"x": 0, "y": 1.0, "xref": "x", "yref": "paper", "text": "prone / supine (0\u00b0)",
             "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 12}},
            {"x": 90, "y": 1.0, "xref": "x", "yref": "paper", "text": "seated (90\u00b0)",
             "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 12}},
        ],
    }


#: Explorer 2: internal (up) and external (down) rotation limits as the hip bends from 0 to
#: 120 deg, for the normal capsule (dotted) and a tight one (solid); black diamonds where bone
#: stops the rotation, a grey dashed line for the bony limit with every ligament cut, and the
#: clinical test positions with the rotation measured there in healthy adults.
SPEC = _regions.RegionFigure(
    state=lambda region, t, sex: rotation_curve_state(region, t, sex=sex),
    values=rotation_position_values, keys=("ir_band", "er_band", "ir", "er"), base=_base,
    dynamic=_dynamic,
    layout=_layout, caption=caption_rotation_position)

#: ``build(region="whole", fraction=0.5, n_steps=21, regions=..., sex="male")``: the figure
#: and its controls (see :func:`hipcourse.explorers._regions.build_region_figure`).
build = functools.partial(_regions.build_region_figure, SPEC)

rotation_position_figure = _regions.figure_only(build)


def _is_tight_curve(trace: dict) -> bool:
    line = trace.get("line") or {}
    return trace.get("hovertemplate") is not None and line.get("dash") != "dot" and (
        line.get("width") == 3)


def readout(figure: dict) -> dict:
    """The visible tight-capsule curves (IR and ER values and where bone stops them) and the
    outlines of their ensemble bands (``band``: IR first, then ER)."""
    out: dict = {}
    for trace in _regions.visible_traces(figure, _is_tight_curve):
        key = "ir" if trace["name"].startswith("Internal") else "er"
        out[key] = list(trace["y"])
        out[f"{key}_bone"] = [s == 2 for s in trace["marker"]["symbol"]]
    bands = _regions.visible_traces(figure, lambda t: t.get("legendgroup") == "band")
    out["band"] = [list(t["y"]) for t in bands]
    out["band_name"] = [t.get("name") for t in bands]
    return out
