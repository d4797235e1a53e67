"""The sit-to-stand progression (lesson 05, section 4): five stages, stacked for a phone.

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

from . import FigureSpec
from . import mannequin as mq

__all__ = ["FIGURES", "STAGES", "Stage", "seat_off_pose"]

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


FIGURES = {"sit_to_stand_progression": FigureSpec(build=_figure, label="Illustration")}
