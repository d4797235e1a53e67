"""Figures of lesson 07 (getting up and down).

* ``sit_to_stand_progression`` -- the sit-to-stand progression: five stages, stacked for a
  phone (described below).
* ``chair_stand_norms`` -- the normal range of the 30-second chair-stand test by age band,
  women and men chosen with buttons (Rikli and Jones 1999, from
  :data:`hipcourse.content.sit_to_stand.CHAIR_STAND_NORMS`).
* ``seat_height_effort`` -- how much a higher seat and armrests lower the effort at the knee
  and hip (Janssen and colleagues 2002,
  :data:`~hipcourse.content.sit_to_stand.JANSSEN2002_EFFECTS`).

The progression:

High seat with hands on the armrests; a lower seat with hands; no hands (arms crossed); slow
lowering; a lower seat or a light weight. The chair is backed against a wall. Each panel shows
the seat-off pose (the moment the buttocks leave the seat) and standing; the joint angles at
seat-off come from the geometry of :func:`seat_off_pose`: a lower seat bends the knee and hip
more at seat-off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .. import style
from ..content.sit_to_stand import CHAIR_STAND_NORMS, JANSSEN2002_EFFECTS, RIKLI1999
from . import FigureSpec
from . import mannequin as mq

__all__ = ["FIGURES", "NORM_COLOURS", "SEXES", "STAGES", "Stage", "seat_off_pose"]

_LN = mq.default_lengths()
#: Ankle-joint height above the floor (m), and hip-joint height above the seat (m) when seated.
ANKLE_HEIGHT_M, HIP_ABOVE_SEAT_M = 0.08, 0.09


@dataclass(frozen=True)
class Stage:
    """One step of the progression (seat height is a drawing value, not a recommendation)."""

    title: str
    seat_m: float
    arms: str          # "armrests", "crossed" or "weight"
    lowering: bool     # True: the arrow points down (slow sit-down)
    words: str


STAGES: tuple[Stage, ...] = (
    Stage("1 · High seat, hands", 0.56, "armrests", False,
          "a high seat (a cushion added), pushing up with the hands on the armrests, a helper "
          "nearby if needed"),
    Stage("2 · Lower seat, hands", 0.47, "armrests", False,
          "an ordinary seat, still using the hands on the armrests"),
    Stage("3 · No hands", 0.47, "crossed", False,
          "the same seat with the arms crossed over the chest, no hands"),
    Stage("4 · Slow sit-down", 0.47, "crossed", True,
          "sitting down slowly, taking about three seconds to lower"),
    Stage("5 · Lower or loaded", 0.42, "weight", False,
          "a lower seat, or holding a light weight close to the chest"),
)


def seat_off_pose(seat_m, trunk_deg=40.0, shank_tilt_deg: float = 15.0) -> dict[str, np.ndarray]:
    """Joint angles (deg) at seat-off from a seat of height ``seat_m``, feet flat.

    The ankle is at the origin (height :data:`ANKLE_HEIGHT_M`), the shank leans forwards by
    ``shank_tilt_deg`` and the hip joint is :data:`HIP_ABOVE_SEAT_M` above the seat, behind the
    knee.

    Parameters
    ----------
    seat_m : float or array_like
        Seat height (m), in [0.30, 0.75].
    trunk_deg : float or array_like
        Forward trunk lean at seat-off (deg), in [0, 80].
    shank_tilt_deg : float
        Forward lean of the shank (deg), in [0, 30].

    Returns
    -------
    dict
        ``hip_flexion_deg``, ``knee_flexion_deg``, ``ankle_dorsiflexion_deg``, ``trunk_deg`` (for
        :func:`.mannequin.side_view`) and ``hip_xy`` (m, shape (..., 2)); arrays broadcast.
    """
    seat = mq.check_angle_deg("seat_m", seat_m, 0.30, 0.75)
    trunk = mq.check_angle_deg("trunk_deg", trunk_deg, 0, 80)
    tilt = np.deg2rad(mq.check_angle_deg("shank_tilt_deg", shank_tilt_deg, 0, 30))
    seat, trunk = np.broadcast_arrays(seat, trunk)
    ankle = np.array([0.0, ANKLE_HEIGHT_M])
    knee = ankle + _LN.shank_m * np.stack([np.sin(tilt), np.cos(tilt)], -1)
    rise = seat + HIP_ABOVE_SEAT_M - knee[..., 1]
    if np.any(np.abs(rise) >= _LN.thigh_m):
        raise ValueError(f"seat_m={float(seat.flat[0]):g} puts the hip out of the thigh's reach")
    back = np.sqrt(_LN.thigh_m ** 2 - rise ** 2)
    hip = np.stack([knee[..., 0] - back, knee[..., 1] + rise], -1)
    thigh_dir = np.degrees(np.arctan2(knee[..., 1] - hip[..., 1], knee[..., 0] - hip[..., 0]))
    shank_dir = math.degrees(math.atan2(-math.cos(float(tilt)), -math.sin(float(tilt))))
    return {
        "trunk_deg": trunk,
        "hip_flexion_deg": thigh_dir - 270.0 + trunk + 360.0,
        "knee_flexion_deg": thigh_dir - shank_dir,
        "ankle_dorsiflexion_deg": np.full(seat.shape, -(shank_dir + 90.0)),
        "hip_xy": hip,
    }


def _arms(kind: str) -> tuple[float, float]:
    """Shoulder flexion and elbow flexion (deg, relative to the trunk) for the arm style."""
    return {"armrests": (-5.0, 35.0), "crossed": (35.0, 130.0), "weight": (15.0, 120.0)}[kind]


def _panel(fig: go.Figure, stage: Stage, panel: int) -> dict:
    off = seat_off_pose(stage.seat_m, 40.0 if stage.seat_m < 0.5 else 30.0)
    hip = off["hip_xy"].reshape(2)
    front = hip[0] + 0.12
    mq.add_floor(fig, -0.75, 0.55, 0.0, panel)
    mq.add_wall(fig, front - 0.5, 1.5, panel)
    mq.add_chair(fig, front, stage.seat_m, armrest=stage.arms == "armrests", panel=panel)
    shoulder, elbow = _arms(stage.arms)
    seat_off = mq.side_view(off["trunk_deg"], off["hip_flexion_deg"], off["knee_flexion_deg"],
                            off["ankle_dorsiflexion_deg"], shoulder, elbow, hip_xy=hip)
    stand_hip = (0.0, ANKLE_HEIGHT_M + _LN.shank_m + _LN.thigh_m)
    stand = mq.side_view(0, 0, 0, 0, shoulder, elbow, hip_xy=stand_hip)
    first, last = (stand, seat_off) if stage.lowering else (seat_off, stand)
    mq.add_side_body(fig, {k: v.reshape(2) for k, v in first.items()}, mq.START_OPACITY, panel)
    mq.add_side_body(fig, {k: v.reshape(2) for k, v in last.items()}, mq.END_OPACITY, panel)
    if stage.arms == "weight":
        w = stand["wrist"].reshape(2)
        mq.add_segment(fig, w - [0.04, 0], w + [0.04, 0], 0.09, "#333333", 1.0, panel)
    if panel == 1:
        mq.add_hand(fig, (0.4, 1.0), "helper", panel)
    y0, y1 = (1.15, 0.75) if stage.lowering else (0.75, 1.15)
    mq.add_arrow(fig, (0.35, y0), (0.35, y1), "about 3 s down" if stage.lowering else "", panel)
    return off


def _figure() -> go.Figure:
    ranges = tuple(((-0.75, 0.55), (-0.05, 1.85)) for _ in STAGES)
    fig = mq.panel_figure(tuple(s.title for s in STAGES), ranges, height_px=380)
    knees = [float(np.ravel(_panel(fig, s, i)["knee_flexion_deg"])[0])
             for i, s in enumerate(STAGES, 1)]
    mq.add_legend_keys(fig, pull=False)
    steps = "; ".join(
        f"stage {i}: {s.words} (knee bent about {k:.0f} degrees at the seat, in this drawing)"
        for i, (s, k) in enumerate(zip(STAGES, knees, strict=True), 1))
    fig.update_layout(meta={"alt_text": (
        "A sit-to-stand progression in five stacked panels, each seen from the side with the "
        "chair backed against a wall so it cannot slide. Each panel shows the moment the "
        "buttocks leave the seat and the standing position, faint for where the movement "
        "starts and solid for where it ends, with an arrow for the direction (up for standing, "
        f"down for sitting). The steps are: {steps}. A lower seat bends the knees and hips "
        "more when you leave it, which makes standing harder. After a hip replacement, follow "
        "your team's advice on seat height.")})
    return fig


#: The two sexes of the norms, in button order, and their bar colours (Okabe-Ito).
SEXES: tuple[str, ...] = ("women", "men")
NORM_COLOURS: dict[str, str] = {"women": "#d55e00", "men": "#0072b2"}


def _norm_title(sex: str) -> str:
    return f"30-second chair stands: {sex}, normal range"


def _band_words(sex: str) -> str:
    """``"12 to 17 stands at ages 60 to 64, ... and 4 to 11 at 90 to 94"`` (every third band)."""
    parts = [f"{n.range_for(sex)[0]} to {n.range_for(sex)[1]}"
             + (" stands at ages " if i == 0 else " at ") + f"{n.age_low} to {n.age_high}"
             for i, n in enumerate(CHAIR_STAND_NORMS[::3])]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _chair_stand_norms() -> go.Figure:
    bands = [n.band for n in CHAIR_STAND_NORMS]
    fig = go.Figure()
    for i, sex in enumerate(SEXES):
        lows = [n.range_for(sex)[0] for n in CHAIR_STAND_NORMS]
        highs = [n.range_for(sex)[1] for n in CHAIR_STAND_NORMS]
        fig.add_trace(go.Bar(
            y=bands, x=[h - lo for lo, h in zip(lows, highs, strict=True)], base=lows,
            orientation="h", name=sex.capitalize(), visible=i == 0,
            marker={"color": NORM_COLOURS[sex]},
            text=[f"{lo}–{h}" for lo, h in zip(lows, highs, strict=True)],
            textposition="inside", insidetextanchor="middle",
            textfont={**style.FONT_SMALL, "color": "white"},
            customdata=list(zip(lows, highs, strict=True)),
            hovertemplate=(f"{sex.capitalize()} aged %{{y}}: %{{customdata[0]}} to "
                           "%{customdata[1]} stands<extra></extra>"),
            showlegend=False))
    buttons = [{"label": sex.capitalize(), "method": "update",
                "args": [{"visible": [s == sex for s in SEXES]},
                         {"title.text": _norm_title(sex)}]} for sex in SEXES]
    top = max(n.range_for(s)[1] for n in CHAIR_STAND_NORMS for s in SEXES)
    fig.update_layout(
        template=style.small_template(polar=False), height=430,
        title={"text": _norm_title(SEXES[0]), "font": {"size": 14}, "x": 0.02,
               "xanchor": "left"},
        margin={"l": 10, "r": 15, "t": 50, "b": 110},
        xaxis={"title": {"text": "Chair stands in 30 seconds"},
               "range": [0, top + 2], "dtick": 5},
        yaxis={"title": {"text": "Age (years)"}, "autorange": "reversed", "automargin": True},
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons,
                      "x": 0.5, "xanchor": "center", "y": -0.3, "yanchor": "top",
                      "showactive": True, "active": 0}],
        meta={"alt_text": (
            "A bar chart of the normal range of the 30-second chair-stand test for older "
            "adults, by five-year age band from "
            f"{CHAIR_STAND_NORMS[0].band} to {CHAIR_STAND_NORMS[-1].band}, with buttons to "
            "show women or men. Each bar runs from the 25th to the 75th percentile, so the "
            "middle half of people in that age band scored within it. "
            f"For women it is {_band_words('women')}. For men it is {_band_words('men')}"
            + ". The ranges fall slowly with age, and men score a little higher than women. "
            f"The data are from {RIKLI1999.n_people:,} community-living adults in the United "
            "States (Rikli and Jones 1999).")},
    )
    return fig


def _seat_height_effort() -> go.Figure:
    effects = JANSSEN2002_EFFECTS
    labels = [f"{e.change}:<br>{e.joint}" for e in effects]  # two lines: room on a phone
    words = [f"{'up to ' if e.up_to else ''}{e.reduction_percent}% less" for e in effects]
    colours = ["#0072b2" if e.change.startswith("Higher") else "#009e73" for e in effects]
    fig = go.Figure(go.Bar(
        y=labels, x=[e.reduction_percent for e in effects], orientation="h",
        marker={"color": colours}, text=words, textposition="inside",
        insidetextanchor="middle", textfont={**style.FONT_SMALL, "color": "white"},
        hovertemplate="%{y}: %{text}<extra></extra>", showlegend=False,
        name="Less effort"))
    fig.update_layout(
        template=style.small_template(polar=False), height=300,
        title={"text": "Less effort to stand up", "font": {"size": 14}, "x": 0.02,
               "xanchor": "left"},
        margin={"l": 10, "r": 15, "t": 50, "b": 60},
        xaxis={"title": {"text": "Less effort at the joint (%)"},
               "range": [0, 100], "dtick": 25},
        yaxis={"autorange": "reversed", "automargin": True},
        meta={"alt_text": (
            "A bar chart of how much two changes to a chair lower the effort the leg muscles "
            "need to stand up, from a review of sit-to-stand studies (Janssen and colleagues "
            "2002). "
            + " ".join(f"{e.change}, at the {e.joint}: "
                       f"{'up to ' if e.up_to else ''}{e.reduction_percent} percent less."
                       for e in effects)
            + " Effort here means the turning force the muscles must make at the joint. "
            "So a higher seat and pushing on armrests make standing up much easier, which is "
            "why the progression starts there.")},
    )
    return fig


FIGURES = {
    "sit_to_stand_progression": FigureSpec(build=_figure, label="Illustration"),
    "chair_stand_norms": FigureSpec(build=_chair_stand_norms, label="Figure",
                                    sources=("rikli1999",)),
    "seat_height_effort": FigureSpec(build=_seat_height_effort, label="Figure",
                                     sources=("janssen2002",)),
}
