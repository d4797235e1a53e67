"""Numbers in the prose of the model validation page (``book/model_validation.md``)."""

from __future__ import annotations

import hipcapsule as hc
from hipcapsule import published
from hipcapsule.calibration.targets import STRAIN_CAP
from hipcapsule.forces import TOE_STRAIN

from . import num, span

__all__ = [
    "ACR_FLEXION",
    "ACR_IR",
    "AAOS_ABDUCTION",
    "CADAVER_ABDUCTION_FLEXION",
    "FE_RMS",
    "HEAD_RADIUS_FEMALE_MM",
    "HEAD_RADIUS_MALE_MM",
    "LIMIT_TORQUE_NM",
    "STRAIN_CAP_PCT",
    "TENSILE_STRAIN_PCT",
    "TOE_STRAIN_PCT",
    "WOMEN_EXTRA_IR",
]

#: Femoral head radius of the male and female model hips (mm, model parameters).
HEAD_RADIUS_MALE_MM = num(hc.default_geometry("male").head_radius_mm)
HEAD_RADIUS_FEMALE_MM = num(hc.default_geometry("female").head_radius_mm)
#: End of the force law's toe region, percent strain (model parameter).
TOE_STRAIN_PCT = num(100 * TOE_STRAIN)
#: Restraining torque that defines a ROM limit (N m), van Arkel et al. 2015.
LIMIT_TORQUE_NM = num(published.CAPSULE_LIMIT_TORQUE_NM)
#: Typical adult abduction (deg), AAOS.
AAOS_ABDUCTION = num(published.norm_for("abduction").typical_deg)
#: Hip flexion (deg) at which the cadaver abduction limit was measured, van Arkel et al. 2015.
CADAVER_ABDUCTION_FLEXION = num(
    next(c for c in published.CADAVER_LIMITS if c.motion == "abduction").start_flexion_deg)
#: Women minus men, seated internal rotation (deg), from the course's reference notes.
WOMEN_EXTRA_IR = span(*published.WOMEN_EXTRA_IR_DEG)
#: Strain ceiling the validation table checks (percent, our choice).
STRAIN_CAP_PCT = num(100 * STRAIN_CAP)
#: Strain reached in uniaxial tensile tests (percent), Schleifenbaum et al. 2016.
TENSILE_STRAIN_PCT = num(100 * published.TENSILE_TEST_STRAIN)
#: RMS errors of the reference finite-element models (deg).
FE_RMS = span(min(published.FE_MODEL_RMS_DEG.values()), max(published.FE_MODEL_RMS_DEG.values()),
              1)
#: ACR criteria for hip osteoarthritis: internal rotation below, flexion at or below (deg).
ACR_IR = num(published.ACR_IR_BELOW_DEG)
ACR_FLEXION = num(published.ACR_FLEXION_MAX_DEG)
