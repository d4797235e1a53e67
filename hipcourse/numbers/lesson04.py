"""Numbers in the prose of lesson 04 (measure your own hip rotation)."""

from __future__ import annotations

import inspect

from hipcapsule import fit_tightness
from hipcapsule.published import norm_for

from ..explorers.measure_yourself.caption import STATIC_ER, STATIC_IR
from . import Prose, common, exported, num
from .common import *  # noqa: F403 (re-exported: the page quotes them)


def _signed(value: float) -> Prose:
    """A whole number with a typographic minus sign for negative values (``-23`` -> ``−23``)."""
    return Prose(num(value).replace("-", "\u2212"))


# --- The model's fit ----------------------------------------------------------------------------

#: Measuring SD the tightness fit assumes (deg): the default ``sd_deg`` of
#: :func:`hipcapsule.fit_tightness` (model).
FIT_SD = num(inspect.signature(fit_tightness).parameters["sd_deg"].default)

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
SAM_SEATED_IR_DIFF = _signed(_SAM_SEATED_IR_DEG - float(common.IR_SEATED))
#: Sam's prone IR minus the typical prone IR as the prose shows it, rounded (deg).
SAM_PRONE_IR_DIFF = _signed(_SAM_PRONE_IR_DEG - float(common.IR_PRONE))
#: Sam's seated ER minus the typical seated ER as the prose shows it, rounded (deg).
SAM_SEATED_ER_DIFF = _signed(_SAM_SEATED_ER_DEG - float(common.ER_SEATED))
#: Difference between Sam's two IR values, prone and seated (deg), exercise scenario.
SAM_IR_GAP = num(abs(_SAM_PRONE_IR_DEG - _SAM_SEATED_IR_DEG))

__all__ = exported(globals())
