"""Figure of lesson 08 (hip arthritis): how cartilage is fed without blood vessels.

* ``cartilage_squeeze`` -- a schematic slice through a joint surface, with weight on (the
  cartilage is pressed thinner and joint fluid moves out of it) and with weight off (it swells
  back and fluid moves in). Blood vessels run in the bone and stop below the cartilage.

A concept drawing, not to scale and not a measurement: the lesson's text says what is known and
what is not (that loading helps the exchange; that it does not regrow lost cartilage).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import style
from . import FigureSpec
from .mannequin import panel_figure

__all__ = ["FIGURES", "CARTILAGE_THICKNESS", "PANELS"]

_BONE = "#d9c9a3"
_BONE_LINE = "#8c7a55"
_CARTILAGE = "#56b4e9"
_FLUID = "#fff3c4"
_VESSEL = "#b2182b"
_FLOW = "#009e73"
_WIDTH = 10.0
_BONE_TOP = 2.0
_UPPER_BONE = 0.8
#: Drawn fluid film between the cartilage layers (drawing units).
_FLUID_GAP = {"off": 1.2, "on": 0.35}

#: Drawn cartilage thickness (drawing units) with weight off and on: squeezed thinner on.
CARTILAGE_THICKNESS = {"off": 0.9, "on": 0.65}
#: The two panels, top to bottom: (state, title).
PANELS = (("on", "Weight on: fluid is pressed out"),
          ("off", "Weight off: fluid flows back in"))


def _rect(x0: float, x1: float, y0: float, y1: float, colour: str, name: str, panel: int,
          line: str | None = None, legend: bool = False) -> go.Scatter:
    s = "" if panel == 1 else str(panel)
    return go.Scatter(x=[x0, x1, x1, x0, x0], y=[y0, y0, y1, y1, y0], fill="toself",
                      fillcolor=colour, mode="lines", line={"color": line or colour, "width": 1},
                      name=name, hoverinfo="name", showlegend=legend, legendgroup=name,
                      xaxis=f"x{s}", yaxis=f"y{s}")


def _label(fig: go.Figure, x: float, y: float, text: str, panel: int) -> None:
    s = "" if panel == 1 else str(panel)
    fig.add_annotation(x=x, y=y, text=text, showarrow=False, xanchor="left",
                       font=style.FONT_SMALL, xref=f"x{s}", yref=f"y{s}")


def _flow_arrow(fig: go.Figure, tail: tuple, head: tuple, panel: int) -> None:
    s = "" if panel == 1 else str(panel)
    fig.add_annotation(x=head[0], y=head[1], ax=tail[0], ay=tail[1], axref=f"x{s}",
                       ayref=f"y{s}", xref=f"x{s}", yref=f"y{s}", text="", showarrow=True,
                       arrowhead=2, arrowsize=1.1, arrowwidth=2.5, arrowcolor=_FLOW)


def _panel(fig: go.Figure, state: str, panel: int) -> None:
    c = CARTILAGE_THICKNESS[state]
    top = _BONE_TOP + c
    fluid_top = top + _FLUID_GAP[state]
    upper = fluid_top + c  # the facing surface's cartilage, then its bone
    first = panel == 1
    fig.add_trace(_rect(0, _WIDTH, 0, _BONE_TOP, _BONE, "bone", panel, _BONE_LINE, first))
    fig.add_trace(_rect(0, _WIDTH, _BONE_TOP, top, _CARTILAGE, "cartilage", panel,
                        legend=first))
    fig.add_trace(_rect(0, _WIDTH, top, fluid_top, _FLUID, "joint fluid", panel, "#c9b458",
                        first))
    fig.add_trace(_rect(0, _WIDTH, fluid_top, upper, _CARTILAGE, "cartilage", panel))
    fig.add_trace(_rect(0, _WIDTH, upper, upper + _UPPER_BONE, _BONE, "bone", panel,
                        _BONE_LINE))
    # blood vessels: in the bone only, stopping short of the cartilage
    s = "" if panel == 1 else str(panel)
    y = np.linspace(0.15, _BONE_TOP - 0.25, 20)
    for j, x0 in enumerate((6.4, 7.8, 9.2)):
        fig.add_trace(go.Scatter(
            x=np.round(x0 + 0.18 * np.sin(3.0 * y + j), 3), y=np.round(y, 3), mode="lines",
            line={"color": _VESSEL, "width": 2.5}, name="blood vessel (in bone only)",
            legendgroup="vessel", showlegend=first and j == 0, hoverinfo="name",
            xaxis=f"x{s}", yaxis=f"y{s}"))
    _label(fig, 0.3, _BONE_TOP / 2, "bone: has blood vessels", panel)
    _label(fig, 0.3, (_BONE_TOP + top) / 2, "cartilage: no vessels", panel)
    if state == "off":  # with weight on, the fluid film is too thin to label
        _label(fig, 0.3, (top + fluid_top) / 2, "joint fluid", panel)
    _label(fig, 0.3, upper + _UPPER_BONE / 2, "the facing bone", panel)
    # fluid arrows across the cartilage surface: out (up) with weight on, in (down) with it off
    for x in (6.0, 7.4, 8.8):
        if state == "on":
            _flow_arrow(fig, (x, _BONE_TOP + 0.2), (x + 0.6, fluid_top - 0.05), panel)
        else:
            _flow_arrow(fig, (x + 0.6, fluid_top - 0.15), (x, _BONE_TOP + 0.3), panel)
    if state == "on":  # the weight pressing the surfaces together
        fig.add_annotation(x=9.6, y=upper + _UPPER_BONE, ax=9.6, ay=upper + _UPPER_BONE + 1.0,
                           axref=f"x{s}", ayref=f"y{s}", xref=f"x{s}", yref=f"y{s}", text="",
                           showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=3,
                           arrowcolor="#444444")


def _cartilage_squeeze() -> go.Figure:
    ymax = _BONE_TOP + 2 * CARTILAGE_THICKNESS["off"] + _FLUID_GAP["off"] + _UPPER_BONE + 0.2
    fig = panel_figure(tuple(title for _, title in PANELS),
                       tuple(((-0.1, _WIDTH + 0.1), (-0.1, ymax)) for _ in PANELS),
                       height_px=190)
    for panel, (state, _) in enumerate(PANELS, start=1):
        _panel(fig, state, panel)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name="fluid moving",
                             line={"color": _FLOW, "width": 3}, hoverinfo="skip"))
    fig.update_layout(meta={"alt_text": (
        "A drawing, not to scale, of a thin slice through a joint surface, shown twice. In "
        "both, the bottom layer is bone, with small blood vessels that stop before they reach "
        "the cartilage; on the bone lies a layer of cartilage, which has no blood vessels; "
        "above it is a film of joint fluid and then the facing bone with its own cartilage. "
        "Top, weight on: the facing bone presses down (a dark arrow), the cartilage is "
        "squeezed a little thinner and green arrows show fluid moving out of the cartilage. "
        "Bottom, weight off: the surfaces move apart, the cartilage swells back and green "
        "arrows show fluid moving back into it. This squeeze and release helps feed the "
        "cartilage; it does not make new cartilage.")})
    return fig


FIGURES = {
    "cartilage_squeeze": FigureSpec(build=_cartilage_squeeze, label="Figure"),
}
