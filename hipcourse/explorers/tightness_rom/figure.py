"""Explorer 1 figure: one bar per motion over the typical adult range, and the circumduction
envelope, with region buttons and a tightness slider whose steps are precomputed."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from hipcapsule import published

from ... import style
from .. import _regions
from .caption import caption_tightness_rom
from .state import ROM_KEYS, rom_state

__all__ = ["build", "readout", "tightness_rom_figure", "tightness_rom_values"]


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
        ``marker.color``, ``name``; its ``text`` is not drawn); ``"label"``: the value
        labels (``x``, right of all that is drawn on the row, and ``text``); ``"band"``: the
        ensemble band over each bar (``base`` and ``x``: its low end and width,
        ``hovertext``, ``marker.color``, ``name``); ``"polar"``:
        attributes of the circumduction trace (``r``, ``hovertext``, ``name``). Angles rounded
        to 0.1 degree.
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
        "band": {
            "base": [style.r1(state["band"][m][0]) for m in ROM_KEYS],
            "x": [style.r1(style.r1(state["band"][m][1]) - style.r1(state["band"][m][0]))
                  for m in ROM_KEYS],
            "hovertext": [
                f"{style.motion_label(m)}: model band {state['band'][m][0]:.1f}\u2013"
                f"{state['band'][m][1]:.1f}\u00b0" for m in ROM_KEYS
            ],
            # Restyled too: a slider step sets every key on every dynamic trace.
            "marker.color": _regions.BAND_COLOUR,
            "name": _regions.band_label(),
        },
        # the value labels, right of everything drawn on their row (bar, normal-capsule tick,
        # typical range and band), so no tick or band crosses them
        "label": {
            "x": [style.r1(max(rom[m], state["band"][m][1], _normal_end(m, state["sex"]),
                               published.norm_for(m).high_deg) + _LABEL_GAP_DEG)
                  for m in ROM_KEYS],
            "text": [
                f"{rom[m]:.0f}\u00b0 \u00b7 {style.structure_label(by[m], short=True)}"
                for m in ROM_KEYS
            ],
        },
        "polar": {
            "r": [*r, r[0]],
            "hovertext": [*hover, hover[0]],
            "name": f"{name}: {state['solid_angle_sr']:.2f} sr",
        },
    }


#: Row labels on a phone: the rotations abbreviated as in the text (IR, ER).
_SHORT_MOTION = {"internal_rotation": "IR", "external_rotation": "ER"}

#: Gap between the last thing drawn on a row and its value label (degrees of the x axis).
_LABEL_GAP_DEG = 3.0


@functools.cache
def _normal_end(motion: str, sex: str) -> float:
    """Where the normal-capsule tick of ``motion`` is drawn (degrees)."""
    return style.r1(rom_state("whole", 0.0, sex)["rom"][motion])


def _rom_band_trace(y_labels: list[str]) -> go.Bar:
    base, width, hover = [], [], []
    for m in ROM_KEYS:
        rec = published.norm_for(m)
        span = rec.high_deg - rec.low_deg
        if span < 3.0:  # a single quoted value: draw a thin band around it
            base.append(rec.low_deg - 1.5 + span / 2)
            width.append(3.0)
            hover.append(f"typical adult value about {rec.low_deg:.0f}\u00b0 "
                         f"({style.source_label(rec.source_key)})")
        else:
            base.append(rec.low_deg)
            width.append(span)
            hover.append(
                f"typical adult range {rec.low_deg:.0f}\u2013{rec.high_deg:.0f}\u00b0 "
                f"({style.source_label(rec.source_key)})"
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


def _base(normal: dict, sex: str) -> go.Figure:
    """Subplots, the typical-range band, the normal-capsule ticks and envelope."""
    y_labels = [style.motion_label(m) for m in ROM_KEYS]
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
            theta=_theta(normal),
            r=normal_vals["polar"]["r"],
            mode="lines",
            line={"color": "#333333", "dash": "dot", "width": 2},
            hovertext=normal_vals["polar"]["hovertext"],
            hoverinfo="r+text",
        ),
        row=1,
        col=2,
    )
    return fig


def _theta(normal: dict) -> list[float]:
    theta = [style.r1(a) for a in normal["envelope"]["azimuth_deg"]]
    return [*theta, theta[0]]


def _dynamic(fig: go.Figure, normal: dict, vals: dict, visible: bool) -> None:
    """One region's tight-capsule bars, their ensemble band and the envelope."""
    bar = go.Bar(y=[style.motion_label(m) for m in ROM_KEYS], orientation="h", width=0.45,
                 textposition="none", hoverinfo="text", visible=visible, legendgroup="tight")
    label = go.Scatter(y=[style.motion_label(m) for m in ROM_KEYS], mode="text",
                       textposition="middle right", cliponaxis=False, hoverinfo="skip",
                       showlegend=False, visible=visible, legendgroup="tight_label")
    polar = go.Scatterpolar(theta=_theta(normal), mode="lines", fill="toself",
                            line={"color": "#d55e00", "width": 2},
                            fillcolor="rgba(213,94,0,0.15)", hoverinfo="r+text",
                            visible=visible, legendgroup="tight")
    # Just below the bar (offset and width in category units), clear of the bar's text.
    band = go.Bar(y=[style.motion_label(m) for m in ROM_KEYS], orientation="h", width=0.13,
                  offset=0.24,
                  hoverinfo="text", visible=visible, legendgroup="tight_band",
                  marker={"line": {"color": "#000000", "width": 1.5}})
    for trace, key in ((bar, "bar"), (band, "band"), (label, "label"), (polar, "polar")):
        for attr, value in vals[key].items():
            trace[attr] = value
    fig.add_trace(bar, row=1, col=1)
    fig.add_trace(band, row=1, col=1)
    fig.add_trace(label, row=1, col=1)
    fig.add_trace(polar, row=1, col=2)


def _layout(n_steps: int) -> dict:
    return {
        **_regions.frame_layout(n_steps, left=10, right=70),
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
            # a tick every 40 degrees: labels along the 45-degree axis stay apart
            "radialaxis": {"range": [0, 130], "angle": 45, "tickangle": 45, "dtick": 40,
                           "ticksuffix": "\u00b0"},
        },
        # on a phone: the bars above the envelope, both full width, the legend below
        "narrow": {
            "height": 1060, "margin.b": 230, "xaxis.domain": [0.0, 1.0],
            "xaxis.range": [0, 230], "yaxis.domain": [0.5, 1.0], "margin.r": 40,
            "polar.domain.x": [0.0, 0.9], "polar.angularaxis.tickfont.size": 11,
            # short rotation labels leave the envelope (a part of the plot area) wide enough
            "yaxis.tickmode": "array", "yaxis.tickvals": [style.motion_label(m) for m in ROM_KEYS],
            "yaxis.ticktext": [_SHORT_MOTION.get(m, style.motion_label(m)) for m in ROM_KEYS],
            "polar.radialaxis.tickangle": 0,
            "polar.domain.y": [0.0, 0.34], "legend.y": -0.04, "legend.font.size": 11,
        },
    }


#: Explorer 1: capsule tightness -> the six ranges of motion and the circumduction cone. Left,
#: one horizontal bar per motion (coloured and labelled by the structure that stops it) over
#: the AAOS typical adult range, with a tick at the normal-capsule model value; right, the
#: circumduction envelope for the normal and the tight capsule.
SPEC = _regions.RegionFigure(
    state=rom_state, values=tightness_rom_values, keys=("bar", "band", "label", "polar"),
    base=_base,
    dynamic=_dynamic, layout=_layout, caption=caption_tightness_rom)

#: ``build(region="whole", fraction=0.5, n_steps=21, regions=..., sex="male")``: the figure
#: and its controls (see :func:`hipcourse.explorers._regions.build_region_figure`).
build = functools.partial(_regions.build_region_figure, SPEC)

tightness_rom_figure = _regions.figure_only(build)


def readout(figure: dict) -> dict:
    """What the figure shows of the tight capsule: ROM bars, their band and the envelope of the
    visible set."""
    out = {}
    for trace in _regions.visible_traces(figure, lambda t: t.get("legendgroup") == "tight"):
        if trace["type"] == "bar":
            out.update(rom=list(trace["x"]), bar_colour=list(trace["marker"]["color"]),
                       limited_by=[t.split(" \u00b7 ")[1] for t in trace["text"]])
        else:
            out.update(envelope=list(trace["r"]), solid_angle=trace["name"].rsplit(": ", 1)[1])
    for trace in _regions.visible_traces(figure, lambda t: t.get("legendgroup") == "tight_band"):
        out["band"] = [[b, round(b + w, 1)] for b, w in zip(trace["base"], trace["x"],
                                                            strict=True)]
        out.update(band_name=trace.get("name"), band_colour=trace["marker"].get("color"))
    return out
