"""Numbers in the prose of lesson 07 (getting up and down: chairs, toilets and strong legs).

Every published number comes from :mod:`hipcourse.content.sit_to_stand`. Maria's age and
chair-stand counts are part of the exercise scenario and are set here, once; the solution's
verdicts on them ("below the range", "inside the range") are written as words in the prose,
so they are checked when this module is imported.
"""

from __future__ import annotations

from hipcourse.content.sit_to_stand import (
    CHAIR_STAND_NORMS,
    JANSSEN2002_EFFECTS,
    JONES1999,
    RIKLI1999,
    STRENGTH_DOSE,
    WHO2020,
    norm_for,
)

from . import Prose, exported, num, span


def _expect(holds: bool, claim: str) -> None:
    """Stop the build if the data no longer support a verdict the prose states in words."""
    if not holds:
        raise RuntimeError(f"lesson 07 says {claim!r}, but the norms data no longer agree")


_YOUNG, _OLD = CHAIR_STAND_NORMS[0], CHAIR_STAND_NORMS[-1]
_EFFECT = {(e.change, e.joint): e for e in JANSSEN2002_EFFECTS}

# --- The norms study (section 4, Figure 2) ---------------------------------------------------

#: People whose scores make the norms, with a thousands separator (rikli1999).
NORMS_PEOPLE = Prose(f"{RIKLI1999.n_people:,}")
#: Ages the norms cover, years (rikli1999).
NORMS_AGES = span(RIKLI1999.age_low, RIKLI1999.age_high)
#: Percentiles that bound the "normal range" (rikli1999).
P_LOW = num(RIKLI1999.percentile_low)
P_HIGH = num(RIKLI1999.percentile_high)
#: Seat height of the test chair, cm and inches (rikli1999).
SEAT_CM = num(RIKLI1999.seat_height_cm)
SEAT_IN = num(RIKLI1999.seat_height_in)
#: Youngest and oldest age bands and their ranges for women and men (rikli1999).
YOUNG_BAND = Prose(_YOUNG.band)
OLD_BAND = Prose(_OLD.band)
YOUNG_WOMEN = span(*_YOUNG.range_for("women"))
YOUNG_MEN = span(*_YOUNG.range_for("men"))
OLD_WOMEN = span(*_OLD.range_for("women"))
OLD_MEN = span(*_OLD.range_for("men"))
#: Age bands in Figure 2.
N_BANDS = num(len(CHAIR_STAND_NORMS))

# --- The first study of the test (section 4) -------------------------------------------------

#: Older adults in the reliability and validity study (jones1999).
JONES_N = num(JONES1999.n_people)
#: Correlation of chair stands with leg-press strength, men and women (jones1999).
LEG_PRESS_R_MEN = num(JONES1999.leg_press_r_men, 2)
LEG_PRESS_R_WOMEN = num(JONES1999.leg_press_r_women, 2)

# --- Seat height and armrests (section 1, Figure 1) ------------------------------------------

#: A higher seat lowered the effort at the knee and the hip by up to this much, % (janssen2002).
HIGH_SEAT_KNEE_PCT = num(_EFFECT["Higher seat", "knee"].reduction_percent)
HIGH_SEAT_HIP_PCT = num(_EFFECT["Higher seat", "hip"].reduction_percent)
#: Using armrests lowered the effort at the hip by this much, % (janssen2002).
ARMRESTS_HIP_PCT = num(_EFFECT["Using armrests", "hip"].reduction_percent)

# --- The dose (section 3) ----------------------------------------------------------------------

#: Days a week, sets and repetitions for strength (garber2011).
DOSE_DAYS = span(STRENGTH_DOSE.days_low, STRENGTH_DOSE.days_high)
DOSE_SETS = span(STRENGTH_DOSE.sets_low, STRENGTH_DOSE.sets_high)
DOSE_REPS = span(STRENGTH_DOSE.reps_low, STRENGTH_DOSE.reps_high)
#: WHO: strength on at least this many days; balance and strength on at least this many from
#: this age (bull2020).
WHO_STRENGTH_DAYS = num(WHO2020.strength_days_min)
WHO_BALANCE_DAYS = num(WHO2020.balance_strength_days_min)
WHO_OLDER_AGE = num(WHO2020.older_age_from)

# --- "Questions to try", question 3: a man's score (scenario, set here once) ------------------

_MAN_AGE = 82
_MAN_SCORE = 11
_MAN_NORM = norm_for(_MAN_AGE)
_MAN_LOW, _MAN_HIGH = _MAN_NORM.range_for("men")
_expect(_MAN_LOW <= _MAN_SCORE <= _MAN_HIGH, "the man's score is inside the range")
_expect(all(n.range_for("men")[0] >= n.range_for("women")[0] for n in CHAIR_STAND_NORMS),
        "men's ranges start at or above women's in every band")

#: The man's age and score in question 3 (scenario), his age band and its range for men.
MAN_AGE = num(_MAN_AGE)
MAN_SCORE = num(_MAN_SCORE)
MAN_BAND = Prose(_MAN_NORM.band)
MAN_RANGE = span(_MAN_LOW, _MAN_HIGH)

# --- The exercise: Maria's scores (scenario, set here once) ----------------------------------

_MARIA_AGE = 72
_MARIA_FIRST = 8
_MARIA_LATER = 11
_MARIA_NORM = norm_for(_MARIA_AGE)
_LOW, _HIGH = _MARIA_NORM.range_for("women")
_expect(_MARIA_FIRST < _LOW, "Maria's first score is below the range for her age")
_expect(_LOW <= _MARIA_LATER <= _HIGH, "Maria's later score is inside the range")

#: Maria's age, first and later chair-stand counts (exercise scenario).
MARIA_AGE = num(_MARIA_AGE)
MARIA_FIRST = num(_MARIA_FIRST)
MARIA_LATER = num(_MARIA_LATER)
#: Her age band and its range for women (rikli1999).
MARIA_BAND = Prose(_MARIA_NORM.band)
MARIA_RANGE = span(_LOW, _HIGH)
#: How many more stands she managed.
MARIA_GAIN = num(_MARIA_LATER - _MARIA_FIRST)

__all__ = exported(globals())
