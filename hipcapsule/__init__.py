"""hipcapsule: a small, fast, validated model of how hip-capsule tightness limits hip ROM.

A right hip in ISB frames (:mod:`hipcapsule.geometry`), five capsular ligaments in six bundles
wrapped over the femoral head and neck (:mod:`hipcapsule.ligaments`,
:mod:`hipcapsule.wrapping`), the Blankevoort force law (:mod:`hipcapsule.forces`), and ROM
limits at a 5 N m restraining torque or neck-rim contact (:mod:`hipcapsule.rom`).

Quick start::

    import hipcapsule as hc
    cap = hc.default_capsule(sex="male")
    rom = hc.range_of_motion(cap.tightened(0.08, ligaments=["ischiofemoral"]))
    rom.internal_rotation, rom.limited_by["internal_rotation"]

:data:`MEANINGFUL_TIGHTNESS` gives, per capsule region, the tightness interval in which no
ROM motion is lost entirely (computed by ``scripts/calibrate-model`` and stored with the
calibration); use it for slider ranges. Beyond it at least one motion has a limit of 0 deg
(the capsule already resists that motion with the threshold torque in the neutral pose).
"""

from __future__ import annotations

from .fitting import TightnessFit, fit_tightness
from .geometry import SEXES, Geometry, default_geometry
from .ligaments import (
    ATTACHMENT_BOUNDS,
    BUNDLES,
    LIGAMENTS,
    MAX_TIGHTNESS,
    REGIONS,
    Bundle,
    Capsule,
    _calibration,
    attachment_table,
    default_capsule,
    region_capsule,
)
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

#: Region -> (0.0, largest tightness at which no ROM motion is lost), from the calibration.
MEANINGFUL_TIGHTNESS: dict[str, tuple[float, float]] = {
    region: (0.0, float(_calibration().get("meaningful_tightness", {}).get(region, 0.0)))
    for region in REGIONS
}


def meaningful_tightness(region: str = "whole") -> tuple[float, float]:
    """Tightness interval of ``region`` in which the model stays meaningful (see module docs)."""
    from ._checks import check_choice

    check_choice("region", region, tuple(REGIONS))
    return MEANINGFUL_TIGHTNESS[region]


__all__ = [
    "ATTACHMENT_BOUNDS",
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
