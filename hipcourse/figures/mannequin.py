"""A small 2-D mannequin: people drawn from joint angles as rounded segments ("capsules").

Forward kinematics (numpy, vectorised) turns joint angles into joint positions in one of a few
views; drawing helpers turn those positions into Plotly shapes in a :class:`go.Figure`, with
props (floor, bed, chair, wall, a helper's hand, a strap), a movement arrow and a "pull felt
here" marker. The figures that use it are :mod:`.stretch_stages`, :mod:`.measuring_setups` and
:mod:`.sit_to_stand`; this module registers none of its own.

Views and conventions
---------------------
Angles are degrees at the public API. Positions are metres, shape ``(..., 2)`` (x, y).

* **Side view** (:func:`side_view`, sagittal plane). The body faces +x when upright. The trunk
  angle is measured from vertical, positive leaning forwards (clockwise), so standing is 0, lying
  face down (prone, head at +x) is 90 and lying on the back (supine, head at -x) is -90. Hip
  flexion turns the thigh forwards from the line of the trunk, knee flexion turns the shank
  backwards from the thigh, ankle dorsiflexion lifts the toes, shoulder flexion raises the arm
  forwards and elbow flexion bends the forearm forwards.
* **Rotation views** (:func:`rotation_view`), in which the shank swings when the hip rotates
  with the knee bent 90 degrees. ``"seated_front"``: sitting, seen from the front (x is the
  viewer's right, which is the person's left). ``"prone_feet"``: lying face down with the knee
  bent so the shank points at the ceiling, seen from the feet (x is the person's right).
  ``"kneeling_top"``: on hands and knees, seen from above with the head at +y (x is the person's
  right). In all three, hip **internal** rotation swings the foot **away from the midline**
  (outwards) and external rotation swings it inwards.
* **Hook-lying view** (:func:`hooklying_view`): lying on the back with knees bent and feet flat,
  seen from the feet (x is the viewer's right, the person's left); the knee sinks inwards by a
  drawing angle about the planted foot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import style

__all__ = [
    "BODY_COLOUR",
    "LIMB_COLOUR",
    "MOVE_COLOUR",
    "PULL_COLOUR",
    "PROP_COLOUR",
    "ROTATION_VIEWS",
    "SegmentLengths",
    "add_arrow",
    "add_bed",
    "add_chair",
    "add_floor",
    "add_hand",
    "add_legend_keys",
    "add_pull_marker",
    "add_segment",
    "add_side_body",
    "add_strap",
    "add_wall",
    "capsule_path",
    "check_angle_deg",
    "check_side",
    "check_view",
    "default_lengths",
    "hooklying_view",
    "panel_figure",
    "rotation_view",
    "side_view",
]

#: Colours: the body, the limb that moves, the movement arrow, the "pull felt here" marker, props.
BODY_COLOUR = "#7f7f7f"
LIMB_COLOUR = "#0072b2"
MOVE_COLOUR = "#000000"
PULL_COLOUR = "#d55e00"
PROP_COLOUR = "#c8b89a"
#: Opacity of the faint start position and the solid end position.
START_OPACITY, END_OPACITY = 0.25, 0.9

#: The rotation views and, per view, the direction of the shank from the knee at zero rotation
#: (y sign) and the sign of "lateral" (away from the midline) for the right leg along x.
ROTATION_VIEWS: dict[str, tuple[float, float]] = {
    "seated_front": (-1.0, -1.0),
    "prone_feet": (1.0, 1.0),
    "kneeling_top": (-1.0, 1.0),
}


@dataclass(frozen=True)
class SegmentLengths:
    """Segment lengths and drawing widths of the mannequin (metres; an average-sized adult).

    These are drawing sizes, not measured data: they only need to look like a person.

    Attributes
    ----------
    trunk_m : hip joint to shoulder joint.
    neck_m : shoulder to the bottom of the head.
    head_radius_m : radius of the head.
    thigh_m, shank_m : hip to knee, knee to ankle.
    foot_m : ankle to toe.
    upper_arm_m, forearm_m : shoulder to elbow, elbow to fingertips.
    hip_width_m : distance between the two hip joints.
    trunk_width_m, limb_width_m : drawn thickness of the trunk and of the limbs.
    """

    trunk_m: float = 0.52
    neck_m: float = 0.06
    head_radius_m: float = 0.11
    thigh_m: float = 0.44
    shank_m: float = 0.43
    foot_m: float = 0.20
    upper_arm_m: float = 0.30
    forearm_m: float = 0.30
    hip_width_m: float = 0.20
    trunk_width_m: float = 0.24
    limb_width_m: float = 0.10

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if (isinstance(value, bool) or not isinstance(value, (int, float))
                    or not math.isfinite(value) or not 0.0 < value <= 2.0):
                raise ValueError(f"{f.name}={value!r} is outside (0, 2] m")


def default_lengths() -> SegmentLengths:
    """The default :class:`SegmentLengths` (drawing sizes of an average adult)."""
    return SegmentLengths()


# ---------------------------------------------------------------------------------------------
# checks


def check_angle_deg(name: str, value, low: float, high: float) -> np.ndarray:
    """Return ``value`` as a float array of angles (deg) within ``[low, high]``.

    Parameters
    ----------
    name : str
        Parameter name, used in the error message.
    value : float or array_like
        Angle(s) in degrees.
    low, high : float
        Valid range (deg, inclusive).

    Raises
    ------
    ValueError
        ``"knee_flexion_deg=200 is outside [0, 160] deg"``, or for a string, bool, None or other
        non-numeric value, or a non-finite angle.
    """
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        raise ValueError(f"{name}={value!r} is not a number or array of numbers")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number or array of numbers") from None
    if arr.dtype == object:
        raise ValueError(f"{name}={value!r} is not a number or array of numbers")
    bad = ~np.isfinite(arr) | (arr < low) | (arr > high)
    if bad.any():
        v = float(arr[bad].flat[0])
        raise ValueError(f"{name}={v:g} is outside [{low:g}, {high:g}] deg")
    return arr


def check_side(side) -> float:
    """+1 for ``"right"``, -1 for ``"left"``; ValueError naming ``side`` otherwise."""
    if side not in ("right", "left"):
        raise ValueError(f"side={side!r} is not one of 'right', 'left'")
    return 1.0 if side == "right" else -1.0


def check_view(view) -> str:
    """``view`` if it is one of :data:`ROTATION_VIEWS`; ValueError naming ``view`` otherwise."""
    if not isinstance(view, str) or view not in ROTATION_VIEWS:
        raise ValueError(f"view={view!r} is not one of {', '.join(map(repr, ROTATION_VIEWS))}")
    return view


def _check_lengths(lengths) -> SegmentLengths:
    if lengths is None:
        return default_lengths()
    if not isinstance(lengths, SegmentLengths):
        raise ValueError(f"lengths={lengths!r} is not a SegmentLengths")
    return lengths


def _check_point(name: str, value) -> np.ndarray:
    arr = check_angle_deg(name, value, -1e3, 1e3)  # any finite coordinate (m)
    if arr.shape[-1:] != (2,):
        raise ValueError(f"{name} has shape {arr.shape}; expected (..., 2) (x, y in m)")
    return arr


# ---------------------------------------------------------------------------------------------
# forward kinematics


def _unit(angle_rad: np.ndarray) -> np.ndarray:
    return np.stack([np.cos(angle_rad), np.sin(angle_rad)], axis=-1)


def side_view(
    trunk_deg=0.0,
    hip_flexion_deg=0.0,
    knee_flexion_deg=0.0,
    ankle_dorsiflexion_deg=0.0,
    shoulder_flexion_deg=0.0,
    elbow_flexion_deg=0.0,
    hip_xy=(0.0, 0.0),
    lengths: SegmentLengths | None = None,
) -> dict[str, np.ndarray]:
    """Joint positions in the side (sagittal) view.

    Parameters
    ----------
    trunk_deg : float or array_like
        Trunk angle from vertical, positive leaning forwards, in [-180, 180] (0 upright, 90 lying
        face down, -90 lying on the back).
    hip_flexion_deg : float or array_like
        Hip flexion from the line of the trunk, in [-30, 150].
    knee_flexion_deg : float or array_like
        Knee flexion, in [0, 160].
    ankle_dorsiflexion_deg : float or array_like
        Ankle dorsiflexion (toes up; negative points the toes), in [-60, 40].
    shoulder_flexion_deg : float or array_like
        Arm raised forwards from the side of the trunk, in [-60, 180].
    elbow_flexion_deg : float or array_like
        Elbow flexion, in [0, 160].
    hip_xy : array_like, shape (..., 2)
        Hip-joint position (m).
    lengths : SegmentLengths, optional

    Returns
    -------
    dict of str to ndarray, each of shape (..., 2)
        ``hip``, ``shoulder``, ``head`` (head centre), ``knee``, ``ankle``, ``toe``, ``elbow``,
        ``wrist`` (fingertips), in metres; all inputs broadcast together.
    """
    ln = _check_lengths(lengths)
    trunk = np.deg2rad(check_angle_deg("trunk_deg", trunk_deg, -180, 180))
    hip = np.deg2rad(check_angle_deg("hip_flexion_deg", hip_flexion_deg, -30, 150))
    knee = np.deg2rad(check_angle_deg("knee_flexion_deg", knee_flexion_deg, 0, 160))
    ankle = np.deg2rad(check_angle_deg("ankle_dorsiflexion_deg", ankle_dorsiflexion_deg,
                                       -60, 40))
    shoulder = np.deg2rad(check_angle_deg("shoulder_flexion_deg", shoulder_flexion_deg,
                                          -60, 180))
    elbow = np.deg2rad(check_angle_deg("elbow_flexion_deg", elbow_flexion_deg, 0, 160))
    origin = _check_point("hip_xy", hip_xy)
    trunk, hip, knee, ankle, shoulder, elbow = np.broadcast_arrays(
        trunk, hip, knee, ankle, shoulder, elbow)
    up = math.pi / 2 - trunk                 # direction hip -> shoulder
    down = up + math.pi                       # the line of the trunk, continued downwards
    thigh_dir = down + hip                    # flexion turns the thigh forwards (CCW)
    shank_dir = thigh_dir - knee              # knee flexion turns the shank backwards
    foot_dir = shank_dir + math.pi / 2 + ankle
    arm_dir = down + shoulder
    fore_dir = arm_dir + elbow
    p: dict[str, np.ndarray] = {"hip": origin + np.zeros(trunk.shape + (2,))}
    p["shoulder"] = p["hip"] + ln.trunk_m * _unit(up)
    p["head"] = p["shoulder"] + (ln.neck_m + ln.head_radius_m) * _unit(up)
    p["knee"] = p["hip"] + ln.thigh_m * _unit(thigh_dir)
    p["ankle"] = p["knee"] + ln.shank_m * _unit(shank_dir)
    p["toe"] = p["ankle"] + ln.foot_m * _unit(foot_dir)
    p["elbow"] = p["shoulder"] + ln.upper_arm_m * _unit(arm_dir)
    p["wrist"] = p["elbow"] + ln.forearm_m * _unit(fore_dir)
    return p


def rotation_view(
    view: str,
    hip_rotation_deg=0.0,
    hip_abduction_deg=0.0,
    side: str = "right",
    lengths: SegmentLengths | None = None,
) -> dict[str, np.ndarray]:
    """Hip, knee and foot positions in a view where the shank swings with hip rotation.

    The knee is bent 90 degrees; the thigh points at the viewer (``"seated_front"``,
    ``"prone_feet"``) or straight down (``"kneeling_top"``), so it shows as the knee only.

    Parameters
    ----------
    view : {"seated_front", "prone_feet", "kneeling_top"}
        See the module notes for each view's axes.
    hip_rotation_deg : float or array_like
        Hip rotation, positive internal, in [-90, 90].
    hip_abduction_deg : float or array_like
        Hip abduction (the knee moves away from the midline), in [-45, 60].
    side : {"right", "left"}
    lengths : SegmentLengths, optional

    Returns
    -------
    dict of str to ndarray, each of shape (..., 2)
        ``hip``, ``knee``, ``foot`` (ankle) in metres. Internal rotation moves ``foot`` away from
        the midline (x = 0), external rotation towards it.
    """
    ln = _check_lengths(lengths)
    y_sign, right_lateral = ROTATION_VIEWS[check_view(view)]
    lateral = right_lateral * check_side(side)
    rot = np.deg2rad(check_angle_deg("hip_rotation_deg", hip_rotation_deg, -90, 90))
    abd = np.deg2rad(check_angle_deg("hip_abduction_deg", hip_abduction_deg, -45, 60))
    rot, abd = np.broadcast_arrays(rot, abd)
    hip = np.stack([np.full(rot.shape, lateral * ln.hip_width_m / 2), np.zeros(rot.shape)], -1)
    knee = hip + np.stack([lateral * ln.thigh_m * np.sin(abd), np.zeros(rot.shape)], -1)
    foot = knee + ln.shank_m * np.stack([lateral * np.sin(rot), y_sign * np.cos(rot)], -1)
    return {"hip": hip, "knee": knee, "foot": foot}


def hooklying_view(
    knee_drop_deg=0.0,
    feet_apart_m: float = 0.4,
    side: str = "right",
    lengths: SegmentLengths | None = None,
) -> dict[str, np.ndarray]:
    """Hip, knee and foot positions lying on the back, knees bent, feet flat, seen from the feet.

    Parameters
    ----------
    knee_drop_deg : float or array_like
        How far the knee sinks inwards about the planted foot (drawing angle, deg), in [0, 80].
    feet_apart_m : float
        Distance between the feet (m), in (0, 1.2].
    side : {"right", "left"}
    lengths : SegmentLengths, optional

    Returns
    -------
    dict of str to ndarray, each of shape (..., 2)
        ``hip``, ``knee``, ``foot``; the floor is y = 0, x is the viewer's right (the person's
        left), so the right leg is at x < 0 and sinking moves its knee towards x = 0.
    """
    ln = _check_lengths(lengths)
    lateral = -check_side(side)
    drop = np.deg2rad(check_angle_deg("knee_drop_deg", knee_drop_deg, 0, 80))
    apart = float(check_angle_deg("feet_apart_m", feet_apart_m, 1e-3, 1.2))
    foot = np.stack([np.full(drop.shape, lateral * apart / 2), np.zeros(drop.shape)], -1)
    hip = np.stack([np.full(drop.shape, lateral * ln.hip_width_m / 2),
                    np.full(drop.shape, ln.limb_width_m)], -1)
    knee = foot + 0.8 * ln.shank_m * np.stack([-lateral * np.sin(drop), np.cos(drop)], -1)
    return {"hip": hip, "knee": knee, "foot": foot}


# ---------------------------------------------------------------------------------------------
# drawing


def capsule_path(p0, p1, width_m: float, n_arc: int = 5) -> str:
    """SVG path of a rounded segment ("capsule") from ``p0`` to ``p1``.

    Parameters
    ----------
    p0, p1 : array_like, shape (2,)
        End points (m).
    width_m : float
        Thickness (m), > 0.
    n_arc : int
        Points on each rounded end.

    Returns
    -------
    str
        A closed path (``M ... L ... Z``) for a Plotly ``type="path"`` shape.
    """
    a, b = _check_point("p0", p0).reshape(2), _check_point("p1", p1).reshape(2)
    r = float(check_angle_deg("width_m", width_m, 1e-4, 2.0)) / 2
    d = b - a
    heading = math.atan2(d[1], d[0]) if np.hypot(*d) > 1e-9 else 0.0
    t1 = heading - math.pi / 2 + np.linspace(0, math.pi, n_arc)   # round end at b
    t0 = heading + math.pi / 2 + np.linspace(0, math.pi, n_arc)   # round end at a
    pts = np.concatenate([b + r * _unit(t1), a + r * _unit(t0)])
    return "M" + "L".join(f"{x:.3f},{y:.3f}" for x, y in pts) + "Z"


def _refs(panel: int) -> dict:
    s = "" if panel == 1 else str(panel)
    return {"xref": f"x{s}", "yref": f"y{s}"}


def add_segment(fig: go.Figure, p0, p1, width_m: float, colour: str = BODY_COLOUR,
                opacity: float = END_OPACITY, panel: int = 1) -> None:
    """Add one rounded segment to ``fig`` (as a layout shape) in subplot ``panel`` (1-based)."""
    fig.add_shape(type="path", path=capsule_path(p0, p1, width_m), fillcolor=colour,
                  line={"width": 0}, opacity=opacity, layer="above", **_refs(panel))


def add_side_body(fig: go.Figure, pts: dict[str, np.ndarray], opacity: float = END_OPACITY,
                  panel: int = 1, limb_colour: str = LIMB_COLOUR,
                  lengths: SegmentLengths | None = None) -> None:
    """Draw a side-view body (one pose from :func:`side_view`: each value of shape (2,)).

    The leg is drawn in ``limb_colour`` (the limb the figure is about), the rest in grey.
    """
    ln = _check_lengths(lengths)
    p = {k: np.asarray(v, dtype=float).reshape(2) for k, v in pts.items()}
    w = ln.limb_width_m
    add_segment(fig, p["hip"], p["shoulder"], ln.trunk_width_m, BODY_COLOUR, opacity, panel)
    add_segment(fig, p["shoulder"], p["elbow"], 0.8 * w, BODY_COLOUR, opacity, panel)
    add_segment(fig, p["elbow"], p["wrist"], 0.7 * w, BODY_COLOUR, opacity, panel)
    add_segment(fig, p["hip"], p["knee"], 1.3 * w, limb_colour, opacity, panel)
    add_segment(fig, p["knee"], p["ankle"], w, limb_colour, opacity, panel)
    add_segment(fig, p["ankle"], p["toe"], 0.6 * w, limb_colour, opacity, panel)
    c, r = p["head"], ln.head_radius_m
    fig.add_shape(type="circle", x0=c[0] - r, x1=c[0] + r, y0=c[1] - r, y1=c[1] + r,
                  fillcolor=BODY_COLOUR, line={"width": 0}, opacity=opacity, layer="above",
                  **_refs(panel))


def add_floor(fig: go.Figure, x0: float, x1: float, y: float = 0.0, panel: int = 1) -> None:
    """A floor (or mat) line from ``x0`` to ``x1`` at height ``y`` (m)."""
    fig.add_shape(type="rect", x0=x0, x1=x1, y0=y - 0.04, y1=y, fillcolor=PROP_COLOUR,
                  line={"width": 0}, layer="below", **_refs(panel))


def add_bed(fig: go.Figure, x0: float, x1: float, top_m: float, panel: int = 1) -> None:
    """A table or bed whose top is at ``top_m`` (m), on a floor at 0, from ``x0`` to ``x1``."""
    fig.add_shape(type="rect", x0=x0, x1=x1, y0=top_m - 0.08, y1=top_m, fillcolor=PROP_COLOUR,
                  line={"width": 0}, layer="below", **_refs(panel))
    for x in (x0 + 0.05, x1 - 0.05):
        fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=top_m - 0.08,
                      line={"color": PROP_COLOUR, "width": 4}, layer="below", **_refs(panel))


def add_chair(fig: go.Figure, front_x: float, seat_m: float, armrest: bool = True,
              depth_m: float = 0.45, panel: int = 1) -> None:
    """A chair (side view) facing +x: seat at ``seat_m`` (m) ending at ``front_x``, a back at
    ``front_x - depth_m``, and an armrest if ``armrest``."""
    back = front_x - depth_m
    kw = {"line": {"color": "#8c7a5b", "width": 5}, "layer": "below", **_refs(panel)}
    fig.add_shape(type="line", x0=back, x1=front_x, y0=seat_m, y1=seat_m, **kw)
    fig.add_shape(type="line", x0=back, x1=back, y0=0, y1=seat_m + 0.45, **kw)
    fig.add_shape(type="line", x0=front_x - 0.03, x1=front_x - 0.03, y0=0, y1=seat_m, **kw)
    if armrest:
        fig.add_shape(type="line", x0=back, x1=front_x - 0.08, y0=seat_m + 0.22,
                      y1=seat_m + 0.22, **kw)
        fig.add_shape(type="line", x0=front_x - 0.08, x1=front_x - 0.08, y0=seat_m,
                      y1=seat_m + 0.22, **kw)


def add_wall(fig: go.Figure, x: float, height_m: float = 1.3, panel: int = 1) -> None:
    """A wall at ``x`` (m), from the floor to ``height_m``."""
    fig.add_shape(type="rect", x0=x - 0.05, x1=x, y0=0, y1=height_m, fillcolor="#d9d9d9",
                  line={"width": 0}, layer="below", **_refs(panel))


def add_hand(fig: go.Figure, xy, label: str = "helper's hand", panel: int = 1) -> None:
    """A helper's hand (a small rounded block) at ``xy`` with a short label."""
    x, y = _check_point("xy", xy).reshape(2)
    add_segment(fig, (x - 0.06, y), (x + 0.06, y), 0.06, "#e6b89c", 1.0, panel)
    fig.add_annotation(x=x, y=y + 0.05, text=label, showarrow=False, yanchor="bottom",
                       font=style.FONT_SMALL, **_refs(panel))


def add_strap(fig: go.Figure, p0, p1, label: str = "", panel: int = 1) -> None:
    """A strap (or the phone's band) drawn as a thin dark line from ``p0`` to ``p1``."""
    a, b = _check_point("p0", p0).reshape(2), _check_point("p1", p1).reshape(2)
    fig.add_shape(type="line", x0=a[0], y0=a[1], x1=b[0], y1=b[1],
                  line={"color": "#333333", "width": 3}, layer="above", **_refs(panel))
    if label:
        fig.add_annotation(x=b[0], y=b[1], text=label, showarrow=False, xanchor="left",
                           font=style.FONT_SMALL, **_refs(panel))


def add_arrow(fig: go.Figure, tail, head, text: str = "", panel: int = 1,
              colour: str = MOVE_COLOUR) -> None:
    """An arrow from ``tail`` to ``head`` (m) showing the direction of movement."""
    a, b = _check_point("tail", tail).reshape(2), _check_point("head", head).reshape(2)
    r = _refs(panel)
    fig.add_annotation(x=b[0], y=b[1], ax=a[0], ay=a[1], axref=r["xref"], ayref=r["yref"],
                       showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=2.5,
                       arrowcolor=colour, text="", **r)
    if text:
        fig.add_annotation(x=(a[0] + b[0]) / 2, y=(a[1] + b[1]) / 2, text=text,
                           showarrow=False, yshift=14, font=style.FONT_SMALL, **r)


def add_pull_marker(fig: go.Figure, xy, text: str = "pull felt here", panel: int = 1,
                    textposition: str = "top center") -> None:
    """A star marker (a trace) where the stretch should be felt, with a short label."""
    x, y = _check_point("xy", xy).reshape(2)
    s = "" if panel == 1 else str(panel)
    fig.add_trace(go.Scatter(
        x=[x], y=[y], mode="markers+text", text=[text], textposition=textposition,
        marker={"symbol": "star", "size": 18, "color": PULL_COLOUR,
                "line": {"color": "white", "width": 1}},
        textfont={**style.FONT_SMALL, "color": PULL_COLOUR}, hoverinfo="text",
        hovertext=[text], showlegend=False, xaxis=f"x{s}", yaxis=f"y{s}"))


def add_legend_keys(fig: go.Figure, start: bool = True, pull: bool = True) -> None:
    """Legend entries (below the plot) for the faint start, the solid end and the pull marker."""
    keys = [("end position", LIMB_COLOUR, END_OPACITY, "square")]
    if start:
        keys.insert(0, ("start position (faint)", LIMB_COLOUR, START_OPACITY, "square"))
    if pull:
        keys.append(("pull felt here", PULL_COLOUR, 1.0, "star"))
    for name, colour, opacity, symbol in keys:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name,
                                 marker={"symbol": symbol, "size": 14, "color": colour,
                                         "opacity": opacity}, hoverinfo="skip"))


def panel_figure(titles: tuple[str, ...], ranges: tuple[tuple[tuple[float, float],
                 tuple[float, float]], ...], height_px: int = 300) -> go.Figure:
    """An empty figure of panels stacked vertically (phone-friendly), equal x/y scale, no axes.

    Parameters
    ----------
    titles : tuple of str
        Short panel titles.
    ranges : tuple of ((x0, x1), (y0, y1))
        Data range (m) of each panel.
    height_px : int
        Height per panel (px).
    """
    n = len(titles)
    if n < 1 or len(ranges) != n:
        raise ValueError(f"titles has {n} entries and ranges {len(ranges)}; expected equal, >= 1")
    fig = make_subplots(rows=n, cols=1, subplot_titles=titles, vertical_spacing=0.12 / n + 0.04)
    for i, ((x0, x1), (y0, y1)) in enumerate(ranges, start=1):
        s = "" if i == 1 else str(i)
        fig.update_layout({
            f"xaxis{s}": {"range": [x0, x1], "visible": False, "fixedrange": True},
            f"yaxis{s}": {"range": [y0, y1], "visible": False, "fixedrange": True,
                          "scaleanchor": f"x{s}", "scaleratio": 1},
        })
    fig.update_layout(
        template=style.small_template(polar=False), height=height_px * n + 110,
        margin={"l": 10, "r": 10, "t": 40, "b": 60}, showlegend=True,
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02,
                "yanchor": "top"},
        hovermode="closest", dragmode=False,
    )
    for ann in fig.layout.annotations:  # the subplot titles
        ann.font = {**style.FONT, "size": 15}
    return fig
