"""Numbers in the prose of lesson 05 (a safe, progressive internal-rotation stretch).

Every number comes from :mod:`hipcourse.content.dose`, except Robin's plan and the suggested
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
    INGRAM2024_PEAK_SESSION_MIN,
    INGRAM2024_PEAK_WEEKLY_MIN,
    MCCLURE2007_ARMS,
    MCCLURE2007_PLAN,
    PLAN_WEEKS,
    REID2014_KEEP_DAYS,
    REID2014_LOSE_DAYS,
    REID2014_N,
    REID2014_WEEKS,
    STAGE_HOLDS_PER_DAY,
    WEEKLY_MINUTES_MIN,
    StretchPlan,
    assess_dose,
    weekly_minutes,
)

from . import Prose, exported, num, span
from . import lesson02 as _lesson02


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

#: Flexion beyond which, in the model, bone and not the capsule ends internal rotation, deg.
BONE_IR_FROM = _lesson02.BONE_IR_FROM
#: Stretching time per session and per week up to which gains grew (ingram2024), minutes.
PEAK_SESSION_MIN = num(INGRAM2024_PEAK_SESSION_MIN)
PEAK_WEEKLY_MIN = num(INGRAM2024_PEAK_WEEKLY_MIN)
#: Maintenance trial (reid2014): people, weeks, days a week that kept / lost the gain.
REID_N = num(REID2014_N)
REID_WEEKS = num(REID2014_WEEKS)
REID_KEEP_DAYS = num(REID2014_KEEP_DAYS)
REID_LOSE_DAYS = num(REID2014_LOSE_DAYS)
#: Default holds per day at every stage, and their weekly minutes on DAYS_MIN days.
STAGE_HOLDS = num(STAGE_HOLDS_PER_DAY)
STAGE_WEEKLY_MIN = _minutes(weekly_minutes(STAGE_HOLDS_PER_DAY, EVIDENCE_HOLD_SECONDS,
                                           DAYS_PER_WEEK_MIN))
_expect(weekly_minutes(STAGE_HOLDS_PER_DAY, EVIDENCE_HOLD_SECONDS, DAYS_PER_WEEK_MIN)
        >= WEEKLY_MINUTES_MIN, "the default holds reach the weekly mark")
_expect(weekly_minutes(STAGE_HOLDS_PER_DAY, EVIDENCE_HOLD_SECONDS, DAYS_PER_WEEK_MIN)
        <= INGRAM2024_PEAK_WEEKLY_MIN, "the default holds stay within the peak")

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
#: Fewest evidence-length holds a day that reach the weekly mark when stretching every day.
_DAILY_FEWEST = next(h for h in count(1)
                     if weekly_minutes(h, _PLAN_HOLD_SECONDS, 7) >= WEEKLY_MINUTES_MIN - 1e-9)
DAILY_FEWEST_HOLDS = num(_DAILY_FEWEST)
#: Their minutes a week.
DAILY_FEWEST_MIN = _minutes(weekly_minutes(_DAILY_FEWEST, _PLAN_HOLD_SECONDS, 7))
#: Weekly minutes of the shoulder-trial dose divided by those of that plan.
MINUTES_RATIO = num(_plan_minutes(MCCLURE2007_PLAN) / _plan_minutes(_COMPARE), 1)

# --- The exercise: Robin's plan and a better one (scenario, set here once) ---------------------

#: Robin's holds per day (exercise scenario).
_ROBIN_HOLDS_PER_DAY = 2
#: Robin's hold length, seconds (exercise scenario).
_ROBIN_HOLD_SECONDS = 20
#: Robin's stretching days per week, Monday to Friday (exercise scenario).
_ROBIN_DAYS_PER_WEEK = 5
#: Holds per day of the better plan in the solution, each as long as the evidence hold.
_BETTER_HOLDS_PER_DAY = 3

_ROBIN = assess_dose(_ROBIN_HOLDS_PER_DAY, _ROBIN_HOLD_SECONDS, _ROBIN_DAYS_PER_WEEK)
_BETTER = assess_dose(_BETTER_HOLDS_PER_DAY, EVIDENCE_HOLD_SECONDS, _ROBIN_DAYS_PER_WEEK)
#: The fewest evidence-length holds on Robin's days that reach the weekly mark.
_FEWEST = next(
    dose
    for dose in (assess_dose(h, EVIDENCE_HOLD_SECONDS, _ROBIN_DAYS_PER_WEEK) for h in count(1))
    if dose.meets_weekly_minutes
)

_expect(_ROBIN.hold_seconds < EVIDENCE_HOLD_SECONDS, "Robin's holds are shorter than the evidence")
_expect(not _ROBIN.meets_weekly_minutes, "Robin's weekly time is below the mark")
_expect(_ROBIN.meets_days, "Robin's days per week are fine")
_expect(_BETTER.meets_thomas2018, "the better plan meets both parts of the weekly mark")
_expect(_BETTER.holds_per_day <= MCCLURE2007_PLAN.holds_per_day, "no more holds than the trial")

#: Robin's holds per day.
ROBIN_HOLDS = num(_ROBIN.holds_per_day)
#: Robin's hold length, seconds.
ROBIN_HOLD_S = num(_ROBIN.hold_seconds)
#: Robin's stretching days per week.
ROBIN_DAYS = num(_ROBIN.days_per_week)
#: Robin's seconds of stretching per week: holds x seconds x days.
ROBIN_WEEK_S = num(_ROBIN_HOLDS_PER_DAY * _ROBIN_HOLD_SECONDS * _ROBIN_DAYS_PER_WEEK)
#: Robin's minutes of stretching per week, from ``assess_dose``.
ROBIN_WEEKLY_MIN = _minutes(_ROBIN.weekly_minutes)
#: Holds per day of the better plan.
BETTER_HOLDS = num(_BETTER.holds_per_day)
#: Its minutes of stretching per week, from ``assess_dose``.
BETTER_WEEKLY_MIN = _minutes(_BETTER.weekly_minutes)
#: The fewest evidence-length holds per day on Robin's days that reach the weekly mark.
FEWEST_HOLDS = num(_FEWEST.holds_per_day)
#: Their minutes of stretching per week, from ``assess_dose``.
FEWEST_WEEKLY_MIN = _minutes(_FEWEST.weekly_minutes)

__all__ = exported(globals())
