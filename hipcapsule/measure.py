"""Explorer 4, "Measure yourself": fit a capsule tightness to your measured hip rotation.

The learner enters seated internal and external rotation (and, optionally, flexion); the model
finds the capsule tightness that best explains them (:func:`hipcapsule.fit_tightness`) and shows
the range of motion of that fitted capsule next to the normal one. This is an illustration of
how a model can be run backwards, not a diagnosis.

Two versions share one code path (:func:`fit_display` and :func:`result_lines`):

* :func:`measure_explorer` -- live ipywidgets explorer;
* :func:`measure_figure` -- a static Plotly figure for the website: a heatmap of the fitted
  tightness over a grid of measured IR x ER, an IR slider and a row of ER buttons that move a
  marker on it, and a read-out panel. The IR slider writes the precomputed results of its IR
  row into the read-out traces (and moves the marker's y); an ER button moves the marker's x
  and the read-out panel's x-axis window onto one cell of that row. So slider and buttons
  compose without any code running in the page. (One slider only: a second slider would
  share the first one's container in the page.)
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import plotly.graph_objects as go

from . import MOTIONS, REGIONS, default_capsule, fit_tightness, range_of_motion, region_capsule

__all__ = [
    "FitDisplay",
    "LIVE_EXPLORERS",
    "MeasureExplorer",
    "REGION_LABELS",
    "caption_measure",
    "caption_measure_markdown",
    "check_measurements",
    "fit_display",
    "measure_explorer",
    "measure_figure",
    "result_lines",
]

#: Region choices offered to the learner ("best" lets the model pick the region).
REGION_LABELS = {
    "posterior": "posterior capsule (ischiofemoral)",
    "whole": "whole fibrous capsule",
    "anterior": "anterior capsule (iliofemoral)",
    "inferior": "inferior capsule (pubofemoral)",
    "best": "the region that fits best",
}
#: Plausible measured ranges (deg); values outside are refused with a message.
VALID_RANGES = {"internal_rotation": (0.0, 90.0), "external_rotation": (0.0, 90.0),
                "flexion": (30.0, 150.0)}
_NAMES = {"internal_rotation": "internal rotation", "external_rotation": "external rotation",
          "flexion": "flexion"}
MOTION_LABELS = {
    "flexion": "Flexion", "extension": "Extension", "abduction": "Abduction",
    "adduction": "Adduction", "internal_rotation": "IR (seated)",
    "external_rotation": "ER (seated)",
}
STATIC_IR = tuple(float(v) for v in range(5, 46, 5))
STATIC_ER = tuple(float(v) for v in range(20, 61, 5))
STATIC_REGIONS = ("posterior", "whole", "best")
_FONT = {"family": "Arial, sans-serif", "size": 13}
_NORMAL, _FITTED, _MEASURED = "#999999", "#0072b2", "#d55e00"
CAVEAT = (
    "Education, not diagnosis: a model fitted to two or three angles cannot tell why a hip "
    "moves the way it does. Muscles, bone shape, pain and the way you measured all change the "
    "numbers. See the safety page for red flags."
)


def check_measurements(measured: dict) -> dict[str, float]:
    """Validate measured angles (deg); return them as floats.

    Raises
    ------
    ValueError
        With a plain-language message for a missing, non-numeric, NaN, negative or implausible
        value.
    """
    out = {}
    for key, value in measured.items():
        name = _NAMES.get(key, key)
        if key not in VALID_RANGES:
            raise ValueError(f"{name!r} is not one of {', '.join(VALID_RANGES)}")
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} = {value!r} is not a number of degrees") from None
        if not math.isfinite(v):
            raise ValueError(f"{name} is not a number; type the angle in degrees, e.g. 35")
        lo, hi = VALID_RANGES[key]
        if v < 0:
            raise ValueError(f"{name} = {v:g}° is negative; enter how far the hip turned, "
                             "as a positive number of degrees from the start position")
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v:g}° is outside the plausible range {lo:g}–{hi:g}°; "
                             "please check the measurement")
        out[key] = v
    if "internal_rotation" not in out or "external_rotation" not in out:
        raise ValueError("enter both internal and external rotation")
    return out


@dataclass(frozen=True)
class FitDisplay:
    """What the explorer shows for one set of measurements.

    Attributes
    ----------
    measured : dict
        Motion -> measured angle (deg).
    region : str
        Region that was fitted (the chosen one when "best" was asked).
    tightness : float
    uncertainty : float or None
        One standard error; None if the measurements do not pin the tightness down.
    rom, normal_rom : dict
        Motion -> limit (deg) of the fitted and of the normal capsule (model).
    at_bound : bool
    sex : str
    """

    measured: dict
    region: str
    tightness: float
    uncertainty: float | None
    rom: dict
    normal_rom: dict
    at_bound: bool
    sex: str
    sse_deg2: float = 0.0


@lru_cache(maxsize=4096)
def _fit_cached(items: tuple, region: str, sex: str) -> FitDisplay:
    if region == "best":
        # same rule as fit_tightness(region="best"): smallest sum of squared residuals,
        # first region wins a tie; reuses the per-region fits
        return min((_fit_cached(items, r, sex) for r in REGIONS), key=lambda d: d.sse_deg2)
    measured = dict(items)
    fit = fit_tightness(measured, region=region, sex=sex)
    cap = region_capsule(fit.region, fit.tightness, sex)
    unc = fit.uncertainty if math.isfinite(fit.uncertainty) else None
    return FitDisplay(
        measured=measured,
        region=fit.region,
        tightness=float(fit.tightness),
        uncertainty=None if unc is None else float(unc),
        rom=range_of_motion(cap).as_dict(),
        normal_rom=range_of_motion(default_capsule(sex)).as_dict(),
        at_bound=fit.at_bound,
        sex=sex,
        sse_deg2=float(sum(v * v for v in fit.residuals_deg.values())),
    )


def fit_display(measured: dict, region: str = "posterior", sex: str = "male") -> FitDisplay:
    """Fit ``region``'s tightness to ``measured`` angles and collect what the explorer shows.

    Parameters
    ----------
    measured : dict
        "internal_rotation" and "external_rotation" (seated, deg), optional "flexion".
    region : {"posterior", "whole", "anterior", "inferior", "best"}
    sex : {"male", "female"}

    Raises
    ------
    ValueError
        For bad measurements (see :func:`check_measurements`) or an unknown region / sex.
    """
    meas = check_measurements(measured)
    if region not in REGION_LABELS:
        raise ValueError(f"region={region!r} is not one of {', '.join(REGION_LABELS)}")
    return _fit_cached(tuple(sorted(meas.items())), region, sex)


def _fmt_fit(d: FitDisplay) -> str:
    if d.uncertainty is None:
        return f"{d.tightness:.3f} (not pinned down by these angles)"
    return f"{d.tightness:.3f} ± {d.uncertainty:.3f}"


def result_lines(d: FitDisplay) -> list[str]:
    """Plain-text result lines (Plotly/HTML-safe markup only: <b>)."""
    meas = ", ".join(f"{_NAMES[k]} {d.measured[k]:.0f}°" for k in VALID_RANGES
                     if k in d.measured)
    lines = [
        f"Measured: {meas}",
        f"Best-fit tightness of the {REGION_LABELS[d.region]}: <b>{_fmt_fit(d)}</b>",
    ]
    if d.uncertainty is None:
        lines.append("The model's seated IR here is set by bone or by another band,")
        lines.append("so these angles hardly change with this tightness.")
    elif d.at_bound and d.tightness < 1e-3:
        lines.append("Your angles fit the normal capsule (tightness 0).")
    elif d.at_bound:
        lines.append("The fit sits at the largest tightness the model allows.")
    lines.append("Model range of motion, fitted (normal):")
    for m in MOTIONS:
        lines.append(f"  {MOTION_LABELS[m]}: {d.rom[m]:.0f}° ({d.normal_rom[m]:.0f}°)")
    return lines


# --------------------------------------------------------------------------------------------
# static figure


@lru_cache(maxsize=4)
def _measure_figure(sex: str, irs: tuple, ers: tuple, regions: tuple) -> go.Figure:
    fig = go.Figure()
    grids = {}
    for reg in regions:
        grids[reg] = {(ir, er): fit_display({"internal_rotation": ir, "external_rotation": er},
                                            reg, sex) for ir in irs for er in ers}
    t_hi = max(d.tightness for g in grids.values() for d in g.values())
    t_hi = max(round(t_hi + 0.005, 2), 0.01)
    ir0, er0 = irs[len(irs) // 2], ers[len(ers) // 2]
    for k, reg in enumerate(regions):
        g = grids[reg]
        z = [[round(g[(ir, er)].tightness, 4) for er in ers] for ir in irs]
        hover = [[
            f"IR {ir:.0f}°, ER {er:.0f}°<br>fitted tightness {_fmt_fit(g[(ir, er)])}"
            f"<br>region: {REGION_LABELS[g[(ir, er)].region]}" for er in ers] for ir in irs]
        fig.add_trace(go.Heatmap(
            x=list(ers), y=list(irs), z=z, text=hover, hoverinfo="text", zmin=0.0, zmax=t_hi,
            colorscale="Blues", visible=k == 0, name=f"fit: {reg}", xaxis="x", yaxis="y",
            colorbar={"title": {"text": "Fitted<br>tightness"}, "x": 0.86, "len": 0.5,
                      "y": 0.75, "yanchor": "middle", "thickness": 12},
        ))
    def row_texts(reg: str, ir: float) -> list[str]:
        return ["<br>".join(result_lines(grids[reg][(ir, er)])) for er in ers]

    for k, reg in enumerate(regions):
        fig.add_trace(go.Scatter(
            x=list(ers), y=[0.0] * len(ers), mode="text", text=row_texts(reg, ir0),
            textposition="middle center", textfont={"size": 12, "family": "Arial"},
            hoverinfo="skip", visible=k == 0, xaxis="x2", yaxis="y2", name=f"read-out: {reg}",
            cliponaxis=True,
        ))
    n = 2 * len(regions)
    fig.add_trace(go.Scatter(
        x=[er0], y=[ir0], mode="markers", xaxis="x", yaxis="y", name="your measurement",
        marker={"symbol": "square-open", "size": 22, "color": _MEASURED,
                "line": {"width": 3, "color": _MEASURED}}, hoverinfo="skip",
    ))
    half = 2.5
    # IR: restyle only (marker y and the read-out row of every region), no relayout
    readouts = list(range(len(regions), n))
    ir_steps = [{"label": f"{ir:.0f}", "method": "restyle",
                 "args": [{"y": [[ir]] + [[0.0] * len(ers)] * len(regions),
                           "text": [""] + [row_texts(reg, ir) for reg in regions]},
                          [n, *readouts]]}
                for ir in irs]
    er_steps = [{"label": f"{er:.0f}", "method": "update",
                 "args": [{"x": [[er]]}, {"xaxis2.range": [er - half, er + half]}, [n]]}
                for er in ers]
    short = {"posterior": "posterior capsule", "whole": "whole capsule",
             "anterior": "anterior capsule", "inferior": "inferior capsule", "best": "best region"}
    buttons = [{"label": f"Fit: {short[reg]}", "method": "restyle",
                "args": [{"visible": [j == k for _ in range(2) for j in range(len(regions))]},
                         list(range(n))]} for k, reg in enumerate(regions)]
    hidden = {"visible": False, "fixedrange": True, "showgrid": False, "zeroline": False}
    fig.update_layout(
        template="none",
        font=_FONT,
        height=900,
        margin={"l": 70, "r": 10, "t": 120, "b": 20},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        showlegend=False,
        title={"text": "Measure yourself: which capsule tightness fits your seated rotation?",
               "x": 0.0, "xanchor": "left", "y": 0.985, "yanchor": "top",
               "font": {"size": 16}},
        # top half: heatmap; then the IR slider and the ER buttons; bottom: the read-out
        xaxis={"domain": [0.0, 0.82], "title": {"text": "Measured external rotation (°)"},
               "fixedrange": True, "dtick": 5},
        yaxis={"domain": [0.5, 1.0], "title": {"text": "Measured internal rotation (°)"},
               "fixedrange": True, "dtick": 5},
        xaxis2={**hidden, "domain": [0.0, 1.0], "range": [er0 - half, er0 + half]},
        yaxis2={**hidden, "domain": [0.0, 0.22], "anchor": "x2", "range": [-1.0, 1.0]},
        # one slider only (IR); ER is a row of buttons. Both compose: each moves its own
        # coordinate of the marker and its own axis of the read-out window.
        sliders=[
            {"active": irs.index(ir0), "steps": ir_steps, "x": 0.0, "len": 1.0, "y": 0.42,
             "yanchor": "top", "currentvalue": {"prefix": "Your seated IR (°): "},
             "pad": {"t": 0, "b": 0}},
        ],
        updatemenus=[
            {"type": "buttons", "direction": "right", "buttons": buttons, "active": 0,
             "showactive": True, "x": 0.0, "xanchor": "left", "y": 1.03,
             "yanchor": "bottom", "pad": {"r": 4, "t": 0}},
            {"type": "buttons", "direction": "right", "buttons": er_steps,
             "active": ers.index(er0), "showactive": True, "x": 0.26, "xanchor": "left",
             "y": 0.29, "yanchor": "middle", "pad": {"r": 2, "t": 0}},
        ],
        annotations=[
            {"text": "Your seated ER (°):", "showarrow": False, "x": 0.0, "xref": "paper",
             "xanchor": "left", "y": 0.29, "yref": "paper", "yanchor": "middle"},
        ],
    )
    fig.layout.meta = {"alt_text": caption_measure(sex)}
    return fig


def measure_figure(
    sex: str = "male",
    irs: tuple = STATIC_IR,
    ers: tuple = STATIC_ER,
    regions: tuple = STATIC_REGIONS,
) -> go.Figure:
    """Static "measure yourself" figure (precomputed fits on an IR x ER grid).

    Parameters
    ----------
    sex : {"male", "female"}
    irs, ers : tuple of float
        Measured seated IR and ER grid (deg); the middle values are shown first.
    regions : tuple of str
        Regions offered by the buttons (keys of :data:`REGION_LABELS`); the first is shown first.

    Returns
    -------
    plotly.graph_objects.Figure
        A fresh copy; ``layout.meta["alt_text"]`` holds the caption.
    """
    return go.Figure(_measure_figure(sex, tuple(irs), tuple(ers), tuple(regions)))


def caption_measure(sex: str = "male") -> str:
    """Caption / alt text of the static figure, with numbers computed at the default state."""
    ir0, er0 = STATIC_IR[len(STATIC_IR) // 2], STATIC_ER[len(STATIC_ER) // 2]
    d = fit_display({"internal_rotation": ir0, "external_rotation": er0}, "posterior", sex)
    lo = fit_display({"internal_rotation": STATIC_IR[0], "external_rotation": er0},
                     "posterior", sex)
    return (
        f"Top: a heatmap of the capsule tightness that best explains a seated internal "
        f"rotation (IR, {STATIC_IR[0]:.0f}–{STATIC_IR[-1]:.0f}°, vertical) and external "
        f"rotation (ER, {STATIC_ER[0]:.0f}–{STATIC_ER[-1]:.0f}°, horizontal) for a {sex} hip "
        "model; darker blue means tighter. Below: the read-out for the cell chosen with the IR "
        "slider and the ER buttons. It starts at IR "
        f"{ir0:.0f}° and ER {er0:.0f}°, where the best-fit tightness of the posterior capsule "
        f"is {_fmt_fit(d)} and the fitted model's seated IR is "
        f"{d.rom['internal_rotation']:.0f}° (normal {d.normal_rom['internal_rotation']:.0f}°). "
        f"At IR {STATIC_IR[0]:.0f}° the fit rises to {_fmt_fit(lo)}. Buttons switch the "
        "region that is tightened: posterior, whole capsule, or the region that fits best. "
        "Hover over a cell for its value and uncertainty. " + CAVEAT
    )


def caption_measure_markdown(sex: str = "male"):
    """The caption as an IPython Markdown object, for a lesson cell.

    No links: myst-nb renders output Markdown as plain CommonMark, so a relative link to a
    ``.md`` page would not be resolved on the site (the lesson prose links the safety page).
    """
    from IPython.display import Markdown

    return Markdown(f"**Figure 1.** {caption_measure(sex)}")


# --------------------------------------------------------------------------------------------
# live explorer


class MeasureExplorer:
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
        style = {"description_width": "210px"}
        lay = widgets.Layout(width="330px")

        def box(desc, value, lo, hi):
            return widgets.BoundedFloatText(value=value, min=lo, max=hi, step=1.0,
                                            description=desc, style=style, layout=lay)

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
        for c in self.controls.values():
            c.observe(self._on_change, names="value")
        self.update()
        self.view = widgets.VBox([*self.controls.values(), self.message, self.figure, caveat])

    @staticmethod
    def _base_figure() -> go.Figure:
        x = [MOTION_LABELS[m] for m in MOTIONS]
        fig = go.Figure([
            go.Bar(name="normal capsule (model)", x=x, y=[0] * 6, marker_color=_NORMAL),
            go.Bar(name="fitted capsule (model)", x=x, y=[0] * 6, marker_color=_FITTED),
            go.Scatter(name="your measurement", x=[], y=[], mode="markers",
                       marker={"symbol": "diamond", "size": 13, "color": _MEASURED}),
        ])
        fig.update_layout(
            template="none", font=_FONT, height=420, barmode="group",
            margin={"l": 60, "r": 10, "t": 60, "b": 60},
            title={"text": "", "x": 0.0, "xanchor": "left"},
            yaxis={"title": {"text": "Limit (° from the start position)"}, "range": [0, 135]},
            legend={"orientation": "h", "y": -0.15},
        )
        return fig

    def _on_flexion(self, _change=None) -> None:
        self.controls["use_flexion"].value = True

    def _on_change(self, _change=None) -> None:
        self.update()

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
                f"Fitted {REGION_LABELS[d.region]}: tightness {_fmt_fit(d)}")

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

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def measure_explorer(sex: str = "male", region: str = "posterior") -> MeasureExplorer:
    """Build the live "Measure yourself" explorer (needs a running kernel to interact)."""
    return MeasureExplorer(sex, region)


#: Live explorers of this module (merged by :mod:`hipcapsule.explorers`).
LIVE_EXPLORERS = {"measure_yourself": measure_explorer}
