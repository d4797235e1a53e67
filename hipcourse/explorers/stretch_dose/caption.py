"""Stretch-dose caption (also the figure's alt text), computed from the plan data."""

from __future__ import annotations

from ... import style
from ...content.dose import (
    DAYS_PER_WEEK_MIN,
    EVIDENCE_HOLD_SECONDS,
    FIGURE_PLANS,
    PLAN_WEEKS,
    WEEKLY_MINUTES_MIN,
)

__all__ = ["stretch_plan_caption"]


def stretch_plan_caption() -> str:
    """Alt text and caption of :func:`stretch_plan_figure`, computed from the plan data."""
    parts = []
    for p in FIGURE_PLANS:
        a = p.assessment()
        mark = "meets the mark" if a.meets_thomas2018 else "below the mark"
        if p.stop_after_week is None:
            parts.append(f"{style.in_words(p.label)}: {a.weekly_minutes:.1f} min every week "
                         f"({mark})")
        else:
            parts.append(
                f"{style.in_words(p.label)}: {a.weekly_minutes:.1f} min in weeks "
                f"1\u2013{p.stop_after_week}, "
                f"then 0 min"
            )
    return (
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


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = stretch_plan_caption
