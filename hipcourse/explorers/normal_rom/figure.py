"""Normal-ROM figure: typical ranges, the course model with its ensemble band, a held-out
cadaver angle and rotation measured in living adults, with buttons that switch the test
position (the measured rotation and the flexion at which the model's rotation is taken)."""

from __future__ import annotations

import plotly.graph_objects as go

from hipcapsule import MOTIONS, evidence, published

from ... import style
from .._regions import BAND_COLOUR, band_label
from ..base import Control, Option, plotly_controls
from .state import HELD_OUT_KEYS, POSITIONS, normal_rom_state, study_label

__all__ = ["build", "normal_rom_figure", "normal_rom_values", "readout"]

#: Legend groups of the traces, in trace order (the readout finds traces by group).
GROUPS: tuple[str, ...] = ("aaos", "model", "model_band", "held_out", "measured")
#: Traces the position buttons restyle (model, its band, measured rotation).
DYNAMIC: tuple[int, ...] = (1, 2, 4)

_MODEL_COLOUR = "#d55e00"


def _rotation_note(state: dict) -> str:
    return f"rotation with the hip flexed {state['hip_flexion_deg']:.0f}\u00b0"


def normal_rom_values(state: dict) -> dict[str, dict]:
    """Plotly attributes of the traces that change with the test position.

    Returns
    -------
    dict
        ``"model"`` (``y``, ``hovertext``, ``name``), ``"model_band"`` (``base``, ``y``: the
        band's low end and width, ``hovertext``, ``name``) and ``"measured"`` (``y``,
        ``name``); degrees rounded to 0.1, ``None`` for motions without a value.
    """
    model, band, by = state["model"], state["model_band"], state["model_limited_by"]
    lows = [style.r1(band[m][0]) for m in MOTIONS]
    highs = [style.r1(band[m][1]) for m in MOTIONS]
    measured = state["measured"]
    position = state["position"]
    return {
        "model": {
            "y": [style.r1(model[m]) for m in MOTIONS],
            "hovertext": [f"{style.motion_label(m)}: {model[m]:.1f}\u00b0 in the model, stopped "
                          f"by {style.structure_label(by[m], short=True)}" for m in MOTIONS],
            "name": f"Course model, capsule only ({_rotation_note(state)})",
        },
        "model_band": {
            "base": lows,
            "y": [style.r1(h - lo) for lo, h in zip(lows, highs, strict=True)],
            "hovertext": [f"{style.motion_label(m)}: model band {lo:.1f}\u2013{h:.1f}\u00b0"
                          for m, lo, h in zip(MOTIONS, lows, highs, strict=True)],
            "name": band_label(),
        },
        "measured": {
            "y": [style.r1(measured[m]) if m in measured else None for m in MOTIONS],
            "name": (f"Measured in living adults, {position} (hip flexed "
                     f"{state['hip_flexion_deg']:.0f}\u00b0)"),
        },
    }


def _held_out_name() -> str:
    rows = [evidence.row(k) for k in HELD_OUT_KEYS.values()]
    studies = ", ".join(sorted({study_label(r.source_key) for r in rows}))
    return (f"Cadaver, capsule only, {published.CAPSULE_LIMIT_TORQUE_NM:g} N\u00b7m "
            f"({studies}; held out from the model's fit)")


def _base_figure(state: dict) -> go.Figure:
    x = [style.motion_label(m) for m in MOTIONS]
    aaos = {m: published.norm_for(m) for m in MOTIONS}
    aaos_y = [aaos[m].typical_deg for m in MOTIONS]
    aaos_plus = [round(aaos[m].high_deg - aaos[m].typical_deg, 1) for m in MOTIONS]
    aaos_minus = [round(aaos[m].typical_deg - aaos[m].low_deg, 1) for m in MOTIONS]
    aaos_hover = [
        f"{style.motion_label(m)}: {aaos[m].low_deg:.0f}\u2013{aaos[m].high_deg:.0f}\u00b0"
        if aaos[m].low_deg != aaos[m].high_deg
        else f"{style.motion_label(m)}: about {aaos[m].high_deg:.0f}\u00b0"
        for m in MOTIONS
    ]
    held = state["held_out"]
    held_rows = {m: evidence.row(k) for m, k in HELD_OUT_KEYS.items()}
    held_y = [held[m][0] if m in held else None for m in MOTIONS]
    held_sd = [held[m][1] if m in held else None for m in MOTIONS]
    held_hover = [
        f"{style.motion_label(m)}: {held[m][0]:g} \u00b1 {held[m][1]:g}\u00b0, "
        f"{held_rows[m].n} cadaver hips ({study_label(held_rows[m].source_key)}); hip flexion not "
        "stated with the value" if m in held else f"{style.motion_label(m)}: no held-out value"
        for m in MOTIONS
    ]
    vals = normal_rom_values(state)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        name="Typical adult range (AAOS)", x=x, y=aaos_y, legendgroup="aaos", offsetgroup="aaos",
        error_y={"type": "data", "symmetric": False, "array": aaos_plus,
                 "arrayminus": aaos_minus, "visible": True},
        marker={"color": "#999999"}, hovertext=aaos_hover, hoverinfo="text",
    ))
    fig.add_trace(go.Bar(x=x, legendgroup="model", offsetgroup="model",
                         marker={"color": _MODEL_COLOUR}, hoverinfo="text", **vals["model"]))
    fig.add_trace(go.Bar(x=x, legendgroup="model_band", offsetgroup="model",
                         marker={"color": BAND_COLOUR, "line": {"color": "#000000",
                                                                 "width": 1.5}},
                         hoverinfo="text", **vals["model_band"]))
    fig.add_trace(go.Bar(
        name=_held_out_name(), x=x, y=held_y, legendgroup="held_out", offsetgroup="held_out",
        error_y={"type": "data", "array": held_sd, "visible": True},
        marker={"color": "#e69f00", "pattern": {"shape": "/"}}, hovertext=held_hover,
        hoverinfo="text",
    ))
    fig.add_trace(go.Bar(x=x, legendgroup="measured", offsetgroup="measured",
                         marker={"color": "#0072b2"}, hoverinfo="x+y+name", **vals["measured"]))
    return fig


def _restyle(state: dict) -> list:
    """The ``restyle`` arguments that show ``state`` (traces :data:`DYNAMIC`)."""
    vals = normal_rom_values(state)
    per_trace = [vals["model"], vals["model_band"], vals["measured"]]
    keys: list[str] = []
    for attrs in per_trace:
        keys += [k for k in attrs if k not in keys]
    return [{k: [attrs.get(k) for attrs in per_trace] for k in keys}, list(DYNAMIC)]


def build(position: str = "prone", *, buttons: bool = True, sex: str = "male"):
    """The figure and its position buttons (restyle the model, band and measured traces).

    Raises
    ------
    ValueError
        If ``position`` is unknown.
    """
    state = normal_rom_state(position, sex)  # validates the position
    fig = _base_figure(state)
    controls: tuple[Control, ...] = ()
    if buttons:
        options = []
        for pos in POSITIONS:
            record = published.rotation_for_position(pos)
            options.append(Option(
                f"{pos.capitalize()} ({record.hip_flexion_deg:.0f}\u00b0 flexion)", pos,
                _restyle(normal_rom_state(pos, sex))))
        controls = (Control("position", "buttons", tuple(options), POSITIONS.index(position), {
            "x": 0.21, "xanchor": "left", "y": 1.03, "yanchor": "bottom",
            "pad": {"r": 4, "t": 0}}),)
    fig.update_layout(
        title={
            "text": "Figure 2. Typical hip range of motion, the course model and rotation by "
                    "test position",
            "y": 0.98,
            "yanchor": "top",
        },
        # two-word motions on two lines, level: rotated labels ran into the legend
        xaxis={"title": {"text": "Hip motion"}, "tickmode": "array", "tickangle": 0,
               "tickvals": [style.motion_label(m) for m in MOTIONS],
               "ticktext": [style.motion_label(m).replace(" ", "<br>") for m in MOTIONS]},
        yaxis={"title": {"text": "Range of motion (degrees from neutral)"}, "range": [0, 150]},
        barmode="group",
        template="plotly_white",
        font=style.FONT,
        height=690,
        legend={"orientation": "h", "yanchor": "top", "y": -0.27, "x": 0.0},
        margin={"l": 70, "r": 30, "t": 130, "b": 240},
        **plotly_controls(controls),
        annotations=[
            {
                "text": "Rotation measured:",
                "showarrow": False,
                "x": 0.0,
                "xref": "paper",
                "xanchor": "left",
                "y": 1.06,
                "yref": "paper",
                "yanchor": "bottom",
            }
        ] if buttons else [],
        # on a phone (coursekit.plotly_renderer): the buttons are the HTML twins below the
        # figure, so their heading goes; steeper motion labels, a smaller legend
        meta={"narrow": {"xaxis.title.text": "", "xaxis.tickangle": -60,
                         "legend.font.size": 10, "legend.y": -0.42, "margin.b": 290,
                         "xaxis.ticktext": [style.motion_label(m) for m in MOTIONS],
                         "height": 740, **({"annotations[0].visible": False} if buttons
                                           else {})}},
    )
    return fig, controls


def normal_rom_figure(position: str = "prone") -> go.Figure:
    """Grouped bars of typical hip ranges, the model, a held-out cadaver angle and rotation
    measured in one test position.

    Traces (in order): the AAOS typical adult range (bar at the mid-point, whiskers to the
    quoted ends); the course model's limit at 5 N m (rotation from the test position's hip
    flexion, the other motions from neutral); its ensemble band (a thin dark bar over the model
    bar, from the 10th to the 90th percentile); held-out cadaver angles with their SD; and the
    internal and external rotation measured in living adults in one position. Buttons switch
    the position without a kernel.
    """
    return build(position)[0]


def readout(figure: dict) -> dict:
    """What the figure shows that depends on the position: the model's values and band, and
    the measured rotation (values and legend name)."""
    traces = {t.get("legendgroup"): t for t in figure["data"]}
    band = traces["model_band"]
    measured = traces["measured"]
    return {
        "model": list(traces["model"]["y"]),
        "model_name": traces["model"]["name"],
        "band": [[b, round(b + w, 1)] for b, w in zip(band["base"], band["y"], strict=True)],
        "measured": [v for v in measured["y"] if v is not None],
        "name": measured["name"],
    }
