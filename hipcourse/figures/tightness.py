"""Lesson 02: what "tight" means in the model, as a chart of one ligament's pull.

The ischiofemoral ligament's pull (the summed tension of its fibres,
:meth:`hipcapsule.TorqueResult.force_by_ligament`) as the straight hip turns inwards, for the
normal capsule and for the posterior capsule tightened to half and to the end of its meaningful
range (:data:`hipcapsule.MEANINGFUL_TIGHTNESS`). A tighter ligament has shorter slack lengths, so
it starts to pull at a smaller angle (the first angle with a pull above zero) and reaches the
limit torque (:func:`hipcapsule.rotation_limits`) sooner.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

import hipcapsule as hc

from .. import style
from ..explorers._regions import tightness_from_fraction
from . import FigureSpec

__all__ = ["FIGURES", "FRACTIONS", "PullCurve", "pull_curves", "tightness_pull_figure"]

#: Shares of the posterior capsule's meaningful tightness range that are drawn.
FRACTIONS = (0.0, 0.5, 1.0)
#: Internal rotation of the straight hip (deg) over which the pull is drawn.
ROTATIONS_DEG = tuple(float(a) for a in np.arange(0.0, 32.01, 0.5))
#: The ligament drawn and the hip flexion (deg) of every pose.
LIGAMENT = "ischiofemoral"
FLEXION_DEG = 0.0

_COLOURS = ("#0072b2", "#e69f00", "#d55e00")
_DASHES = ("solid", "dash", "dot")


@dataclass(frozen=True)
class PullCurve:
    """One drawn curve.

    Attributes
    ----------
    tightness : float
        Posterior-capsule tightness (fractional slack shortening).
    rotations_deg, pull_n : tuple of float
        Internal rotation (deg) and the ligament's pull there (N).
    onset_deg : float
        First drawn rotation at which the pull is above zero.
    limit_deg : float
        Internal-rotation limit of that capsule at this flexion (deg).
    limit_pull_n : float
        The ligament's pull at the limit (N).
    """

    tightness: float
    rotations_deg: tuple[float, ...]
    pull_n: tuple[float, ...]
    onset_deg: float
    limit_deg: float
    limit_pull_n: float


def pull_curves() -> list[PullCurve]:
    """The curves of the figure, computed by the model (normal capsule first)."""
    rot = np.asarray(ROTATIONS_DEG)
    poses = np.column_stack([np.full_like(rot, FLEXION_DEG), np.zeros_like(rot), rot])
    out = []
    for frac in FRACTIONS:
        t = tightness_from_fraction("posterior", frac)
        cap = hc.region_capsule("posterior", t)
        pull = hc.restraint_torque(cap, poses).force_by_ligament()[LIGAMENT]
        limit = float(hc.rotation_limits(cap, FLEXION_DEG).ir[0])
        limit_pull = hc.restraint_torque(cap, [FLEXION_DEG, 0.0, limit]).force_by_ligament()
        out.append(PullCurve(
            tightness=t, rotations_deg=tuple(rot.tolist()), pull_n=tuple(pull.tolist()),
            onset_deg=float(rot[np.argmax(pull > 0.0)]), limit_deg=limit,
            limit_pull_n=float(limit_pull[LIGAMENT][0])))
    return out


def _name(t: float) -> str:
    return "normal capsule" if t == 0 else f"tight: {style.slack_text(t)}"


def tightness_pull_figure() -> go.Figure:
    """Pull of the ischiofemoral ligament against internal rotation, normal and tightened."""
    curves = pull_curves()
    torque = hc.DEFAULT_TORQUE_THRESHOLD_NM
    fig = go.Figure()
    for c, colour, dash in zip(curves, _COLOURS, _DASHES, strict=True):
        name = _name(c.tightness)
        fig.add_trace(go.Scatter(
            x=list(c.rotations_deg), y=style.rounded(c.pull_n, 0), mode="lines", name=name,
            line={"color": colour, "width": 3, "dash": dash}, legendgroup=name,
            hovertemplate="%{x}° inwards: %{y} N<extra>" + name + "</extra>"))
        fig.add_trace(go.Scatter(
            x=[c.onset_deg, round(c.limit_deg, 1)], y=[0.0, round(c.limit_pull_n)],
            mode="markers", legendgroup=name, showlegend=False,
            marker={"symbol": ["circle-open", "diamond"], "size": [13, 13], "color": colour,
                    "line": {"width": 2.5, "color": colour}},
            hovertemplate=[f"starts to pull at {c.onset_deg:g}°<extra>{name}</extra>",
                           f"limit ({torque:g} N·m) at {c.limit_deg:.0f}°<extra>{name}</extra>"]))
    for symbol, text in (("circle-open", "starts to pull"),
                         ("diamond", f"limit: {torque:g} N·m reached")):
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=text, hoverinfo="skip",
            marker={"symbol": symbol, "size": 12, "color": "#444444",
                    "line": {"width": 2.5, "color": "#444444"}}))
    normal, half, full = curves
    top = max(max(c.pull_n) for c in curves)
    alt = (
        "Line chart from the course's capsule model. Across: how far the straight hip turns "
        "inwards, in degrees. Up: how hard the ischiofemoral ligament at the back of the "
        "capsule pulls, in newtons. With the normal capsule the ligament is slack at first "
        f"and starts to pull at about {normal.onset_deg:.0f}°; the hip reaches its limit, a "
        f"resisting torque of {torque:g} N·m, at about {normal.limit_deg:.0f}°. With the back "
        f"of the capsule tightened ({style.slack_text(half.tightness)}, then "
        f"{style.slack_text(full.tightness)}) the same curve starts earlier, at about "
        f"{half.onset_deg:.0f}° and {full.onset_deg:.0f}°, and the limit comes sooner, at "
        f"about {half.limit_deg:.0f}° and {full.limit_deg:.0f}°. At each limit the ligament "
        f"pulls with roughly the same force, about {normal.limit_pull_n:.0f} N."
    )
    fig.update_layout(
        template=style.small_template(polar=False), height=480, meta={"alt_text": alt},
        title={"text": "Ischiofemoral pull, hip straight", "x": 0.02},
        margin={"l": 60, "r": 15, "t": 50, "b": 140},
        legend={"orientation": "h", "x": 0.0, "y": -0.2, "yanchor": "top"},
        xaxis={"title": {"text": "Internal rotation (°)"}, "range": [0, 32], "dtick": 5,
               "fixedrange": True},
        yaxis={"title": {"text": "Pull of the ligament (N)"}, "fixedrange": True,
               "range": [round(-0.06 * top), round(1.05 * top)], "zeroline": True},
        hovermode="closest",
    )
    return fig


FIGURES = {
    "tightness_pull": FigureSpec(build=tightness_pull_figure, label="Figure"),
}
