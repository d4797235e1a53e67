"""The committed calibration: what it may use, that it is self-consistent, and the ensemble."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import hipcapsule as hc
from hipcapsule import ensemble, evidence, solver
from hipcapsule.anatomy import FOOTPRINT_BOUNDS, SLACK_RATIO_BOUNDS
from hipcapsule.calibration import CALIBRATION_PATH, calibration_record, targets
from hipcapsule.calibration import fit as calfit


def test_the_fit_never_sees_a_held_out_study():
    keys = {o.source_key for o in targets.calibration_rows()}
    assert keys and all(evidence.SPLIT[k] == "calibration" for k in keys)
    terms = targets.residuals(targets.measure(hc.default_capsule()))
    evidence_keys = {o.key for o in evidence.OBSERVATIONS}
    for name in terms:
        if name in evidence_keys:
            assert evidence.SPLIT[evidence.row(name).source_key] == "calibration", name
        else:  # a model-side limit, never a study
            assert name in {"secondary-restraints", "strain-cap", "well-conditioned",
                            "stability", "smooth-internal_rotation",
                            "smooth-external_rotation", "no-near-miss"}, name


_vector = calfit._vector


def test_committed_costs_reproduce_from_the_committed_parameters():
    """Every member's stored cost is the objective at its stored (rounded) parameters, so the
    file, the objective and the code agree (the full re-fit is ``calibrate-model --check``)."""
    record = calibration_record()
    x0, lo, hi = calfit._start_and_bounds()
    for member, cost in zip(record["ensemble"], record["ensemble_costs"], strict=True):
        r = calfit.objective(_vector(member), x0, hi - lo)
        assert 0.5 * float(np.sum(r**2)) == pytest.approx(cost, abs=1e-4)
    assert record["ensemble"][0] == {k: record[k] for k in
                                     ("slack_ratio", "stiffness_n_per_mm", "footprints")}


def test_ensemble_is_large_and_fits_about_equally_well():
    record = calibration_record()
    costs = record["ensemble_costs"]
    assert len(record["ensemble"]) >= ensemble.MIN_MEMBERS == 20
    assert ensemble.member_count() == len(costs)
    assert costs[0] == min(costs) == record["fit_cost"]
    assert max(costs) <= costs[0] + calfit.ENSEMBLE_DELTA_COST + 1e-9
    for member in record["ensemble"]:
        x = _vector(member)
        assert np.all(x >= calfit._start_and_bounds()[1] - 1e-9)
        assert np.all(x <= calfit._start_and_bounds()[2] + 1e-9)
        for lig, ratio in member["slack_ratio"].items():
            assert SLACK_RATIO_BOUNDS[0] <= ratio <= SLACK_RATIO_BOUNDS[1], lig
        for lig, bounds in FOOTPRINT_BOUNDS.items():
            for key, (lo, hi) in bounds.items():
                assert lo <= member["footprints"][lig][key] <= hi
    # the members differ: the ensemble spans the valley, it is not one point repeated
    xs = np.array([_vector(m) for m in record["ensemble"]])
    assert len({tuple(x) for x in xs}) == len(xs)


def test_band_is_the_spread_of_the_members():
    """A band query equals the percentiles of the members' own answers on the band grid, each
    member carrying the query's tightening and release, and is within a quarter degree of
    the members' answers on the fine grid of every other query."""
    cap = hc.default_capsule().tightened(0.02, ligaments=["ischiofemoral"]).released(
        "ligamentum_teres")
    rom = hc.range_of_motion(cap, band=(10, 90))
    motions = list(hc.MOTIONS)
    start = np.array([hc.rom.ROM_START_POSES[m] for m in motions])
    coarse = hc.rom._jcs_batch(motions, start).coarse()
    each_coarse, each_fine = [], []
    for m in ensemble.members():
        arr = solver.model_arrays(cap.modifications_onto(m))
        each_coarse.append(np.rad2deg(solver.search_limits(arr, coarse, 5.0).angle_rad[0]))
        each_fine.append(list(hc.range_of_motion(cap.modifications_onto(m)).as_dict().values()))
    for j, motion in enumerate(motions):
        lo, hi = np.percentile(np.array(each_coarse)[:, j], [10, 90])
        assert rom.band_deg[motion] == pytest.approx((lo, hi), abs=1e-9)
        lo, hi = np.percentile(np.array(each_fine)[:, j], [10, 90])
        assert rom.band_deg[motion] == pytest.approx((lo, hi), abs=0.25)
    lim = hc.rotation_limits(cap, [0.0, 90.0], band=True)
    assert lim.ir_band.shape == (2, 2) and np.all(lim.ir_band[:, 0] <= lim.ir_band[:, 1])
    env = hc.circumduction(cap, 24, band=True)
    assert env.band_deg.shape == (24, 2)


@pytest.mark.parametrize("sex", ["male", "female"])
def test_the_band_grid_moves_rotation_bands_by_under_a_quarter_degree(sex):
    """Bands are searched every BAND_GRID_STEP_DEG (2.5 deg) instead of 1.25 deg, to halve
    their cost; over flexion, adduction and tightness the IR/ER band edges move by < 0.25 deg
    (the read-outs round to 1 deg)."""
    worst = 0.0
    for t in (0.0, 0.03):
        cap = hc.default_capsule(sex).tightened(t) if t else hc.default_capsule(sex)
        arr = ensemble.ensemble_arrays_for(cap)
        for f in range(0, 121, 20):
            for a in (-30.0, 0.0, 30.0):
                batch = hc.rom._jcs_batch(["internal_rotation", "external_rotation"],
                                          np.array([[f, a, 0.0]] * 2))
                fine, band = (np.percentile(np.rad2deg(solver.search_limits(arr, b, 5.0)
                                                       .angle_rad), (10, 90), axis=0)
                              for b in (batch, batch.coarse()))
                worst = max(worst, float(np.abs(fine - band).max()))
    assert solver.BAND_GRID_STEP_DEG == 2 * solver.GRID_STEP_DEG
    assert 0.0 < worst < 0.25


def test_bad_band_is_rejected():
    cap = hc.default_capsule()
    with pytest.raises(ValueError, match=r"band=5 is not None, True or a \(low, high\) pair"):
        hc.range_of_motion(cap, band=5)
    with pytest.raises(ValueError, match=r"band\[1\]=5 is outside \[50, 100\]"):
        hc.range_of_motion(cap, band=(50, 5))


def test_calibrate_script_is_thin_wrapper(root):
    script = root / "scripts" / "calibrate-model"
    text = script.read_text()
    assert "hipcapsule.calibration.fit import main" in text
    proc = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "--check" in proc.stdout


@pytest.mark.parametrize("argv, message", [
    (["--rounds", "1"], "--rounds/--hops give an experiment's smaller search"),
    (["--hops", "4", "--check", "--output", "x.json"], "not --check"),
    (["--hops", "40", "--output", "x.json"], "--hops=40 is outside [0, 32]"),
    (["--rounds", "-1", "--output", "x.json"], "'-1' is not a whole number >= 0"),
    (["--rounds", "two", "--output", "x.json"], "'two' is not a whole number >= 0"),
])
def test_an_experiment_search_never_replaces_the_committed_fit(argv, message, capsys):
    """A smaller search (``--rounds``/``--hops``) is refused before any fitting unless it is
    written elsewhere; bad counts are refused with the value and the valid range."""
    before = CALIBRATION_PATH.read_bytes()  # the file itself (the loader caches)
    with pytest.raises(SystemExit) as exc:
        calfit.main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err
    assert CALIBRATION_PATH.read_bytes() == before
