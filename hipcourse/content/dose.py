"""Stretching dose: published findings and the arithmetic of a stretching plan.

Lesson 05 teaches a safe, progressive internal-rotation stretch and how much stretching the
evidence supports. This module holds

* the dose findings the lesson quotes, each with its citation key(s) in
  ``book/references.bib`` (:data:`DOSE_FINDINGS`, :data:`INGRAM2024_EFFECTS`,
  :data:`MCCLURE2007_ARMS`);
* the arithmetic of a stretching plan: minutes per week, days per week and a check against the
  weekly-dose evidence (:class:`StretchPlan`, :func:`weekly_minutes`, :func:`assess_dose`);
* the plans of the lesson's figure (:data:`FIGURE_PLANS`) and the schematic gain curve
  (:func:`schematic_gain`, a drawing of a shape, not a fitted model: no study gives a curve for
  the hip, and the studies quoted disagree on whether the plans differ at all).

Durations are in seconds (a single hold) or minutes (per week).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "DAYS_PER_WEEK_MIN",
    "DOSE_FINDINGS",
    "DoseAssessment",
    "DoseFinding",
    "EffectSize",
    "EVIDENCE_HOLD_SECONDS",
    "FIGURE_PLANS",
    "INGRAM2024_EFFECTS",
    "INGRAM2024_PEAK_SESSION_MIN",
    "INGRAM2024_PEAK_WEEKLY_MIN",
    "INGRAM2024_N_ADULTS",
    "INGRAM2024_N_STUDIES",
    "MCCLURE2007_ARMS",
    "MCCLURE2007_PLAN",
    "PLAN_WEEKS",
    "REID2014_KEEP_DAYS",
    "REID2014_LOSE_DAYS",
    "REID2014_N",
    "REID2014_WEEKS",
    "STAGE_HOLDS_PER_DAY",
    "ShoulderTrialArm",
    "StretchPlan",
    "WEEKLY_MINUTES_MIN",
    "all_source_keys",
    "assess_dose",
    "plan_by_label",
    "plan_label",
    "schematic_gain",
    "weekly_minutes",
]

# ---------------------------------------------------------------------------
# Published dose findings
# ---------------------------------------------------------------------------

#: Hold length that worked as well as 60 s (and better than 15 s), seconds (bandy1994, bandy1997).
EVIDENCE_HOLD_SECONDS: float = 30.0

#: Weekly stretching time per muscle group associated with range gains, minutes (thomas2018).
WEEKLY_MINUTES_MIN: float = 5.0

#: Days per week on which that time was spread in the review's recommendation (thomas2018).
DAYS_PER_WEEK_MIN: int = 5


@dataclass(frozen=True)
class DoseFinding:
    """One published finding about stretching dose, in the course's own words.

    Attributes
    ----------
    key : str
        Short identifier, e.g. ``"hold_30s"``.
    statement : str
        What was found, paraphrased for the course.
    population : str
        Who was studied (findings in one group need not hold in another).
    source_keys : tuple of str
        Citation keys in ``book/references.bib``.
    """

    key: str
    statement: str
    population: str
    source_keys: tuple[str, ...]




@dataclass(frozen=True)
class EffectSize:
    """A pooled standardised effect (Hedges' g) with its 95 % confidence interval."""

    label: str
    hedges_g: float
    ci_low: float
    ci_high: float
    source_key: str = "ingram2024"


#: Studies and adults pooled in the meta-analysis (ingram2024).
INGRAM2024_N_STUDIES: int = 189
INGRAM2024_N_ADULTS: int = 6654

#: Stretching time per session and per week up to which flexibility gains grew; beyond them
#: the meta-regression found little more (ingram2024), minutes.
INGRAM2024_PEAK_SESSION_MIN: float = 4.0
INGRAM2024_PEAK_WEEKLY_MIN: float = 10.0

#: Maintenance trial (reid2014): healthy men who stretched their hamstrings on 5 days a week
#: for 6 weeks, then on fewer days for 6 more weeks.
REID2014_N: int = 63
REID2014_WEEKS: int = 6
#: Days per week that kept the knee-extension gain, and the days that lost part of it.
REID2014_KEEP_DAYS: int = 3
REID2014_LOSE_DAYS: int = 1

#: Default holds per stretching day at every stage of lesson 05 (three 30-s holds: the dose
#: of the initial programme in reid2014; on 5 days a week it passes the thomas2018 mark and
#: stays under the ingram2024 peak).
STAGE_HOLDS_PER_DAY: int = 3

INGRAM2024_EFFECTS: tuple[EffectSize, ...] = (
    EffectSize("single session (acute)", 0.63, 0.52, 0.75),
    EffectSize("programme of sessions (chronic)", 0.96, 0.84, 1.09),
)


@dataclass(frozen=True)
class ShoulderTrialArm:
    """Mean gain in shoulder internal rotation in one group of a trial.

    Attributes
    ----------
    group : str
        Name of the group.
    n : int
        People in the group.
    gain_deg, sd_deg : float
        Mean and SD of the internal-rotation gain after 4 weeks, degrees.
    differs_from_control : bool or None
        Whether the gain was statistically larger than the control group's
        (``None`` for the control group itself).
    source_key : str
        Citation key in ``book/references.bib``.
    """

    group: str
    n: int
    gain_deg: float
    sd_deg: float
    differs_from_control: bool | None
    source_key: str = "mcclure2007"


MCCLURE2007_ARMS: tuple[ShoulderTrialArm, ...] = (
    ShoulderTrialArm("cross-body stretch", 15, 20.0, 12.9, True),
    ShoulderTrialArm("sleeper stretch", 15, 12.4, 10.4, False),
    ShoulderTrialArm("no stretching (control)", 24, 5.9, 9.4, None),
)


DOSE_FINDINGS: tuple[DoseFinding, ...] = (
    DoseFinding(
        "hold_30s",
        f"Holding a static stretch for {EVIDENCE_HOLD_SECONDS:g} s gave the same gain as "
        f"{2 * EVIDENCE_HOLD_SECONDS:g} s, and more than 15 s.",
        "healthy young adults, hamstring muscles, 6 weeks",
        ("bandy1994", "bandy1997"),
    ),
    DoseFinding(
        "once_daily",
        "Stretching once a day was as effective as three times a day.",
        "healthy young adults, hamstring muscles, 6 weeks",
        ("bandy1997",),
    ),
    DoseFinding(
        "weekly_5min",
        f"Range gains were linked to at least about {WEEKLY_MINUTES_MIN:g} min of stretching "
        "per muscle group per "
        "week; time within a single session mattered less, and more days per week helped.",
        "review of 23 long-term stretching studies",
        ("thomas2018",),
    ),
    DoseFinding(
        "effect_sizes",
        "Static stretching improved flexibility moderately after one session and largely "
        "after a programme; weekly session frequency did not change the programme effect.",
        f"meta-analysis of {INGRAM2024_N_STUDIES} studies, {INGRAM2024_N_ADULTS} adults",
        ("ingram2024",),
    ),
    DoseFinding(
        "sleeper_shoulder",
        "Five 30-s holds once a day for 4 weeks: the cross-body stretch gained more shoulder "
        "internal rotation than no stretching; the sleeper stretch's gain was not clearly "
        "larger than the no-stretch group's.",
        f"{sum(a.n for a in MCCLURE2007_ARMS)} adults without shoulder symptoms, posterior "
        "shoulder tightness",
        ("mcclure2007",),
    ),
    DoseFinding(
        "fades_after_stopping",
        "Four weeks after a 4-week stretching programme stopped, part of the range gained "
        "had been lost again, although internal rotation was still above its starting value.",
        "39 college-age adults without shoulder symptoms",
        ("manske2010",),
    ),
    DoseFinding(
        "keep_3_days",
        f"After {REID2014_WEEKS} weeks of stretching on 5 days a week, stretching on "
        f"{REID2014_KEEP_DAYS} days a week kept the range gained for {REID2014_WEEKS} more weeks; "
        f"{REID2014_LOSE_DAYS} day a week did not.",
        f"{REID2014_N} healthy young men, hamstring muscles",
        ("reid2014",),
    ),
)


# ---------------------------------------------------------------------------
# Plan arithmetic
# ---------------------------------------------------------------------------

#: Length of the plans drawn in the figure, weeks.
PLAN_WEEKS: int = 8

_LIMITS = {
    "holds_per_day": (1, 20),
    "hold_seconds": (5.0, 300.0),
    "days_per_week": (0, 7),
}


def _check_range(name: str, value: float) -> None:
    low, high = _LIMITS[name]
    if not np.all((np.asarray(value) >= low) & (np.asarray(value) <= high)):
        raise ValueError(f"{name}={value!r} is outside [{low}, {high}]")


def weekly_minutes(
    holds_per_day: float | Sequence[float] | np.ndarray,
    hold_seconds: float | Sequence[float] | np.ndarray = EVIDENCE_HOLD_SECONDS,
    days_per_week: float | Sequence[float] | np.ndarray = 7,
) -> float | np.ndarray:
    """Minutes of stretching per week for one muscle group (or one stretch).

    Parameters
    ----------
    holds_per_day : int or array_like
        Holds per stretching day, 1 to 20.
    hold_seconds : float or array_like, default 30
        Length of each hold, 5 to 300 s.
    days_per_week : int or array_like, default 7
        Stretching days per week, 0 to 7.

    Returns
    -------
    float or numpy.ndarray
        ``holds_per_day * hold_seconds * days_per_week / 60``, broadcast over the inputs,
        in minutes; a float when every input is a scalar.

    Raises
    ------
    ValueError
        If any input is outside its range.
    """
    for name, value in (
        ("holds_per_day", holds_per_day),
        ("hold_seconds", hold_seconds),
        ("days_per_week", days_per_week),
    ):
        _check_range(name, value)
    minutes = (
        np.asarray(holds_per_day, dtype=float)
        * np.asarray(hold_seconds, dtype=float)
        * np.asarray(days_per_week, dtype=float)
        / 60.0
    )
    return float(minutes) if minutes.ndim == 0 else minutes


@dataclass(frozen=True)
class DoseAssessment:
    """A weekly stretching dose compared with the published dose findings.

    Attributes
    ----------
    weekly_minutes : float
        Minutes of stretching per week.
    days_per_week, hold_seconds, holds_per_day
        The dose, as in :class:`StretchPlan`.
    notes : tuple of str
        Plain-words remarks, each ending with its citation key(s) in brackets.
    """

    weekly_minutes: float
    days_per_week: int
    hold_seconds: float
    holds_per_day: int
    notes: tuple[str, ...] = field(default=())

    @property
    def meets_weekly_minutes(self) -> bool:
        """At least :data:`WEEKLY_MINUTES_MIN` minutes per week (thomas2018)."""
        return self.weekly_minutes >= WEEKLY_MINUTES_MIN - 1e-9

    @property
    def meets_days(self) -> bool:
        """At least :data:`DAYS_PER_WEEK_MIN` stretching days per week (thomas2018)."""
        return self.days_per_week >= DAYS_PER_WEEK_MIN

    @property
    def meets_thomas2018(self) -> bool:
        """Both parts of the weekly-dose recommendation are met."""
        return self.meets_weekly_minutes and self.meets_days

    def summary(self) -> str:
        """One sentence on the dose and whether it meets the weekly recommendation."""
        verdict = "meets" if self.meets_thomas2018 else "does not meet"
        return (
            f"{self.holds_per_day} \u00d7 {self.hold_seconds:g} s on {self.days_per_week} "
            f"day{'s' if self.days_per_week != 1 else ''} a week = "
            f"{self.weekly_minutes:.1f} min per week; this {verdict} the "
            f"\u2265 {WEEKLY_MINUTES_MIN:g} min on \u2265 {DAYS_PER_WEEK_MIN} days mark "
            "(thomas2018)."
        )

    def report(self) -> str:
        """The summary followed by every note, one per line."""
        return "\n".join([self.summary(), *(f"- {note}" for note in self.notes)])

    def __str__(self) -> str:
        return self.report()


def assess_dose(
    holds_per_day: int, hold_seconds: float = EVIDENCE_HOLD_SECONDS, days_per_week: int = 7
) -> DoseAssessment:
    """Compare one stretching dose with the published findings.

    Parameters
    ----------
    holds_per_day : int
        Holds per stretching day, 1 to 20.
    hold_seconds : float, default 30
        Length of each hold, 5 to 300 s.
    days_per_week : int, default 7
        Stretching days per week, 0 to 7.

    Returns
    -------
    DoseAssessment
        Weekly minutes, the two checks of the weekly recommendation and notes.

    Raises
    ------
    ValueError
        If any input is outside its range.
    """
    minutes = weekly_minutes(holds_per_day, hold_seconds, days_per_week)
    notes: list[str] = []
    if hold_seconds < EVIDENCE_HOLD_SECONDS:
        notes.append(
            f"Holds shorter than {EVIDENCE_HOLD_SECONDS:g} s did less in the hamstring trials; "
            f"lengthen each hold to {EVIDENCE_HOLD_SECONDS:g} s (bandy1994)."
        )
    elif hold_seconds > 2 * EVIDENCE_HOLD_SECONDS:
        notes.append(
            f"Holds longer than {2 * EVIDENCE_HOLD_SECONDS:g} s have not been shown to add "
            "anything; "
            f"{EVIDENCE_HOLD_SECONDS:g} s worked as well as {2 * EVIDENCE_HOLD_SECONDS:g} s "
            "(bandy1994, bandy1997)."
        )
    if minutes < WEEKLY_MINUTES_MIN:
        notes.append(
            f"Below about {WEEKLY_MINUTES_MIN:g} min a week; add holds or days (thomas2018). "
            "One hamstring trial did see gains with a single 30-s hold on 5 days a week, "
            "so the evidence is not settled (bandy1997)."
        )
    if days_per_week < DAYS_PER_WEEK_MIN:
        notes.append(
            f"Fewer than {DAYS_PER_WEEK_MIN} days a week; spreading the same time over more "
            "days was linked to larger gains in one review (thomas2018), though a later "
            "meta-analysis found no effect of weekly frequency (ingram2024)."
        )
    if holds_per_day > 5:
        notes.append(
            "More than five holds a day goes beyond the dose tested in the shoulder trial "
            "(mcclure2007); more is not known to be better or safer."
        )
    if days_per_week == 0:
        notes.append(
            "No stretching days: gains made earlier fade over the following weeks (manske2010)."
        )
    if not notes:
        notes.append("This dose is in line with the findings quoted in the lesson.")
    return DoseAssessment(
        weekly_minutes=round(float(minutes), 2),
        days_per_week=int(days_per_week),
        hold_seconds=float(hold_seconds),
        holds_per_day=int(holds_per_day),
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class StretchPlan:
    """A weekly stretching plan followed for :data:`PLAN_WEEKS` weeks.

    Attributes
    ----------
    label : str
        Button label in the figure.
    holds_per_day : int
        Holds per stretching day.
    hold_seconds : float
        Length of one hold, seconds.
    days_per_week : int
        Stretching days per week.
    stop_after_week : int or None
        Last week of stretching; ``None`` means the plan runs for all weeks.
    note : str
        Where the plan comes from, in plain words.
    """

    label: str
    holds_per_day: int
    hold_seconds: float = EVIDENCE_HOLD_SECONDS
    days_per_week: int = 7
    stop_after_week: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        weekly_minutes(self.holds_per_day, self.hold_seconds, self.days_per_week)
        if self.stop_after_week is not None and not 0 <= self.stop_after_week <= PLAN_WEEKS:
            raise ValueError(
                f"stop_after_week={self.stop_after_week!r} is outside [0, {PLAN_WEEKS}]"
            )

    def assessment(self) -> DoseAssessment:
        """The dose during the weeks of stretching, compared with the findings."""
        return assess_dose(self.holds_per_day, self.hold_seconds, self.days_per_week)

    def weeks(self) -> np.ndarray:
        """Week numbers 1 .. :data:`PLAN_WEEKS`, shape ``(PLAN_WEEKS,)``."""
        return np.arange(1, PLAN_WEEKS + 1)

    def stretching(self) -> np.ndarray:
        """Boolean mask of the weeks in which the plan is followed, shape ``(PLAN_WEEKS,)``."""
        last = PLAN_WEEKS if self.stop_after_week is None else self.stop_after_week
        return self.weeks() <= last

    def weekly_minutes_by_week(self) -> np.ndarray:
        """Minutes of stretching in each week (0 after stopping), shape ``(PLAN_WEEKS,)``."""
        per_week = weekly_minutes(self.holds_per_day, self.hold_seconds, self.days_per_week)
        return np.where(self.stretching(), round(float(per_week), 2), 0.0)


def plan_label(holds_per_day: int, hold_seconds: float = EVIDENCE_HOLD_SECONDS,
               days_per_week: int = 7, stop_after_week: int | None = None) -> str:
    """A plan's short button label, e.g. ``"5×30 s/day"`` or ``"1×30 s, 5 d/wk"``."""
    label = f"{holds_per_day}\u00d7{hold_seconds:g} s"
    label += "/day" if days_per_week == 7 else f", {days_per_week} d/wk"
    return label if stop_after_week is None else f"{label}, stop wk {stop_after_week}"


def _plan(note: str, holds_per_day: int, days_per_week: int = 7,
          stop_after_week: int | None = None) -> StretchPlan:
    return StretchPlan(plan_label(holds_per_day, EVIDENCE_HOLD_SECONDS, days_per_week,
                                  stop_after_week),
                       holds_per_day=holds_per_day, days_per_week=days_per_week,
                       stop_after_week=stop_after_week, note=note)


#: Stretching with the shoulder-trial dose: five 30-s holds once a day (mcclure2007).
MCCLURE2007_PLAN = _plan("the dose used in the shoulder trial (mcclure2007)", 5)

#: Plans offered by the buttons of :func:`stretch_plan_figure`, in button order.
FIGURE_PLANS: tuple[StretchPlan, ...] = (
    _plan("the smallest dose that still worked in a hamstring trial (bandy1997)", 1, 5),
    _plan("one hold every day", 1),
    _plan("three holds every day", 3),
    MCCLURE2007_PLAN,
    _plan("the shoulder-trial dose, then nothing (manske2010 measured 4 weeks later)", 5,
          stop_after_week=4),
)


def plan_by_label(label: str) -> StretchPlan:
    """Return the figure plan with the given button label.

    Raises
    ------
    ValueError
        If no plan has that label.
    """
    for plan in FIGURE_PLANS:
        if plan.label == label:
            return plan
    labels = ", ".join(repr(p.label) for p in FIGURE_PLANS)
    raise ValueError(f"plan={label!r} is not one of {labels}")


#: Time constants of the schematic gain curve, weeks (shape only, not fitted to data).
_RISE_WEEKS = 2.0
_FADE_WEEKS = 4.0


def schematic_gain(stop_after_week: int | None = None, weeks: int = PLAN_WEEKS) -> np.ndarray:
    """Shape of a range-of-motion gain over time, from 0 (start) towards 1.

    The curve is a drawing, not a model fitted to data: the gain builds while
    stretching continues (time constant 2 weeks) and, after the last week of
    stretching, part of it fades again (time constant 4 weeks) without falling
    back to zero within the plotted weeks, as in the shoulder trial that
    re-measured 4 weeks after stopping (manske2010). The curve is the same for
    every dose, because the studies quoted do not agree on how the plans in the
    figure would differ.

    Parameters
    ----------
    stop_after_week : int or None, default None
        Last week of stretching; ``None`` means no stop.
    weeks : int, default :data:`PLAN_WEEKS`
        Number of weeks.

    Returns
    -------
    numpy.ndarray
        Gain at the end of each week 1 .. ``weeks``, rounded to 3 decimals.
    """
    if weeks < 1:
        raise ValueError(f"weeks={weeks!r} must be at least 1")
    t = np.arange(1, weeks + 1, dtype=float)
    rise = 1.0 - np.exp(-t / _RISE_WEEKS)
    if stop_after_week is None or stop_after_week >= weeks:
        return np.round(rise, 3)
    if stop_after_week < 0:
        raise ValueError(f"stop_after_week={stop_after_week!r} must not be negative")
    peak = 1.0 - np.exp(-stop_after_week / _RISE_WEEKS)
    fade = peak * np.exp(-(t - stop_after_week) / _FADE_WEEKS)
    return np.round(np.where(t <= stop_after_week, rise, fade), 3)


def all_source_keys() -> set[str]:
    """Every citation key used by the data and notes in this module."""
    keys = {k for finding in DOSE_FINDINGS for k in finding.source_keys}
    keys |= {e.source_key for e in INGRAM2024_EFFECTS}
    keys |= {a.source_key for a in MCCLURE2007_ARMS}
    keys |= {"bandy1994", "bandy1997", "thomas2018", "manske2010", "reid2014"}
    return keys
