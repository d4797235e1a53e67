"""Explorer 1 figure: one bar per motion over the typical adult range, and the circumduction
envelope, with region buttons and a tightness slider whose steps are precomputed."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from hipcapsule import published

from ... import style
from .._regions import (
    DEFAULT_FRACTION,
    DEFAULT_STEPS,
    fractions,
    frame_layout,
    region_controls,
    tightness_from_fraction,
)
from ..base import Control, plotly_controls
from .caption import caption_tightness_rom
from .state import ROM_KEYS, rom_state

__all__ = ["readout", "tightness_rom_figure", "tightness_rom_values"]


def tightness_rom_values(state: dict) -> dict[str, dict]:
    """Plotly attributes of explorer 1's two state-dependent traces.

    Parameters
    ----------
    state : dict
        Output of :func:`hipcourse.explorers.tightness_rom.state.rom_state`.

    Returns
    -------
    dict
        ``"bar"``: attributes of the ROM bar trace (``x``, ``text``, ``hovertext``,
        ``marker.color``, ``name``); ``"polar"``: attributes of the circumduction trace
        (``r``, ``hovertext``, ``name``). Angles rounded to 0.1 degree.
    """
    rom, by = state["rom"], state["limited_by"]
    label = style.REGION_LABELS[state["region"]].split(" (")[0].lower()
    name = f"Tight {label} ({style.slack_text(state['tightness'])})"
    env = state["envelope"]
    r = [style.r1(v) for v in env["limit_deg"]]
    hover = [style.structure_label(b, short=True) for b in env["limited_by"]]
    return {
        "bar": {
            "x": [style.r1(rom[m]) for m in ROM_KEYS],
            "text": [
                f"{rom[m]:.0f}\u00b0 \u00b7 {style.structure_label(by[m], short=True)}"
                for m in ROM_KEYS
            ],
            "hovertext": [
                f"{style.motion_label(m)}: {rom[m]:.1f}\u00b0<br>"
                f"stopped by {style.structure_label(by[m])}"
                for m in ROM_KEYS
            ],
            "marker.color": [style.STRUCTURE_COLOURS.get(by[m], "#999999") for m in ROM_KEYS],
            "name": name,
        },
        "polar": {
            "r": [*r, r[0]],
            "hovertext": [*hover, hover[0]],
            "name": f"{name}: {state['solid_angle_sr']:.2f} sr",
        },
    }


def _rom_band_trace(y_labels: list[str]) -> go.Bar:
    base, width, hover = [], [], []
    for m in ROM_KEYS:
        rec = published.norm_for(m)
        span = rec.high_deg - rec.low_deg
        if span < 3.0:  # a single quoted value: draw a thin band around it
            base.append(rec.low_deg - 1.5 + span / 2)
            width.append(3.0)
            hover.append(f"typical adult value about {rec.low_deg:.0f}\u00b0 ({rec.source_key})")
        else:
            base.append(rec.low_deg)
            width.append(span)
            hover.append(
                f"typical adult range {rec.low_deg:.0f}\u2013{rec.high_deg:.0f}\u00b0 "
                f"({rec.source_key})"
            )
    return go.Bar(
        name="Typical adult range (AAOS)",
        y=y_labels,
        x=width,
        base=base,
        orientation="h",
        width=0.8,
        marker={"color": "rgba(120,120,120,0.25)", "line": {"width": 0}},
        hovertext=hover,
        hoverinfo="text",
    )


def build(
    region: str = "whole",
    fraction: float = DEFAULT_FRACTION,
    n_steps: int = DEFAULT_STEPS,
    regions: tuple[str, ...] = style.REGION_ORDER,
    sex: str = "male",
) -> tuple[go.Figure, tuple[Control, ...]]:
    """The figure and its static controls (see :func:`tightness_rom_figure`)."""
    if region not in regions:
        raise ValueError(f"region={region!r} is not one of {', '.join(regions)}")
    fracs = fractions(n_steps) if n_steps else [float(fraction)]
    active = min(range(len(fracs)), key=lambda i: abs(fracs[i] - fraction))
    states = {
        reg: [rom_state(reg, tightness_from_fraction(reg, f), sex) for f in fracs]
        for reg in regions
    }
    normal = rom_state(region, 0.0, sex)
    y_labels = [style.motion_label(m) for m in ROM_KEYS]
    theta = [style.r1(a) for a in normal["envelope"]["azimuth_deg"]]
    theta = [*theta, theta[0]]

    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.58, 0.42],
        horizontal_spacing=0.16,
        specs=[[{"type": "xy"}, {"type": "polar"}]],
    )
    fig.add_trace(_rom_band_trace(y_labels), row=1, col=1)
    normal_vals = tightness_rom_values(normal)
    fig.add_trace(
        go.Scatter(
            name="Normal capsule (model)",
            x=normal_vals["bar"]["x"],
            y=y_labels,
            mode="markers",
            marker={"symbol": "line-ns-open", "size": 26, "color": "#333333",
                    "line": {"width": 3}},
            hovertext=[f"normal capsule: {t}" for t in normal_vals["bar"]["text"]],
            hoverinfo="text",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatterpolar(
            name=f"Normal capsule: {normal['solid_angle_sr']:.2f} sr",
            theta=theta,
            r=normal_vals["polar"]["r"],
            mode="lines",
            line={"color": "#333333", "dash": "dot", "width": 2},
            hovertext=normal_vals["polar"]["hovertext"],
            hoverinfo="r+text",
        ),
        row=1,
        col=2,
    )
    dynamic: dict[str, list[int]] = {}
    for reg in regions:
        vals = tightness_rom_values(states[reg][active])
        visible = reg == region
        bar = go.Bar(y=y_labels, orientation="h", width=0.45, textposition="outside",
                     cliponaxis=False, hoverinfo="text", visible=visible, legendgroup="tight")
        polar = go.Scatterpolar(theta=theta, mode="lines", fill="toself",
                                line={"color": "#d55e00", "width": 2},
                                fillcolor="rgba(213,94,0,0.15)", hoverinfo="r+text",
                                visible=visible, legendgroup="tight")
        for key, value in vals["bar"].items():
            bar[key] = value
        for key, value in vals["polar"].items():
            polar[key] = value
        fig.add_trace(bar, row=1, col=1)
        fig.add_trace(polar, row=1, col=2)
        dynamic[reg] = [len(fig.data) - 2, len(fig.data) - 1]

    layout: dict = {
        **frame_layout(n_steps, left=10, right=70),
        "barmode": "overlay",
        "title": {
            "text": "Explorer 1. Capsule tightness and range of motion",
            "x": 0.0,
            "y": 0.985,
            "yanchor": "top",
        },
        "xaxis": {"title": {"text": "Range of motion (\u00b0 from neutral)"}, "range": [0, 175],
                  "automargin": True},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "polar": {
            "angularaxis": {
                "rotation": 90,
                "direction": "counterclockwise",
                "tickmode": "array",
                "tickvals": [0, 90, 180, 270],
                "ticktext": ["flexion", "adduction", "extension", "abduction"],
            },
            "radialaxis": {"range": [0, 130], "angle": 45, "tickangle": 45,
                           "ticksuffix": "\u00b0"},
        },
        "hovermode": "closest",
    }
    controls: tuple[Control, ...] = ()
    if n_steps:
        controls = region_controls(regions, region, dynamic, states, fracs,
                                   tightness_rom_values, ("bar", "polar"), active)
        layout.update(plotly_controls(controls))
    fig.update_layout(**layout)
    fig.layout.template = style.small_template()  # assignment replaces the default theme
    fig.update_layout(meta={"alt_text": caption_tightness_rom(region, fracs[active], sex)})
    return fig, controls


def tightness_rom_figure(
    region: str = "whole",
    fraction: float = DEFAULT_FRACTION,
    n_steps: int = DEFAULT_STEPS,
    regions: tuple[str, ...] = style.REGION_ORDER,
    sex: str = "male",
) -> go.Figure:
    """Explorer 1: capsule tightness -> the six ranges of motion and the circumduction cone.

    Left, one horizontal bar per motion (coloured and labelled by the structure that stops
    it) over the AAOS typical adult range, with a tick at the normal-capsule model value.
    Right, the circumduction envelope for the normal and the tight capsule. A slider sets
    tightness as a share of each region's meaningful range; buttons choose which part of the
    capsule is tight. Every slider step is precomputed with the explorer's state function, so
    the figure works in a browser without Python.

    Parameters
    ----------
    region : str, default "whole"
        Region shown first (one of ``regions``).
    fraction : float, default 0.5
        Tightness shown first, as a share of the region's meaningful range; it is snapped to
        the nearest slider step.
    n_steps : int, default 21
        Slider steps from 0 to 1 (the meaningful range). ``0`` draws a figure without controls
        (used by the live widget).
    regions : tuple of str
        Regions with a button (and precomputed states).
    sex : {"male", "female"}
    """
    return build(region, fraction, n_steps, regions, sex)[0]


def readout(figure: dict) -> dict:
    """What the figure shows of the tight capsule: ROM bars and envelope of the visible set."""
    out = {}
    for trace in figure["data"]:
        if trace.get("legendgroup") != "tight" or trace.get("visible") is False:
            continue
        if trace["type"] == "bar":
            out["rom"] = list(trace["x"])
            out["limited_by"] = [t.split(" \u00b7 ")[1] for t in trace["text"]]
            out["bar_colour"] = list(trace["marker"]["color"])
        else:
            out["envelope"] = list(trace["r"])
            out["solid_angle"] = trace["name"].rsplit(": ", 1)[1]
    return out
