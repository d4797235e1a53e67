"""Stretch-dose state: a weekly plan's minutes per week, its check against the dose evidence,
and the schematic gain curve (:mod:`hipcourse.content.dose`)."""

from __future__ import annotations

from ...content.dose import PLAN_WEEKS, StretchPlan, schematic_gain
from ...style import DOSE_COLOURS

__all__ = ["bar_state", "gain_state", "plan_from_settings", "plan_settings", "settings_state"]


def plan_from_settings(holds_per_day: int, hold_seconds: float, days_per_week: int,
                       stop_after_week: int) -> StretchPlan:
    """The plan set by the live sliders (``stop_after_week`` 0 means never stop)."""
    return StretchPlan(
        "Your plan",
        holds_per_day=int(holds_per_day),
        hold_seconds=float(hold_seconds),
        days_per_week=int(days_per_week),
        stop_after_week=int(stop_after_week) if stop_after_week else None,
    )


def bar_state(plan: StretchPlan) -> dict[str, list]:
    """Minutes per week of ``plan`` with bar colours, labels and hover text."""
    minutes = plan.weekly_minutes_by_week()
    assessment = plan.assessment()
    colour = DOSE_COLOURS["meets"] if assessment.meets_thomas2018 else DOSE_COLOURS["below"]
    colours = [colour if m > 0 else DOSE_COLOURS["none"] for m in minutes]
    texts = [f"{m:.1f}" if m > 0 else "0" for m in minutes]
    hover = [
        f"Week {w}: {m:.1f} min" + (f" on {plan.days_per_week} days" if m > 0 else " (stopped)")
        for w, m in zip(plan.weeks(), minutes, strict=True)
    ]
    return {"y": [float(m) for m in minutes], "colours": colours, "text": texts, "hover": hover}


def gain_state(plan: StretchPlan) -> dict[str, list]:
    """The schematic gain curve of ``plan`` (a shape only) with hover text."""
    gain = schematic_gain(plan.stop_after_week)
    hover = [
        f"Week {w}: schematic, shape only"
        + (" (after stopping)" if plan.stop_after_week and w > plan.stop_after_week else "")
        for w in range(1, PLAN_WEEKS + 1)
    ]
    return {"y": [float(g) for g in gain], "hover": hover}


def settings_state(plan: dict | None = None) -> dict:
    """What the stretch-dose figure shows for one plan (the live sliders' values; default the
    shoulder-trial dose): the settings, the dose check, weekly minutes and the gain curve."""
    from ...content.dose import MCCLURE2007_PLAN

    settings = plan or plan_settings(MCCLURE2007_PLAN)
    p = plan_from_settings(**settings)
    a = p.assessment()
    return {**settings, "weekly_minutes": a.weekly_minutes,
            "meets_weekly_minutes": a.meets_weekly_minutes, "meets_days": a.meets_days,
            "bars": bar_state(p)["y"], "gain": gain_state(p)["y"]}


def plan_settings(plan: StretchPlan) -> dict:
    """The live sliders' values for ``plan`` (``stop_after_week`` 0 means never)."""
    return {"holds_per_day": plan.holds_per_day, "hold_seconds": plan.hold_seconds,
            "days_per_week": plan.days_per_week, "stop_after_week": plan.stop_after_week or 0}
