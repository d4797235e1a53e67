"""Numbers in the prose of lesson 05 (a safe, progressive internal-rotation stretch).

Every number comes from :mod:`hipcourse.content.dose`, except Sam's plan and the suggested
better plan: these are part of the exercise scenario and are set here, once. The solution's
verdicts on those plans (holds too short, too few minutes, enough days; the better plan meets
the mark) are written as words in the prose, so they are checked when this module is imported.
"""

from __future__ import annotations

from itertools import count

from hipcourse.content.dose import (
    DAYS_PER_WEEK_MIN,
    EVIDENCE_HOLD_SECONDS,
    FIGURE_PLANS,
    INGRAM2024_EFFECTS,
    INGRAM2024_N_ADULTS,
    INGRAM2024_N_STUDIES,
    MCCLURE2007_ARMS,
    MCCLURE2007_PLAN,
    PLAN_WEEKS,
    WEEKLY_MINUTES_MIN,
    StretchPlan,
    assess_dose,
    weekly_minutes,
)

from . import Prose, exported, num, span


def _minutes(value: float) -> Prose:
    """Minutes per week as the prose writes them: ``5``, ``2.5``, ``3.3``."""
    return num(value, 0 if round(value, 1).is_integer() else 1)


def _plan_minutes(plan: StretchPlan) -> float:
    return weekly_minutes(plan.holds_per_day, plan.hold_seconds, plan.days_per_week)


def _expect(holds: bool, claim: str) -> None:
    """Stop the build if the data no longer support a verdict the prose states in words."""
    if not holds:
        raise RuntimeError(f"lesson 05 says {claim!r}, but the dose data no longer agree")


# --- Dose evidence (section 3, the stages, key points) ----------------------------------------

#: Hold length that worked as well as twice as long, seconds (bandy1994, bandy1997).
HOLD_S = num(EVIDENCE_HOLD_SECONDS)
#: The longer hold it was compared with, twice :data:`HOLD_S`, seconds (bandy1994).
LONG_HOLD_S = num(2 * EVIDENCE_HOLD_SECONDS)
#: Weekly stretching time per muscle group linked to range gains, minutes (thomas2018).
WEEKLY_MIN = num(WEEKLY_MINUTES_MIN)
#: Days per week over which that time was spread, at least (thomas2018).
DAYS_MIN = num(DAYS_PER_WEEK_MIN)

#: Studies pooled in the meta-analysis (ingram2024).
INGRAM_N_STUDIES = num(INGRAM2024_N_STUDIES)
#: Adults in those studies (ingram2024).
INGRAM_N_ADULTS = num(INGRAM2024_N_ADULTS)
_ACUTE, _CHRONIC = INGRAM2024_EFFECTS  # one session; a programme of sessions
#: Hedges' g of one session of static stretching (ingram2024).
ACUTE_G = num(_ACUTE.hedges_g, 2)
#: Its 95 % confidence interval (ingram2024).
ACUTE_CI = span(_ACUTE.ci_low, _ACUTE.ci_high, 2)
#: Hedges' g of a programme of stretching sessions (ingram2024).
CHRONIC_G = num(_CHRONIC.hedges_g, 2)
#: Its 95 % confidence interval (ingram2024).
CHRONIC_CI = span(_CHRONIC.ci_low, _CHRONIC.ci_high, 2)

# --- The shoulder trial (section 1) -----------------------------------------------------------

_ARMS = {arm.group: arm for arm in MCCLURE2007_ARMS}
#: Adults in the shoulder trial, all three groups (mcclure2007).
MCCLURE_N = num(sum(arm.n for arm in MCCLURE2007_ARMS))
#: Mean gain in shoulder internal rotation with the cross-body stretch, degrees (mcclure2007).
CROSS_BODY_GAIN = num(_ARMS["cross-body stretch"].gain_deg)
#: Mean gain with the sleeper stretch, degrees (mcclure2007).
SLEEPER_GAIN = num(_ARMS["sleeper stretch"].gain_deg)
#: Mean gain in the group that did not stretch, degrees (mcclure2007).
CONTROL_GAIN = num(_ARMS["no stretching (control)"].gain_deg)
#: Holds per day in the shoulder trial (mcclure2007).
MCCLURE_HOLDS = num(MCCLURE2007_PLAN.holds_per_day)
#: Length of each hold in the shoulder trial, seconds (mcclure2007).
MCCLURE_HOLD_S = num(MCCLURE2007_PLAN.hold_seconds)

# --- Figure 1 and its questions -----------------------------------------------------------------

(_PLAN_HOLD_SECONDS,) = {plan.hold_seconds for plan in FIGURE_PLANS}  # one hold length for all
(_BANDY,) = [plan for plan in FIGURE_PLANS if "bandy1997" in plan.note]
(_STOP,) = [plan for plan in FIGURE_PLANS if plan.stop_after_week is not None]
#: The daily plan of the figure just below the shoulder-trial dose, to compare with it.
_COMPARE = max(
    (
        plan
        for plan in FIGURE_PLANS
        if plan.stop_after_week is None
        and plan.days_per_week == MCCLURE2007_PLAN.days_per_week
        and plan.holds_per_day < MCCLURE2007_PLAN.holds_per_day
    ),
    key=lambda plan: plan.holds_per_day,
)

#: Plans in Figure 1 (its buttons).
N_PLANS = num(len(FIGURE_PLANS))
#: Weeks drawn in Figure 1.
FIGURE_WEEKS = num(PLAN_WEEKS)
#: Length of every hold in the figure's plans, seconds.
PLAN_HOLD_S = num(_PLAN_HOLD_SECONDS)
#: Holds per day of the smallest dose that worked in a hamstring trial (bandy1997).
BANDY_HOLDS = num(_BANDY.holds_per_day)
#: Its stretching days per week (bandy1997).
BANDY_DAYS = num(_BANDY.days_per_week)
#: Its minutes of stretching per week, computed with ``weekly_minutes`` (bandy1997).
BANDY_WEEKLY_MIN = _minutes(_plan_minutes(_BANDY))
#: Last week of stretching in the figure's plan that stops.
STOP_WEEK = num(_STOP.stop_after_week)
#: The weeks after it that the figure still draws.
AFTER_STOP_WEEKS = span(_STOP.stop_after_week + 1, PLAN_WEEKS)
#: Holds per day of the daily plan compared with the shoulder-trial dose.
COMPARE_HOLDS = num(_COMPARE.holds_per_day)
#: Weekly minutes of the shoulder-trial dose divided by those of that plan.
MINUTES_RATIO = num(_plan_minutes(MCCLURE2007_PLAN) / _plan_minutes(_COMPARE), 1)

# --- The exercise: Sam's plan and a better one (scenario, set here once) -------------------------

#: Sam's holds per day (exercise scenario).
_SAM_HOLDS_PER_DAY = 2
#: Sam's hold length, seconds (exercise scenario).
_SAM_HOLD_SECONDS = 20
#: Sam's stretching days per week, Monday to Friday (exercise scenario).
_SAM_DAYS_PER_WEEK = 5
#: Holds per day of the better plan in the solution, each as long as the evidence hold.
_BETTER_HOLDS_PER_DAY = 3

_SAM = assess_dose(_SAM_HOLDS_PER_DAY, _SAM_HOLD_SECONDS, _SAM_DAYS_PER_WEEK)
_BETTER = assess_dose(_BETTER_HOLDS_PER_DAY, EVIDENCE_HOLD_SECONDS, _SAM_DAYS_PER_WEEK)
#: The fewest evidence-length holds on Sam's days that reach the weekly mark.
_FEWEST = next(
    dose
    for dose in (assess_dose(h, EVIDENCE_HOLD_SECONDS, _SAM_DAYS_PER_WEEK) for h in count(1))
    if dose.meets_weekly_minutes
)

_expect(_SAM.hold_seconds < EVIDENCE_HOLD_SECONDS, "Sam's holds are shorter than the evidence")
_expect(not _SAM.meets_weekly_minutes, "Sam's weekly time is below the mark")
_expect(_SAM.meets_days, "Sam's days per week are fine")
_expect(_BETTER.meets_thomas2018, "the better plan meets both parts of the weekly mark")
_expect(_BETTER.holds_per_day <= MCCLURE2007_PLAN.holds_per_day, "no more holds than the trial")

#: Sam's holds per day.
SAM_HOLDS = num(_SAM.holds_per_day)
#: Sam's hold length, seconds.
SAM_HOLD_S = num(_SAM.hold_seconds)
#: Sam's stretching days per week.
SAM_DAYS = num(_SAM.days_per_week)
#: Sam's seconds of stretching per week: holds x seconds x days.
SAM_WEEK_S = num(_SAM_HOLDS_PER_DAY * _SAM_HOLD_SECONDS * _SAM_DAYS_PER_WEEK)
#: Sam's minutes of stretching per week, from ``assess_dose``.
SAM_WEEKLY_MIN = _minutes(_SAM.weekly_minutes)
#: Holds per day of the better plan.
BETTER_HOLDS = num(_BETTER.holds_per_day)
#: Its minutes of stretching per week, from ``assess_dose``.
BETTER_WEEKLY_MIN = _minutes(_BETTER.weekly_minutes)
#: The fewest evidence-length holds per day on Sam's days that reach the weekly mark.
FEWEST_HOLDS = num(_FEWEST.holds_per_day)
#: Their minutes of stretching per week, from ``assess_dose``.
FEWEST_WEEKLY_MIN = _minutes(_FEWEST.weekly_minutes)

__all__ = exported(globals())
