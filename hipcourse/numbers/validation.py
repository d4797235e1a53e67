"""Numbers in the prose of the model validation page (``book/model_validation.md``)."""

from __future__ import annotations

from hipcapsule import published
from hipcapsule.calibration.targets import STRAIN_CAP

from . import exported, num, spread
from .common import *  # noqa: F403 (re-exported: the page quotes them)

#: Hip flexion (deg) at which the cadaver abduction limit was measured, van Arkel et al. 2015.
CADAVER_ABDUCTION_FLEXION = num(
    next(c for c in published.CADAVER_LIMITS if c.motion == "abduction").start_flexion_deg)
#: Strain ceiling the validation table checks (percent, our choice).
STRAIN_CAP_PCT = num(100 * STRAIN_CAP)
#: Strain reached in uniaxial tensile tests (percent), Schleifenbaum et al. 2016.
TENSILE_STRAIN_PCT = num(100 * published.TENSILE_TEST_STRAIN)
#: RMS errors of the reference finite-element models (deg), both on implanted capsules.
FE_RMS = spread(published.FE_MODEL_RMS_DEG.values(), 1)

__all__ = exported(globals())
