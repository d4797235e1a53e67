"""Numbers in the prose of lesson 01 (the hip joint and its capsule)."""

from __future__ import annotations

import hipcapsule
from hipcapsule import published
from hipcapsule.published import (
    ACR_FLEXION_MAX_DEG,
    ACR_IR_BELOW_DEG,
    BIRRELL2001_SENSITIVITY_PCT,
    BIRRELL2001_SPECIFICITY_PCT,
    CADAVER_LIMITS,
    CAPSULE_LIMIT_TORQUE_NM,
    KOUYOUMDJIAN2012_N,
    ROTATION_BY_POSITION,
    ROTATIONAL_STIFFNESS_NM_PER_DEG,
    SCHLEIFENBAUM2016,
    WOMEN_EXTRA_IR_DEG,
    norm_for,
    rotation_for_position,
)

from . import Prose, num, span

__all__ = [
    "AAOS_ABDUCTION",
    "AAOS_ADDUCTION",
    "AAOS_ER",
    "AAOS_EXTENSION",
    "AAOS_FLEXION",
    "AAOS_IR",
    "ACR_FLEXION_MAX",
    "ACR_IR_BELOW",
    "BIRRELL_SENSITIVITY",
    "BIRRELL_SPECIFICITY",
    "CADAVER_ABDUCTION",
    "CADAVER_ADDUCTION",
    "CADAVER_ER",
    "CADAVER_EXTENSION",
    "CADAVER_EXTENSION_SD",
    "CADAVER_FLEXION",
    "CADAVER_IR",
    "CAPSULE_STIFFNESS",
    "ER_RANGE",
    "HEAD_RADIUS_FEMALE_MM",
    "HEAD_RADIUS_MALE_MM",
    "ILIOFEMORAL_SECTION",
    "IR_PRONE",
    "IR_RANGE",
    "IR_SEATED",
    "IR_SUPINE",
    "KOUYOUMDJIAN_N",
    "LIGAMENT_MODULI",
    "LIMIT_TORQUE_NM",
    "OTHER_SECTIONS",
    "PRONE_SUPINE_IR_GAP",
    "SEATED_FLEXION",
    "WOMEN_EXTRA_IR",
]


def _aaos(motion: str) -> Prose:
    record = norm_for(motion)
    return span(record.low_deg, record.high_deg)


def _cadaver(motion: str) -> published.CadaverLimit:
    (record,) = (c for c in CADAVER_LIMITS if c.motion == motion)
    return record


# --- Section 1: the model's femoral head -----------------------------------------------------

#: Femoral head radius of the model's male hip (mm), hipcapsule.default_geometry("male").
HEAD_RADIUS_MALE_MM = num(hipcapsule.default_geometry("male").head_radius_mm)
#: Femoral head radius of the model's female hip (mm), hipcapsule.default_geometry("female").
HEAD_RADIUS_FEMALE_MM = num(hipcapsule.default_geometry("female").head_radius_mm)

# --- Section 2: ligament tissue (schleifenbaum2016) --------------------------------------------

_moduli = [p.modulus_mpa for p in SCHLEIFENBAUM2016.values()]
_others = [p.cross_section_mm2 for k, p in SCHLEIFENBAUM2016.items() if k != "iliofemoral"]

#: Range of the mean elastic moduli of the three main ligaments (MPa), schleifenbaum2016.
LIGAMENT_MODULI = span(min(_moduli), max(_moduli))
#: Mean cross-section of the iliofemoral ligament (mm²), schleifenbaum2016.
ILIOFEMORAL_SECTION = num(SCHLEIFENBAUM2016["iliofemoral"].cross_section_mm2)
#: Range of the mean cross-sections of the other two ligaments (mm²), schleifenbaum2016.
OTHER_SECTIONS = span(min(_others), max(_others))

# --- Section 3: typical adult ranges (aaos1965) ----------------------------------------------

#: Typical adult flexion (deg), aaos1965.
AAOS_FLEXION = _aaos("flexion")
#: Typical adult extension (deg), aaos1965.
AAOS_EXTENSION = _aaos("extension")
#: Typical adult abduction (deg), aaos1965.
AAOS_ABDUCTION = _aaos("abduction")
#: Typical adult adduction (deg), aaos1965.
AAOS_ADDUCTION = _aaos("adduction")
#: Typical adult internal rotation (deg), aaos1965.
AAOS_IR = _aaos("internal_rotation")
#: Typical adult external rotation (deg), aaos1965.
AAOS_ER = _aaos("external_rotation")

# --- Section 3: rotation by test position (kouyoumdjian2012) ---------------------------------

_prone = rotation_for_position("prone")
_seated = rotation_for_position("seated")
_supine = rotation_for_position("supine")
_ir = [r.internal_rotation_deg for r in ROTATION_BY_POSITION]
_er = [r.external_rotation_deg for r in ROTATION_BY_POSITION]

#: Healthy adults measured (count), kouyoumdjian2012.
KOUYOUMDJIAN_N = num(KOUYOUMDJIAN2012_N)
#: Mean internal rotation lying face down, hip straight (deg), kouyoumdjian2012.
IR_PRONE = num(_prone.internal_rotation_deg)
#: Mean internal rotation sitting (deg), kouyoumdjian2012.
IR_SEATED = num(_seated.internal_rotation_deg)
#: Mean internal rotation lying on the back, hip straight (deg), kouyoumdjian2012.
IR_SUPINE = num(_supine.internal_rotation_deg)
#: Hip flexion of the seated test (deg), kouyoumdjian2012.
SEATED_FLEXION = num(_seated.hip_flexion_deg)
#: Range of mean external rotation over the three positions (deg), kouyoumdjian2012.
ER_RANGE = span(min(_er), max(_er))
#: Range of mean internal rotation over the three positions (deg), kouyoumdjian2012.
IR_RANGE = span(min(_ir), max(_ir))
#: Prone minus supine mean internal rotation, size of the gap (deg, one decimal),
#: kouyoumdjian2012.
PRONE_SUPINE_IR_GAP = num(abs(_prone.internal_rotation_deg - _supine.internal_rotation_deg), 1)
#: How much more seated internal rotation women have than men (deg), kouyoumdjian2012.
WOMEN_EXTRA_IR = span(*WOMEN_EXTRA_IR_DEG)

# --- Section 3: what the capsule alone allows (vanarkel2015) ---------------------------------

_ir_limit = _cadaver("internal_rotation")
_er_limit = _cadaver("external_rotation")
_abd_limit = _cadaver("abduction")
_add_limit = _cadaver("adduction")
_ext_limit = _cadaver("extension")
# The prose gives one flexion for the four limits: unpacking fails if they ever differ.
(_bent,) = {c.start_flexion_deg for c in (_ir_limit, _er_limit, _abd_limit, _add_limit)}

#: Restraining torque that defines a ROM limit (N m), vanarkel2015.
LIMIT_TORQUE_NM = num(CAPSULE_LIMIT_TORQUE_NM)
#: Hip flexion at which the rotation, abduction and adduction limits were measured (deg),
#: vanarkel2015.
CADAVER_FLEXION = num(_bent)
#: Capsule-only internal rotation limit (deg), vanarkel2015.
CADAVER_IR = num(_ir_limit.limit_deg)
#: Capsule-only external rotation limit (deg), vanarkel2015.
CADAVER_ER = num(_er_limit.limit_deg)
#: Capsule-only abduction limit (deg), vanarkel2015.
CADAVER_ABDUCTION = num(_abd_limit.limit_deg)
#: Capsule-only adduction limit (deg), vanarkel2015.
CADAVER_ADDUCTION = num(_add_limit.limit_deg)
#: Capsule-only extension limit from neutral, mean (deg), vanarkel2015.
CADAVER_EXTENSION = num(_ext_limit.limit_deg)
#: Standard deviation of that extension limit (deg), vanarkel2015.
CADAVER_EXTENSION_SD = num(_ext_limit.sd_deg)
#: Capsular rotational stiffness once engaged, mean (N m per deg), vanarkel2015.
CAPSULE_STIFFNESS = num(ROTATIONAL_STIFFNESS_NM_PER_DEG[0], 1)

# --- Section 3: the capsular pattern ---------------------------------------------------------

#: ACR criterion: internal rotation below this (deg), altman1991.
ACR_IR_BELOW = num(ACR_IR_BELOW_DEG)
#: ACR criterion: flexion at or below this (deg), altman1991.
ACR_FLEXION_MAX = num(ACR_FLEXION_MAX_DEG)
#: Sensitivity of a restriction in any one plane for hip OA (percent range), birrell2001.
BIRRELL_SENSITIVITY = span(*BIRRELL2001_SENSITIVITY_PCT)
#: Specificity of a restriction in any one plane for hip OA (percent range), birrell2001.
BIRRELL_SPECIFICITY = span(*BIRRELL2001_SPECIFICITY_PCT)
