"""Numbers quoted by more than one page: defined once here, imported by the lesson modules."""

from __future__ import annotations

import hipcapsule
from hipcapsule import ensemble, evidence, published
from hipcapsule.forces import TOE_STRAIN
from hipcapsule.rom import DEFAULT_BAND_PCT

from . import Prose, exported, num, span, spread


def _aaos(motion: str) -> Prose:
    record = published.norm_for(motion)
    return span(record.low_deg, record.high_deg)


# --- the model -----------------------------------------------------------------------------

#: Femoral head radius of the model's male and female hips (mm), hipcapsule.default_geometry.
HEAD_RADIUS_MALE_MM = num(hipcapsule.default_geometry("male").head_radius_mm)
HEAD_RADIUS_FEMALE_MM = num(hipcapsule.default_geometry("female").head_radius_mm)
#: End of the force law's toe region, percent strain (model parameter).
TOE_STRAIN_PCT = num(100 * TOE_STRAIN)
#: Restraining torque that defines a ROM limit (N m), vanarkel2015.
LIMIT_TORQUE_NM = num(published.CAPSULE_LIMIT_TORQUE_NM)
#: Parameter sets in the model's calibration ensemble (count), hipcapsule.ensemble.
ENSEMBLE_MEMBERS = num(ensemble.member_count())
#: Percentiles over the ensemble that bound the model's uncertainty band, hipcapsule.rom.
BAND_LOW_PCT, BAND_HIGH_PCT = (num(p) for p in DEFAULT_BAND_PCT)

# --- typical adult ranges (aaos1965) ---------------------------------------------------------

#: Typical adult ranges (deg), aaos1965: a single value or low-high.
AAOS_FLEXION = _aaos("flexion")
AAOS_EXTENSION = _aaos("extension")
AAOS_ABDUCTION = _aaos("abduction")
AAOS_ADDUCTION = _aaos("adduction")
AAOS_IR = _aaos("internal_rotation")
AAOS_ER = _aaos("external_rotation")

# --- rotation by test position (kouyoumdjian2012) --------------------------------------------

_PRONE = published.rotation_for_position("prone")
_SEATED = published.rotation_for_position("seated")
_SUPINE = published.rotation_for_position("supine")

#: Healthy adults measured in each position (count), kouyoumdjian2012.
KOUYOUMDJIAN_N = num(published.KOUYOUMDJIAN2012_N)
#: Mean internal rotation prone, seated and supine (deg), kouyoumdjian2012.
IR_PRONE = num(_PRONE.internal_rotation_deg)
IR_SEATED = num(_SEATED.internal_rotation_deg)
IR_SUPINE = num(_SUPINE.internal_rotation_deg)
#: Mean external rotation seated (deg), kouyoumdjian2012.
ER_SEATED = num(_SEATED.external_rotation_deg)
#: Hip flexion of the seated test (deg), kouyoumdjian2012.
SEATED_FLEXION = num(_SEATED.hip_flexion_deg)
#: Range of the mean internal and external rotation over the three positions (deg).
IR_ACROSS_POSITIONS = spread(r.internal_rotation_deg for r in published.ROTATION_BY_POSITION)
ER_ACROSS_POSITIONS = spread(r.external_rotation_deg for r in published.ROTATION_BY_POSITION)

# --- women and men (czuppon2017) -------------------------------------------------------------

#: Women minus men, mean internal rotation (deg) with the hip bent 90 deg and straight (0 deg),
#: in first-year college athletes (mean age about 18), czuppon2017.
WOMEN_MINUS_MEN_IR_90 = num(published.WOMEN_MINUS_MEN_IR_DEG[90.0])
WOMEN_MINUS_MEN_IR_0 = num(published.WOMEN_MINUS_MEN_IR_DEG[0.0])
#: First-year college athletes measured, women and men together (count), czuppon2017.
CZUPPON_N = num(sum(evidence.row(f"czuppon2017-ir-flexion90-{g}").n for g in ("male", "female")))

# --- what a restriction means (altman1991, birrell2001) --------------------------------------

#: ACR criteria for hip osteoarthritis: internal rotation below, flexion at or below (deg).
ACR_IR_BELOW = num(published.ACR_IR_BELOW_DEG)
ACR_FLEXION_MAX = num(published.ACR_FLEXION_MAX_DEG)
#: A restriction in any one plane for hip osteoarthritis: sensitivity, specificity (%).
BIRRELL_SENSITIVITY = span(*published.BIRRELL2001_SENSITIVITY_PCT)
BIRRELL_SPECIFICITY = span(*published.BIRRELL2001_SPECIFICITY_PCT)

__all__ = exported(globals())
