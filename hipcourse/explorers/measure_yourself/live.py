"""Explorer 4, live: type your seated rotation (and flexion), see the fitted capsule.

The figure has two panels. Top: the six ROM bars of the fitted and of the normal model capsule
(a cadaver capsule), with your measurements, the healthy adults' averages the fit compares them
with, and what the fitted capsule expects you to measure (the averages plus the model's change).
Bottom: the fit's cost profile, how much worse each tightness of the region explains your
angles than the best one, with the 68 % interval (where the cost is within 1 of its minimum)
shaded.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from hipcapsule import MOTIONS

from ... import style
from ..base import LiveView, live_figure
from .caption import CAVEAT, MOTION_LABELS, REGION_LABELS, fmt_fit, result_lines, verdict_line
from .state import FitDisplay, fit_display

__all__ = ["MeasureLive"]

_NO_FIT = "No fit: please check your input"
#: Top of the cost axis: the profile near its minimum is what the interval is read from.
_COST_MAX = 8.0


class MeasureLive(LiveView):
    """Live "measure yourself" explorer.

    Attributes
    ----------
    controls : dict[str, ipywidgets.ValueWidget]
        "internal_rotation", "external_rotation" (seated, deg), "use_flexion" (checkbox),
        "flexion" (deg; typing a value ticks "use_flexion"), "region" and "sex" (dropdowns).
    figure : plotly.graph_objects.FigureWidget
        Six ROM bars of the fitted capsule next to the normal capsule, plus your measurements,
        the healthy averages and the fit's expected values; below, the cost profile of the fit.
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
        self.figure = live_figure(self._base_figure())
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
            go.Bar(name="normal capsule (model, cadaver)", x=x, y=[0] * 6,
                   marker_color=colours["normal"]),
            go.Bar(name="fitted capsule (model, cadaver)", x=x, y=[0] * 6,
                   marker_color=colours["fitted"]),
            go.Scatter(name="your measurement", x=[], y=[], mode="markers",
                       marker={"symbol": "diamond", "size": 13, "color": colours["measured"]}),
            go.Scatter(name="68 % interval", x=[], y=[], mode="lines", fill="toself",
                       line={"width": 0}, fillcolor="rgba(0,114,178,0.18)", xaxis="x2",
                       yaxis="y2", hoverinfo="skip"),
            go.Scatter(name="fit cost (lower fits better)", x=[], y=[], mode="lines",
                       line={"color": colours["fitted"], "width": 2}, xaxis="x2", yaxis="y2"),
            go.Scatter(name="best fit", x=[], y=[], mode="markers", xaxis="x2", yaxis="y2",
                       marker={"symbol": "circle", "size": 9, "color": colours["fitted"]}),
            go.Scatter(name="healthy adults' average (what the fit compares with)", x=[], y=[],
                       mode="markers", marker={"symbol": "line-ew-open", "size": 22,
                                               "line": {"width": 3, "color": "#000000"}}),
            go.Scatter(name="expected with the fitted capsule", x=[], y=[], mode="markers",
                       marker={"symbol": "diamond-open", "size": 13,
                               "line": {"width": 2, "color": colours["fitted"]}}),
        ])
        fig.update_layout(
            template="none", font=style.FONT_SMALL, height=640, barmode="group",
            margin={"l": 60, "r": 10, "t": 90, "b": 60},
            title={"text": "", "x": 0.0, "xanchor": "left", "y": 0.985, "yanchor": "top",
                   "font": {"size": 13}},
            yaxis={"title": {"text": "Limit (° from the start position)"}, "range": [0, 145],
                   "domain": [0.5, 1.0]},
            xaxis2={"title": {"text": "Tightness of the region (%)"}, "anchor": "y2"},
            yaxis2={"title": {"text": "Extra fit cost"}, "domain": [0.0, 0.33],
                    "anchor": "x2", "range": [0.0, _COST_MAX]},
            # the 68 % interval is where the cost is within 1 of its minimum
            shapes=[{"type": "line", "xref": "x2 domain", "x0": 0, "x1": 1, "yref": "y2",
                     "y0": 1, "y1": 1, "line": {"color": "#555555", "width": 1,
                                                "dash": "dot"}}],
            legend={"orientation": "h", "y": -0.15},
            annotations=[{"name": "verdict", "text": "", "showarrow": False, "x": 0.0,
                          "xref": "paper", "xanchor": "left", "y": 1.03, "yref": "paper",
                          "yanchor": "bottom", "font": {"size": 13}}],
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
        """Refit and update the bars, the profile and the message in place; bad input shows a
        message and keeps the controls as typed."""
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
                for trace in self.figure.data[3:]:
                    trace.update(x=[], y=[])
                self.figure.layout.title.text = _NO_FIT
                self.figure.layout.annotations[0].text = ""
            return
        self._display, self._error = d, None
        lines = [line.replace("  ", "&nbsp;&nbsp;") for line in result_lines(d)]
        if d.verdict != "beyond":
            # the model's own sentence; left out where the fit runs into the end of the range,
            # whose "tighter than normal (interval ...)" the verdict says means little
            lines.append(f"<i>{html.escape(d.message)}</i>")
        self.message.value = "<br>".join(lines)
        t = [100 * v for v in d.profile_tightness]
        c0 = min(d.profile_chi2)
        cost = [v - c0 for v in d.profile_chi2]
        lo, hi = (100 * v for v in d.interval)
        top = _COST_MAX
        with self.figure.batch_update():
            self.figure.data[0].y = [round(d.normal_rom[m], 1) for m in MOTIONS]
            self.figure.data[1].y = [round(d.rom[m], 1) for m in MOTIONS]
            self.figure.data[2].update(x=[MOTION_LABELS[m] for m in d.measured],
                                       y=list(d.measured.values()))
            self.figure.data[3].update(x=[lo, hi, hi, lo, lo], y=[0, 0, top, top, 0])
            self.figure.data[4].update(x=t, y=cost)
            self.figure.data[5].update(x=[100 * d.tightness], y=[d.chi2 - c0])
            self.figure.data[6].update(x=[MOTION_LABELS[m] for m in d.reference],
                                       y=list(d.reference.values()))
            self.figure.data[7].update(x=[MOTION_LABELS[m] for m in d.expected],
                                       y=[round(v, 1) for v in d.expected.values()])
            self.figure.layout.xaxis2.range = [0.0, 100 * d.t_max]
            self.figure.layout.title.text = (
                f"Fitted tightness of the {REGION_LABELS[d.region]}: {fmt_fit(d)}")
            self.figure.layout.annotations[0].text = f"<b>{verdict_line(d)}</b>"

    def state(self) -> dict:
        """Model outputs shown: verdict, tightness and its interval, goodness of fit, ROM.

        After bad input: tightness/interval None, empty ROM and the message in "error".
        """
        if self._display is None:
            return {"tightness": None, "interval": None, "verdict": None, "rom": {},
                    "error": self._error,
                    "measured": {k: str(v) for k, v in self.measured().items()}}
        d = self._display
        return {"tightness": d.tightness, "interval": d.interval, "verdict": d.verdict,
                "not_identifiable": d.not_identifiable,
                "consistent_with_normal": d.consistent_with_normal,
                "reference": dict(d.reference), "expected": dict(d.expected), "chi2": d.chi2,
                "dof": d.dof,
                "rms_residual_deg": d.rms_residual_deg, "message": d.message,
                "rom": dict(d.rom), "normal_rom": dict(d.normal_rom), "region": d.region,
                "sex": d.sex, "measured": dict(d.measured), "error": None}


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = MeasureLive
