"""The model's behaviour against the anatomy and the evidence, and the analysis tables.

Expected values are published numbers or directions (read from :mod:`hipcapsule.evidence` or
:mod:`hipcapsule.published`, never re-typed) or documented bounds, never model outputs.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import hipcapsule as hc
from hipcapsule import analysis, evidence
from hipcapsule.anatomy import REGIONS, STIFFNESS_BOUNDS_N_PER_MM
from hipcapsule.calibration import CALIBRATION_PATH, footprints_in_use
from hipcapsule.calibration.targets import LOST_DEG, ROTATION_FLEXIONS_DEG
from hipcapsule.capsule import pelvic_footprint_deg
from hipcapsule.rom import STRAIN_FAILURE, STRAIN_HIGH

TIGHTNESS_GRID = np.round(np.arange(0.0, 0.301, 0.02), 3)


@pytest.fixture(scope="module")
def cap():
    return hc.default_capsule()


# ----------------------------------------------------------------------------- anatomy


@pytest.mark.parametrize("sex", hc.SEXES)
def test_seated_ir_is_stopped_by_the_ischiofemoral_before_bone(sex):
    """The capsule, not the rim, ends seated IR (Martin 2008 / van Arkel 2015: ischiofemoral
    primary in flexion; Han 2019: soft tissue a few degrees before bone)."""
    cap = hc.default_capsule(sex)
    rom = hc.range_of_motion(cap)
    assert rom.limited_by["internal_rotation"] == "ischiofemoral"
    bone_only = hc.range_of_motion(cap.released(list(hc.LIGAMENTS))).internal_rotation
    assert rom.internal_rotation < bone_only
    # and the capsule reaches the threshold (it is not the search range that ends it)
    assert rom.internal_rotation < hc.MOTIONS["internal_rotation"][1]


def test_seated_ir_responds_to_posterior_tightening_from_the_start(cap):
    base = hc.range_of_motion(cap).internal_rotation
    for region in ("posterior", "whole"):
        tight = hc.range_of_motion(hc.region_capsule(region, 0.005)).internal_rotation
        assert tight < base - 0.1, region


@pytest.mark.parametrize("ligament", hc.LIGAMENTS)
def test_no_single_release_frees_a_motion_to_the_search_limit(cap, ligament):
    cut = cap.released(ligament)
    rom = hc.range_of_motion(cut)
    for motion, (_, max_deg) in hc.MOTIONS.items():
        assert getattr(rom, motion) < max_deg - 1.0, (ligament, motion)
        assert rom.limited_by[motion] != "none", (ligament, motion)
    lim = hc.rotation_limits(cut, list(ROTATION_FLEXIONS_DEG))
    assert np.all(lim.ir < 89.0) and np.all(lim.er < 89.0), ligament


#: The single-release findings whose absence the issue named as the first model's defects
#: (issue 10: "no secondary restraints"): cutting the ischiofemoral frees IR in extension and
#: low flexion by a finite amount (the search limit is checked above), cutting the pubofemoral
#: gains ER in extension, and cutting the lateral iliofemoral arm gains IR in extension
#: (martin2008). Every other direction row is reported, matched or not, on the validation page
#: (tests/site/test_model_page.py checks its counts and verdict).
_UNMET = pytest.mark.xfail(
    strict=True,
    reason="not reproduced by the v2 calibration: the lateral arm release frees no IR in "
           "extension (0.0 deg at -10, 0 and 30 deg flexion); stated on the validation page")
ISSUE_FINDINGS = ("martin2008-isfl-ir", "martin2008-pfl-er-extension",
                  pytest.param("martin2008-lifl-ir-extension", marks=_UNMET))


@pytest.mark.parametrize("key", ISSUE_FINDINGS)
def test_calibration_reproduces_the_secondary_restraint_findings(key):
    rows = {r.key: r for r in analysis.direction_rows() if r.split == "calibration"}
    assert rows[key].matches, rows[key].model


def test_no_band_is_pre_tensioned_and_strains_are_flagged(cap):
    rom = hc.range_of_motion(cap)
    for motion, strains in rom.strain_at_limit.items():
        worst = max(strains.values())
        expected = "failure" if worst > STRAIN_FAILURE else "high" if worst > STRAIN_HIGH else ""
        assert rom.strain_flag[motion] == expected
        assert rom.strain_flag[motion] != "failure", motion


def test_stiffness_is_inside_its_documented_bounds(cap):
    rows = analysis.stiffness_table(cap)
    assert {r["ligament"] for r in rows} == set(REGIONS["whole"])
    for r in rows:
        lo, hi = STIFFNESS_BOUNDS_N_PER_MM[r["ligament"]]
        assert lo <= r["model"] <= hi
        assert r["tensile_low"] < r["tensile_mean"] < r["tensile_high"]


# ----------------------------------------------------------------------------- evidence


def test_every_representable_cadaver_angle_is_compared():
    rows = analysis.evidence_rows()
    keys = {r.key for r in rows}
    for o in evidence.held_out_angle_rows(representable_only=True):
        assert o.key in keys
    for r in rows:
        assert np.isfinite(r.model) and r.band[0] <= r.band[1]
        assert r.published == evidence.value(r.key)
    summary = analysis.rms_by_study(rows)
    held = [r for r in rows if r.split == "held-out"]
    assert summary["held-out"]["n"] == len(held) >= 8
    assert summary["held-out"]["rms_deg"] == pytest.approx(
        float(np.sqrt(np.mean([r.error**2 for r in held]))))


def test_direction_rows_cover_every_held_out_sectioning_finding():
    rows = {r.key: r for r in analysis.direction_rows()}
    for o in evidence.rows_in_split("held-out"):
        if o.quantity == "release_gain" and o.direction and o.representable:
            assert o.key in rows, o.key
    assert all(r.model for r in rows.values())


# ----------------------------------------------------------------------------- tightness


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_rom_non_increasing_with_tightness(region):
    curves = analysis.rom_curves(region, TIGHTNESS_GRID)
    for motion, values in curves.items():
        assert np.all(np.diff(values) <= 1e-6), (region, motion)


def test_rom_curves_equal_single_queries():
    t = [0.0, 0.03]
    curves = analysis.rom_curves("posterior", t)
    for i, ti in enumerate(t):
        rom = hc.range_of_motion(hc.region_capsule("posterior", ti)).as_dict()
        for motion in hc.MOTIONS:
            assert curves[motion][i] == pytest.approx(rom[motion], abs=1e-9)
    prone = analysis.rom_curves("posterior", t, position="prone")["internal_rotation"]
    one = hc.motion_limit(hc.region_capsule("posterior", 0.03), "internal_rotation")
    assert prone[1] == pytest.approx(one.angle_deg, abs=1e-9)


def test_calibration_file_loads_and_is_used(cap):
    record = json.loads(CALIBRATION_PATH.read_text())
    for b in cap.bundles:
        n = sum(1 for o in cap.bundles if o.ligament == b.ligament)
        if b.ligament in record["stiffness_n_per_mm"]:
            assert b.stiffness_n_per_mm == pytest.approx(
                record["stiffness_n_per_mm"][b.ligament] / n)
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


@pytest.mark.parametrize("position", sorted(analysis.CLAIM_POSITIONS))
@pytest.mark.parametrize("region", ["whole", "posterior"])
def test_seed_claim_order_uses_one_criterion(region, position):
    """A motion is limited from the first scanned tightness at which it has lost more than
    LIMITED_LOSS_PCT percent of its normal value; rows are in that order."""
    rows = analysis.claim_order(region, position=position)
    assert {r["motion"] for r in rows} == set(hc.MOTIONS)
    firsts = [r["first_limited_at"] for r in rows if r["first_limited_at"] is not None]
    assert firsts == sorted(firsts)
    t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
    end = analysis.rom_curves(region, [t_max], position=position)
    for r in rows:
        assert r["end_deg"] == pytest.approx(float(end[r["motion"]][0]))
        if r["loss_pct"] > analysis.LIMITED_LOSS_PCT:
            assert r["first_limited_at"] is not None
        if r["first_limited_at"] is not None:
            at = analysis.rom_curves(region, [r["first_limited_at"]], position=position)
            lost = 100 * (r["normal_deg"] - at[r["motion"]][0]) / r["normal_deg"]
            assert lost > analysis.LIMITED_LOSS_PCT


@pytest.mark.parametrize("position", sorted(analysis.CLAIM_POSITIONS))
def test_seed_claim_findings_are_consistent(position):
    for region in ("whole", "posterior"):
        f = analysis.claim_findings(region, position=position)
        assert f["position"] == position
        assert set(f["order"]) | set(f["never"]) == set(hc.MOTIONS)
        assert f["ir_first"] == (bool(f["order"]) and f["order"][0] == "internal_rotation")
        assert f["all_limited"] == (not f["never"])
        assert f["solid_angle_tight_sr"] < f["solid_angle_normal_sr"]


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_first_lost_is_lost_just_past_the_meaningful_range(region):
    lost = analysis.first_lost(region)
    t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
    if t_max < hc.MAX_TIGHTNESS:
        assert lost
        beyond = hc.range_of_motion(hc.region_capsule(region, min(t_max + 0.002, 0.5)))
        assert {m for m, v in beyond.as_dict().items() if v < LOST_DEG} >= set(lost)


def test_release_table_gains(cap):
    table = analysis.release_table(cap, (0.0, 30.0), motion="external_rotation")
    assert set(table) == {"intact", *hc.LIGAMENTS}
    base = hc.rotation_limits(cap, [0.0, 30.0]).er
    assert np.allclose(table["intact"], base)
    for lig in hc.LIGAMENTS:
        assert np.all(table[lig] >= table["intact"] - 1e-9)


# ----------------------------------------------------------------------------- pelvic origins


def test_pelvic_footprint_is_each_centre_plus_minus_half_its_span():
    fp = footprints_in_use()
    for lig in REGIONS["whole"]:
        a, b = pelvic_footprint_deg(lig)
        assert a == pytest.approx(30 * (fp[lig]["clock"] - fp[lig]["clock_span"] / 2))
        assert b == pytest.approx(30 * (fp[lig]["clock"] + fp[lig]["clock_span"] / 2))
    both = pelvic_footprint_deg(["lateral_iliofemoral", "medial_iliofemoral"])
    assert both == (pelvic_footprint_deg("lateral_iliofemoral")[0],
                    pelvic_footprint_deg("medial_iliofemoral")[1])
    moved = {**fp, "ischiofemoral": {**fp["ischiofemoral"], "clock": 10.0}}
    a, b = pelvic_footprint_deg("ischiofemoral", moved)
    assert (a + b) / 2 == pytest.approx(300.0)


@pytest.mark.parametrize("bad", ["ligamentum_teres", "capsule", []])
def test_pelvic_footprint_rejects_what_is_not_a_capsular_ligament(bad):
    with pytest.raises(ValueError, match="ligaments="):
        pelvic_footprint_deg(bad)


def test_every_pelvic_origin_row_is_compared_and_held_out():
    rows = analysis.origin_rows()
    origin_keys = {o.key for o in evidence.OBSERVATIONS
                   if o.quantity == "footprint_position" and o.unit == "deg"}
    assert {r.key for r in rows} == origin_keys and origin_keys
    for r in rows:
        assert r.split == "held-out"
        lo, hi = r.published_deg
        a, b = r.model_deg
        assert r.overlap_deg == pytest.approx(max(0.0, min(b, hi) - max(a, lo)))
        # a model arc centred on the published one agrees
        centred = {**footprints_in_use()}
        for lig in analysis.SOURCE_LIGAMENTS[r.ligament]:
            centred[lig] = {**centred[lig], "clock": (lo + hi) / 60.0, "clock_span": 0.5}
        assert {x.key: x for x in analysis.origin_rows(centred)}[r.key].agrees


_ORIGIN_UNMET = pytest.mark.xfail(
    strict=True,
    reason="not met: the model's ischiofemoral starts low on the back of the rim (216-261 deg) "
           "and its pubofemoral high on the front (98-128 deg); nam2011 measured 262-353 and "
           "121-163 deg; stated on the validation page")


@pytest.mark.parametrize("key", ["nam2011-ifl-origin",
                                 pytest.param("nam2011-isfl-origin", marks=_ORIGIN_UNMET),
                                 pytest.param("nam2011-pfl-origin", marks=_ORIGIN_UNMET)])
def test_the_model_places_each_ligament_where_it_was_measured_to_start(key):
    row = {r.key: r for r in analysis.origin_rows()}[key]
    assert row.agrees, (row.model_deg, row.published_deg)


def test_no_capsule_puts_a_limit_past_its_bone_floor():
    """The floor is a true lower bound: stiffer, softer, tighter or cut capsules on the same
    bone never come closer to a published limit than :func:`analysis.bone_floor_deg` says."""
    rows = analysis.evidence_rows()
    base = hc.default_capsule()
    variants = (base, base.with_stiffness(0.2), base.with_stiffness(5.0), base.tightened(0.3),
                base.released("ligamentum_teres"), base.released(list(REGIONS["whole"])))
    limits = [r for r in rows if r.quantity == "limit"]
    assert limits
    for row in rows:
        floor = analysis.bone_floor_deg(row)
        assert floor >= 0.0
        if row.quantity != "limit":
            assert floor == 0.0, row.key
            continue
        obs = evidence.row(row.key)
        for cap in variants:
            model = float(analysis._predict(obs, (cap,))[0])
            assert abs(model - row.published) >= floor - 1e-9, (row.key, cap)


def test_rms_floor_is_at_most_the_rms_and_needs_rows():
    rows = analysis.evidence_rows()
    for split in ("held-out", "calibration"):
        part = [r for r in rows if r.split == split]
        rms = analysis.rms_by_study(rows)[split]["rms_deg"]
        assert 0.0 <= analysis.rms_floor_deg(part) <= rms + 1e-9
    with pytest.raises(ValueError, match=r"rows=\[\]"):
        analysis.rms_floor_deg([])
