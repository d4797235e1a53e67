"""Stretch dose, live: sliders for holds per day, hold length, days per week and stop week."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ... import style
from ...content.dose import PLAN_WEEKS, StretchPlan
from ..base import LiveView, live_figure
from .figure import annotations, restyle, stretch_plan_figure
from .state import plan_from_settings

__all__ = ["StretchDoseLive"]


class StretchDoseLive(LiveView):
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
        plan_from_settings(holds_per_day, hold_seconds, days_per_week, stop_after_week)  # validate
        def slider(description: str, value: int, lo: int, hi: int, step: int = 1):
            return widgets.IntSlider(value=value, min=lo, max=hi, step=step,
                                     description=description,
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="420px"))

        self.controls: dict[str, widgets.ValueWidget] = {
            "holds_per_day": slider("Holds per day:", holds_per_day, 1, 10),
            "hold_seconds": slider("Seconds per hold:", hold_seconds, 10, 120, 5),
            "days_per_week": slider("Days per week:", days_per_week, 1, 7),
            "stop_after_week": slider("Stop after week (0 = never):", stop_after_week, 0,
                                      PLAN_WEEKS - 1),
        }
        self.figure = live_figure(stretch_plan_figure(buttons=False))
        self.figure.layout.title.text = "Your plan: weekly stretching time"
        self.text = widgets.HTML()
        self._observe()
        self.view = widgets.VBox([*self.controls.values(), self.text, self.figure])
        self.update()

    def current_plan(self) -> StretchPlan:
        """The plan set by the sliders."""
        c = self.controls
        return plan_from_settings(
            c["holds_per_day"].value,
            c["hold_seconds"].value,
            c["days_per_week"].value,
            c["stop_after_week"].value,
        )

    def update(self) -> None:
        """Redraw the text and the figure for the current slider values."""
        plan = self.current_plan()
        payload = restyle(plan)
        with self.figure.batch_update():
            for data_index, trace_index in enumerate((0, 2)):
                trace = self.figure.data[trace_index]
                trace.y = payload["y"][data_index]
                trace.hovertext = payload["hovertext"][data_index]
                trace.marker.color = payload["marker.color"][data_index]
            self.figure.data[0].text = payload["text"][0]
            self.figure.layout.annotations = annotations(plan)
            top = max(12.0, float(plan.weekly_minutes_by_week().max()) * 1.2 + 1)
            self.figure.layout.yaxis.range = [0, round(top)]
        a = plan.assessment()
        items = "".join(f"<li>{html.escape(style.in_words(n))}</li>" for n in a.notes)
        self.text.value = (f"<p><b>{html.escape(style.in_words(a.summary()))}</b></p>"
                           f"<ul>{items}</ul>")

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


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = StretchDoseLive
