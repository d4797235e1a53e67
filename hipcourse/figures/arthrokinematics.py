"""Lesson 06: how joint surfaces move on each other (spin, roll, glide) and what the model shows.

Two diagrams are pure 2-D geometry (a ball of radius ``r`` inside a concave socket of radius
``R``); the third feeds poses to the capsule model (:func:`hipcapsule.restraint_torque`), which
turns the femur about a fixed head centre and never lets the head translate.

Geometry of the ball in the socket (socket centre at the origin, angles in degrees):

* the ball centre sits at angle ``alpha`` from straight down, ``(R - r)(sin a, -cos a)``;
* rolling without slipping turns the ball by ``-(R - r) / r * alpha``, so the contact point moves
  by the same arc ``R * alpha`` on both surfaces;
* pure glide turns the ball with the line to the socket centre (by ``alpha``): the same point of
  the ball stays in contact while the contact moves along the socket;
* pure spin turns the ball about the line through the contact point: the contact stays put.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

import hipcapsule as hc

from .. import style
from . import FigureSpec

__all__ = [
    "BALL_RADIUS",
    "FIGURES",
    "SOCKET_RADIUS",
    "BallPose",
    "ball_pose",
    "ligament_length_change",
    "roll_glide_shift",
]

#: Radii of the 2-D ball and socket of the diagrams (arbitrary units).
BALL_RADIUS = 1.0
SOCKET_RADIUS = 2.0
#: Steps of the roll and glide diagram (deg of the ball centre about the socket centre).
STEPS_DEG = (0.0, 15.0, 30.0, 45.0)
#: Internal rotation range of the model figure (deg; negative = external rotation).
ROTATIONS_DEG = tuple(float(a) for a in range(-40, 41, 5))
#: Hip flexion of the poses of the model figure (deg).
FLEXIONS_DEG = (0.0, 90.0)

_MOTIONS = ("roll", "glide", "spin")


@dataclass(frozen=True)
class BallPose:
    """Where the ball is and which of its points touches the socket.

    Attributes
    ----------
    centre : tuple of float
        Ball centre (x, y).
    turn_deg : float
        How far the ball has turned in the picture plane (anticlockwise positive).
    contact : tuple of float
        The contact point on the socket (x, y).
    contact_on_ball_deg : float
        Where the contact point lies on the ball, as an angle in the ball's own frame.
    spin_deg : float
        Turn about the line through the contact point (spin only).
    """

    centre: tuple[float, float]
    turn_deg: float
    contact: tuple[float, float]
    contact_on_ball_deg: float
    spin_deg: float = 0.0


def ball_pose(motion: str, amount_deg: float) -> BallPose:
    """Pose of the ball after ``amount_deg`` of ``motion`` ("roll", "glide" or "spin").

    For roll and glide ``amount_deg`` is how far the ball centre has moved round the socket
    centre; for spin it is the turn about the line through the contact point.
    """
    if motion not in _MOTIONS:
        raise ValueError(f"motion={motion!r} is not one of {_MOTIONS}")
    amount = float(amount_deg)
    r, big = BALL_RADIUS, SOCKET_RADIUS
    alpha = 0.0 if motion == "spin" else np.deg2rad(amount)
    centre = (big - r) * np.array([np.sin(alpha), -np.cos(alpha)])
    contact = big * np.array([np.sin(alpha), -np.cos(alpha)])
    if motion == "roll":
        turn = -(big - r) / r * alpha
    elif motion == "glide":
        turn = alpha
    else:
        turn = 0.0
    world = alpha - np.pi / 2  # direction from ball centre to contact
    on_ball = np.rad2deg(world - turn)
    return BallPose(
        centre=(float(centre[0]), float(centre[1])),
        turn_deg=float(np.rad2deg(turn)),
        contact=(float(contact[0]), float(contact[1])),
        contact_on_ball_deg=float(on_ball),
        spin_deg=amount if motion == "spin" else 0.0,
    )


def ligament_length_change(flexion_deg: float = 0.0,
                           rotations_deg=ROTATIONS_DEG) -> dict[str, np.ndarray]:
    """Mean band length per ligament, as % change from neutral rotation, in the model.

    Parameters
    ----------
    flexion_deg : float
        Hip flexion of every pose (adduction 0).
    rotations_deg : sequence of float
        Internal rotation of the femur about the fixed head centre (negative = external).

    Returns
    -------
    dict of str to ndarray
        Ligament name (capsular ligaments only) -> % length change at each rotation.
    """
    rot = np.asarray(rotations_deg, dtype=float)
    poses = np.column_stack([np.full_like(rot, flexion_deg), np.zeros_like(rot), rot])
    ref = np.array([[flexion_deg, 0.0, 0.0]])
    cap = hc.default_capsule()
    res = hc.restraint_torque(cap, poses)
    base = hc.restraint_torque(cap, ref).length_mm[0]
    out: dict[str, np.ndarray] = {}
    for lig in hc.LIGAMENTS:
        if lig == "ligamentum_teres":
            continue
        cols = [j for j, b in enumerate(res.bundle_names) if hc.BUNDLES[b] == lig]
        length = res.length_mm[:, cols].mean(axis=1)
        out[lig] = 100.0 * (length / base[cols].mean() - 1.0)
    return out


# ---------------------------------------------------------------------------------------------
# drawing

_BALL = "#0072b2"
_SOCKET = "#444444"
_MARK = "#d55e00"
_CONTACT = "#009e73"


def _circle(cx: float, cy: float, radius: float, a0: float = 0.0, a1: float = 360.0):
    t = np.deg2rad(np.linspace(a0, a1, 73))
    return (cx + radius * np.cos(t)).round(3).tolist(), (cy + radius * np.sin(t)).round(3).tolist()


def _layout(fig: go.Figure, title: str, alt: str, height: int = 420) -> None:
    fig.update_layout(
        template=style.small_template(polar=False), title={"text": title, "x": 0.02},
        height=height, margin={"l": 10, "r": 10, "t": 50, "b": 90},
        legend={"orientation": "h", "y": -0.05, "x": 0}, meta={"alt_text": alt},
        xaxis={"visible": False, "range": [-2.4, 2.4], "fixedrange": True},
        yaxis={"visible": False, "range": [-2.4, 0.9], "scaleanchor": "x", "fixedrange": True},
    )


def _socket_traces() -> list[go.Scatter]:
    x, y = _circle(0.0, 0.0, SOCKET_RADIUS, 200.0, 340.0)
    return [go.Scatter(x=x, y=y, mode="lines", line={"color": _SOCKET, "width": 5},
                       name="Socket (concave)", hoverinfo="skip")]


def _ball_traces(pose: BallPose, faint: bool, show_legend: bool) -> list[go.Scatter]:
    cx, cy = pose.centre
    x, y = _circle(cx, cy, BALL_RADIUS)
    opacity = 0.25 if faint else 1.0
    # the marked point: the point of the ball that touched the socket at the start
    if pose.spin_deg:
        # seen from the side, a spin about the up-down line moves the mark across the face
        mark_angle = np.deg2rad(-90.0)
        mx = cx + 0.9 * BALL_RADIUS * np.sin(np.deg2rad(pose.spin_deg))
        my = cy + BALL_RADIUS * np.sin(mark_angle) * 0.55
    else:
        mark_angle = np.deg2rad(-90.0 + pose.turn_deg)
        mx = cx + BALL_RADIUS * np.cos(mark_angle)
        my = cy + BALL_RADIUS * np.sin(mark_angle)
    return [
        go.Scatter(x=x, y=y, mode="lines", line={"color": _BALL, "width": 3}, opacity=opacity,
                   name="Ball (convex head)", showlegend=show_legend, hoverinfo="skip"),
        go.Scatter(x=[cx, round(float(mx), 3)], y=[cy, round(float(my), 3)],
                   mode="lines+markers", opacity=opacity,
                   line={"color": _MARK, "width": 2}, marker={"size": [4, 11], "color": _MARK},
                   name="Marked point of the ball", showlegend=show_legend, hoverinfo="skip"),
        go.Scatter(x=[pose.contact[0]], y=[pose.contact[1]], mode="markers", opacity=opacity,
                   marker={"size": 12, "symbol": "x", "color": _CONTACT},
                   name="Contact point on the socket", showlegend=show_legend, hoverinfo="skip"),
    ]


_MOTION_LABELS = {"roll": "Roll", "glide": "Glide", "spin": "Spin"}
_MOTION_TITLES = {
    "roll": "Roll: new points meet new points",
    "glide": "Glide: one ball point slides along",
    "spin": "Spin: contact point stays put",
}


def spin_roll_glide_figure() -> go.Figure:
    """Buttons step through roll, glide and spin of a ball in a socket (faint earlier steps)."""
    fig = go.Figure()
    groups: list[list[int]] = []
    for motion in _MOTIONS:
        idx: list[int] = []
        for traces in [_socket_traces()] + [
            _ball_traces(ball_pose(motion, a if motion != "spin" else 2 * a),
                         faint=k < len(STEPS_DEG) - 1, show_legend=k == len(STEPS_DEG) - 1)
            for k, a in enumerate(STEPS_DEG)
        ]:
            for tr in traces:
                idx.append(len(fig.data))
                fig.add_trace(tr)
        groups.append(idx)
    n = len(fig.data)
    vis = [[i in g for i in range(n)] for g in groups]
    for t, v in zip(fig.data, vis[0], strict=True):
        t.visible = v
    buttons = [
        {"label": _MOTION_LABELS[m], "method": "update",
         "args": [{"visible": vis[i]}, {"title.text": _MOTION_TITLES[m]}]}
        for i, m in enumerate(_MOTIONS)
    ]
    alt = ("A ball inside a larger curved socket, drawn from the side, in three states chosen "
           "with buttons. Roll: the ball rolls round the socket without slipping; the marked "
           "point of the ball turns away from the contact and the contact point moves along "
           "the socket by the same distance. Glide: the ball slides round the socket; the same "
           "marked point of the ball stays in contact while the contact point moves along the "
           "socket. Spin: the ball turns on the spot about the up-down line through the "
           "contact point; the contact point does not move. Earlier steps are drawn faint.")
    _layout(fig, _MOTION_TITLES["roll"], alt)
    fig.update_layout(updatemenus=[{
        "type": "buttons", "direction": "right", "buttons": buttons, "x": 0.0, "y": 1.0,
        "xanchor": "left", "yanchor": "bottom", "pad": {"t": 2}, "showactive": True,
    }], title={"y": 0.97, "yanchor": "top"}, margin={"t": 80})
    return fig


# --- the convex-on-concave rule in the hip ---------------------------------------------------

#: Thigh flexion of the rule diagram (deg).
RULE_FLEXION_DEG = 30.0
_HEAD_R = 1.0


def _femur(turn_deg: float, centre: tuple[float, float]) -> tuple[list, list]:
    """A head circle plus neck-and-shaft line, seen from the side (front of the body to the
    right), hanging down; flexion swings the shaft forward (anticlockwise in this view)."""
    t = np.deg2rad(turn_deg)
    cx, cy = centre
    hx, hy = _circle(cx, cy, _HEAD_R)
    tip = (cx + 2.3 * np.sin(t), cy - 2.3 * np.cos(t))
    return hx + [None, cx, round(float(tip[0]), 3)], hy + [None, cy, round(float(tip[1]), 3)]


def roll_glide_shift(flexion_deg: float) -> dict[str, float]:
    """Forward (+) shift of the head centre if the head only rolled, only glided, or both.

    The head rolls on the roof of the socket: turning by ``flexion_deg`` carries the centre
    forward by ``r * angle``; the glide that the convex-on-concave rule adds carries it back
    by the same amount, so together the centre stays put.
    """
    arc = _HEAD_R * np.deg2rad(float(flexion_deg))
    return {"roll": float(arc), "glide": float(-arc), "both": 0.0}


def convex_rule_figure() -> go.Figure:
    """Buttons: the start, the thigh flexed by rolling only, and by rolling plus gliding."""
    shift = roll_glide_shift(RULE_FLEXION_DEG)
    socket_x, socket_y = _circle(0.0, 0.0, 1.08 * _HEAD_R, 20.0, 160.0)
    states = (
        ("Start", 0.0, 0.0),
        ("Roll only", RULE_FLEXION_DEG, shift["roll"]),
        ("Roll + glide", RULE_FLEXION_DEG, shift["roll"] + shift["glide"]),
    )
    fig = go.Figure()
    groups = []
    for _label, turn, dx in states:
        idx = [len(fig.data)]
        fig.add_trace(go.Scatter(x=socket_x, y=socket_y, mode="lines", name="Socket roof",
                                 line={"color": _SOCKET, "width": 5}, hoverinfo="skip"))
        fx, fy = _femur(turn, (dx, 0.0))
        idx.append(len(fig.data))
        fig.add_trace(go.Scatter(x=fx, y=fy, mode="lines", name="Thigh bone (femur)",
                                 line={"color": _BALL, "width": 3}, hoverinfo="skip"))
        idx.append(len(fig.data))
        fig.add_trace(go.Scatter(x=[dx], y=[0.0], mode="markers", name="Head centre",
                                 marker={"color": _MARK, "size": 9}, hoverinfo="skip"))
        groups.append(idx)
    # arrows of the rolled and glided state: roll forward, glide back
    arrow_y = 1.35
    ann_roll = {"x": shift["roll"] + 0.6, "y": arrow_y, "ax": 0.6, "ay": arrow_y, "xref": "x",
                "yref": "y", "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 3,
                "arrowcolor": _MARK, "text": ""}
    ann_glide = dict(ann_roll, x=-0.6 + shift["glide"], ax=-0.6, arrowcolor=_CONTACT)
    lab_roll = {"x": 0.9, "y": arrow_y + 0.3, "text": "roll forward", "showarrow": False,
                "xref": "x", "yref": "y", "font": {"color": _MARK, "size": 13}}
    lab_glide = dict(lab_roll, x=-0.9, text="glide back", font={"color": _CONTACT, "size": 13})
    front = {"x": 2.2, "y": -2.3, "text": "front →", "showarrow": False, "xref": "x",
             "yref": "y", "font": {"size": 13}}
    anns = ([front], [front, ann_roll, lab_roll], [front, ann_roll, lab_roll, ann_glide,
                                                        lab_glide])
    titles = ("Hip seen from the side", "Rolling alone: head leaves socket",
              "Roll + glide: centre stays")
    n = len(fig.data)
    vis = [[i in g for i in range(n)] for g in groups]
    for t, v in zip(fig.data, vis[0], strict=True):
        t.visible = v
    for i, t in enumerate(fig.data):
        t.showlegend = i in groups[0]
    buttons = [{"label": s[0], "method": "update",
                "args": [{"visible": vis[i]}, {"title.text": titles[i], "annotations": anns[i]}]}
               for i, s in enumerate(states)]
    alt = ("The hip seen from the side, front of the body to the right: the round femoral head "
           "sits under the curved roof of the socket and the thigh bone hangs down. Buttons show "
           "the start; the thigh bent forward by rolling alone, which carries the head forward "
           "and out from under the roof; and rolling plus an equal glide backwards, which keeps "
           "the head centre in place, so the bone turns about the centre of the head (the "
           "convex-on-concave rule).")
    _layout(fig, titles[0], alt)
    fig.update_layout(
        annotations=anns[0], title={"y": 0.97, "yanchor": "top"}, margin={"t": 80},
        yaxis={"range": [-2.5, 2.0]},
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "x": 0.0,
                      "y": 1.0, "xanchor": "left", "yanchor": "bottom", "pad": {"t": 2},
                      "showactive": True}],
    )
    return fig


# --- the model: band length as the femur turns about a fixed centre --------------------------

_LIG_COLOURS = {"lateral_iliofemoral": "#0072b2", "medial_iliofemoral": "#56b4e9",
                "pubofemoral": "#009e73", "ischiofemoral": "#d55e00"}


def band_length_figure() -> go.Figure:
    """% length change of each capsular ligament against rotation, at two flexion angles."""
    fig = go.Figure()
    groups = []
    for flex in FLEXIONS_DEG:
        idx = []
        for lig, pct in ligament_length_change(flex).items():
            idx.append(len(fig.data))
            fig.add_trace(go.Scatter(
                x=list(ROTATIONS_DEG), y=style.rounded(pct, 1), mode="lines+markers",
                name=style.LIGAMENT_LABELS[lig], line={"color": _LIG_COLOURS[lig], "width": 3},
                marker={"size": 5},
                hovertemplate="%{x}° rotation: %{y}%<extra>" + style.LIGAMENT_LABELS[lig]
                + "</extra>"))
        groups.append(idx)
    n = len(fig.data)
    vis = [[i in g for i in range(n)] for g in groups]
    for t, v in zip(fig.data, vis[0], strict=True):
        t.visible = v
    titles = [f"Band length, hip at {flex:g}° flexion" for flex in FLEXIONS_DEG]
    buttons = [{"label": f"Flexion {flex:g}°", "method": "update",
                "args": [{"visible": vis[i]}, {"title.text": titles[i]}]}
               for i, flex in enumerate(FLEXIONS_DEG)]
    alt = ("Line chart from the course's capsule model. Across: rotation of the thigh, from "
           "turning out (negative) to turning in (positive). Up: how much longer or shorter "
           "each capsule ligament is than with the thigh facing forward, in percent. With the "
           "hip straight, turning in stretches the ischiofemoral ligament at the back and lets "
           "the front ligaments go slack; turning out does the opposite. A button shows the "
           "hip bent to 90 degrees. The model turns the thigh about a fixed head centre, so it "
           "shows stretch, not any shift of the head.")
    fig.update_layout(
        template=style.small_template(polar=False), height=440, meta={"alt_text": alt},
        title={"text": titles[0], "x": 0.02, "y": 0.97, "yanchor": "top"},
        margin={"l": 55, "r": 10, "t": 80, "b": 120},
        legend={"orientation": "h", "y": -0.28, "x": 0},
        xaxis={"title": {"text": "Rotation (°): out − / in +"}, "zeroline": True},
        yaxis={"title": {"text": "Length change (%)"}, "zeroline": True},
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "x": 0.0,
                      "y": 1.0, "xanchor": "left", "yanchor": "bottom", "pad": {"t": 2},
                      "showactive": True}],
    )
    return fig


FIGURES = {
    "spin_roll_glide": FigureSpec(build=spin_roll_glide_figure, label="Figure",
                                  sources=("physiopedia2024",)),
    "convex_concave_rule": FigureSpec(build=convex_rule_figure, label="Figure",
                                      sources=("physiopedia2024",)),
    "band_length_rotation": FigureSpec(build=band_length_figure, label="Figure"),
}
