"""The two ways lesson 04 measures hip rotation: seated on a table edge, and lying face down.

Each figure shows the set-up from the side and, below, the view in which the shin swings: for
internal rotation the foot moves outwards, and the phone (inclinometer) strapped to the front of
the shin reads the angle between the shin and vertical.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import style
from . import FigureSpec
from . import mannequin as mq

__all__ = ["EXAMPLE_IR_DEG", "FIGURES", "measured_angle_deg"]

#: Internal rotation drawn in both figures (deg): an example for the drawing, not a norm.
EXAMPLE_IR_DEG = 30.0
_LN = mq.default_lengths()
PHONE_COLOUR = "#222222"


def measured_angle_deg(view: str, hip_rotation_deg) -> np.ndarray:
    """Angle (deg) between the shin and vertical that the phone reads in a rotation view.

    Parameters
    ----------
    view : {"seated_front", "prone_feet"}
    hip_rotation_deg : float or array_like
        Hip rotation (deg, positive internal), in [-90, 90].

    Returns
    -------
    ndarray
        Unsigned angle (deg) of the knee-to-foot line from vertical, same shape as the input.
    """
    if view not in ("seated_front", "prone_feet"):
        raise ValueError(f"view={view!r} is not one of 'seated_front', 'prone_feet'")
    p = mq.rotation_view(view, hip_rotation_deg)
    d = p["foot"] - p["knee"]
    return np.degrees(np.arctan2(np.abs(d[..., 0]), np.abs(d[..., 1])))


def _swing_panel(fig: go.Figure, view: str, panel: int, ir: float) -> None:
    """Both shins in a rotation view, the right one turning to ``ir``; phone, vertical, angle."""
    left = mq.rotation_view(view, 0.0, side="left")
    start = mq.rotation_view(view, 0.0, side="right")
    end = mq.rotation_view(view, ir, side="right")
    w = _LN.limb_width_m
    mq.add_segment(fig, left["hip"], start["hip"], 1.6 * w, mq.BODY_COLOUR, mq.END_OPACITY, panel)
    mq.add_segment(fig, left["knee"], left["foot"], w, mq.BODY_COLOUR, mq.END_OPACITY, panel)
    mq.add_segment(fig, start["knee"], start["foot"], w, mq.LIMB_COLOUR, mq.START_OPACITY, panel)
    mq.add_segment(fig, end["knee"], end["foot"], w, mq.LIMB_COLOUR, mq.END_OPACITY, panel)
    knee, foot = end["knee"], end["foot"]
    d = (foot - knee) / np.hypot(*(foot - knee))
    mq.add_segment(fig, knee + 0.10 * d, knee + 0.22 * d, 0.08, PHONE_COLOUR, 1.0, panel)
    s = "" if panel == 1 else str(panel)
    vertical = start["foot"] - start["knee"]
    fig.add_shape(type="line", x0=knee[0], y0=knee[1], x1=knee[0] + vertical[0] * 1.1,
                  y1=knee[1] + vertical[1] * 1.1, line={"color": "#444444", "width": 2,
                                                         "dash": "dash"},
                  xref=f"x{s}", yref=f"y{s}")
    a0 = np.arctan2(vertical[1], vertical[0])
    a1 = np.arctan2(d[1], d[0])
    arc = np.linspace(a0, a1, 12)
    r = 0.3
    fig.add_trace(go.Scatter(
        x=knee[0] + r * np.cos(arc), y=knee[1] + r * np.sin(arc), mode="lines",
        line={"color": mq.PULL_COLOUR, "width": 3}, name="angle read from vertical",
        hoverinfo="name", xaxis=f"x{s}", yaxis=f"y{s}"))
    # the arc is named in the key ("angle read from vertical"): a label beside it would sit on
    # the arrow's label at phone widths
    mq.add_arrow(fig, start["foot"] + 0.15 * (foot - start["foot"]),
                 start["foot"] + 0.9 * (foot - start["foot"]), "foot swings out", panel)
    fig.add_annotation(x=knee[0] + 0.24 * d[0], y=knee[1] + 0.24 * d[1], text="phone",
                       showarrow=False, xanchor="right" if view == "seated_front" else "left",
                       xshift=-8 if view == "seated_front" else 8, font=style.FONT_SMALL,
                       xref=f"x{s}", yref=f"y{s}")


def _phone_key(fig: go.Figure) -> None:
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="phone on the shin",
                             marker={"symbol": "square", "size": 12, "color": PHONE_COLOUR},
                             hoverinfo="skip"))


def _seated() -> go.Figure:
    fig = mq.panel_figure(("From the side", "From the front: turning in"),
                          (((-0.7, 0.8), (-0.05, 1.85)), ((-0.75, 0.75), (-0.55, 0.3))))
    top = 0.85
    mq.add_bed(fig, -0.7, 0.3, top, panel=1)
    mq.add_floor(fig, -0.7, 0.8, 0.0, panel=1)
    hip = (0.0, top + 0.09)
    pts = mq.side_view(0, 90, 90, 0, 20, 20, hip_xy=hip)
    mq.add_side_body(fig, pts, panel=1)
    mq.add_segment(fig, (-0.05, top + 0.03), (0.3, top + 0.03), 0.05, "#e6b89c", 1.0, 1)
    fig.add_annotation(x=-0.35, y=top + 0.12, text="rolled towel", showarrow=False,
                       font=style.FONT_SMALL, xref="x", yref="y", yanchor="bottom")
    mq.add_floor(fig, -0.75, 0.75, 0.0 - 0.5, panel=2)
    _swing_panel(fig, "seated_front", 2, EXAMPLE_IR_DEG)
    mq.add_legend_keys(fig, pull=False)
    _phone_key(fig)
    fig.update_layout(meta={"alt_text": (
        "Measuring hip rotation seated. Top: seen from the side, a person sits on the edge of "
        "a high table with the knees bent to 90 degrees over the edge and a rolled towel under "
        "the thigh so it is level. Bottom: seen from the front, the shin starts hanging "
        "straight down (faint). For internal rotation the thigh turns inwards, so the foot "
        "swings outwards, away from the other leg, while the knee stays put (solid, with an "
        "arrow). A phone strapped to the front of the shin just below the knee, zeroed with "
        "the shin vertical, reads the angle between the shin and the dashed vertical line. "
        "External rotation is the same movement the other way, the foot swinging inwards.")})
    return fig


def _prone() -> go.Figure:
    fig = mq.panel_figure(("From the side", "From the feet: turning in"),
                          (((-1.0, 0.95), (-0.1, 0.85)), ((-0.75, 0.75), (-0.2, 0.65))))
    mq.add_bed(fig, -1.0, 0.95, 0.0, panel=1)
    y = _LN.trunk_width_m / 2
    pts = mq.side_view(90, 0, 90, -20, 0, 0, hip_xy=(0.0, y))
    mq.add_side_body(fig, pts, panel=1)
    mq.add_hand(fig, (0.05, 2 * y + 0.03), "helper's hand on pelvis", panel=1)
    mq.add_floor(fig, -0.75, 0.75, -0.05, panel=2)
    _swing_panel(fig, "prone_feet", 2, EXAMPLE_IR_DEG)
    mq.add_legend_keys(fig, pull=False)
    _phone_key(fig)
    fig.update_layout(meta={"alt_text": (
        "Measuring hip rotation lying face down. Top: seen from the side, a person lies on "
        "their front with the hips straight and the pelvis flat, the knee bent to 90 degrees "
        "so the shin points at the ceiling; a helper's hand rests on the back of the pelvis to "
        "feel if it lifts. Bottom: seen from the feet, the shin starts upright (faint). For "
        "internal rotation the foot falls outwards, away from the other leg (solid, with an "
        "arrow). A phone on the shin, zeroed with the shin vertical, reads the angle between "
        "the shin and the dashed vertical line. Stop when the pelvis on the other side starts "
        "to lift. For external rotation the foot falls inwards, across the other leg.")})
    return fig


FIGURES = {
    "measure_seated": FigureSpec(build=_seated, label="Illustration"),
    "measure_prone": FigureSpec(build=_prone, label="Illustration"),
}
