"""fit_tightness you can trust: profile interval, identifiability, goodness of fit, norms."""

from __future__ import annotations

import numpy as np
import pytest

import hipcapsule as hc
from hipcapsule import fitting, published


def _rom(cap) -> dict:
    return hc.range_of_motion(cap).as_dict()


@pytest.mark.parametrize("region", ["posterior", "whole"])
def test_recovers_a_known_tightness_inside_its_interval(region):
    t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
    known = round(0.6 * t_max, 4)
    rom = _rom(hc.region_capsule(region, known))
    measured = {m: rom[m] for m in ("internal_rotation", "external_rotation", "flexion")}
    fit = hc.fit_tightness(measured, region=region, reference=None)
    assert fit.interval[0] <= known <= fit.interval[1]
    assert fit.tightness == pytest.approx(known, abs=0.1 * t_max)
    assert not fit.not_identifiable and not fit.consistent_with_normal
    assert fit.chi2 < 1.0 and fit.dof == 2 and fit.rms_residual_deg < 2.0
    assert fit.uncertainty == pytest.approx(0.5 * (fit.interval[1] - fit.interval[0]))


def test_interval_is_where_the_profile_is_within_one_of_its_minimum():
    rom = _rom(hc.region_capsule("posterior", 0.5 * hc.MEANINGFUL_TIGHTNESS["posterior"][1]))
    fit = hc.fit_tightness({"internal_rotation": rom["internal_rotation"]}, region="posterior",
                           sd_deg=3.0, reference=None)
    t, c = fit.profile_tightness, fit.profile_chi2
    inside = t[(t > fit.interval[0] + 1e-9) & (t < fit.interval[1] - 1e-9)]
    assert np.all(np.interp(inside, t, c) <= fit.chi2 + 1.0 + 1e-6)
    outside = t[(t < fit.interval[0] - 1e-6) | (t > fit.interval[1] + 1e-6)]
    assert np.all(np.interp(outside, t, c) > fit.chi2 + 1.0 - 1e-6)


def test_a_measurement_the_region_does_not_change_is_not_identifiable():
    """Find a motion that tightening a region barely moves; fitting it alone is flagged."""
    for region in hc.REGIONS:
        t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
        normal, tight = _rom(hc.default_capsule()), _rom(hc.region_capsule(region, t_max))
        flat = [m for m in hc.MOTIONS if abs(normal[m] - tight[m]) < 1.0]
        for motion in flat:
            fit = hc.fit_tightness({motion: normal[motion]}, region=region, reference=None)
            assert fit.not_identifiable and np.isinf(fit.uncertainty), (region, motion)
            assert "cannot tell" in fit.message
    assert any(abs(_rom(hc.default_capsule())[m] - _rom(hc.region_capsule(r, t))[m]) < 1.0
               for r, (_, t) in hc.MEANINGFUL_TIGHTNESS.items() for m in hc.MOTIONS)


def test_random_plausible_inputs_never_give_an_arbitrary_interior_answer():
    """The old fit returned an interior value with at_bound=False on flat cost regions. Now
    every answer is either identifiable (its interval is narrower than the range and the
    profile rises by more than 1 across it) or flagged."""
    rng = np.random.default_rng(7)
    for _ in range(120):
        region = str(rng.choice(list(hc.REGIONS)))
        measured = {"internal_rotation": float(rng.uniform(5, 50)),
                    "external_rotation": float(rng.uniform(10, 70))}
        fit = hc.fit_tightness(measured, region=region)
        spread = fit.profile_chi2.max() - fit.profile_chi2.min()
        if not fit.not_identifiable:
            width = fit.interval[1] - fit.interval[0]
            assert spread >= fitting.FLAT_CHI2
            assert width <= fitting.WIDE_FRACTION * hc.MEANINGFUL_TIGHTNESS[region][1]
        else:
            assert "cannot tell" in fit.message


@pytest.mark.parametrize("region", sorted(hc.REGIONS))
def test_healthy_adult_means_do_not_read_as_tight(region):
    """Kouyoumdjian et al.'s seated means of healthy adults: consistent with a normal capsule."""
    seated = published.rotation_for_position("seated")
    fit = hc.fit_tightness({"internal_rotation": seated.internal_rotation_deg,
                            "external_rotation": seated.external_rotation_deg}, region=region)
    assert fit.consistent_with_normal
    assert fit.interval[0] == 0.0
    assert fit.not_identifiable or "nothing here suggests" in fit.message


def test_best_region_has_the_lowest_cost():
    rom = _rom(hc.region_capsule("posterior", 0.5 * hc.MEANINGFUL_TIGHTNESS["posterior"][1]))
    measured = {"internal_rotation": rom["internal_rotation"], "flexion": rom["flexion"]}
    best = hc.fit_tightness(measured, region="best", reference=None)
    assert best.chi2 == min(hc.fit_tightness(measured, region=r, reference=None).chi2
                            for r in hc.REGIONS)


def test_a_reference_compares_changes_not_absolute_angles():
    """With the other hip as reference, a deficit equal to the model's change at tightness t
    fits t, whatever the absolute angles are."""
    t = 0.5 * hc.MEANINGFUL_TIGHTNESS["posterior"][1]
    normal, tight = _rom(hc.default_capsule()), _rom(hc.region_capsule("posterior", t))
    other = {"internal_rotation": 40.0, "external_rotation": 45.0}
    measured = {m: other[m] + tight[m] - normal[m] for m in other}
    fit = hc.fit_tightness(measured, region="posterior", reference=other)
    assert fit.interval[0] <= t <= fit.interval[1] and fit.reference_deg == other
    same = hc.fit_tightness(other, region="posterior", reference=other)
    assert same.tightness == 0.0 and same.consistent_with_normal
    assert fitting.healthy_reference(["internal_rotation", "flexion"]) == {
        "internal_rotation": published.rotation_for_position("seated").internal_rotation_deg,
        "flexion": published.norm_for("flexion").typical_deg}


def test_bad_reference_is_rejected():
    with pytest.raises(ValueError, match=r"reference=\{\} has no angle for internal_rotation"):
        hc.fit_tightness({"internal_rotation": 30.0}, reference={})
    with pytest.raises(ValueError, match=r"reference='other hip' is not 'healthy', None or"):
        hc.fit_tightness({"internal_rotation": 30.0}, reference="other hip")
