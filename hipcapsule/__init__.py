"""hipcapsule: a small, fast model of how hip-capsule tightness limits hip range of motion.

A right hip in ISB frames with bone shaped from published morphology
(:mod:`hipcapsule.geometry`), five capsular ligaments as fans of fibres
(:mod:`hipcapsule.anatomy`, :mod:`hipcapsule.capsule`) wrapped over the femoral head and neck
(:mod:`hipcapsule.wrapping`), the Blankevoort force law (:mod:`hipcapsule.forces`), and ROM
limits at a 5 N m restraining torque or neck-rim contact (:mod:`hipcapsule.rom`), found on
cached path tables (:mod:`hipcapsule.solver`). :mod:`hipcapsule.evidence` holds every published
number the model is built on, fitted to or tested against, split by study into calibration and
held-out sets; :mod:`hipcapsule.calibration` holds the committed fit and
:mod:`hipcapsule.ensemble` its ensemble (the uncertainty bands); :mod:`hipcapsule.fitting` runs
the model backwards; :mod:`hipcapsule.analysis` compares it with the evidence and tests the
seed claim (as data). The package needs numpy and scipy only.

Quick start::

    import hipcapsule as hc
    cap = hc.default_capsule(sex="male")
    rom = hc.range_of_motion(cap.tightened(0.03, ligaments=["ischiofemoral"]), band=True)
    rom.internal_rotation, rom.band_deg["internal_rotation"], rom.limited_by["internal_rotation"]

:data:`MEANINGFUL_TIGHTNESS` gives, per capsule region, the tightness interval in which no
ROM motion is lost entirely (see :mod:`hipcapsule.calibration`); use it for slider ranges.
"""

from __future__ import annotations

from .anatomy import BUNDLES, FOOTPRINT_BOUNDS, LIGAMENTS, MAX_TIGHTNESS, REGIONS
from .calibration import MEANINGFUL_TIGHTNESS, meaningful_tightness
from .capsule import Bundle, Capsule, attachment_table, default_capsule, region_capsule
from .fitting import TightnessFit, fit_tightness
from .geometry import SEXES, Geometry, default_geometry
from .rom import (
    DEFAULT_TORQUE_THRESHOLD_NM,
    MOTIONS,
    Envelope,
    MotionLimit,
    RangeOfMotion,
    RotationLimits,
    TorqueResult,
    circumduction,
    direction_limit,
    motion_limit,
    range_of_motion,
    restraint_torque,
    rotation_limits,
)

__all__ = [
    "FOOTPRINT_BOUNDS",
    "BUNDLES",
    "DEFAULT_TORQUE_THRESHOLD_NM",
    "LIGAMENTS",
    "MAX_TIGHTNESS",
    "MEANINGFUL_TIGHTNESS",
    "MOTIONS",
    "REGIONS",
    "SEXES",
    "Bundle",
    "Capsule",
    "Envelope",
    "Geometry",
    "MotionLimit",
    "RangeOfMotion",
    "RotationLimits",
    "TightnessFit",
    "TorqueResult",
    "attachment_table",
    "circumduction",
    "default_capsule",
    "default_geometry",
    "direction_limit",
    "fit_tightness",
    "meaningful_tightness",
    "motion_limit",
    "range_of_motion",
    "region_capsule",
    "restraint_torque",
    "rotation_limits",
]
