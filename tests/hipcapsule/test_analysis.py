"""The model against published values, and the analysis tables (tests that can fail).

Every expected value below is a published number (imported from :mod:`hipcapsule.published`,
never re-typed) or a documented band, never a model output.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import hipcapsule as hc
from hipcapsule import analysis, published
from hipcapsule.anatomy import REGIONS, STIFFNESS_BOUNDS_N_PER_MM
from hipcapsule.calibration import CALIBRATION_PATH
from hipcapsule.calibration.targets import FIT_TARGETS, LOST_DEG, STRAIN_CAP

TIGHTNESS_GRID = np.round(np.arange(0.0, 0.301, 0.02), 3)


@pytest.fixture(scope="module")
def cap():
    return hc.default_capsule()


def _rotation(cap, flexion):
    return hc.rotation_limits(cap, flexion_deg=flexion)


CADAVER = {c.motion: c for c in published.CADAVER_LIMITS}
BAND = analysis.APPROX_BAND_DEG


def _band(motion: str) -> tuple[float, float]:
    c = CADAVER[motion]
    half = BAND if c.sd_deg is None else c.sd_deg
    return c.limit_deg - half, c.limit_deg + half


def test_rotation_at_30_deg_flexion_matches_cadaver(cap):
    """van Arkel et al. 2015: IR and ER at 30 deg flexion (approximate means, +/- the band)."""
    assert CADAVER["internal_rotation"].start_flexion_deg == 30.0
    lim = _rotation(cap, 30.0)
    lo, hi = _band("internal_rotation")
    assert lo <= lim.ir[0] <= hi
    lo, hi = _band("external_rotation")
    assert lo <= lim.er[0] <= hi
    assert lim.ir_limited_by[0].startswith("ischiofemoral")
    assert lim.er_limited_by[0] == "lateral_iliofemoral"


def test_extension_abduction_adduction_match_cadaver(cap):
    """Extension mean +/- SD from neutral; abduction and adduction at 30 deg flexion
    (van Arkel et al. 2015)."""
    lo, hi = _band("extension")
    assert lo <= hc.range_of_motion(cap).extension <= hi
    for motion in ("abduction", "adduction"):
        c = CADAVER[motion]
        lo, hi = _band(motion)
        angle = hc.motion_limit(cap, motion, flexion_deg=c.start_flexion_deg).angle_deg
        assert lo <= angle <= hi, motion


def test_unresisted_rotation_arc_matches_cadaver(cap):
    """van Arkel et al. 2015: unresisted rotation arc up to mean +/- SD in mid-range positions;
    the widest arc over 0-60 deg flexion (rotation torque below 0.5 N m) must lie in the band."""
    mean, sd = published.UNRESISTED_ARC_DEG
    lim = hc.rotation_limits(cap, [0.0, 15.0, 30.0, 45.0, 60.0], torque_threshold_nm=0.5)
    assert mean - sd <= float(np.max(lim.ir + lim.er)) <= mean + sd


def test_rotational_stiffness_matches_cadaver(cap):
    """van Arkel et al. 2015: rotational stiffness once engaged, mean +/- SD (N m/deg).

    Slope over 1 N m around the 5 N m IR and ER limits at 30 deg flexion, averaged.
    """
    mean, sd = published.ROTATIONAL_STIFFNESS_NM_PER_DEG
    lo = hc.rotation_limits(cap, [30.0], torque_threshold_nm=4.5)
    hi = hc.rotation_limits(cap, [30.0], torque_threshold_nm=5.5)
    slopes = [1.0 / float(hi.ir[0] - lo.ir[0]), 1.0 / float(hi.er[0] - lo.er[0])]
    assert all(s > 0 for s in slopes)
    assert mean - sd <= float(np.mean(slopes)) <= mean + sd


def test_every_cadaver_row_is_inside_its_band(cap):
    """All cadaver (5 N m capsule) targets of the validation table are inside their bands."""
    rows = [r for r in analysis.target_table(cap) if r.kind == "cadaver"]
    assert len(rows) >= 8
    assert all(r.ok for r in rows), [(r.quantity, r.model) for r in rows if not r.ok]


def test_stiffness_is_inside_its_documented_bounds(cap):
    """Calibrated stiffness lies between the bottom-up tensile lower end (E and A at mean - SD,
    each bundle's share of its ligament, 40 mm) and the top-down ceiling (cadaver joint
    stiffness mean + SD at a one-head-radius moment arm of 24 mm)."""
    mean, sd = published.ROTATIONAL_STIFFNESS_NM_PER_DEG
    ceiling = (mean + sd) * 180.0 / np.pi / 0.024**2 / 1e3  # N/mm
    share = {"iliofemoral": 0.5, "ischiofemoral": 0.5, "pubofemoral": 1.0}
    lower = {lig: share[lig] * (t.modulus_mpa - t.modulus_sd_mpa)
             * (t.cross_section_mm2 - t.cross_section_sd_mm2) / 40.0
             for lig, t in published.SCHLEIFENBAUM2016.items()}
    rows = {r["bundle"]: r for r in analysis.stiffness_table(cap)}
    for name, (lo, hi) in STIFFNESS_BOUNDS_N_PER_MM.items():
        lig = "iliofemoral" if "iliofemoral" in name else hc.BUNDLES[name]
        assert lo == pytest.approx(lower[lig], abs=0.01)
        assert hi == pytest.approx(ceiling, abs=0.1)
        assert lo <= rows[name]["model"] <= hi, name
        assert rows[name]["tensile_low"] < rows[name]["tensile_mean"] < rows[name]["tensile_high"]
    teres = rows["ligamentum_teres"]
    assert teres["model"] == teres["reference_default"]  # assumed, not calibrated
    assert teres["bound_low"] is None


def test_seated_rotation_inside_clinical_norms(cap):
    """Kouyoumdjian 2012 seated means and the AAOS ranges, widened by one measurement SD."""
    seated = published.rotation_for_position("seated")
    rom = hc.range_of_motion(cap)
    sd = analysis.MEASUREMENT_SD_DEG
    for motion in ("internal_rotation", "external_rotation"):
        norm = published.norm_for(motion)
        values = (getattr(seated, f"{motion}_deg"), norm.low_deg, norm.high_deg)
        assert min(values) - sd <= getattr(rom, motion) <= max(values) + sd, motion


def test_deep_flexion_ir_ends_at_bone_soon_after_capsule_engages(cap):
    """Reference: in deep flexion IR ends in neck-rim contact soon after the capsule engages."""
    rom = hc.range_of_motion(cap)
    assert rom.limited_by["internal_rotation"] == "bone"
    isch = [v for k, v in rom.strain_at_limit["internal_rotation"].items() if "ischio" in k]
    assert max(isch) > 0.06  # past the toe region: the capsule is engaged


def test_target_table_agrees_with_tests(cap):
    rows = analysis.target_table(cap)
    fitted = [r for r in rows if r.fitted]
    assert len(fitted) >= len(FIT_TARGETS)
    assert all(r.ok for r in fitted), [r.quantity for r in fitted if not r.ok]
    assert {r.kind for r in rows} == set(analysis.ROW_KINDS)
    # every cadaver limit and every fitted target has a row
    assert sum(r.kind == "cadaver" for r in rows) >= len(published.CADAVER_LIMITS)


def test_ischiofemoral_release_gives_largest_ir_gain(cap):
    """Martin et al. 2008; Baba et al. 2021 (at 0 and 30 deg flexion)."""
    table = analysis.release_table(cap, flexion_deg=(0.0, 30.0))
    gains = {lig: table[lig] - table["intact"] for lig in hc.LIGAMENTS}
    for k in range(2):
        best = max(gains, key=lambda lig: gains[lig][k])
        assert best == "ischiofemoral"
        assert gains["ischiofemoral"][k] > 5.0


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_rom_non_increasing_with_tightness(region):
    prev = None
    for t in TIGHTNESS_GRID:
        rom = hc.range_of_motion(hc.region_capsule(region, float(t))).as_dict()
        lim = hc.rotation_limits(hc.region_capsule(region, float(t)), [0.0, 30.0, 60.0])
        cur = np.array(list(rom.values()) + list(lim.ir) + list(lim.er))
        if prev is not None:
            assert np.all(cur <= prev + 1e-6), (region, t)
        prev = cur


@pytest.mark.parametrize("region", ["whole", "posterior"])
def test_ir_strictly_decreasing_with_tightness(region):
    """IR at 0 and 30 deg flexion falls with every tightening step until it is lost.

    (Seated IR sits on the bony limit at first, so it is only non-increasing there.)
    """
    t = np.linspace(0.0, hc.MEANINGFUL_TIGHTNESS[region][1], 8)
    ir = np.array([hc.rotation_limits(hc.region_capsule(region, float(x)), [0.0, 30.0]).ir
                   for x in t])
    alive = ir[:-1] > LOST_DEG
    assert np.all(np.diff(ir, axis=0)[alive] < 0)


def test_posterior_tightening_lowers_circumduction(cap):
    """A posterior tightness that limits (seated) IR also shrinks the circumduction envelope."""
    base = hc.circumduction(cap).solid_angle_sr
    tight = hc.region_capsule("posterior", 0.9 * hc.MEANINGFUL_TIGHTNESS["posterior"][1])
    assert hc.range_of_motion(tight).internal_rotation < hc.range_of_motion(cap).internal_rotation
    assert hc.circumduction(tight).solid_angle_sr < base


def test_peak_strains_physiological(cap):
    """Every band stays below the documented strain ceiling at every limit."""
    rom = hc.range_of_motion(cap)
    for motion, strains in rom.strain_at_limit.items():
        assert max(strains.values()) <= STRAIN_CAP, motion
    lim = hc.rotation_limits(cap, [0.0, 30.0, 60.0])
    assert np.all(np.isfinite(lim.ir)) and np.all(np.isfinite(lim.er))


def test_calibration_file_loads_and_is_used(cap):
    record = json.loads(CALIBRATION_PATH.read_text())
    assert set(record["slack_ratio"]) == set(hc.BUNDLES)
    for b in cap.bundles:
        assert 0.95 <= record["slack_ratio"][b.name] <= 1.5
        assert b.stiffness_n_per_mm == record["stiffness_n_per_mm"][b.name]
    for region, (_, hi) in hc.MEANINGFUL_TIGHTNESS.items():
        assert hi == record["meaningful_tightness"][region]


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_meaningful_tightness_is_where_a_motion_is_first_lost(region):
    hi = hc.MEANINGFUL_TIGHTNESS[region][1]
    inside = hc.range_of_motion(hc.region_capsule(region, hi)).as_dict()
    assert min(inside.values()) >= LOST_DEG
    if hi < hc.MAX_TIGHTNESS:
        beyond = hc.range_of_motion(hc.region_capsule(region, min(hi + 0.002, 0.5))).as_dict()
        assert min(beyond.values()) < LOST_DEG


@pytest.mark.parametrize("region", ["whole", "posterior"])
def test_seed_claim_order_uses_one_criterion(region):
    """A motion is limited from the first scanned tightness at which it has lost more than
    LIMITED_LOSS_PCT percent of its normal value; rows are in that order."""
    rows = analysis.claim_order(region)
    assert {r["motion"] for r in rows} == set(hc.MOTIONS)
    firsts = [r["first_limited_at"] for r in rows if r["first_limited_at"] is not None]
    assert firsts == sorted(firsts)
    t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
    for r in rows:
        end = hc.range_of_motion(hc.region_capsule(region, t_max)).as_dict()[r["motion"]]
        assert r["end_deg"] == pytest.approx(end)
        limited = r["loss_pct"] > analysis.LIMITED_LOSS_PCT
        if limited:  # limited at the end means it was limited at some step
            assert r["first_limited_at"] is not None
        if r["first_limited_at"] is not None:
            t = r["first_limited_at"]
            at = hc.range_of_motion(hc.region_capsule(region, t)).as_dict()[r["motion"]]
            assert 100 * (r["normal_deg"] - at) / r["normal_deg"] > analysis.LIMITED_LOSS_PCT


def test_seed_claim_findings_are_consistent():
    for region in ("whole", "posterior"):
        f = analysis.claim_findings(region)
        assert set(f["order"]) | set(f["never"]) == set(hc.MOTIONS)
        assert f["ir_first"] == (bool(f["order"]) and f["order"][0] == "internal_rotation")
        assert f["all_limited"] == (not f["never"])
        assert f["solid_angle_tight_sr"] < f["solid_angle_normal_sr"]
    # posterior tightening leaves external rotation within the criterion: the claim that an
    # IR-limiting capsule limits every motion does not hold there
    post = analysis.claim_findings("posterior")
    assert "external_rotation" in post["never"] and not post["all_limited"]
    assert "internal_rotation" in post["order"]


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_first_lost_is_lost_just_past_the_meaningful_range(region):
    lost = analysis.first_lost(region)
    t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
    if t_max < hc.MAX_TIGHTNESS:
        assert lost
        beyond = hc.range_of_motion(hc.region_capsule(region, min(t_max + 0.002, 0.5)))
        assert {m for m, v in beyond.as_dict().items() if v < LOST_DEG} >= set(lost)


def test_fit_tightness_recovers_a_known_tightness():
    known = round(0.7 * hc.MEANINGFUL_TIGHTNESS["posterior"][1], 3)  # inside the fit's range
    true = hc.region_capsule("posterior", known)
    rom = hc.range_of_motion(true)
    fit = hc.fit_tightness(
        {"internal_rotation": rom.internal_rotation, "flexion": rom.flexion}, region="posterior"
    )
    assert fit.tightness == pytest.approx(known, abs=0.01)
    assert abs(fit.tightness - known) <= 3 * fit.uncertainty + 1e-3
    assert max(abs(v) for v in fit.residuals_deg.values()) < 1.0
