"""Explorer 4, live: type your seated rotation (and flexion), see the fitted capsule."""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from hipcapsule import MOTIONS

from ... import style
from ..base import LiveView
from .caption import CAVEAT, MOTION_LABELS, REGION_LABELS, fmt_fit, result_lines
from .state import FitDisplay, fit_display

__all__ = ["MeasureLive"]


class MeasureLive(LiveView):
    """Live "measure yourself" explorer.

    Attributes
    ----------
    controls : dict[str, ipywidgets.ValueWidget]
        "internal_rotation", "external_rotation" (seated, deg), "use_flexion" (checkbox),
        "flexion" (deg; typing a value ticks "use_flexion"), "region" and "sex" (dropdowns).
    figure : plotly.graph_objects.FigureWidget
        Six ROM bars of the fitted capsule next to the normal capsule, plus your measurements.
    view : ipywidgets.VBox
    """

    def __init__(self, sex: str = "male", region: str = "posterior") -> None:
        wstyle = {"description_width": "210px"}
        lay = widgets.Layout(width="330px")

        def box(desc, value, lo, hi):
            return widgets.BoundedFloatText(value=value, min=lo, max=hi, step=1.0,
                                            description=desc, style=wstyle, layout=lay)

        self.controls = {
            "internal_rotation": box("Seated internal rotation (°)", 25.0, -90.0, 180.0),
            "external_rotation": box("Seated external rotation (°)", 40.0, -90.0, 180.0),
            "use_flexion": widgets.Checkbox(value=False, description="I also measured flexion",
                                            indent=False),
            "flexion": box("Flexion (°), optional", 120.0, -60.0, 300.0),
            "region": widgets.Dropdown(
                options=[(v, k) for k, v in REGION_LABELS.items()], value=region,
                description="Tightness of", style={"description_width": "90px"},
                layout=widgets.Layout(width="380px")),
            "sex": widgets.Dropdown(options=[("male", "male"), ("female", "female")],
                                    value=sex, description="Hip model",
                                    style={"description_width": "90px"}),
        }
        self.message = widgets.HTML()
        caveat = widgets.HTML(
            "<div style='border-left:4px solid #d55e00;padding:4px 8px;margin:4px 0'>"
            f"{html.escape(CAVEAT)}</div>")
        self.figure = go.FigureWidget(self._base_figure())
        self._display: FitDisplay | None = None
        self._error: str | None = None
        self.controls["flexion"].observe(self._on_flexion, names="value")
        self._observe()
        self.update()
        self.view = widgets.VBox([*self.controls.values(), self.message, self.figure, caveat])

    @staticmethod
    def _base_figure() -> go.Figure:
        x = [MOTION_LABELS[m] for m in MOTIONS]
        colours = style.MEASURE_COLOURS
        fig = go.Figure([
            go.Bar(name="normal capsule (model)", x=x, y=[0] * 6, marker_color=colours["normal"]),
            go.Bar(name="fitted capsule (model)", x=x, y=[0] * 6, marker_color=colours["fitted"]),
            go.Scatter(name="your measurement", x=[], y=[], mode="markers",
                       marker={"symbol": "diamond", "size": 13, "color": colours["measured"]}),
        ])
        fig.update_layout(
            template="none", font=style.FONT_SMALL, height=420, barmode="group",
            margin={"l": 60, "r": 10, "t": 60, "b": 60},
            title={"text": "", "x": 0.0, "xanchor": "left"},
            yaxis={"title": {"text": "Limit (° from the start position)"}, "range": [0, 135]},
            legend={"orientation": "h", "y": -0.15},
        )
        return fig

    def _on_flexion(self, _change=None) -> None:
        self.controls["use_flexion"].value = True

    def measured(self) -> dict:
        """The measurements currently entered (flexion only when ticked)."""
        c = self.controls
        out = {"internal_rotation": c["internal_rotation"].value,
               "external_rotation": c["external_rotation"].value}
        if c["use_flexion"].value:
            out["flexion"] = c["flexion"].value
        return out

    def update(self) -> None:
        """Refit and update the bars and the message in place; bad input shows a message."""
        c = self.controls
        try:
            d = fit_display(self.measured(), c["region"].value, c["sex"].value)
        except ValueError as exc:
            self._display, self._error = None, str(exc)
            self.message.value = (
                "<div style='color:#a00000;border:1px solid #a00000;padding:4px 8px'>"
                f"<b>Please check your input:</b> {html.escape(str(exc))}</div>")
            with self.figure.batch_update():
                self.figure.data[1].y = [None] * 6
                self.figure.data[2].update(x=[], y=[])
                self.figure.layout.title.text = "No fit: please check your input"
            return
        self._display, self._error = d, None
        self.message.value = "<br>".join(line.replace("  ", "&nbsp;&nbsp;")
                                         for line in result_lines(d))
        meas = {k: v for k, v in d.measured.items()}
        with self.figure.batch_update():
            self.figure.data[0].y = [round(d.normal_rom[m], 1) for m in MOTIONS]
            self.figure.data[1].y = [round(d.rom[m], 1) for m in MOTIONS]
            self.figure.data[2].update(x=[MOTION_LABELS[m] for m in meas],
                                       y=[meas[m] for m in meas])
            self.figure.layout.title.text = (
                f"Fitted {REGION_LABELS[d.region]}: tightness {fmt_fit(d)}")

    def state(self) -> dict:
        """Model outputs shown: tightness, uncertainty (None if not identifiable), ROM, region.

        After bad input: tightness/uncertainty None, empty ROM and the message in "error".
        """
        if self._display is None:
            return {"tightness": None, "uncertainty": None, "rom": {}, "error": self._error,
                    "measured": {k: str(v) for k, v in self.measured().items()}}
        d = self._display
        return {"tightness": d.tightness, "uncertainty": d.uncertainty, "rom": dict(d.rom),
                "normal_rom": dict(d.normal_rom), "region": d.region, "sex": d.sex,
                "measured": dict(d.measured), "error": None}


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = MeasureLive
