"""Numbers in the prose of lesson 01 (the hip joint and its capsule)."""

from __future__ import annotations

from hipcapsule.published import (
    CADAVER_LIMITS,
    ROTATIONAL_STIFFNESS_NM_PER_DEG,
    SCHLEIFENBAUM2016,
    CadaverLimit,
    rotation_for_position,
)

from . import exported, num, spread
from .common import *  # noqa: F403 (re-exported: the page quotes them)


def _cadaver(motion: str) -> CadaverLimit:
    (record,) = (c for c in CADAVER_LIMITS if c.motion == motion)
    return record


# --- Section 2: ligament tissue (schleifenbaum2016) --------------------------------------------


#: Range of the mean elastic moduli of the three main ligaments (MPa), schleifenbaum2016.
LIGAMENT_MODULI = spread(p.modulus_mpa for p in SCHLEIFENBAUM2016.values())
#: Mean cross-section of the iliofemoral ligament (mm²), schleifenbaum2016.
ILIOFEMORAL_SECTION = num(SCHLEIFENBAUM2016["iliofemoral"].cross_section_mm2)
#: Range of the mean cross-sections of the other two ligaments (mm²), schleifenbaum2016.
OTHER_SECTIONS = spread(p.cross_section_mm2 for k, p in SCHLEIFENBAUM2016.items()
                        if k != "iliofemoral")

# --- Section 3: rotation by test position (kouyoumdjian2012) ---------------------------------

#: Prone minus supine mean internal rotation, size of the gap (deg, one decimal),
#: kouyoumdjian2012.
PRONE_SUPINE_IR_GAP = num(abs(rotation_for_position("prone").internal_rotation_deg
                              - rotation_for_position("supine").internal_rotation_deg), 1)

# --- Section 3: what the capsule alone allows (vanarkel2015) ---------------------------------

_limits = {m: _cadaver(m) for m in ("internal_rotation", "external_rotation", "abduction",
                                    "adduction", "extension")}
# The prose gives one flexion for the four limits with the hip bent: this fails if they differ.
(_bent,) = {c.start_flexion_deg for m, c in _limits.items() if m != "extension"}

#: Hip flexion at which the rotation, abduction and adduction limits were measured (deg), and
#: the capsule-only limits (deg; extension from neutral with its SD), vanarkel2015.
CADAVER_FLEXION = num(_bent)
CADAVER_IR, CADAVER_ER, CADAVER_ABDUCTION, CADAVER_ADDUCTION, CADAVER_EXTENSION = (
    num(c.limit_deg) for c in _limits.values())
CADAVER_EXTENSION_SD = num(_limits["extension"].sd_deg)
#: Capsular rotational stiffness once engaged, mean (N m per deg), vanarkel2015.
CAPSULE_STIFFNESS = num(ROTATIONAL_STIFFNESS_NM_PER_DEG[0], 1)

__all__ = exported(globals())
