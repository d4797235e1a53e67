"""Stretch-dose figure: weekly minutes of a plan against the weekly-dose mark, a schematic gain
curve, and plan buttons (Plotly ``update``) that work without a kernel."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from ... import style
from ...content.dose import (
    DAYS_PER_WEEK_MIN,
    FIGURE_PLANS,
    MCCLURE2007_PLAN,
    PLAN_WEEKS,
    WEEKLY_MINUTES_MIN,
    StretchPlan,
    plan_by_label,
)
from ..base import Control, Option, plotly_controls
from .caption import stretch_plan_caption
from .state import bar_state, gain_state, plan_settings

__all__ = ["annotations", "build", "readout", "restyle", "stretch_plan_figure"]

_TITLE = "Figure 1. Weekly stretching time by plan"
_GAIN_NAME = "Schematic gain (shape only, right axis)"
COLOURS = style.DOSE_COLOURS


def _plan_annotation(plan: StretchPlan) -> str:
    a = plan.assessment()
    verdict = "meets" if a.meets_thomas2018 else "is below"
    text = (
        f"<b>{html.escape(style.in_words(plan.label))}</b>: {a.weekly_minutes:.1f} min/week on "
        f"{a.days_per_week} days, {verdict} the \u2265 {WEEKLY_MINUTES_MIN:g} min, "
        f"\u2265 {DAYS_PER_WEEK_MIN} days mark"
    )
    if plan.stop_after_week is not None:
        text += f"<br>Stretching stops after week {plan.stop_after_week}: part of the gain fades"
    elif plan.note:
        text += f"<br>{html.escape(style.in_words(plan.note))}"
    return text


def annotations(plan: StretchPlan) -> list[dict]:
    """The plan's dose summary, written above the plot."""
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


def restyle(plan: StretchPlan) -> dict[str, list]:
    """Restyle payload of a plan for the bars (trace 0) and the gain curve (trace 2)."""
    bars, gain = bar_state(plan), gain_state(plan)
    return {
        "y": [bars["y"], gain["y"]],
        "text": [bars["text"], None],
        "hovertext": [bars["hover"], gain["hover"]],
        "marker.color": [bars["colours"], COLOURS["gain"]],
    }


def build(plan: str | None = None, *, buttons: bool = True):
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
    tuple of (plotly.graph_objects.Figure, tuple of Control)

    Raises
    ------
    ValueError
        If ``plan`` is not a label of :data:`FIGURE_PLANS`.
    """
    first = MCCLURE2007_PLAN if plan is None else plan_by_label(plan)
    bars, gain = bar_state(first), gain_state(first)
    weeks = [int(w) for w in first.weeks()]
    fig = go.Figure(layout={"template": style.small_template(colorway=False, polar=False)})
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
            name=(f"\u2265 {WEEKLY_MINUTES_MIN:g} min/week mark "
                  f"({style.source_label('thomas2018')})"),
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
    controls: tuple[Control, ...] = ()
    if buttons:
        options = tuple(
            Option(style.in_words(p.label), plan_settings(p),
                   [restyle(p), {"annotations": annotations(p)}, [0, 2]], "update")
            for p in FIGURE_PLANS
        )
        controls = (Control("plan", "buttons", options, FIGURE_PLANS.index(first), {
            "x": 0.0, "xanchor": "left", "y": 1.2, "yanchor": "bottom",
            "pad": {"r": 2, "t": 0}, "font": {"size": 12}}),)
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
            "automargin": True,  # a phone's narrow right margin still fits ticks and title
        },
        annotations=annotations(first),
        **plotly_controls(controls),
        font=style.FONT,
        height=600,
        bargap=0.25,
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0.0},
        margin={"l": 60, "r": 60, "t": 190 if buttons else 130, "b": 150},
        meta={"alt_text": stretch_plan_caption()},
    )
    return fig, controls


def stretch_plan_figure(plan: str | None = None, *, buttons: bool = True) -> go.Figure:
    """The figure of :func:`build` (see there)."""
    return build(plan, buttons=buttons)[0]


def readout(figure: dict) -> dict:
    """Weekly minutes (bars) and the schematic gain the figure shows."""
    data = figure["data"]
    return {"minutes": list(data[0]["y"]), "gain": list(data[2]["y"])}
