"""The three stages of the internal-rotation stretch of lesson 05, and what each loads in the model.

Each stage figure has two stacked panels: the position from the side, and the view in which the
movement happens, with the start faint, the end solid, the movement arrow and the place the pull
should be felt. :func:`stage_loads` feeds each stage's end pose to the capsule model
(:func:`hipcapsule.restraint_torque`, :func:`hipcapsule.rotation_limits`), and
``stretch_stage_loads`` draws its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

import hipcapsule as hc

from .. import style
from . import FigureSpec
from . import mannequin as mq

__all__ = ["FIGURES", "STAGES", "StageLoad", "StagePose", "stage_loads"]


@dataclass(frozen=True)
class StagePose:
    """A stretch stage's end hip pose (ISB joint angles, deg) as fed to the model.

    ``internal_rotation_deg`` is None: the thigh turns in until the model's limit (5 N m of
    capsular restraint, or the neck meeting the rim), found by :func:`hipcapsule.rotation_limits`.
    """

    name: str
    title: str
    flexion_deg: float
    adduction_deg: float


#: End poses: face down with the hip straight; on the back with the hip bent about halfway and
#: slightly across the midline; on hands and knees rocked back into deep flexion.
STAGES: tuple[StagePose, ...] = (
    StagePose("stretch_stage_1", "Stage 1 · face down", 0.0, 0.0),
    StagePose("stretch_stage_2", "Stage 2 · on your back", 45.0, 10.0),
    StagePose("stretch_stage_3", "Stage 3 · rock back", 110.0, 0.0),
)


@dataclass(frozen=True)
class StageLoad:
    """What the model says about one stage's end pose.

    Attributes
    ----------
    stage : StagePose
    pose_deg : tuple of float
        (flexion, adduction, internal rotation) fed to :func:`hipcapsule.restraint_torque`.
    force_n : dict of str to float
        Summed fibre tension per ligament (N).
    strain_pct : dict of str to float
        Largest fibre strain per ligament (%; negative = slack).
    top_ligament, top_fibre : str
        The ligament carrying the most tension, and the most strained fibre.
    limited_by : str
        What ends internal rotation there: a ligament name or "bone".
    """

    stage: StagePose
    pose_deg: tuple[float, float, float]
    force_n: dict
    strain_pct: dict
    top_ligament: str
    top_fibre: str
    limited_by: str


def stage_loads(capsule: hc.Capsule | None = None) -> tuple[StageLoad, ...]:
    """Each stage's end pose fed to the capsule model.

    Parameters
    ----------
    capsule : Capsule, optional
        Default: :func:`hipcapsule.default_capsule`.

    Returns
    -------
    tuple of StageLoad, one per entry of :data:`STAGES`
    """
    cap = hc.default_capsule() if capsule is None else capsule
    flex = np.array([s.flexion_deg for s in STAGES])
    add = np.array([s.adduction_deg for s in STAGES])
    lim = hc.rotation_limits(cap, flex, -add)
    poses = np.stack([flex, add, lim.ir], axis=1)
    res = hc.restraint_torque(cap, poses)
    by_lig = res.force_by_ligament()
    out = []
    for i, stage in enumerate(STAGES):
        strain = {lig: max(100 * float(res.strain[i, j])
                           for j, b in enumerate(res.bundle_names) if hc.BUNDLES[b] == lig)
                  for lig in hc.LIGAMENTS}
        force = {lig: float(by_lig[lig][i]) for lig in hc.LIGAMENTS}
        out.append(StageLoad(
            stage=stage, pose_deg=tuple(float(x) for x in poses[i]), force_n=force,
            strain_pct=strain, top_ligament=max(force, key=force.get),
            top_fibre=res.bundle_names[int(np.argmax(res.strain[i]))],
            limited_by=lim.ir_limited_by[i]))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# the stage drawings

_LN = mq.default_lengths()


def _rotation_panel(fig, view: str, ir_end: float, panel: int, label: str) -> dict:
    """Both legs in a rotation view: left leg still, right leg from 0 to ``ir_end`` IR."""
    still = mq.rotation_view(view, 0.0, side="left")
    start = mq.rotation_view(view, 0.0, side="right")
    end = mq.rotation_view(view, ir_end, side="right")
    w = _LN.limb_width_m
    mq.add_segment(fig, still["hip"], start["hip"], 1.6 * w, mq.BODY_COLOUR, mq.END_OPACITY,
                   panel)
    mq.add_segment(fig, still["knee"], still["foot"], w, mq.BODY_COLOUR, mq.END_OPACITY, panel)
    mq.add_segment(fig, start["knee"], start["foot"], w, mq.LIMB_COLOUR, mq.START_OPACITY, panel)
    mq.add_segment(fig, end["knee"], end["foot"], w, mq.LIMB_COLOUR, mq.END_OPACITY, panel)
    mq.add_arrow(fig, start["foot"] + 0.1 * (end["foot"] - start["foot"]),
                 end["foot"] - 0.05 * (end["foot"] - start["foot"]), label, panel)
    return {"start": start, "end": end}


def _stage_1() -> go.Figure:
    load = stage_loads()[0]
    ir = load.pose_deg[2]
    fig = mq.panel_figure(("From the side", "From the feet: feet fall out"),
                          (((-1.0, 0.95), (-0.1, 0.85)), ((-0.6, 0.6), (-0.2, 0.6))))
    mq.add_bed(fig, -1.0, 0.95, 0.0, panel=1)
    top = 0.12
    side = mq.side_view(90, 0, 90, -20, 0, 0, hip_xy=(0.0, top))
    mq.add_side_body(fig, side, panel=1)
    mq.add_pull_marker(fig, (0.02, top + 0.12), "pull: buttock, side of hip", panel=1,
                       textposition="top right")
    mq.add_floor(fig, -0.5, 0.5, -0.05, panel=2)
    pts = _rotation_panel(fig, "prone_feet", ir, 2, "foot falls outwards")
    mq.add_pull_marker(fig, pts["end"]["hip"] + [0.1, 0.0], "pull", panel=2,
                       textposition="middle right")
    mq.add_legend_keys(fig)
    fig.update_layout(meta={"alt_text": (
        "Stage 1 of the internal-rotation stretch, face down. Top: seen from the side, a person "
        "lies on their front on a bed with the hip straight and the knee bent to 90 degrees, "
        "sole to the ceiling. Bottom: seen from the feet, the knees stay together while the "
        "right foot falls slowly outwards, away from the midline (faint: shin upright at the "
        "start; solid: the end, the thigh turned inwards by about "
        f"{ir:.0f} degrees, where the capsule model reaches its limit). An arrow shows the foot "
        "moving outwards. A star marks where the pull should be felt: deep in the buttock or "
        "at the side of the hip.")})
    return fig


def _stage_2() -> go.Figure:
    fig = mq.panel_figure(("From the side", "From the feet: knee sinks in"),
                          (((-0.95, 0.95), (-0.05, 0.9)), ((-0.55, 0.55), (-0.1, 0.5))))
    mq.add_floor(fig, -0.95, 0.95, 0.0, panel=1)
    y = _LN.trunk_width_m / 2
    side = mq.side_view(-90, 45, 105, -30, 0, 0, hip_xy=(0.0, y))
    mq.add_side_body(fig, side, panel=1)
    mq.add_pull_marker(fig, (-0.05, y + 0.02), "pull: back, outside of hip", panel=1,
                       textposition="top left")
    mq.add_floor(fig, -0.55, 0.55, 0.0, panel=2)
    w = _LN.limb_width_m
    left = mq.hooklying_view(0, 0.44, side="left")
    start = mq.hooklying_view(0, 0.44, side="right")
    end = mq.hooklying_view(40, 0.44, side="right")
    mq.add_segment(fig, left["foot"], left["knee"], w, mq.BODY_COLOUR, mq.END_OPACITY, 2)
    mq.add_segment(fig, left["knee"], left["hip"], 1.3 * w, mq.BODY_COLOUR, mq.END_OPACITY, 2)
    for pts, op in ((start, mq.START_OPACITY), (end, mq.END_OPACITY)):
        mq.add_segment(fig, pts["foot"], pts["knee"], w, mq.LIMB_COLOUR, op, 2)
        mq.add_segment(fig, pts["knee"], pts["hip"], 1.3 * w, mq.LIMB_COLOUR, op, 2)
    mq.add_arrow(fig, start["knee"] + [0.02, 0.0], end["knee"] + [-0.02, 0.03],
                 "knee sinks inwards", 2)
    mq.add_pull_marker(fig, start["hip"] + [-0.08, 0.0], "pull", panel=2,
                       textposition="middle left")
    mq.add_legend_keys(fig)
    fig.update_layout(meta={"alt_text": (
        "Stage 2 of the internal-rotation stretch, on the back. Top: seen from the side, a "
        "person lies on their back with the knees bent, feet flat on the floor and the arms "
        "resting. Bottom: seen from the feet, which are about twice hip width apart, the right "
        "knee "
        "sinks slowly inwards towards the other foot (faint: knee upright at the start; solid: "
        "the end), while that foot stays flat and the other knee stays upright. An arrow shows "
        "the knee moving inwards. A star marks where the pull should be felt: at the back or "
        "outside of the hip. A pinch in the front of the groin means sink less.")})
    return fig


def _stage_3() -> go.Figure:
    load = stage_loads()[2]
    fig = mq.panel_figure(("From the side: rock back", "From above: feet out"),
                          (((-0.75, 1.0), (-0.05, 0.85)), ((-0.5, 0.5), (-0.55, 0.25))))
    mq.add_floor(fig, -0.75, 1.0, 0.0, panel=1)
    knee_xy = np.array([0.0, 0.07])

    def hip_at(hip_flex: float) -> np.ndarray:
        tilt = np.deg2rad(hip_flex - 90)  # the thigh leans back from vertical as you sit back
        return knee_xy + _LN.thigh_m * np.array([-np.sin(tilt), np.cos(tilt)])

    for hip_flex, op in ((90.0, mq.START_OPACITY), (load.pose_deg[0], mq.END_OPACITY)):
        # trunk level; the shank lies on the floor, so knee flexion equals hip flexion
        pts = mq.side_view(90, hip_flex, hip_flex, -60, 90, 0, hip_xy=hip_at(hip_flex))
        s = pts["shoulder"]  # straight arms down to the floor
        pts["elbow"] = s + [0.0, -s[1] / 2]
        pts["wrist"] = s + [0.0, -s[1] + 0.03]
        mq.add_side_body(fig, pts, opacity=op, panel=1)
    end_hip = hip_at(load.pose_deg[0])
    mq.add_arrow(fig, (0.3, 0.75), (-0.1, 0.75), "sit back slowly", 1)
    mq.add_pull_marker(fig, end_hip + [-0.12, 0.0], "pull: buttocks", panel=1,
                       textposition="top left")
    ir = load.pose_deg[2]
    for side in ("left", "right"):
        colour = mq.LIMB_COLOUR if side == "right" else mq.BODY_COLOUR
        st = mq.rotation_view("kneeling_top", 0.0, side=side)
        en = mq.rotation_view("kneeling_top", min(ir, 30.0), side=side)
        mq.add_segment(fig, st["knee"], st["foot"], _LN.limb_width_m, colour,
                       mq.START_OPACITY, 2)
        mq.add_segment(fig, en["knee"], en["foot"], _LN.limb_width_m, colour,
                       mq.END_OPACITY, 2)
        mq.add_arrow(fig, st["foot"], en["foot"], "", 2)
    mq.add_segment(fig, (-0.1, 0.0), (0.1, 0.0), 0.14, mq.BODY_COLOUR, mq.END_OPACITY, 2)
    fig.add_annotation(x=0, y=0.15, text="knees stay put", showarrow=False,
                       font=style.FONT_SMALL, xref="x2", yref="y2")
    mq.add_legend_keys(fig)
    where = ("bone (the thigh-bone neck meeting the socket rim)" if load.limited_by == "bone"
             else "the capsule")
    fig.update_layout(meta={"alt_text": (
        "Stage 3 of the internal-rotation stretch, on hands and knees. Top: seen from the side, "
        "a person on all fours (faint) sits slowly back towards the heels with a long back "
        f"(solid), bending the hips to about {load.pose_deg[0]:.0f} degrees; an arrow points "
        "backwards. A star marks where the pull should be felt: deep in the buttocks and at the "
        "back of both hips. Bottom: seen from above, the knees stay where they are and the feet "
        "are moved outwards so the shins angle out, which turns both thighs inwards. In the "
        f"capsule model, turning the thigh in at this deep bend is stopped by {where}, so stop "
        "at the first pinch.")})
    return fig


# ---------------------------------------------------------------------------------------------
# the loads chart


def _loads() -> go.Figure:
    loads = stage_loads()
    x = [ld.stage.title.replace(" · ", "<br>") for ld in loads]
    fig = go.Figure()
    for lig in hc.LIGAMENTS:
        fig.add_trace(go.Bar(
            name=style.LIGAMENT_LABELS[lig], x=x, y=[round(ld.force_n[lig], 1) for ld in loads],
            marker_color=style.STRUCTURE_COLOURS[lig],
            customdata=[round(ld.strain_pct[lig], 1) for ld in loads],
            hovertemplate="%{fullData.name}: %{y:.0f} N (largest fibre strain "
                          "%{customdata:.1f} %)<extra></extra>"))
    # where each stage's turning-in ends, over its bars: inside the plot area, so never under
    # the toolbar (which sits over the top margin)
    top = max(max(ld.force_n.values()) for ld in loads)
    for i, ld in enumerate(loads):
        ends = "ends at bone" if ld.limited_by == "bone" else "ends at capsule"
        fig.add_annotation(x=x[i], y=max(ld.force_n.values()), yanchor="bottom", yshift=4,
                           showarrow=False, text=f"IR {ld.pose_deg[2]:.0f}°<br>{ends}"
                           .replace(" at ", " at<br>"),
                           font=style.FONT_SMALL)
    fig.update_layout(
        template=style.small_template(polar=False), barmode="group", height=470,
        title={"text": "What each stage loads (model)", "x": 0.02, "y": 0.98},
        yaxis={"title": {"text": "Tension (N)"}, "range": [0, 1.3 * top]},
        margin={"l": 60, "r": 36, "t": 60, "b": 40},  # r: the phone toolbar
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.2,
                "yanchor": "top"})
    parts = []
    for ld in loads:
        f, a, r = ld.pose_deg
        ends = ("bone, the neck of the thigh bone meeting the socket rim" if ld.limited_by ==
                "bone" else f"the capsule ({style.LIGAMENT_LABELS[ld.limited_by]} ligament)")
        parts.append(
            f"{ld.stage.title.replace(' · ', ', ')}: hip bent {f:.0f} degrees, "
            f"{'adducted ' + format(a, '.0f') + ' degrees, ' if a else ''}turned in "
            f"{r:.0f} degrees; most tension in the "
            f"{style.LIGAMENT_LABELS[ld.top_ligament]} ligament "
            f"({ld.force_n[ld.top_ligament]:.0f} N), most strained fibre "
            f"{style.BUNDLE_LABELS[ld.top_fibre]} "
            f"({max(ld.strain_pct.values()):.1f} % strain); turning in ends at {ends}.")
    fig.update_layout(meta={"alt_text": (
        "Grouped bar chart of the tension the capsule model's ligaments carry at the end pose "
        "of each stretch stage, one bar colour per ligament ("
        + ", ".join(f"{style.LIGAMENT_LABELS[lig]} {style.COLOUR_NAMES[c]}"
                    for lig in hc.LIGAMENTS
                    if (c := style.STRUCTURE_COLOURS[lig]) in style.COLOUR_NAMES)
        + "). In each stage the thigh is turned in until the model's limit. " + " ".join(parts)
        + " These are model numbers for an average male hip, not measurements of yours.")})
    return fig


FIGURES = {
    "stretch_stage_1": FigureSpec(build=_stage_1, label="Illustration"),
    "stretch_stage_2": FigureSpec(build=_stage_2, label="Illustration"),
    "stretch_stage_3": FigureSpec(build=_stage_3, label="Illustration"),
    "stretch_stage_loads": FigureSpec(build=_loads, label="Figure"),
}
