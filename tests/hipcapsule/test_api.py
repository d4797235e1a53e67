"""hipcapsule public API: shapes, immutability, names and bad input."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

import hipcapsule as hc


@pytest.fixture(scope="module")
def cap():
    return hc.default_capsule()


def test_default_capsule_is_frozen_and_cached(cap):
    assert cap is hc.default_capsule("male")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cap.sex = "female"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cap.bundles[0].slack_length_mm = 1.0  # type: ignore[misc]


def test_ligament_names_cover_bundles():
    assert set(hc.BUNDLES.values()) == set(hc.LIGAMENTS)
    for name in ("lateral_iliofemoral", "medial_iliofemoral", "pubofemoral", "ischiofemoral",
                 "ligamentum_teres"):
        assert name in hc.LIGAMENTS


def test_tightened_changes_only_chosen_ligaments(cap):
    tight = cap.tightened(0.08, ligaments=["ischiofemoral"])
    for b0, b1 in zip(cap.bundles, tight.bundles, strict=True):
        if b0.ligament == "ischiofemoral":
            assert b1.effective_slack_length_mm == pytest.approx(0.92 * b0.slack_length_mm)
        else:
            assert b1 == b0
    everything = cap.tightened(0.08)
    assert all(b.tightness == 0.08 for b in everything.bundles)


def test_released_and_stiffness(cap):
    cut = cap.released("ischiofemoral")
    assert [b.released for b in cut.bundles] == [b.ligament == "ischiofemoral" for b in cap.bundles]
    stiff = cap.with_stiffness(2.0, ligaments="pubofemoral")
    for b0, b1 in zip(cap.bundles, stiff.bundles, strict=True):
        factor = 2.0 if b0.ligament == "pubofemoral" else 1.0
        assert b1.stiffness_n_per_mm == pytest.approx(factor * b0.stiffness_n_per_mm)


def test_region_capsule_matches_tightened(cap):
    for region, ligs in hc.REGIONS.items():
        assert hc.region_capsule(region, 0.05) == cap.tightened(0.05, ligaments=ligs)


def test_range_of_motion_fields(cap):
    rom = hc.range_of_motion(cap)
    for motion in hc.MOTIONS:
        value = getattr(rom, motion)
        assert math.isfinite(value) and value >= 0.0
        assert rom.limited_by[motion] in hc.LIGAMENTS + ("bone", "none")
        assert rom.limited_by_bundle[motion] in cap.bundle_names + ("bone", "none")
        if rom.limited_by_bundle[motion] in hc.BUNDLES:
            assert hc.BUNDLES[rom.limited_by_bundle[motion]] == rom.limited_by[motion]
        assert set(rom.strain_at_limit[motion]) == set(cap.bundle_names)


def test_direction_limit_matches_named_motions(cap):
    for motion, (direction, _) in hc.MOTIONS.items():
        named = hc.motion_limit(cap, motion, flexion_deg=30.0)
        free = hc.direction_limit(cap, [2 * v for v in direction], start_deg=(30, 0, 0),
                                  max_deg=hc.MOTIONS[motion][1])
        assert free.angle_deg == pytest.approx(named.angle_deg, abs=1e-9)
        assert free.limited_by == named.limited_by
    combo = hc.direction_limit(cap, (1, 0, 1))
    assert 0.0 < combo.angle_deg < 150.0


def test_rotation_limits_shapes(cap):
    lim = hc.rotation_limits(cap, flexion_deg=[0, 30, 90], abduction_deg=0)
    for arr in (lim.ir, lim.er, lim.flexion_deg, lim.abduction_deg):
        assert arr.shape == (3,)
    assert len(lim.ir_limited_by) == len(lim.er_limited_by) == 3
    scalar = hc.rotation_limits(cap, flexion_deg=30)
    assert scalar.ir.shape == (1,)
    assert scalar.ir[0] == pytest.approx(lim.ir[1])


def test_circumduction_shapes(cap):
    env = hc.circumduction(cap, n_directions=36)
    assert env.directions.shape == (36, 3)
    assert np.allclose(np.linalg.norm(env.directions, axis=1), 1.0)
    assert 0.0 < env.solid_angle_sr < 4.0 * math.pi


def test_restraint_torque_shapes(cap):
    res = hc.restraint_torque(cap, np.zeros((4, 3)))
    assert res.torque_nm.shape == (4, 3)
    assert res.force_n.shape == (4, len(cap.bundles))
    assert res.bundle_names == cap.bundle_names
    by_lig = res.force_by_ligament()
    assert set(by_lig) == set(hc.LIGAMENTS)
    assert np.allclose(sum(by_lig.values()), res.force_n.sum(axis=1))
    single = hc.restraint_torque(cap, [0.0, 0.0, 30.0])
    assert single.torque_nm.shape == (1, 3)


def test_fit_tightness_result():
    fit = hc.fit_tightness({"internal_rotation": 18, "external_rotation": 40})
    assert 0.0 <= fit.tightness <= hc.MEANINGFUL_TIGHTNESS["whole"][1]
    assert fit.uncertainty > 0
    assert fit.interval[0] <= fit.tightness <= fit.interval[1]
    assert set(fit.residuals_deg) == {"internal_rotation", "external_rotation"}
    assert fit.profile_tightness.shape == fit.profile_chi2.shape
    assert isinstance(fit.message, str) and fit.message


def test_fit_tightness_best_region_finds_the_tightened_region():
    t = 0.6 * hc.MEANINGFUL_TIGHTNESS["posterior"][1]
    rom = hc.range_of_motion(hc.region_capsule("posterior", t))
    measured = {"internal_rotation": rom.internal_rotation,
                "external_rotation": rom.external_rotation, "flexion": rom.flexion}
    fit = hc.fit_tightness(measured, region="best", reference=None)
    assert fit.region == "posterior"
    assert max(abs(v) for v in fit.residuals_deg.values()) < 1.0


def test_meaningful_tightness_exposed():
    assert set(hc.MEANINGFUL_TIGHTNESS) == {"whole", "anterior", "posterior", "inferior"}
    for lo, hi in hc.MEANINGFUL_TIGHTNESS.values():
        assert lo == 0.0 and 0.0 < hi <= hc.MAX_TIGHTNESS
    assert hc.meaningful_tightness("posterior") == hc.MEANINGFUL_TIGHTNESS["posterior"]


# ------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.tightened(1.4), r"tightness=1.4 is outside \[0, 0.5\]"),
        (lambda c: c.tightened(-0.1), r"tightness=-0.1 is outside \[0, 0.5\]"),
        (lambda c: c.tightened(float("nan")), r"tightness=nan is outside"),
        (lambda c: c.tightened(float("inf")), r"tightness=inf is outside"),
        (lambda c: c.tightened("0.1"), r"tightness='0.1' is not a real number"),
        (lambda c: c.tightened(0.1, ligaments=["ACL"]), r"ligaments='ACL' is not one of"),
        (lambda c: c.released("capsule"), r"ligaments='capsule' is not one of"),
        (lambda c: c.released([]), r"ligaments=\[\] is empty"),
        (lambda c: c.tightened(0.1, ligaments=5), r"ligaments=5 is not a name"),
        (lambda c: c.with_stiffness(0.0), r"factor=0 is outside \(0, 10\]"),
        (lambda c: hc.range_of_motion(c, torque_threshold_nm=0), r"torque_threshold_nm=0"),
        (lambda c: hc.range_of_motion(c, torque_threshold_nm=-5), r"torque_threshold_nm=-5"),
        (lambda c: hc.rotation_limits(c, [0, np.nan]), r"flexion_deg=nan is outside"),
        (lambda c: hc.rotation_limits(c, [[0, 30]]), r"flexion_deg has shape"),
        (lambda c: hc.rotation_limits(c, 200), r"flexion_deg=200 is outside"),
        (lambda c: hc.rotation_limits(c, [0, 30], abduction_deg=[1, 2, 3]),
         r"abduction_deg has shape"),
        (lambda c: hc.restraint_torque(c, np.zeros((4, 2))), r"poses_deg has shape"),
        (lambda c: hc.restraint_torque(c, [[0, 0, np.inf]]), r"poses_deg contains NaN or inf"),
        (lambda c: hc.restraint_torque(c, [[0, 0, 500]]), r"internal_rotation\)=500"),
        (lambda c: hc.circumduction(c, n_directions=3), r"n_directions=3 is outside"),
        (lambda c: hc.motion_limit(c, "twist"), r"motion='twist' is not one of"),
        (lambda c: hc.direction_limit(c, (0, 0, 0)), r"direction=\(0, 0, 0\) is not"),
        (lambda c: hc.direction_limit(c, (1, 0)), r"direction has shape"),
        (lambda c: hc.direction_limit(c, (1, 0, 0), max_deg=0), r"max_deg=0 is outside"),
        (lambda c: hc.range_of_motion("capsule"), r"capsule='capsule' is not"),
        # scalars are scalars: a list is not silently cut to its first element
        (lambda c: hc.motion_limit(c, "flexion", flexion_deg=[0, 30]),
         r"flexion_deg=\[0, 30\] is not a real number in \[-30, 120\]"),
        (lambda c: hc.motion_limit(c, "flexion", adduction_deg=np.array([1.0])),
         r"adduction_deg=array\(\[1.\]\) is not a real number in \[-45, 45\]"),
        (lambda c: hc.motion_limit(c, "flexion", internal_rotation_deg=60),
         r"internal_rotation_deg=60 is outside \[-45, 45\]"),
        # strings are rejected everywhere numbers are expected
        (lambda c: hc.motion_limit(c, "flexion", flexion_deg="30"),
         r"flexion_deg='30' is not a real number"),
        (lambda c: hc.rotation_limits(c, "30"), r"flexion_deg='30' is not a number"),
        (lambda c: hc.rotation_limits(c, ["0", "30"]), r"flexion_deg=\['0', '30'\] is not"),
        (lambda c: hc.rotation_limits(c, [0, 30], abduction_deg="5"),
         r"abduction_deg='5' is not a number"),
        (lambda c: hc.rotation_limits(c, [True, False]), r"flexion_deg=\[True, False\] is not"),
        (lambda c: hc.restraint_torque(c, [["0", "0", "0"]]), r"poses_deg=.* is not a number"),
        (lambda c: hc.direction_limit(c, ("1", 0, 0)), r"direction=.* is not a number"),
        (lambda c: hc.direction_limit(c, (1, 0, 0), start_deg=("30", 0, 0)),
         r"start_deg=.* is not a number"),
        (lambda c: hc.direction_limit(c, (1, 0, 0), start_deg=(130, 0, 0)),
         r"start_deg\[0\]=130 is outside \[-30, 120\]"),
        (lambda c: hc.direction_limit(c, (1, 0, 0), max_deg="90"), r"max_deg='90' is not"),
        (lambda c: hc.range_of_motion(c, torque_threshold_nm="5"), r"torque_threshold_nm='5'"),
        (lambda c: hc.direction_limit(c, (np.inf, 0, 0)), r"direction=.* contains NaN or inf"),
        # released needs names: None does not mean "cut everything"
        (lambda c: c.released(None), r"ligaments=None is not a name; give one or more of"),
    ],
)
def test_bad_input_raises_value_error(cap, call, match):
    with pytest.raises(ValueError, match=match):
        call(cap)


def test_huge_and_tiny_directions_are_normalised_without_overflow(cap):
    """A direction is only a direction: scaling it by 1e300 or 1e-300 changes nothing."""
    ref = hc.direction_limit(cap, (1.0, 0.0, 1.0))
    for scale in (1e300, 1e-300):
        got = hc.direction_limit(cap, (scale, 0.0, scale))
        assert got.limited_by != "none"
        assert got.angle_deg == pytest.approx(ref.angle_deg, abs=1e-9)
        assert got.limited_by_bundle == ref.limited_by_bundle


def test_zero_dimensional_arrays_count_as_scalars(cap):
    got = hc.motion_limit(cap, "flexion", flexion_deg=np.float64(10.0), adduction_deg=np.array(5))
    ref = hc.motion_limit(cap, "flexion", flexion_deg=10.0, adduction_deg=5.0)
    assert got == ref


def test_bad_sex_and_region():
    with pytest.raises(ValueError, match=r"sex='other' is not one of 'male', 'female'"):
        hc.default_capsule("other")
    with pytest.raises(ValueError, match=r"region='lateral' is not one of"):
        hc.region_capsule("lateral", 0.1)
    with pytest.raises(ValueError, match=r"measured_deg key='pronation'"):
        hc.fit_tightness({"pronation": 10})
    with pytest.raises(ValueError, match=r"measured_deg\['internal_rotation'\]=nan"):
        hc.fit_tightness({"internal_rotation": float("nan")})
    with pytest.raises(ValueError, match=r"sd_deg=0 is outside"):
        hc.fit_tightness({"internal_rotation": 20}, sd_deg=0)
