"""Property tests (hypothesis, derandomised) over random valid inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import hipcapsule as hc

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)

tightness = st.floats(0.0, 0.5, allow_nan=False)
ligament_sets = st.lists(st.sampled_from(hc.LIGAMENTS), min_size=1, max_size=5, unique=True)
threshold = st.floats(0.5, 20.0, allow_nan=False)


@SETTINGS
@given(t=tightness, ligs=ligament_sets, thr=threshold, sex=st.sampled_from(hc.SEXES))
def test_rom_finite_and_within_search_range(t, ligs, thr, sex):
    cap = hc.default_capsule(sex).tightened(t, ligaments=ligs)
    rom = hc.range_of_motion(cap, torque_threshold_nm=thr)
    for motion, (_, max_deg) in hc.MOTIONS.items():
        value = getattr(rom, motion)
        assert np.isfinite(value)
        assert 0.0 <= value <= max_deg + 1e-9


@SETTINGS
@given(t=tightness, ligs=ligament_sets)
def test_tightening_more_never_increases_rom(t, ligs):
    cap = hc.default_capsule()
    a = hc.range_of_motion(cap.tightened(t, ligaments=ligs)).as_dict()
    b = hc.range_of_motion(cap.tightened(min(t + 0.05, 0.5), ligaments=ligs)).as_dict()
    for motion in a:
        assert b[motion] <= a[motion] + 1e-6


@SETTINGS
@given(t=tightness, ligs=ligament_sets)
def test_release_never_decreases_rom(t, ligs):
    cap = hc.default_capsule().tightened(t)
    a = hc.range_of_motion(cap).as_dict()
    b = hc.range_of_motion(cap.released(ligs)).as_dict()
    for motion in a:
        assert b[motion] >= a[motion] - 1e-6


@SETTINGS
@given(
    poses=st.lists(
        st.tuples(st.floats(-60, 150), st.floats(-90, 90), st.floats(-120, 120)),
        min_size=1,
        max_size=20,
    ),
    t=tightness,
)
def test_restraint_torque_finite(poses, t):
    res = hc.restraint_torque(hc.default_capsule().tightened(t), np.array(poses))
    assert np.all(np.isfinite(res.torque_nm))
    assert np.all(res.force_n >= 0)
    assert np.all(res.length_mm > 0)


@SETTINGS
@given(
    flex=st.lists(st.floats(-30, 120), min_size=1, max_size=6),
    abd=st.floats(-45, 45),
    t=tightness,
)
def test_rotation_limits_bounded(flex, abd, t):
    lim = hc.rotation_limits(hc.default_capsule().tightened(t), flex, abd)
    for arr in (lim.ir, lim.er):
        assert np.all(np.isfinite(arr)) and np.all(arr >= 0) and np.all(arr <= 90 + 1e-9)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(t=tightness, n=st.integers(8, 120))
def test_circumduction_solid_angle_bounded(t, n):
    env = hc.circumduction(hc.default_capsule().tightened(t), n_directions=n)
    assert 0.0 <= env.solid_angle_sr < 2.0 * np.pi
    assert np.all(env.limit_deg >= 0) and np.all(env.limit_deg <= 150 + 1e-9)


@SETTINGS
@given(t=tightness, thr=threshold, flexion=st.floats(-30.0, 120.0), sex=st.sampled_from(hc.SEXES))
def test_a_lazily_filled_table_gives_the_full_tables_limits(t, thr, flexion, sex):
    """The search fills each motion's path table only until every limit is found; its answer
    (angles, structures, strains, torques, slopes, near misses) is the one the full table
    gives, whatever an earlier search (here, a looser or tighter capsule) filled before."""
    from hipcapsule import ensemble, rom, solver

    cap = hc.default_capsule(sex).tightened(t)
    batch = rom._jcs_batch(["internal_rotation", "external_rotation", "flexion"],
                           np.array([[flexion, 0.0, 0.0]] * 2 + [[0.0, 0.0, 0.0]]))
    for arr in (solver.model_arrays(cap), ensemble.ensemble_arrays_for(cap)):
        solver._TABLES.clear()
        lazy = solver.search_limits(arr, batch, thr)
        assert solver.path_table(arr, batch).filled.min() > 0
        solver._TABLES.clear()
        solver.path_table(arr, batch).fill_all()
        full = solver.search_limits(arr, batch, thr)
        for field in ("angle_rad", "limited_by", "strain", "torque_nm", "slope_nm_per_rad",
                      "contrib_nm", "force_n", "near_miss_nm"):
            np.testing.assert_array_equal(getattr(lazy, field), getattr(full, field), field)
