"""Numbers in the prose of lesson 08 (hip arthritis: types, exercise, when to ask about surgery).

Every published number comes from :mod:`hipcourse.content.arthritis`. The nephew's age is part
of the readers' question and of the exercise, and is set here, once.
"""

from __future__ import annotations

from hipcourse.content.arthritis import (
    ACR2019_STRONG,
    FRANSEN2014_EFFECTS,
    FRANSEN2014_EVIDENCE,
    FRANSEN2014_N_PARTICIPANTS,
    FRANSEN2014_N_TRIALS,
    GLAD_N_PARTICIPANTS,
    GLAD_RESULTS,
)

from .. import style
from . import Prose, exported, num

_MINUS = "\u2212"


def _signed(value: float) -> Prose:
    """``-0.38`` written with a true minus sign, as the prose prints it."""
    text = f"{abs(value):.2f}"
    return Prose(f"{_MINUS}{text}" if value < 0 else text)


def _interval(low: float, high: float) -> Prose:
    return Prose(f"{_signed(low)} to {_signed(high)}")


_PAIN, _FUNCTION = FRANSEN2014_EFFECTS
_GLAD_3, _GLAD_12 = GLAD_RESULTS

#: Trials pooled for pain in the Cochrane review (fransen2014).
FRANSEN_TRIALS = num(FRANSEN2014_N_TRIALS)
#: People in those trials (fransen2014).
FRANSEN_PEOPLE = num(FRANSEN2014_N_PARTICIPANTS)
#: The review's GRADE rating of this evidence (fransen2014).
FRANSEN_GRADE = Prose(FRANSEN2014_EVIDENCE)
#: Pain: SMD and its 95 % confidence interval (fransen2014).
PAIN_SMD = _signed(_PAIN.smd)
PAIN_CI = _interval(_PAIN.ci_low, _PAIN.ci_high)
#: Physical function: SMD and its 95 % confidence interval (fransen2014).
FUNCTION_SMD = _signed(_FUNCTION.smd)
FUNCTION_CI = _interval(_FUNCTION.ci_low, _FUNCTION.ci_high)
#: Size of both effects, rounded to one decimal, without sign ("about 0.4").
SMD_ROUNDED = num(abs(_PAIN.smd), 1)

#: People in the GLA:D registry report (skou2017), with a thousands separator.
GLAD_PEOPLE = Prose(f"{GLAD_N_PARTICIPANTS:,}")
#: Months after the start at which pain was measured (skou2017).
GLAD_MONTHS_SHORT = num(_GLAD_3.months)
GLAD_MONTHS_LONG = num(_GLAD_12.months)
#: Average fall in pain on a 0-100 scale at those times (skou2017).
GLAD_PAIN_SHORT = num(_GLAD_3.change_points, 1)
GLAD_PAIN_LONG = num(_GLAD_12.change_points, 1)

#: The guideline's strong recommendations for the hip, as a sentence list (kolasinski2020).
ACR_STRONG_LIST = Prose(style.word_list(ACR2019_STRONG))

#: The nephew's age in the readers' question and the exercise (scenario).
NEPHEW_AGE = num(47)

__all__ = exported(globals())
