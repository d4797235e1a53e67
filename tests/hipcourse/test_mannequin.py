"""The mannequin's forward kinematics and checks, and the figures drawn with it."""

from __future__ import annotations

import numpy as np
import pytest

import hipcapsule as hc
import hipcourse
from hipcourse.figures import mannequin as mq
from hipcourse.figures import measuring_setups, sit_to_stand, stretch_stages

LN = mq.default_lengths()
STAGE_NAMES = ("stretch_stage_1", "stretch_stage_2", "stretch_stage_3")
ALL = STAGE_NAMES + ("stretch_stage_loads", "measure_seated", "measure_prone",
                     "sit_to_stand_progression")


# --- forward kinematics ----------------------------------------------------------------------


def test_side_view_preserves_segment_lengths_over_a_batch() -> None:
    rng = np.random.default_rng(0)
    n = 50
    p = mq.side_view(rng.uniform(-180, 180, n), rng.uniform(-30, 150, n), rng.uniform(0, 160, n),
                     rng.uniform(-60, 40, n), rng.uniform(-60, 180, n), rng.uniform(0, 160, n),
                     hip_xy=rng.uniform(-1, 1, (n, 2)))
    for a, b, length in (("hip", "shoulder", LN.trunk_m), ("hip", "knee", LN.thigh_m),
                         ("knee", "ankle", LN.shank_m), ("ankle", "toe", LN.foot_m),
                         ("shoulder", "elbow", LN.upper_arm_m), ("elbow", "wrist", LN.forearm_m)):
        assert p[a].shape == (n, 2)
        np.testing.assert_allclose(np.linalg.norm(p[b] - p[a], axis=-1), length, atol=1e-12)


def test_side_view_known_angles() -> None:
    stand = mq.side_view(0, 0, 0, 0)
    np.testing.assert_allclose(stand["ankle"], [0, -(LN.thigh_m + LN.shank_m)], atol=1e-12)
    np.testing.assert_allclose(stand["toe"] - stand["ankle"], [LN.foot_m, 0], atol=1e-12)
    sit = mq.side_view(0, 90, 90)   # thigh forwards, shank straight down
    np.testing.assert_allclose(sit["knee"], [LN.thigh_m, 0], atol=1e-12)
    np.testing.assert_allclose(sit["ankle"], [LN.thigh_m, -LN.shank_m], atol=1e-12)
    prone = mq.side_view(90, 0, 90)  # face down, head at +x, shank up to the ceiling
    assert prone["head"][0] > 0 and abs(prone["head"][1]) < 1e-12
    np.testing.assert_allclose(prone["ankle"], [-LN.thigh_m, LN.shank_m], atol=1e-12)


@pytest.mark.parametrize("view", sorted(mq.ROTATION_VIEWS))
@pytest.mark.parametrize("side", ["right", "left"])
def test_internal_rotation_moves_the_foot_outwards(view: str, side: str) -> None:
    ir = np.array([-30.0, -10.0, 0.0, 10.0, 30.0])
    p = mq.rotation_view(view, ir, side=side)
    out = np.sign(p["hip"][0, 0])        # which way is away from the midline
    dist = out * p["foot"][:, 0]         # signed distance of the foot from the midline
    assert np.all(np.diff(dist) > 0), "more internal rotation, foot further out"
    knee_dist = out * p["knee"][:, 0]
    assert np.all(dist[ir > 0] > knee_dist[ir > 0]) and np.all(dist[ir < 0] < knee_dist[ir < 0])
    np.testing.assert_allclose(np.linalg.norm(p["foot"] - p["knee"], axis=-1), LN.shank_m)
    assert out == (1 if (side == "right") == (view != "seated_front") else -1)


def test_rotation_view_geometry() -> None:
    p = mq.rotation_view("prone_feet", 30.0)
    np.testing.assert_allclose(p["foot"] - p["knee"], LN.shank_m * np.array(
        [np.sin(np.pi / 6), np.cos(np.pi / 6)]), atol=1e-12)
    seated = mq.rotation_view("seated_front", 0.0)
    assert seated["foot"][1] < seated["knee"][1]  # the shin hangs down


def test_hooklying_knee_sinks_towards_the_midline() -> None:
    p = mq.hooklying_view([0, 20, 40], 0.44)
    assert np.all(np.diff(np.abs(p["knee"][:, 0])) < 0)
    np.testing.assert_allclose(p["foot"][:, 1], 0.0)


def test_seat_off_pose_puts_the_ankle_on_its_mark() -> None:
    seats = np.array([0.42, 0.47, 0.56])
    o = sit_to_stand.seat_off_pose(seats, 40.0)
    p = mq.side_view(o["trunk_deg"], o["hip_flexion_deg"], o["knee_flexion_deg"],
                     o["ankle_dorsiflexion_deg"], hip_xy=o["hip_xy"])
    np.testing.assert_allclose(p["ankle"], [[0.0, sit_to_stand.ANKLE_HEIGHT_M]] * 3, atol=1e-9)
    np.testing.assert_allclose(p["toe"][:, 1], sit_to_stand.ANKLE_HEIGHT_M, atol=1e-9)  # flat
    np.testing.assert_allclose(o["hip_xy"][:, 1], seats + sit_to_stand.HIP_ABOVE_SEAT_M)
    assert np.all(np.diff(o["knee_flexion_deg"]) < 0), "a lower seat bends the knee more"


def test_measured_angle_is_the_rotation() -> None:
    for view in ("seated_front", "prone_feet"):
        np.testing.assert_allclose(measuring_setups.measured_angle_deg(view, [10, 25]), [10, 25])


# --- checks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("call", "match"), [
    (lambda: mq.side_view(knee_flexion_deg=200), r"knee_flexion_deg=200 is outside \[0, 160\]"),
    (lambda: mq.side_view(hip_flexion_deg="90"), "hip_flexion_deg='90' is not a number"),
    (lambda: mq.side_view(trunk_deg=np.nan), "trunk_deg=nan is outside"),
    (lambda: mq.rotation_view("prone_feet", 95), r"hip_rotation_deg=95 is outside \[-90, 90\]"),
    (lambda: mq.rotation_view("upside_down"), "view='upside_down' is not one of"),
    (lambda: mq.rotation_view("prone_feet", side="middle"), "side='middle'"),
    (lambda: mq.hooklying_view(90), r"knee_drop_deg=90 is outside \[0, 80\]"),
    (lambda: mq.SegmentLengths(thigh_m=-0.4), r"thigh_m=-0.4 is outside \(0, 2\] m"),
    (lambda: mq.side_view(lengths="tall"), "lengths='tall'"),
    (lambda: sit_to_stand.seat_off_pose(0.1), r"seat_m=0.1 is outside \[0.3, 0.75\]"),
    (lambda: mq.capsule_path((0, 0), (1, 0), 0), "width_m=0 is outside"),
    (lambda: measuring_setups.measured_angle_deg("side", 10), "view='side'"),
])
def test_bad_input_names_the_parameter(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


# --- the stretch stages and their loads ------------------------------------------------------


def test_loads_figure_equals_the_model() -> None:
    fig = hipcourse.illustration("stretch_stage_loads")
    cap = hc.default_capsule()
    loads = stretch_stages.stage_loads(cap)
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert set(bars) == {hipcourse.style.LIGAMENT_LABELS[lig] for lig in hc.LIGAMENTS}
    for i, (stage, load) in enumerate(zip(stretch_stages.STAGES, loads, strict=True)):
        f, a = stage.flexion_deg, stage.adduction_deg
        lim = hc.rotation_limits(cap, f, -a)
        assert load.pose_deg == pytest.approx((f, a, float(lim.ir[0])))
        res = hc.restraint_torque(cap, [f, a, float(lim.ir[0])])
        for lig, force in res.force_by_ligament().items():
            assert bars[hipcourse.style.LIGAMENT_LABELS[lig]].y[i] == pytest.approx(
                float(force[0]), abs=0.06)
        assert load.limited_by == lim.ir_limited_by[0]
        top = max(hc.LIGAMENTS, key=lambda lig: float(res.force_by_ligament()[lig][0]))
        assert load.top_ligament == top
        assert hipcourse.style.LIGAMENT_LABELS[top] in fig.layout.meta["alt_text"]
    # over each stage's bars: where its turning-in ends, inside the plot area
    ends = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    assert [("ends at bone" in t) for t in ends] == [ld.limited_by == "bone" for ld in loads]
    assert all(f"IR {ld.pose_deg[2]:.0f}°" in t for t, ld in zip(ends, loads, strict=True))
    assert all(a.y <= fig.layout.yaxis.range[1] / 1.2 for a in fig.layout.annotations)


def test_deep_flexion_stage_is_where_bone_comes_closest() -> None:
    loads = stretch_stages.stage_loads()
    deep = max(loads, key=lambda ld: ld.pose_deg[0])
    cap = hc.default_capsule().released(list(hc.LIGAMENTS))
    bone = [hc.motion_limit(cap, "internal_rotation", ld.pose_deg[0], ld.pose_deg[1])
            for ld in loads]
    margins = [b.angle_deg - ld.pose_deg[2] for b, ld in zip(bone, loads, strict=True)]
    assert margins[loads.index(deep)] == min(margins)


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_each_stage_shows_a_start_and_a_different_end(name: str) -> None:
    fig = hipcourse.illustration(name)
    faint = [s.path for s in fig.layout.shapes if s.opacity == mq.START_OPACITY]
    solid = [s.path for s in fig.layout.shapes if s.opacity == mq.END_OPACITY]
    assert faint and solid and not set(faint) <= set(solid)
    assert any(a.showarrow for a in fig.layout.annotations), "a movement arrow"
    assert any(t.marker.symbol == "star" and t.x[0] is not None for t in fig.data), "pull marker"


@pytest.mark.parametrize(("name", "direction", "where"), [
    ("stretch_stage_1", "outwards", "buttock"),
    ("stretch_stage_2", "inwards", "outside of the hip"),
    ("stretch_stage_3", "back", "buttocks"),
])
def test_stage_alt_text_gives_direction_and_pull(name: str, direction: str, where: str) -> None:
    alt = hipcourse.illustration(name).layout.meta["alt_text"]
    assert direction in alt and where in alt and "pull should be felt" in alt


@pytest.mark.parametrize("name", ["measure_seated", "measure_prone"])
def test_measuring_figures_show_foot_out_and_angle_from_vertical(name: str) -> None:
    fig = hipcourse.illustration(name)
    alt = fig.layout.meta["alt_text"]
    assert "internal rotation" in alt.lower() and "outwards" in alt and "vertical" in alt
    arc = next(t for t in fig.data if t.name == "angle read from vertical")
    knee = mq.rotation_view("seated_front" if "seated" in name else "prone_feet",
                            0.0)["knee"]
    r = np.hypot(np.array(arc.x) - knee[0], np.array(arc.y) - knee[1])
    np.testing.assert_allclose(r, r[0])
    sweep = np.degrees(abs(np.arctan2(arc.y[-1] - knee[1], arc.x[-1] - knee[0])
                           - np.arctan2(arc.y[0] - knee[1], arc.x[0] - knee[0])))
    assert sweep == pytest.approx(measuring_setups.EXAMPLE_IR_DEG, abs=0.01)


def test_sit_to_stand_has_every_stage() -> None:
    fig = hipcourse.illustration("sit_to_stand_progression")
    titles = [a.text for a in fig.layout.annotations if a.text in
              {s.title for s in sit_to_stand.STAGES}]
    assert titles == [s.title for s in sit_to_stand.STAGES]
    alt = fig.layout.meta["alt_text"]
    assert "wall" in alt and "no hands" in alt and "slowly" in alt and "armrests" in alt


@pytest.mark.parametrize("name", ALL)
def test_figures_are_small(name: str) -> None:
    assert len(hipcourse.illustration(name).to_json()) < 200_000
