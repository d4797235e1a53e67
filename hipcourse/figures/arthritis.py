"""Figures of lesson 08 (hip arthritis): a stepped joint schematic and exercise effects.

* ``hip_joint_stages`` -- a drawing of a hip joint, healthy, moderate and severe
  ("bone-on-bone") osteoarthritis, stepped with buttons (all states precomputed).
* ``exercise_effect_forest`` -- pain and function effects of exercise with 95 % intervals
  (Fransen et al. 2014), forest style.

The table of arthritis types is a real table (:func:`hipcourse.tables.arthritis_types_table`),
so it reflows on a phone.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import style
from ..content.arthritis import FRANSEN2014_EFFECTS, JOINT_STAGES, JointStage
from . import FigureSpec

__all__ = ["FIGURES", "joint_stage_traces"]

_BONE = "#d9c9a3"
_BONE_LINE = "#8c7a55"
_CARTILAGE = "#56b4e9"
_SPUR = "#d55e00"
_HEAD_R = 10.0
_GAP = 0.8


def _band(r_in: float, r_out: float, a0: float, a1: float, n: int = 60) -> tuple:
    a = np.radians(np.linspace(a0, a1, n))
    x = np.concatenate([r_out * np.cos(a), r_in * np.cos(a[::-1])])
    y = np.concatenate([r_out * np.sin(a), r_in * np.sin(a[::-1])])
    return np.round(np.append(x, x[0]), 2), np.round(np.append(y, y[0]), 2)


def _poly(x, y, colour: str, name: str, line: str | None = None) -> go.Scatter:
    return go.Scatter(x=list(x), y=list(y), fill="toself", fillcolor=colour, mode="lines",
                      line={"color": line or colour, "width": 1}, name=name,
                      hoverinfo="name", showlegend=False)


def joint_stage_traces(stage: JointStage) -> list[go.Scatter]:
    """The traces of one drawn stage: socket bone, cartilage layers, femoral head, spurs."""
    c = stage.cartilage_mm
    gap = _GAP if c > 0 else 0.0
    head_out = _HEAD_R + c
    socket_in = head_out + gap + c
    traces = []
    # femoral head (circle) and neck
    a = np.radians(np.linspace(0, 360, 90))
    traces.append(_poly(np.round(_HEAD_R * np.cos(a), 2), np.round(_HEAD_R * np.sin(a), 2),
                        _BONE, "Femoral head (ball)", _BONE_LINE))
    traces.append(_poly([3, 9, 14, 7], [-9, -6, -17, -19], _BONE, "Femoral neck", _BONE_LINE))
    # socket (acetabulum) bone
    x, y = _band(socket_in, socket_in + 4.0, 15, 165)
    traces.append(_poly(x, y, _BONE, "Socket (acetabulum)", _BONE_LINE))
    if c > 0:
        x, y = _band(_HEAD_R, head_out, 10, 170)
        traces.append(_poly(x, y, _CARTILAGE, "Cartilage on the ball"))
        x, y = _band(head_out + gap, socket_in, 15, 165)
        traces.append(_poly(x, y, _CARTILAGE, "Cartilage in the socket"))
    if stage.osteophytes:
        r = socket_in + 2.0
        size = 2.5 if c > 0 else 4.0
        for ang in (15, 165):
            t = np.radians(ang)
            bx, by = r * np.cos(t), r * np.sin(t)
            sx = 1 if ang < 90 else -1
            traces.append(_poly([bx, bx + sx * size, bx], [by + 1.5, by - 0.5, by - 1.5],
                                _SPUR, "Bony spur (osteophyte)"))
    # labels as one text trace
    labels = [(0, 0, "ball"), (0, socket_in + 2.0, "socket")]
    if c > 0:
        labels.append((0, head_out + gap / 2 - 3.2, "cartilage + joint space"))
    else:
        labels.append((0, _HEAD_R - 3.2, "bone on bone"))
    traces.append(go.Scatter(x=[p[0] for p in labels], y=[p[1] for p in labels],
                             mode="text", text=[p[2] for p in labels],
                             textfont=style.FONT_SMALL, hoverinfo="skip", showlegend=False,
                             name="labels"))
    return traces


def _hip_joint_stages() -> go.Figure:
    fig = go.Figure()
    groups = []
    for stage in JOINT_STAGES:
        traces = joint_stage_traces(stage)
        groups.append(len(traces))
        fig.add_traces(traces)
    total = sum(groups)
    buttons, start = [], 0
    for stage, n in zip(JOINT_STAGES, groups, strict=True):
        visible = [start <= i < start + n for i in range(total)]
        title = style.wrap_html(f"{stage.label}: {stage.description}", 40)
        buttons.append({"label": stage.label, "method": "update",
                        "args": [{"visible": visible}, {"title.text": title}]})
        start += n
    first = buttons[0]["args"][0]["visible"]
    for trace, vis in zip(fig.data, first, strict=True):
        trace.visible = vis
    fig.update_layout(
        template=style.small_template(polar=False), height=430,
        title={"text": style.wrap_html(f"{JOINT_STAGES[0].label}: "
                                       f"{JOINT_STAGES[0].description}", 40),
               "font": {"size": 14}},
        margin={"l": 10, "r": 10, "t": 80, "b": 70},
        xaxis={"visible": False, "range": [-19, 19], "scaleanchor": "y"},
        yaxis={"visible": False, "range": [-20, 19]},
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons,
                      "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
                      "showactive": True, "active": 0}],
        meta={"alt_text": (
            "A drawing of a hip joint seen from the front, in three steps chosen with "
            "buttons. Healthy: a smooth layer of blue cartilage covers the ball and lines "
            "the socket, with a clear joint space between. Moderate osteoarthritis: the "
            "cartilage is thinner, the space is narrower and small bony spurs (osteophytes) "
            "grow at the rim of the socket. Severe osteoarthritis: the cartilage is gone where "
            "the joint bears weight, so bone meets bone, which is what an X-ray report calls "
            "bone-on-bone. It is a schematic, not drawn to scale.")},
    )
    return fig


def _exercise_effect_forest() -> go.Figure:
    effects = FRANSEN2014_EFFECTS
    names = [e.outcome for e in effects]
    fig = go.Figure(go.Scatter(
        x=[e.smd for e in effects], y=names, mode="markers",
        marker={"size": 12, "color": "#0072b2", "symbol": "square"},
        error_x={"type": "data", "symmetric": False,
                 "array": [round(e.ci_high - e.smd, 2) for e in effects],
                 "arrayminus": [round(e.smd - e.ci_low, 2) for e in effects],
                 "color": "#0072b2", "thickness": 2},
        hovertemplate="%{y}: SMD %{x}<extra></extra>", name="Exercise vs no exercise",
        showlegend=False))
    fig.add_vline(x=0, line={"color": "#444444", "dash": "dash"})
    fig.update_layout(
        template=style.small_template(polar=False), height=330,
        title={"text": "Exercise for hip OA: effect size", "font": {"size": 15}},
        margin={"l": 10, "r": 15, "t": 50, "b": 80},
        xaxis={"title": {"text": "SMD (left of 0 = better with exercise)"},
               "range": [-0.8, 0.3], "dtick": 0.2, "zeroline": False},
        yaxis={"autorange": "reversed", "automargin": True},
        meta={"alt_text": (
            "A forest-style chart of two results from a Cochrane review of exercise for hip "
            "osteoarthritis (Fransen and colleagues 2014). For pain and for physical "
            "function, the square marks a standardised mean difference of about minus 0.4 "
            "straight after the programme, and the line through it shows the 95 percent "
            "confidence interval. Both lines sit left of zero, which means exercise helped "
            "more than no exercise; the effect is small to moderate.")},
    )
    return fig


FIGURES = {
    "hip_joint_stages": FigureSpec(build=_hip_joint_stages, label="Figure"),
    "exercise_effect_forest": FigureSpec(build=_exercise_effect_forest, label="Figure",
                                         sources=("fransen2014",)),
}
