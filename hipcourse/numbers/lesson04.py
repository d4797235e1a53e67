"""Numbers in the prose of lesson 04 (measure your own hip rotation)."""

from __future__ import annotations

import inspect

from hipcapsule import fit_tightness
from hipcapsule.published import (
    ACR_FLEXION_MAX_DEG,
    ACR_IR_BELOW_DEG,
    BIRRELL2001_SENSITIVITY_PCT,
    BIRRELL2001_SPECIFICITY_PCT,
    KOUYOUMDJIAN2012_N,
    ROTATION_BY_POSITION,
    WOMEN_EXTRA_IR_DEG,
    norm_for,
    rotation_for_position,
)

from ..explorers.measure_yourself.caption import STATIC_ER, STATIC_IR
from . import Prose, num, span

__all__ = [
    "AAOS_ER",
    "AAOS_IR",
    "ACR_FLEXION_MAX",
    "ACR_IR_BELOW",
    "BIRRELL_SENSITIVITY",
    "BIRRELL_SPECIFICITY",
    "ER_ACROSS_POSITIONS",
    "ER_SEATED",
    "FIT_SD",
    "IR_ACROSS_POSITIONS",
    "IR_PRONE",
    "IR_SEATED",
    "IR_SUPINE",
    "KOUYOUMDJIAN_N",
    "QUESTION_ER",
    "QUESTION_IR",
    "SAM_IR_GAP",
    "SAM_PRONE_IR",
    "SAM_PRONE_IR_DIFF",
    "SAM_SEATED_ER",
    "SAM_SEATED_ER_DIFF",
    "SAM_SEATED_IR",
    "SAM_SEATED_IR_DIFF",
    "SEATED_HIP_FLEXION",
    "WOMEN_EXTRA_IR",
]

_PRONE = rotation_for_position("prone")
_SEATED = rotation_for_position("seated")
_SUPINE = rotation_for_position("supine")


def _signed(value: float) -> Prose:
    """A whole number with a typographic minus sign for negative values (``-23`` -> ``−23``)."""
    return Prose(num(value).replace("-", "\u2212"))


# --- Test positions and typical values (Kouyoumdjian et al. 2012, kouyoumdjian2012) ----------

#: Adults measured, kouyoumdjian2012.
KOUYOUMDJIAN_N = num(KOUYOUMDJIAN2012_N)
#: Hip flexion of the seated test (deg), kouyoumdjian2012.
SEATED_HIP_FLEXION = num(_SEATED.hip_flexion_deg)
#: Mean internal rotation prone (deg), kouyoumdjian2012.
IR_PRONE = num(_PRONE.internal_rotation_deg)
#: Mean internal rotation seated (deg), kouyoumdjian2012.
IR_SEATED = num(_SEATED.internal_rotation_deg)
#: Mean internal rotation supine, lying on the back (deg), kouyoumdjian2012.
IR_SUPINE = num(_SUPINE.internal_rotation_deg)
#: Mean external rotation seated (deg), kouyoumdjian2012.
ER_SEATED = num(_SEATED.external_rotation_deg)
#: Range of the mean internal rotation over the three positions (deg), kouyoumdjian2012.
IR_ACROSS_POSITIONS = span(min(r.internal_rotation_deg for r in ROTATION_BY_POSITION),
                           max(r.internal_rotation_deg for r in ROTATION_BY_POSITION))
#: Range of the mean external rotation over the three positions (deg), kouyoumdjian2012.
ER_ACROSS_POSITIONS = span(min(r.external_rotation_deg for r in ROTATION_BY_POSITION),
                           max(r.external_rotation_deg for r in ROTATION_BY_POSITION))
#: Extra seated internal rotation of women over men (deg), WOMEN_EXTRA_IR_DEG (kouyoumdjian2012).
WOMEN_EXTRA_IR = span(*WOMEN_EXTRA_IR_DEG)

# --- AAOS norms (aaos1965) --------------------------------------------------------------------

#: Typical internal rotation (deg), aaos1965.
AAOS_IR = span(norm_for("internal_rotation").low_deg, norm_for("internal_rotation").high_deg)
#: Typical external rotation (deg), aaos1965.
AAOS_ER = span(norm_for("external_rotation").low_deg, norm_for("external_rotation").high_deg)

# --- The model's fit ----------------------------------------------------------------------------

#: Measuring SD the tightness fit assumes (deg): the default ``sd_deg`` of
#: :func:`hipcapsule.fit_tightness` (model).
FIT_SD = num(inspect.signature(fit_tightness).parameters["sd_deg"].default)

# --- What a restriction means (altman1991, birrell2001) -----------------------------------------

#: ACR criterion: internal rotation below this (deg), altman1991.
ACR_IR_BELOW = num(ACR_IR_BELOW_DEG)
#: ACR criterion: flexion at or below this (deg), altman1991.
ACR_FLEXION_MAX = num(ACR_FLEXION_MAX_DEG)
#: Sensitivity of a restriction in any one plane for hip osteoarthritis (%), birrell2001.
BIRRELL_SENSITIVITY = span(*BIRRELL2001_SENSITIVITY_PCT)
#: Specificity of a restriction in any one plane for hip osteoarthritis (%), birrell2001.
BIRRELL_SPECIFICITY = span(*BIRRELL2001_SPECIFICITY_PCT)

# --- "Questions to try": settings of the static figure (explorer grid, caption.py) --------------

#: A low seated IR to set in the figure (deg): the second-lowest value of the IR slider.
QUESTION_IR = num(STATIC_IR[1])
_AAOS_ER_DEG = norm_for("external_rotation").typical_deg
#: A normal ER to set in the figure (deg): the ER button nearest the AAOS norm.
QUESTION_ER = num(min(STATIC_ER, key=lambda er: abs(er - _AAOS_ER_DEG)))

# --- Exercise: Sam's measurements (the exercise scenario; typed here once) ----------------------

_SAM_SEATED_IR_DEG = 15.0
_SAM_SEATED_ER_DEG = 45.0
_SAM_PRONE_IR_DEG = 20.0
if _SAM_SEATED_IR_DEG not in STATIC_IR or _SAM_SEATED_ER_DEG not in STATIC_ER:
    raise ValueError("Sam's seated angles must be values the static figure offers")

#: Sam's seated internal rotation (deg), exercise scenario.
SAM_SEATED_IR = num(_SAM_SEATED_IR_DEG)
#: Sam's seated external rotation (deg), exercise scenario.
SAM_SEATED_ER = num(_SAM_SEATED_ER_DEG)
#: Sam's prone internal rotation (deg), exercise scenario.
SAM_PRONE_IR = num(_SAM_PRONE_IR_DEG)
#: Sam's seated IR minus the typical seated IR as the prose shows it, rounded (deg).
SAM_SEATED_IR_DIFF = _signed(_SAM_SEATED_IR_DEG - float(IR_SEATED))
#: Sam's prone IR minus the typical prone IR as the prose shows it, rounded (deg).
SAM_PRONE_IR_DIFF = _signed(_SAM_PRONE_IR_DEG - float(IR_PRONE))
#: Sam's seated ER minus the typical seated ER as the prose shows it, rounded (deg).
SAM_SEATED_ER_DIFF = _signed(_SAM_SEATED_ER_DEG - float(ER_SEATED))
#: Difference between Sam's two IR values, prone and seated (deg), exercise scenario.
SAM_IR_GAP = num(abs(_SAM_PRONE_IR_DEG - _SAM_SEATED_IR_DEG))
