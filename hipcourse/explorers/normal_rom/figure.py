"""Normal-ROM figure: typical ranges, capsule-only cadaver limits and rotation measured in
living adults, with buttons that switch the test position."""

from __future__ import annotations

import plotly.graph_objects as go

from hipcapsule import MOTIONS, published

from ... import style
from ..base import Control, Option, plotly_controls
from .state import POSITIONS, normal_rom_state

__all__ = ["build", "normal_rom_figure", "readout", "rotation_name", "rotation_y"]


def rotation_y(position: str) -> list[float | None]:
    """Bar heights of the measured-rotation trace (None for motions not measured)."""
    measured = normal_rom_state(position)["measured"]
    return [round(measured[m], 1) if m in measured else None for m in MOTIONS]


def rotation_name(position: str) -> str:
    """Legend name of the measured-rotation trace."""
    record = published.rotation_for_position(position)
    return f"Measured rotation, {position} (hip flexed {record.hip_flexion_deg:.0f}\u00b0)"


def _base_figure(position: str) -> go.Figure:
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
    cadaver = {c.motion: c for c in published.CADAVER_LIMITS}
    cadaver_y = [cadaver[m].limit_deg if m in cadaver else None for m in MOTIONS]
    cadaver_hover = [
        f"{style.motion_label(m)}: {cadaver[m].limit_deg:.0f}\u00b0 ({cadaver[m].condition})"
        if m in cadaver
        else f"{style.motion_label(m)}: not reported"
        for m in MOTIONS
    ]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        name="Typical adult range (AAOS)", x=x, y=aaos_y,
        error_y={"type": "data", "symmetric": False, "array": aaos_plus,
                 "arrayminus": aaos_minus, "visible": True},
        marker={"color": "#999999"}, hovertext=aaos_hover, hoverinfo="text",
    ))
    fig.add_trace(go.Bar(
        name=f"Capsule-only limit at {published.CAPSULE_LIMIT_TORQUE_NM:g} N\u00b7m, cadavers",
        x=x, y=cadaver_y, marker={"color": "#e69f00"}, hovertext=cadaver_hover,
        hoverinfo="text",
    ))
    fig.add_trace(go.Bar(name=rotation_name(position), x=x, y=rotation_y(position),
                         marker={"color": "#0072b2"}, hoverinfo="x+y+name"))
    return fig


def build(position: str = "prone", *, buttons: bool = True):
    """The figure and its position buttons (restyle the measured-rotation trace).

    Raises
    ------
    ValueError
        If ``position`` is unknown.
    """
    published.rotation_for_position(position)  # validate early
    fig = _base_figure(position)
    controls: tuple[Control, ...] = ()
    if buttons:
        options = []
        for pos in POSITIONS:
            record = published.rotation_for_position(pos)
            options.append(Option(
                f"{pos.capitalize()} ({record.hip_flexion_deg:.0f}\u00b0 flexion)", pos,
                [{"y": [rotation_y(pos)], "name": [rotation_name(pos)]}, [2]]))
        controls = (Control("position", "buttons", tuple(options), POSITIONS.index(position), {
            "x": 0.21, "xanchor": "left", "y": 1.03, "yanchor": "bottom",
            "pad": {"r": 4, "t": 0}}),)
    fig.update_layout(
        title={
            "text": "Figure 2. Typical hip range of motion and rotation by test position",
            "y": 0.98,
            "yanchor": "top",
        },
        xaxis={"title": {"text": "Hip motion"}},
        yaxis={"title": {"text": "Range of motion (degrees from neutral)"}, "range": [0, 135]},
        barmode="group",
        template="plotly_white",
        font=style.FONT,
        height=580,
        legend={"orientation": "h", "yanchor": "top", "y": -0.16, "x": 0.0},
        margin={"l": 70, "r": 30, "t": 130, "b": 130},
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
    )
    return fig, controls


def normal_rom_figure(position: str = "prone") -> go.Figure:
    """Bar chart of typical hip ranges with rotation switchable by test position.

    Three traces per motion: the AAOS typical adult range (bar at the mid-point, whiskers to
    the quoted ends), the capsule-only cadaver limit at 5 N m, and the internal and external
    rotation measured in living adults in one test position. Buttons switch the measured
    rotation between prone, seated and supine without a kernel.
    """
    return build(position)[0]


def readout(figure: dict) -> dict:
    """The measured rotation the figure shows: (IR, ER) of the third trace, and its name."""
    trace = figure["data"][2]
    y = list(trace["y"])
    return {"measured": [v for v in y if v is not None], "name": trace["name"]}
