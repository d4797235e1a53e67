"""Stretch dose (lesson 05): weekly stretching minutes of a plan against the dose evidence."""

from __future__ import annotations

from functools import lru_cache

from ...content import dose
from ..base import ExplorerBase
from . import caption, figure, live, state

__all__ = ["EXPLORER", "StretchDose"]


@lru_cache(maxsize=1)
def _built():
    return figure.build()


class StretchDose(ExplorerBase):
    """Plan buttons -> weekly minutes, the dose check and a schematic gain curve.

    Setting: ``plan``, the live sliders' values (holds per day, seconds per hold, days per week
    and the week stretching stops, 0 for never).
    """

    name = "stretch_dose"
    label = "Figure 1"

    def state(self, plan: dict | None = None) -> dict:
        settings = plan or figure.plan_settings(dose.MCCLURE2007_PLAN)
        p = state.plan_from_settings(**settings)
        a = p.assessment()
        return {**settings, "weekly_minutes": a.weekly_minutes,
                "meets_weekly_minutes": a.meets_weekly_minutes, "meets_days": a.meets_days,
                "bars": state.bar_state(p)["y"], "gain": state.gain_state(p)["y"]}

    def figure(self):
        import plotly.graph_objects as go

        return go.Figure(_built()[0])

    def controls(self):
        return _built()[1]

    def caption(self) -> str:
        return caption.stretch_plan_caption()

    def live(self, **kwargs) -> live.StretchDoseLive:
        return live.StretchDoseLive(**kwargs)

    def readout(self, fig: dict) -> dict:
        return figure.readout(fig)


EXPLORER = StretchDose()
