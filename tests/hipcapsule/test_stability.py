"""Stable limits (issue targets): slopes reported, small changes move limits a little, and the
circumduction envelope has no jumps."""

from __future__ import annotations

import numpy as np
import pytest

import hipcapsule as hc
from hipcapsule.anatomy import REGIONS
from hipcapsule.calibration.targets import (
    STABILITY_MAX_DEG,
    STIFFNESS_FACTORS,
    THRESHOLD_SHIFTS_NM,
)

#: Largest jump (deg) between adjacent envelope directions at 1 deg resolution.
ENVELOPE_JUMP_MAX_DEG = 10.0


@pytest.fixture(scope="module")
def cap():
    return hc.default_capsule()


def test_every_limit_reports_its_torque_slope(cap):
    rom = hc.range_of_motion(cap)
    for motion in hc.MOTIONS:
        slope = rom.torque_slope_nm_per_deg[motion]
        assert np.isfinite(slope)
        if rom.limited_by[motion] not in ("bone", "none"):
            assert slope > 0, motion  # the torque is rising where it crosses the threshold
    lim = hc.rotation_limits(cap, [0.0, 30.0, 60.0, 90.0])
    assert lim.ir_slope.shape == lim.er_slope.shape == (4,)
    assert np.all(np.isfinite(lim.ir_slope)) and np.all(np.isfinite(lim.er_slope))
    env = hc.circumduction(cap, 36)
    assert env.slope_nm_per_deg.shape == (36,)
    one = hc.motion_limit(cap, "external_rotation", flexion_deg=30.0)
    assert np.isfinite(one.torque_slope_nm_per_deg)


@pytest.mark.parametrize("factor", STIFFNESS_FACTORS)
@pytest.mark.parametrize("ligaments", [None, *REGIONS["whole"]])
def test_ten_percent_stiffness_moves_no_rom_more_than_five_degrees(cap, factor, ligaments):
    base = hc.range_of_motion(cap).as_dict()
    ligs = list(REGIONS["whole"]) if ligaments is None else ligaments
    changed = hc.range_of_motion(cap.with_stiffness(factor, ligaments=ligs)).as_dict()
    for motion in hc.MOTIONS:
        assert abs(changed[motion] - base[motion]) <= STABILITY_MAX_DEG, (motion, ligaments)


@pytest.mark.parametrize("shift", THRESHOLD_SHIFTS_NM)
def test_a_tenth_of_a_newton_metre_moves_no_rom_more_than_five_degrees(cap, shift):
    base = hc.range_of_motion(cap).as_dict()
    changed = hc.range_of_motion(
        cap, torque_threshold_nm=hc.DEFAULT_TORQUE_THRESHOLD_NM + shift).as_dict()
    for motion in hc.MOTIONS:
        assert abs(changed[motion] - base[motion]) <= STABILITY_MAX_DEG, motion


def test_stability_cases_are_the_issue_s():
    assert STIFFNESS_FACTORS == (0.9, 1.1) and THRESHOLD_SHIFTS_NM == (-0.1, 0.1)
    assert STABILITY_MAX_DEG == 5.0


@pytest.mark.xfail(
    strict=True,
    reason="target not met by the v2 calibration: the largest jump is ~40 deg (male 39.5 at "
           "63 deg azimuth, female 37.3 at 65 deg); the validation page gives the number")
@pytest.mark.parametrize("sex", hc.SEXES)
def test_envelope_has_no_jump_between_adjacent_directions(sex):
    env = hc.circumduction(hc.default_capsule(sex), n_directions=360)
    jumps = np.abs(np.diff(np.r_[env.limit_deg, env.limit_deg[:1]]))
    assert jumps.max() <= ENVELOPE_JUMP_MAX_DEG, env.azimuth_deg[int(jumps.argmax())]


@pytest.mark.parametrize("sex", hc.SEXES)
def test_every_big_envelope_jump_is_a_torque_peak_just_under_the_threshold(sex):
    """The validation page's explanation of the jumps: wherever two neighbouring directions
    differ by more than the target, the one that swings further passed a torque peak just under
    the threshold (a fixed-axis swing carried the femur round a ligament) and went on to bone,
    and its neighbour's torque crossed the threshold much earlier, in the capsule."""
    env = hc.circumduction(hc.default_capsule(sex), n_directions=360)
    nxt = np.roll(np.arange(360), -1)
    big = np.nonzero(np.abs(env.limit_deg[nxt] - env.limit_deg) > ENVELOPE_JUMP_MAX_DEG)[0]
    assert big.size  # the target is not met (see the strict xfail above)
    for k in big:
        far, near = (k, nxt[k]) if env.limit_deg[k] > env.limit_deg[nxt[k]] else (nxt[k], k)
        thr = hc.rom.DEFAULT_TORQUE_THRESHOLD_NM
        assert 0.8 * thr < env.near_miss_nm[far] < thr, k
        assert env.limited_by[far] == "bone", k
        assert env.limited_by[near] not in ("bone", "none"), k
