"""Stretching dose: published findings, plan arithmetic and the lesson-05 figures.

Lesson 05 teaches a safe, progressive internal-rotation stretch and how much
stretching the evidence supports. This module holds

* the dose findings the lesson quotes, each with its citation key(s) in
  ``book/references.bib`` (:data:`DOSE_FINDINGS`, :data:`INGRAM2024_EFFECTS`,
  :data:`MCCLURE2007_ARMS`);
* the arithmetic of a stretching plan: minutes per week, days per week and a
  check against the weekly-dose evidence (:class:`StretchPlan`,
  :func:`weekly_minutes`, :func:`assess_dose`);
* the static Plotly figure with precomputed plan buttons
  (:func:`stretch_plan_figure`) and its computed caption
  (:func:`stretch_plan_caption`);
* a live ipywidgets explorer, its static twin being the figure above
  (:func:`stretch_dose_explorer`, registered in :data:`LIVE_EXPLORERS`).

Durations are in seconds (a single hold) or minutes (per week). The "schematic
gain" curve in the figure is a drawing of a *shape* (gains build while you
stretch, part of them fades after you stop), not a fitted model: no study gives
a curve for the hip, and the studies quoted here disagree on whether the plans
compared in the figure differ at all.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "COLOURS",
    "DAYS_PER_WEEK_MIN",
    "DOSE_FINDINGS",
    "DoseAssessment",
    "DoseFinding",
    "EffectSize",
    "EVIDENCE_HOLD_SECONDS",
    "FIGURE_PLANS",
    "INGRAM2024_EFFECTS",
    "INGRAM2024_N_ADULTS",
    "INGRAM2024_N_STUDIES",
    "LIVE_EXPLORERS",
    "MCCLURE2007_ARMS",
    "MCCLURE2007_PLAN",
    "PLAN_WEEKS",
    "ShoulderTrialArm",
    "StretchDoseExplorer",
    "StretchPlan",
    "WEEKLY_MINUTES_MIN",
    "Caption",
    "all_source_keys",
    "assess_dose",
    "plan_by_label",
    "schematic_gain",
    "stretch_dose_explorer",
    "stretch_plan_caption",
    "stretch_plan_figure",
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


DOSE_FINDINGS: tuple[DoseFinding, ...] = (
    DoseFinding(
        "hold_30s",
        "Holding a static stretch for 30 s gave the same gain as 60 s, and more than 15 s.",
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
        "Range gains were linked to at least about 5 min of stretching per muscle group per "
        "week; time within a single session mattered less, and more days per week helped.",
        "review of 23 long-term stretching studies",
        ("thomas2018",),
    ),
    DoseFinding(
        "effect_sizes",
        "Static stretching improved flexibility moderately after one session and largely "
        "after a programme; weekly session frequency did not change the programme effect.",
        "meta-analysis of 189 studies, 6654 adults",
        ("ingram2024",),
    ),
    DoseFinding(
        "sleeper_shoulder",
        "Five 30-s holds once a day for 4 weeks: the cross-body stretch gained more shoulder "
        "internal rotation than no stretching; the sleeper stretch's gain was not clearly "
        "larger than the no-stretch group's.",
        "54 adults without shoulder symptoms, posterior shoulder tightness",
        ("mcclure2007",),
    ),
    DoseFinding(
        "fades_after_stopping",
        "Four weeks after a 4-week stretching programme stopped, part of the range gained "
        "had been lost again, although internal rotation was still above its starting value.",
        "39 college-age adults without shoulder symptoms",
        ("manske2010",),
    ),
)


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
    days_per_week : int
        Stretching days per week.
    hold_seconds : float
        Length of one hold, seconds.
    holds_per_day : int
        Holds per stretching day.
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
            "Holds longer than 60 s have not been shown to add anything; "
            f"{EVIDENCE_HOLD_SECONDS:g} s worked as well as 60 s (bandy1994, bandy1997)."
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


#: Stretching with the shoulder-trial dose: five 30-s holds once a day (mcclure2007).
MCCLURE2007_PLAN = StretchPlan(
    "5\u00d730 s/day",
    holds_per_day=5,
    note="the dose used in the shoulder trial (mcclure2007)",
)

#: Plans offered by the buttons of :func:`stretch_plan_figure`, in button order.
FIGURE_PLANS: tuple[StretchPlan, ...] = (
    StretchPlan(
        "1\u00d730 s, 5 d/wk",
        holds_per_day=1,
        days_per_week=5,
        note="the smallest dose that still worked in a hamstring trial (bandy1997)",
    ),
    StretchPlan("1\u00d730 s/day", holds_per_day=1, note="one hold every day"),
    StretchPlan("3\u00d730 s/day", holds_per_day=3, note="three holds every day"),
    MCCLURE2007_PLAN,
    StretchPlan(
        "5\u00d730 s/day, stop wk 4",
        holds_per_day=5,
        stop_after_week=4,
        note="the shoulder-trial dose, then nothing (manske2010 measured 4 weeks later)",
    ),
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
    keys |= {"bandy1994", "bandy1997", "thomas2018", "manske2010"}
    return keys


# ---------------------------------------------------------------------------
# Figure
# ---------------------------------------------------------------------------

#: Colours (Okabe-Ito, colour-blind safe).
COLOURS: dict[str, str] = {
    "meets": "#0072b2",
    "below": "#e69f00",
    "none": "#bbbbbb",
    "threshold": "#000000",
    "gain": "#009e73",
}

_FONT = {"family": "Arial, sans-serif", "size": 14}
# A small explicit template instead of a full Plotly theme (keeps the figure JSON small).
_TEMPLATE: dict = {
    "layout": {
        "font": _FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {"gridcolor": "#e5e5e5", "linecolor": "#444444", "zerolinecolor": "#bbbbbb"},
        "yaxis": {"gridcolor": "#e5e5e5", "linecolor": "#444444", "zerolinecolor": "#bbbbbb"},
        "hoverlabel": {"font": {"size": 13}},
    }
}
_TITLE = "Figure 1. Weekly stretching time by plan"
_GAIN_NAME = "Schematic gain (shape only, right axis)"


def _bar_state(plan: StretchPlan) -> dict[str, list]:
    minutes = plan.weekly_minutes_by_week()
    assessment = plan.assessment()
    colour = COLOURS["meets"] if assessment.meets_thomas2018 else COLOURS["below"]
    colours = [colour if m > 0 else COLOURS["none"] for m in minutes]
    texts = [f"{m:.1f}" if m > 0 else "0" for m in minutes]
    hover = [
        f"Week {w}: {m:.1f} min" + (f" on {plan.days_per_week} days" if m > 0 else " (stopped)")
        for w, m in zip(plan.weeks(), minutes, strict=True)
    ]
    return {"y": [float(m) for m in minutes], "colours": colours, "text": texts, "hover": hover}


def _gain_state(plan: StretchPlan) -> dict[str, list]:
    gain = schematic_gain(plan.stop_after_week)
    hover = [
        f"Week {w}: schematic, shape only"
        + (" (after stopping)" if plan.stop_after_week and w > plan.stop_after_week else "")
        for w in range(1, PLAN_WEEKS + 1)
    ]
    return {"y": [float(g) for g in gain], "hover": hover}


def _plan_annotation(plan: StretchPlan) -> str:
    a = plan.assessment()
    verdict = "meets" if a.meets_thomas2018 else "is below"
    text = (
        f"<b>{html.escape(plan.label)}</b>: {a.weekly_minutes:.1f} min/week on "
        f"{a.days_per_week} days, {verdict} the \u2265 {WEEKLY_MINUTES_MIN:g} min, "
        f"\u2265 {DAYS_PER_WEEK_MIN} days mark"
    )
    if plan.stop_after_week is not None:
        text += f"<br>Stretching stops after week {plan.stop_after_week}: part of the gain fades"
    elif plan.note:
        text += f"<br>{html.escape(plan.note)}"
    return text


def _annotations(plan: StretchPlan) -> list[dict]:
    return [
        {
            "text": _plan_annotation(plan),
            "showarrow": False,
            "align": "left",
            "x": 0.0,
            "xref": "paper",
            "xanchor": "left",
            "y": 1.02,
            "yref": "paper",
            "yanchor": "bottom",
            "font": {"size": 12},
        }
    ]


def _restyle(plan: StretchPlan) -> dict[str, list]:
    bars, gain = _bar_state(plan), _gain_state(plan)
    return {
        "y": [bars["y"], gain["y"]],
        "text": [bars["text"], None],
        "hovertext": [bars["hover"], gain["hover"]],
        "marker.color": [bars["colours"], COLOURS["gain"]],
    }


def stretch_plan_figure(plan: str | None = None, *, buttons: bool = True) -> go.Figure:
    """Weekly stretching minutes of a plan against the weekly-dose mark, with plan buttons.

    Three traces: bars of minutes stretched in each of :data:`PLAN_WEEKS` weeks
    (blue when the plan meets the \u2265 5 min on \u2265 5 days mark of thomas2018,
    orange when it does not, grey after stopping), a dashed line at 5 min/week,
    and a schematic gain curve on the right axis (shape only, see
    :func:`schematic_gain`). Buttons (Plotly ``updatemenus``, method
    ``update``) switch between the plans of :data:`FIGURE_PLANS` without a
    kernel. The computed caption is stored as ``fig.layout.meta["alt_text"]``.

    Parameters
    ----------
    plan : str, optional
        Label of the plan shown first; default the shoulder-trial dose.
    buttons : bool, default True
        Add the plan buttons (the live explorer draws the same figure without them).

    Returns
    -------
    plotly.graph_objects.Figure

    Raises
    ------
    ValueError
        If ``plan`` is not a label of :data:`FIGURE_PLANS`.
    """
    first = MCCLURE2007_PLAN if plan is None else plan_by_label(plan)
    bars, gain = _bar_state(first), _gain_state(first)
    weeks = [int(w) for w in first.weeks()]
    fig = go.Figure(layout={"template": _TEMPLATE})
    fig.add_trace(
        go.Bar(
            name="Minutes stretched that week",
            x=weeks,
            y=bars["y"],
            text=bars["text"],
            textposition="outside",
            marker={"color": bars["colours"]},
            hovertext=bars["hover"],
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Scatter(
            name=f"\u2265 {WEEKLY_MINUTES_MIN:g} min/week mark (thomas2018)",
            x=[0.5, PLAN_WEEKS + 0.5],
            y=[WEEKLY_MINUTES_MIN, WEEKLY_MINUTES_MIN],
            mode="lines",
            line={"color": COLOURS["threshold"], "dash": "dash", "width": 2},
            hoverinfo="name",
        )
    )
    fig.add_trace(
        go.Scatter(
            name=_GAIN_NAME,
            x=weeks,
            y=gain["y"],
            yaxis="y2",
            mode="lines+markers",
            line={"color": COLOURS["gain"], "width": 3, "shape": "spline"},
            marker={"color": COLOURS["gain"], "size": 7},
            hovertext=gain["hover"],
            hoverinfo="text",
        )
    )
    # Trace order of the restyle payload: bars (0) and gain curve (2).
    menus = []
    if buttons:
        menus.append(
            {
                "type": "buttons",
                "direction": "right",
                "active": FIGURE_PLANS.index(first),
                "showactive": True,
                "x": 0.0,
                "xanchor": "left",
                "y": 1.2,
                "yanchor": "bottom",
                "pad": {"r": 2, "t": 0},
                "font": {"size": 12},
                "buttons": [
                    {
                        "label": p.label,
                        "method": "update",
                        "args": [_restyle(p), {"annotations": _annotations(p)}, [0, 2]],
                    }
                    for p in FIGURE_PLANS
                ],
            }
        )
    max_minutes = max(p.assessment().weekly_minutes for p in FIGURE_PLANS)
    fig.update_layout(
        title={
            "text": _TITLE,
            "x": 0.0,
            "xref": "paper",
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
        },
        xaxis={
            "title": {"text": "Week of the plan"},
            "tickmode": "linear",
            "dtick": 1,
            "range": [0.5, PLAN_WEEKS + 0.5],
        },
        yaxis={
            "title": {"text": "Minutes of stretching that week"},
            "range": [0, round(max_minutes * 1.2 + 1)],
        },
        yaxis2={
            "title": {"text": "Schematic gain (0 = start)"},
            "overlaying": "y",
            "side": "right",
            "range": [0, 1.5],
            "showgrid": False,
            "tickvals": [0, 0.5, 1],
        },
        annotations=_annotations(first),
        updatemenus=menus,
        font=_FONT,
        height=600,
        bargap=0.25,
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0.0},
        margin={"l": 60, "r": 60, "t": 190 if buttons else 130, "b": 150},
        meta={"alt_text": str(stretch_plan_caption())},
    )
    return fig


class Caption(str):
    """A figure caption that Jupyter shows as Markdown (and as plain text elsewhere)."""

    def _repr_markdown_(self) -> str:
        return f"**Figure 1 (description).** {self}"


def stretch_plan_caption() -> Caption:
    """Alt text and caption of :func:`stretch_plan_figure`, computed from the plan data."""
    parts = []
    for p in FIGURE_PLANS:
        a = p.assessment()
        mark = "meets the mark" if a.meets_thomas2018 else "below the mark"
        if p.stop_after_week is None:
            parts.append(f"{p.label}: {a.weekly_minutes:.1f} min every week ({mark})")
        else:
            parts.append(
                f"{p.label}: {a.weekly_minutes:.1f} min in weeks 1\u2013{p.stop_after_week}, "
                f"then 0 min"
            )
    return Caption(
        f"A bar chart of minutes of stretching in each of {PLAN_WEEKS} weeks for one stretch, "
        f"with a dashed line at {WEEKLY_MINUTES_MIN:g} min per week, the weekly dose linked "
        f"to range gains when spread over at least {DAYS_PER_WEEK_MIN} days. Buttons switch "
        f"between five plans of {EVIDENCE_HOLD_SECONDS:g}-second holds: "
        + "; ".join(parts)
        + ". Blue bars meet the mark, orange bars do not, grey bars are weeks without "
        "stretching. A green line on the right axis is a schematic gain, a shape only: it "
        "rises while stretching continues and, in the plan that stops after week 4, falls "
        "part of the way back over the next four weeks without reaching zero."
    )


# ---------------------------------------------------------------------------
# Live explorer (needs a Jupyter kernel)
# ---------------------------------------------------------------------------


class StretchDoseExplorer:
    """Sliders for holds per day, hold length, days per week and stop week.

    Moving a slider rewrites the dose text and updates the same figure as
    :func:`stretch_plan_figure` in place (without its buttons).

    Attributes
    ----------
    controls : dict of str to ipywidgets.ValueWidget
        ``holds_per_day``, ``hold_seconds``, ``days_per_week`` and
        ``stop_after_week`` (0 means "never stop").
    figure : plotly.graph_objects.FigureWidget
        The figure, updated with ``batch_update``.
    text : ipywidgets.HTML
        The dose summary and notes.
    view : ipywidgets.VBox
        What to display.
    """

    def __init__(
        self,
        holds_per_day: int = 3,
        hold_seconds: int = 30,
        days_per_week: int = 7,
        stop_after_week: int = 0,
    ) -> None:
        import ipywidgets as widgets

        self._plan(holds_per_day, hold_seconds, days_per_week, stop_after_week)  # validate
        style = {"description_width": "initial"}
        layout = widgets.Layout(width="420px")
        self.controls: dict[str, widgets.ValueWidget] = {
            "holds_per_day": widgets.IntSlider(
                value=holds_per_day,
                min=1,
                max=10,
                description="Holds per day:",
                style=style,
                layout=layout,
            ),
            "hold_seconds": widgets.IntSlider(
                value=hold_seconds,
                min=10,
                max=120,
                step=5,
                description="Seconds per hold:",
                style=style,
                layout=layout,
            ),
            "days_per_week": widgets.IntSlider(
                value=days_per_week,
                min=1,
                max=7,
                description="Days per week:",
                style=style,
                layout=layout,
            ),
            "stop_after_week": widgets.IntSlider(
                value=stop_after_week,
                min=0,
                max=PLAN_WEEKS - 1,
                description="Stop after week (0 = never):",
                style=style,
                layout=layout,
            ),
        }
        self.figure = go.FigureWidget(stretch_plan_figure(buttons=False))
        self.figure.layout.title.text = "Your plan: weekly stretching time"
        self.text = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.view = widgets.VBox([*self.controls.values(), self.text, self.figure])
        self.update()

    @staticmethod
    def _plan(holds: int, seconds: int, days: int, stop: int) -> StretchPlan:
        return StretchPlan(
            "Your plan",
            holds_per_day=int(holds),
            hold_seconds=float(seconds),
            days_per_week=int(days),
            stop_after_week=int(stop) if stop else None,
        )

    def current_plan(self) -> StretchPlan:
        """The plan set by the sliders."""
        c = self.controls
        return self._plan(
            c["holds_per_day"].value,
            c["hold_seconds"].value,
            c["days_per_week"].value,
            c["stop_after_week"].value,
        )

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self) -> None:
        """Redraw the text and the figure for the current slider values."""
        plan = self.current_plan()
        payload = _restyle(plan)
        with self.figure.batch_update():
            for data_index, trace_index in enumerate((0, 2)):
                trace = self.figure.data[trace_index]
                trace.y = payload["y"][data_index]
                trace.hovertext = payload["hovertext"][data_index]
                trace.marker.color = payload["marker.color"][data_index]
            self.figure.data[0].text = payload["text"][0]
            self.figure.layout.annotations = _annotations(plan)
            top = max(12.0, float(plan.weekly_minutes_by_week().max()) * 1.2 + 1)
            self.figure.layout.yaxis.range = [0, round(top)]
        a = plan.assessment()
        items = "".join(f"<li>{html.escape(n)}</li>" for n in a.notes)
        self.text.value = f"<p><b>{html.escape(a.summary())}</b></p><ul>{items}</ul>"

    def state(self) -> dict:
        """Slider values and the resulting dose, as plain Python values."""
        plan = self.current_plan()
        a = plan.assessment()
        return {
            **{name: control.value for name, control in self.controls.items()},
            "weekly_minutes": a.weekly_minutes,
            "meets_weekly_minutes": a.meets_weekly_minutes,
            "meets_days": a.meets_days,
            "bars": [float(v) for v in self.figure.data[0].y],
            "gain": [float(v) for v in self.figure.data[2].y],
        }

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def stretch_dose_explorer(**kwargs) -> StretchDoseExplorer:
    """Build the live stretch-dose explorer (keyword arguments set the starting sliders)."""
    return StretchDoseExplorer(**kwargs)


#: Live explorers of this module, by name (see the course's live-explorer protocol).
LIVE_EXPLORERS = {"stretch_dose": stretch_dose_explorer}
