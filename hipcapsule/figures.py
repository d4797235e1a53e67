"""Plotly figure builders for the course.

Each builder returns a fresh :class:`plotly.graph_objects.Figure`. Figures are
deterministic: no random ids, no ``uid``, and floats rounded to 0.1 degree, so
the same call always produces the same JSON and works on the static site.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from hipcapsule import explorer_state, norms

__all__ = [
    "DEFAULT_STEPS",
    "REGION_LABELS",
    "REGION_ORDER",
    "ROLE_COLOURS",
    "STRUCTURE_COLOURS",
    "caption_rotation_position",
    "figure_description",
    "caption_tightness_rom",
    "rotation_position_figure",
    "rotation_position_values",
    "tightness_rom_figure",
    "tightness_rom_values",
    "ligament_profile_data",
    "ligament_profile_figure",
    "ligament_restraint_figure",
    "normal_rom_figure",
]

_TEMPLATE = "plotly_white"
_FONT = {"family": "Arial, sans-serif", "size": 14}

#: Colour for each restraint role (colour-blind safe, from the Okabe-Ito palette).
ROLE_COLOURS: dict[str, str] = {
    "none": "#eeeeee",
    "secondary": "#e69f00",
    "primary": "#0072b2",
}


def _motion_label(motion: str) -> str:
    return motion[0].upper() + motion[1:]


def _citations(keys: tuple[str, ...]) -> str:
    return ", ".join(keys)


# ===========================================================================
# Lesson 01: anatomy and norms
# ===========================================================================


def ligament_restraint_figure() -> go.Figure:
    """Heatmap of which capsular ligament restrains which hip motion.

    Rows are the ligaments of :data:`hipcapsule.norms.LIGAMENTS`, columns the
    motions of :data:`hipcapsule.norms.RESTRAINT_MOTIONS`. Cell colour encodes
    the role: none (0), secondary (1) or primary (2). Hover text gives the hip
    position in which the restraint matters and the citation keys.

    Returns
    -------
    plotly.graph_objects.Figure
        A heatmap with a title, axis titles and a labelled three-step colour bar.
    """
    z = norms.restraint_matrix()
    x_labels = [_motion_label(m) for m in norms.RESTRAINT_MOTIONS]
    y_labels = [lig.name for lig in norms.LIGAMENTS]
    hover = []
    for lig in norms.LIGAMENTS:
        row = []
        for motion in norms.RESTRAINT_MOTIONS:
            role = lig.role_for(motion)
            context = lig.context_for(motion)
            text = f"{lig.name}<br>{_motion_label(motion)}: <b>{role}</b>"
            if context:
                text += f" ({context})"
            text += f"<br>Sources: {_citations(lig.source_keys)}"
            row.append(text)
        hover.append(row)

    c_none, c_sec, c_pri = (ROLE_COLOURS[k] for k in ("none", "secondary", "primary"))
    colourscale = [
        [0.0, c_none],
        [1 / 3, c_none],
        [1 / 3, c_sec],
        [2 / 3, c_sec],
        [2 / 3, c_pri],
        [1.0, c_pri],
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x_labels,
            y=y_labels,
            zmin=-0.5,
            zmax=2.5,
            colorscale=colourscale,
            xgap=2,
            ygap=2,
            text=hover,
            hoverinfo="text",
            colorbar={
                "title": {"text": "Restraint role"},
                "tickmode": "array",
                "tickvals": [0, 1, 2],
                "ticktext": ["none", "secondary", "primary"],
                "len": 0.6,
            },
            name="restraint",
        )
    )
    fig.update_layout(
        title={"text": "Figure 1. Which capsular ligament restrains which hip motion"},
        xaxis={
            "title": {"text": "Hip motion (direction the thigh moves)"},
            "side": "bottom",
            "tickangle": -30,
            "automargin": True,
        },
        yaxis={"title": {"text": "Ligament"}, "autorange": "reversed", "automargin": True},
        template=_TEMPLATE,
        font=_FONT,
        height=520,
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
    )
    return fig


def ligament_profile_figure(ligament_key: str = "ischiofemoral") -> go.Figure:
    """Bar chart of one ligament's restraint role for each motion.

    Parameters
    ----------
    ligament_key : str, default "ischiofemoral"
        A key from :data:`hipcapsule.norms.LIGAMENT_KEYS`.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar per motion; height 0 (none), 1 (secondary) or 2 (primary).

    Raises
    ------
    ValueError
        If ``ligament_key`` is unknown.
    """
    ligament = norms.ligament_by_key(ligament_key)
    x, y, colours, hover = ligament_profile_data(ligament)
    fig = go.Figure(
        go.Bar(
            x=x,
            y=y,
            marker={"color": colours},
            hovertext=hover,
            hoverinfo="text",
            name="restraint role",
        )
    )
    fig.update_layout(
        title={"text": f"Restraint role for each motion: {ligament.name}"},
        xaxis={"title": {"text": "Hip motion"}},
        yaxis={
            "title": {"text": "Restraint role"},
            "tickmode": "array",
            "tickvals": [0, 1, 2],
            "ticktext": ["none", "secondary", "primary"],
            "range": [0, 2.3],
        },
        template=_TEMPLATE,
        font=_FONT,
        height=380,
        showlegend=False,
    )
    return fig


def ligament_profile_data(
    ligament: norms.Ligament,
) -> tuple[list[str], list[int], list[str], list[str]]:
    """Bar data for one ligament's restraint profile.

    Shared by :func:`ligament_profile_figure` and the live explorer widget, which
    writes these values into an existing figure instead of rebuilding it.

    Parameters
    ----------
    ligament : hipcapsule.norms.Ligament
        The ligament to describe.

    Returns
    -------
    x : list of str
        Motion labels, one per entry of :data:`hipcapsule.norms.RESTRAINT_MOTIONS`.
    y : list of int
        Restraint level per motion: 0 none, 1 secondary, 2 primary.
    colours : list of str
        Bar colour per motion, from :data:`ROLE_COLOURS`.
    hover : list of str
        Hover text per motion, including the position qualifier.
    """
    x = [_motion_label(m) for m in norms.RESTRAINT_MOTIONS]
    y = [norms.restraint_level(ligament.key, m) for m in norms.RESTRAINT_MOTIONS]
    colours = [ROLE_COLOURS[ligament.role_for(m)] for m in norms.RESTRAINT_MOTIONS]
    hover = []
    for motion in norms.RESTRAINT_MOTIONS:
        text = f"{_motion_label(motion)}: {ligament.role_for(motion)}"
        context = ligament.context_for(motion)
        if context:
            text += f" ({context})"
        hover.append(text)
    return x, y, colours, hover


def _rotation_y(position: str) -> list[float | None]:
    record = norms.rotation_for_position(position)
    values: dict[str, float] = {
        "internal rotation": record.internal_rotation_deg,
        "external rotation": record.external_rotation_deg,
    }
    return [round(values[m], 1) if m in values else None for m in norms.ROM_MOTIONS]


def _rotation_name(position: str) -> str:
    record = norms.rotation_for_position(position)
    return f"Measured rotation, {position} (hip flexed {record.hip_flexion_deg:.0f}\u00b0)"


def normal_rom_figure(position: str = "prone") -> go.Figure:
    """Bar chart of typical hip ranges with rotation switchable by test position.

    Three traces are drawn for each motion: the AAOS typical adult range (bar
    at the mid-point, whiskers to the quoted ends), the capsule-only cadaver
    limit at 5 N*m, and the internal and external rotation measured in living
    adults in one test position. Buttons (Plotly ``updatemenus``) switch the
    measured-rotation trace between prone, seated and supine without a kernel.

    Parameters
    ----------
    position : {"prone", "seated", "supine"}, default "prone"
        Test position shown first.

    Returns
    -------
    plotly.graph_objects.Figure
        Grouped bar chart with a title, axis titles, legend and position buttons.

    Raises
    ------
    ValueError
        If ``position`` is unknown.
    """
    norms.rotation_for_position(position)  # validate early
    x = [_motion_label(m) for m in norms.ROM_MOTIONS]

    aaos = {r.motion: r for r in norms.AAOS_NORMS}
    aaos_y = [aaos[m].typical_deg for m in norms.ROM_MOTIONS]
    aaos_plus = [round(aaos[m].high_deg - aaos[m].typical_deg, 1) for m in norms.ROM_MOTIONS]
    aaos_minus = [round(aaos[m].typical_deg - aaos[m].low_deg, 1) for m in norms.ROM_MOTIONS]
    aaos_hover = [
        f"{_motion_label(m)}: {aaos[m].low_deg:.0f}\u2013{aaos[m].high_deg:.0f}\u00b0"
        if aaos[m].low_deg != aaos[m].high_deg
        else f"{_motion_label(m)}: about {aaos[m].high_deg:.0f}\u00b0"
        for m in norms.ROM_MOTIONS
    ]

    cadaver = {c.motion: c for c in norms.CADAVER_CAPSULE_LIMITS}
    cadaver_y = [cadaver[m].limit_deg if m in cadaver else None for m in norms.ROM_MOTIONS]
    cadaver_hover = [
        f"{_motion_label(m)}: {cadaver[m].limit_deg:.0f}\u00b0 ({cadaver[m].condition})"
        if m in cadaver
        else f"{_motion_label(m)}: not reported"
        for m in norms.ROM_MOTIONS
    ]

    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name="Typical adult range (AAOS)",
            x=x,
            y=aaos_y,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": aaos_plus,
                "arrayminus": aaos_minus,
                "visible": True,
            },
            marker={"color": "#999999"},
            hovertext=aaos_hover,
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Bar(
            name="Capsule-only limit at 5 N\u00b7m, cadavers",
            x=x,
            y=cadaver_y,
            marker={"color": "#e69f00"},
            hovertext=cadaver_hover,
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Bar(
            name=_rotation_name(position),
            x=x,
            y=_rotation_y(position),
            marker={"color": "#0072b2"},
            hoverinfo="x+y+name",
        )
    )

    buttons = []
    for pos in norms.TEST_POSITIONS:
        record = norms.rotation_for_position(pos)
        buttons.append(
            {
                "label": f"{pos.capitalize()} ({record.hip_flexion_deg:.0f}\u00b0 flexion)",
                "method": "restyle",
                "args": [{"y": [_rotation_y(pos)], "name": [_rotation_name(pos)]}, [2]],
            }
        )
    active = list(norms.TEST_POSITIONS).index(position)

    fig.update_layout(
        title={
            "text": "Figure 2. Typical hip range of motion and rotation by test position",
            "y": 0.98,
            "yanchor": "top",
        },
        xaxis={"title": {"text": "Hip motion"}},
        yaxis={"title": {"text": "Range of motion (degrees from neutral)"}, "range": [0, 135]},
        barmode="group",
        template=_TEMPLATE,
        font=_FONT,
        height=580,
        legend={"orientation": "h", "yanchor": "top", "y": -0.16, "x": 0.0},
        margin={"l": 70, "r": 30, "t": 130, "b": 130},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "buttons": buttons,
                "active": active,
                "showactive": True,
                "x": 0.21,
                "xanchor": "left",
                "y": 1.03,
                "yanchor": "bottom",
                "pad": {"r": 4, "t": 0},
            }
        ],
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
        ],
    )
    return fig


# ===========================================================================
# Lesson 02: tight capsule and range of motion (explorers 1 and 2)
# ===========================================================================
#
# Each explorer has one "values" function that turns a model state (from
# hipcapsule.explorer_state) into Plotly trace attributes. The live widget
# writes those attributes into a FigureWidget; the static figure stores them
# in precomputed slider steps. Same state function, same values function.

#: Regions in the order of the region buttons.
REGION_ORDER: tuple[str, ...] = ("whole", "anterior", "posterior", "inferior")

#: Button label for each capsule region.
REGION_LABELS: dict[str, str] = {
    "whole": "Whole capsule",
    "anterior": "Anterior (iliofemoral)",
    "posterior": "Posterior (ischiofemoral)",
    "inferior": "Inferior (pubofemoral)",
}

#: Colour of each limiting structure (Okabe-Ito palette; bone is black).
STRUCTURE_COLOURS: dict[str, str] = {
    "lateral_iliofemoral": "#0072b2",
    "medial_iliofemoral": "#56b4e9",
    "pubofemoral": "#009e73",
    "ischiofemoral": "#d55e00",
    "ligamentum_teres": "#cc79a7",
    "bone": "#000000",
    "none": "#999999",
}

#: Slider steps of the static explorers: shares of the meaningful tightness range.
DEFAULT_STEPS: int = 21

# A small explicit template instead of a full Plotly theme (keeps the figure JSON small).
_SMALL_TEMPLATE: dict = {
    "layout": {
        "font": _FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": ["#0072b2", "#d55e00", "#009e73", "#e69f00", "#cc79a7", "#56b4e9"],
        "xaxis": {"gridcolor": "#e5e5e5", "linecolor": "#444444", "zerolinecolor": "#bbbbbb"},
        "yaxis": {"gridcolor": "#e5e5e5", "linecolor": "#444444", "zerolinecolor": "#bbbbbb"},
        "polar": {
            "bgcolor": "white",
            "radialaxis": {"gridcolor": "#dddddd", "linecolor": "#444444"},
            "angularaxis": {"gridcolor": "#dddddd", "linecolor": "#444444"},
        },
        "hoverlabel": {"font": {"size": 13}},
    }
}

_MOTION_NORM_KEYS = {m: m.replace("_", " ") for m in explorer_state.ROM_KEYS}


def _r1(value: float) -> float:
    return round(float(value), 1)


def _slack_text(tightness: float) -> str:
    return f"slack length \u2212{100 * tightness:.1f} %"


_SLIDER_GAP_PX = 80  # from the bottom of the plot area to the slider (leaves the axis title)
_SLIDER_BLOCK_PX = 185  # axis title, slider and its labels
_TOP_PX = 110  # title and region buttons
_PLOT_PX = 370  # height of the plot area


def _frame_layout(n_steps: int, left: int, right: int) -> dict:
    """Height, margins and legend position that keep title, slider and legend apart."""
    below = _SLIDER_BLOCK_PX if n_steps else 60
    bottom = below + 150  # room for a legend of up to five rows (narrow pages)
    top = _TOP_PX if n_steps else 60  # the live figure has no buttons above the plot
    return {
        "height": top + _PLOT_PX + bottom,
        "margin": {"l": left, "r": right, "t": top, "b": bottom},
        "legend": {"orientation": "h", "x": 0.0, "y": -below / _PLOT_PX, "yanchor": "top"},
    }


def _fractions(n_steps: int) -> list[float]:
    if n_steps < 2:
        raise ValueError(f"n_steps={n_steps} must be at least 2")
    return [i / (n_steps - 1) for i in range(n_steps)]


def _restyle_args(values_by_trace: dict[int, dict]) -> list:
    """One Plotly ``restyle`` call that sets per-trace attributes on several traces.

    Traces that lack a key get ``None`` for it (that attribute is reset, which is harmless
    because every key is only meaningful for the traces that have it).
    """
    indices = sorted(values_by_trace)
    keys: list[str] = []
    for idx in indices:
        keys += [k for k in values_by_trace[idx] if k not in keys]
    update = {k: [values_by_trace[i].get(k) for i in indices] for k in keys}
    return [update, indices]


_SLIDER_PREFIX = "Tightness, share of the model's meaningful range: "


def _region_controls(
    regions: tuple[str, ...],
    active_region: str,
    dynamic: dict[str, list[int]],
    states: dict[str, list[dict]],
    fractions,
    values: Callable[[dict], dict[str, dict]],
    keys: tuple[str, ...],
    active_step: int,
) -> dict:
    """Layout entries for region buttons and the tightness slider of a static explorer.

    Slider step ``i`` restyles, for every region, its dynamic traces ``dynamic[region]``
    with ``values(states[region][i])[key]`` for ``key`` in ``keys`` (same order), so the
    static steps go through the same functions as the live widget.
    """
    steps = []
    for i, fraction in enumerate(fractions):
        per_trace = {}
        for reg in regions:
            vals = values(states[reg][i])
            for trace, key in zip(dynamic[reg], keys, strict=True):
                per_trace[trace] = vals[key]
        steps.append({"label": f"{100 * fraction:.0f}", "method": "restyle",
                      "args": _restyle_args(per_trace)})
    all_dyn = sorted(i for idx in dynamic.values() for i in idx)
    buttons = []
    for region in regions:
        visible = [i in dynamic[region] for i in all_dyn]
        buttons.append(
            {
                "label": REGION_LABELS[region],
                "method": "restyle",
                "args": [{"visible": visible}, all_dyn],
            }
        )
    return {
        "updatemenus": [
            {
                "type": "buttons",
                "direction": "right",
                "buttons": buttons,
                "active": list(regions).index(active_region),
                "showactive": True,
                "x": 0.0,
                "xanchor": "left",
                "y": 1.0,
                "yanchor": "bottom",
                "pad": {"t": 6, "b": 6},
                "font": {"size": 12},
            }
        ],
        "sliders": [
            {
                "active": active_step,
                "steps": steps,
                "currentvalue": {"prefix": _SLIDER_PREFIX, "suffix": " %",
                                 "font": {"size": 13}},
                "x": 0.0,
                "len": 1.0,
                "y": 0.0,
                "yanchor": "top",
                "pad": {"t": _SLIDER_GAP_PX, "b": 0},
                "transition": {"duration": 0},
            }
        ],
    }


# --------------------------------------------------------------------------- explorer 1


def tightness_rom_values(state: dict) -> dict[str, dict]:
    """Plotly attributes of explorer 1's two state-dependent traces.

    Parameters
    ----------
    state : dict
        Output of :func:`hipcapsule.explorer_state.rom_state`.

    Returns
    -------
    dict
        ``"bar"``: attributes of the ROM bar trace (``x``, ``text``, ``hovertext``,
        ``marker.color``, ``name``); ``"polar"``: attributes of the circumduction trace
        (``r``, ``hovertext``, ``name``). Angles rounded to 0.1 degree.
    """
    rom, by = state["rom"], state["limited_by"]
    keys = explorer_state.ROM_KEYS
    label = REGION_LABELS[state["region"]].split(" (")[0].lower()
    name = f"Tight {label} ({_slack_text(state['tightness'])})"
    env = state["envelope"]
    r = [_r1(v) for v in env["limit_deg"]]
    hover = [explorer_state.structure_label(b, short=True) for b in env["limited_by"]]
    return {
        "bar": {
            "x": [_r1(rom[m]) for m in keys],
            "text": [
                f"{rom[m]:.0f}\u00b0 \u00b7 {explorer_state.structure_label(by[m], short=True)}"
                for m in keys
            ],
            "hovertext": [
                f"{_motion_label(_MOTION_NORM_KEYS[m])}: {rom[m]:.1f}\u00b0<br>"
                f"stopped by {explorer_state.structure_label(by[m])}"
                for m in keys
            ],
            "marker.color": [STRUCTURE_COLOURS.get(by[m], "#999999") for m in keys],
            "name": name,
        },
        "polar": {
            "r": [*r, r[0]],
            "hovertext": [*hover, hover[0]],
            "name": f"{name}: {state['solid_angle_sr']:.2f} sr",
        },
    }


def _rom_band_trace(y_labels: list[str]) -> go.Bar:
    aaos = {r.motion: r for r in norms.AAOS_NORMS}
    base, width, hover = [], [], []
    for m in explorer_state.ROM_KEYS:
        rec = aaos[_MOTION_NORM_KEYS[m]]
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


def tightness_rom_figure(
    region: str = "whole",
    fraction: float = explorer_state.DEFAULT_FRACTION,
    n_steps: int = DEFAULT_STEPS,
    regions: tuple[str, ...] = REGION_ORDER,
    sex: str = "male",
) -> go.Figure:
    """Explorer 1: capsule tightness -> the six ranges of motion and the circumduction cone.

    Left, one horizontal bar per motion (coloured and labelled by the structure that stops
    it) over the AAOS typical adult range, with a tick at the normal-capsule model value.
    Right, the circumduction envelope (how far the thigh can swing in each direction) for
    the normal and the tight capsule. A slider sets tightness as a share of each region's
    meaningful range; buttons choose which part of the capsule is tight. Every slider step
    is precomputed with :func:`hipcapsule.explorer_state.rom_state`, so the figure works in
    a browser without Python.

    Parameters
    ----------
    region : str, default "whole"
        Region shown first (one of ``regions``).
    fraction : float, default 0.5
        Tightness shown first, as a share of the region's meaningful range; it is snapped
        to the nearest slider step.
    n_steps : int, default 21
        Slider steps from 0 to 1 (the meaningful range). ``0`` draws a figure without
        controls (used by the live widget).
    regions : tuple of str
        Regions with a button (and precomputed states).
    sex : {"male", "female"}

    Returns
    -------
    plotly.graph_objects.Figure
    """
    if region not in regions:
        raise ValueError(f"region={region!r} is not one of {', '.join(regions)}")
    fracs = _fractions(n_steps) if n_steps else [float(fraction)]
    active = min(range(len(fracs)), key=lambda i: abs(fracs[i] - fraction))
    states = {
        reg: [
            explorer_state.rom_state(
                reg, explorer_state.tightness_from_fraction(reg, f), sex
            )
            for f in fracs
        ]
        for reg in regions
    }
    normal = explorer_state.rom_state(region, 0.0, sex)
    y_labels = [_motion_label(_MOTION_NORM_KEYS[m]) for m in explorer_state.ROM_KEYS]
    theta = [_r1(a) for a in normal["envelope"]["azimuth_deg"]]
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
        bar = go.Bar(
            y=y_labels,
            orientation="h",
            width=0.45,
            textposition="outside",
            cliponaxis=False,
            hoverinfo="text",
            visible=visible,
            legendgroup="tight",
        )
        polar = go.Scatterpolar(
            theta=theta,
            mode="lines",
            fill="toself",
            line={"color": "#d55e00", "width": 2},
            fillcolor="rgba(213,94,0,0.15)",
            hoverinfo="r+text",
            visible=visible,
            legendgroup="tight",
        )
        for key, value in vals["bar"].items():
            bar[key] = value
        for key, value in vals["polar"].items():
            polar[key] = value
        fig.add_trace(bar, row=1, col=1)
        fig.add_trace(polar, row=1, col=2)
        dynamic[reg] = [len(fig.data) - 2, len(fig.data) - 1]

    layout: dict = {
        **_frame_layout(n_steps, left=10, right=70),
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
    if n_steps:
        layout.update(
            _region_controls(regions, region, dynamic, states, fracs, tightness_rom_values,
                             ("bar", "polar"), active)
        )
    fig.update_layout(**layout)
    fig.layout.template = _SMALL_TEMPLATE  # assignment replaces the default theme
    caption = caption_tightness_rom(region, fracs[active], sex)
    fig.update_layout(meta={"alt_text": caption})
    return fig


def caption_tightness_rom(
    region: str = "whole", fraction: float = explorer_state.DEFAULT_FRACTION, sex: str = "male"
) -> str:
    """Alt text and caption of explorer 1, with the model's numbers at the given state."""
    t = explorer_state.tightness_from_fraction(region, fraction)
    tight = explorer_state.rom_state(region, t, sex)
    normal = explorer_state.rom_state(region, 0.0, sex)
    parts = []
    for m in explorer_state.ROM_KEYS:
        parts.append(
            f"{_MOTION_NORM_KEYS[m]} {tight['rom'][m]:.0f}\u00b0 (normal {normal['rom'][m]:.0f}"
            f"\u00b0, stopped by {explorer_state.structure_label(tight['limited_by'][m])})"
        )
    return (
        "Explorer 1. Left: one horizontal bar per hip motion showing the model's range of "
        "motion for a tight capsule, coloured and labelled by the structure that stops it, "
        "over a grey band for the typical adult range (aaos1965) and a black tick for "
        "the model's normal capsule. Right: the circumduction envelope, how far the thigh can "
        "swing from neutral in each direction, for the normal capsule (dotted) and the tight "
        "one (shaded). Buttons choose which part of the capsule is tight; the slider sets how "
        f"tight. Shown first: {REGION_LABELS[region].lower()}, {_slack_text(t)} "
        f"({100 * fraction:.0f} % of the model's meaningful range). The model then gives "
        + "; ".join(parts)
        + ". Rotation is measured with the hip flexed 90\u00b0. The envelope covers "
        f"{tight['solid_angle_sr']:.2f} sr against {normal['solid_angle_sr']:.2f} sr for the "
        "normal capsule."
    )


# --------------------------------------------------------------------------- explorer 2

_IR_COLOUR = "#d55e00"
_ER_COLOUR = "#0072b2"
_CURVE_HOVER = "hip flexed %{x}\u00b0: %{hovertext}<extra>%{fullData.name}</extra>"


def _curve_attrs(values: list[float], limited_by: list[str], sign: float) -> dict:
    bone = [b == "bone" for b in limited_by]
    colour = _IR_COLOUR if sign > 0 else _ER_COLOUR
    return {
        "y": [_r1(sign * v) for v in values],
        # Plotly symbol numbers: 0 circle, 2 diamond (shorter JSON than the names).
        "marker.symbol": [2 if b else 0 for b in bone],
        "marker.color": ["#000000" if b else colour for b in bone],
        "hovertext": [
            f"{v:.1f}\u00b0, stopped by {explorer_state.structure_label(b, short=True)}"
            for v, b in zip(values, limited_by, strict=True)
        ],
    }


def rotation_position_values(state: dict) -> dict[str, dict]:
    """Plotly attributes of explorer 2's internal- and external-rotation curves.

    Parameters
    ----------
    state : dict
        Output of :func:`hipcapsule.explorer_state.rotation_curve_state`.

    Returns
    -------
    dict
        ``"ir"`` and ``"er"``: ``y`` (IR plotted upwards, ER downwards, degrees rounded to
        0.1), per-point ``marker.symbol``/``marker.color``/``marker.size`` (points stopped
        by bone are black diamonds), ``hovertext`` and ``name``.
    """
    if state["tightness"] > 0:
        label = REGION_LABELS[state["region"]].split(" (")[0].lower()
        who = f"tight {label} ({_slack_text(state['tightness'])})"
    else:
        who = "normal capsule"
    ir = _curve_attrs(state["ir"], state["ir_limited_by"], 1.0)
    er = _curve_attrs(state["er"], state["er_limited_by"], -1.0)
    ir["name"] = f"Internal rotation, {who}"
    er["name"] = f"External rotation, {who}"
    return {"ir": ir, "er": er}


def _apply(trace, attrs: dict):
    for key, value in attrs.items():
        trace[key] = value
    return trace


def rotation_position_figure(
    region: str = "whole",
    fraction: float = explorer_state.DEFAULT_FRACTION,
    n_steps: int = DEFAULT_STEPS,
    regions: tuple[str, ...] = REGION_ORDER,
    sex: str = "male",
) -> go.Figure:
    """Explorer 2: internal and external rotation limits as the hip bends from 0 to 120 deg.

    Internal rotation is drawn upwards and external rotation downwards, for the normal
    capsule (dotted) and a tight one (solid). Points where bone, not the capsule, stops the
    rotation are black diamonds; a grey dashed line is the bony limit with every ligament
    cut. Vertical lines mark the clinical test positions (prone and supine at 0 deg, seated
    at 90 deg) and stars the rotation measured there in healthy adults (kouyoumdjian2012).
    A slider sets tightness as a share of each region's meaningful range; buttons choose the
    region. Steps are precomputed with
    :func:`hipcapsule.explorer_state.rotation_curve_state`.

    Parameters are as in :func:`tightness_rom_figure`.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    if region not in regions:
        raise ValueError(f"region={region!r} is not one of {', '.join(regions)}")
    fracs = _fractions(n_steps) if n_steps else [float(fraction)]
    active = min(range(len(fracs)), key=lambda i: abs(fracs[i] - fraction))
    states = {
        reg: [
            explorer_state.rotation_curve_state(
                reg, explorer_state.tightness_from_fraction(reg, f), sex=sex
            )
            for f in fracs
        ]
        for reg in regions
    }
    normal = explorer_state.rotation_curve_state(region, 0.0, sex=sex)
    bony = explorer_state.bony_rotation_state(sex=sex)
    x = [_r1(v) for v in normal["flexion_deg"]]

    fig = go.Figure()
    for key, sign, name in (("ir", 1.0, "internal"), ("er", -1.0, "external")):
        by = bony[f"{key}_limited_by"]
        fig.add_trace(
            go.Scatter(
                name="Bony limit (all ligaments cut)" if key == "ir" else None,
                showlegend=key == "ir",
                legendgroup="bone",
                x=x,
                y=[_r1(sign * v) if b == "bone" else None for v, b in zip(bony[key], by,
                                                                        strict=True)],
                mode="lines",
                line={"color": "#777777", "dash": "dash", "width": 2},
                hovertext=[f"bone stops {name} rotation at {v:.1f}\u00b0" for v in bony[key]],
                hoverinfo="text",
            )
        )
    normal_vals = rotation_position_values(normal)
    for key, colour in (("ir", _IR_COLOUR), ("er", _ER_COLOUR)):
        trace = go.Scatter(x=x, mode="lines+markers", hovertemplate=_CURVE_HOVER,
                           marker={"size": 7},
                           line={"color": colour, "dash": "dot", "width": 2}, opacity=0.7)
        fig.add_trace(_apply(trace, normal_vals[key]))
    measured_x, measured_y, measured_hover = [], [], []
    for rec in norms.ROTATION_BY_POSITION:
        for sign, value, motion in ((1.0, rec.internal_rotation_deg, "internal"),
                                    (-1.0, rec.external_rotation_deg, "external")):
            measured_x.append(rec.hip_flexion_deg)
            measured_y.append(_r1(sign * value))
            measured_hover.append(
                f"{rec.position}: {motion} rotation {value:.1f}\u00b0, mean of 120 healthy "
                f"adults ({rec.source_key})"
            )
    fig.add_trace(
        go.Scatter(
            name="Measured in healthy adults (Kouyoumdjian 2012)",
            x=measured_x,
            y=measured_y,
            mode="markers",
            marker={"symbol": "star", "size": 13, "color": "#e69f00",
                    "line": {"color": "#333333", "width": 1}},
            hovertext=measured_hover,
            hoverinfo="text",
        )
    )
    dynamic: dict[str, list[int]] = {}
    for reg in regions:
        vals = rotation_position_values(states[reg][active])
        for key, colour in (("ir", _IR_COLOUR), ("er", _ER_COLOUR)):
            trace = go.Scatter(x=x, mode="lines+markers", hovertemplate=_CURVE_HOVER,
                               marker={"size": 8},
                               line={"color": colour, "width": 3}, visible=reg == region)
            fig.add_trace(_apply(trace, vals[key]))
        dynamic[reg] = [len(fig.data) - 2, len(fig.data) - 1]

    ticks = list(range(-90, 91, 15))
    layout: dict = {
        **_frame_layout(n_steps, left=80, right=20),
        "title": {
            "text": "Explorer 2. Hip rotation depends on how far the hip is bent",
            "x": 0.0,
            "y": 0.985,
            "yanchor": "top",
        },
        "xaxis": {"title": {"text": "Hip flexion (\u00b0)"}, "range": [-5, 125],
                  "tickvals": list(range(0, 121, 15))},
        "yaxis": {
            "title": {"text": "\u2190 external rotation (\u00b0)  |  internal rotation (\u00b0) "
                              "\u2192"},
            "range": [-95, 95],
            "tickvals": ticks,
            "ticktext": [str(abs(t)) for t in ticks],
            "zeroline": True,
        },
        "shapes": [
            {"type": "line", "xref": "x", "yref": "paper", "x0": f, "x1": f, "y0": 0, "y1": 1,
             "line": {"color": "#999999", "width": 1, "dash": "dot"}}
            for f in sorted(set(explorer_state.TEST_POSITION_FLEXION_DEG.values()))
        ],
        "annotations": [
            {"x": 0, "y": 1.0, "xref": "x", "yref": "paper", "text": "prone / supine (0\u00b0)",
             "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 12}},
            {"x": 90, "y": 1.0, "xref": "x", "yref": "paper", "text": "seated (90\u00b0)",
             "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 12}},
        ],
        "hovermode": "closest",
    }
    if n_steps:
        layout.update(
            _region_controls(regions, region, dynamic, states, fracs, rotation_position_values,
                             ("ir", "er"), active)
        )
    fig.update_layout(**layout)
    fig.layout.template = _SMALL_TEMPLATE  # assignment replaces the default theme
    fig.update_layout(meta={"alt_text": caption_rotation_position(region, fracs[active], sex)})
    return fig


def _position_text(state: dict, flexion: float) -> str:
    i = state["flexion_deg"].index(flexion)
    return f"IR {state['ir'][i]:.0f}\u00b0 and ER {state['er'][i]:.0f}\u00b0"


def caption_rotation_position(
    region: str = "whole", fraction: float = explorer_state.DEFAULT_FRACTION, sex: str = "male"
) -> str:
    """Alt text and caption of explorer 2, with the model's numbers at the given state."""
    t = explorer_state.tightness_from_fraction(region, fraction)
    tight = explorer_state.rotation_curve_state(region, t, sex=sex)
    normal = explorer_state.rotation_curve_state(region, 0.0, sex=sex)
    bone_from = [f for f, b in zip(tight["flexion_deg"], tight["ir_limited_by"], strict=True)
                 if b == "bone"]
    bone_text = (
        f"bone, not the capsule, stops internal rotation from {bone_from[0]:.0f}\u00b0 of "
        "flexion upwards" if bone_from else "the capsule stops internal rotation at every angle"
    )
    return (
        "Explorer 2. Internal rotation (IR, plotted upwards) and external rotation (ER, "
        "plotted downwards) limits of the model hip as it bends from 0 to 120\u00b0, for the "
        "normal capsule (dotted) and a tight one (solid). Black diamonds mark points where "
        "bone stops the rotation; a grey dashed line is the bony limit with every ligament "
        "cut. Dotted vertical lines mark the test positions (prone and supine at 0\u00b0, "
        "seated at 90\u00b0); stars show rotation measured there in healthy adults "
        "(kouyoumdjian2012). Buttons choose which part of the capsule is tight; the slider "
        f"sets how tight. Shown first: {REGION_LABELS[region].lower()}, {_slack_text(t)} "
        f"({100 * fraction:.0f} % of the model's meaningful range). At 0\u00b0 of flexion the "
        f"model gives {_position_text(tight, 0.0)} (normal capsule: "
        f"{_position_text(normal, 0.0)}); at 90\u00b0 {_position_text(tight, 90.0)} (normal: "
        f"{_position_text(normal, 90.0)}). In the tight hip {bone_text}."
    )


def figure_description(name: str, region: str = "whole",
                       fraction: float = explorer_state.DEFAULT_FRACTION):
    """A figure's caption as a Markdown paragraph for a lesson cell.

    Parameters
    ----------
    name : {"tightness_rom", "rotation_position"}
        Which explorer.
    region, fraction
        The state described (default: the state each static figure shows first).

    Returns
    -------
    IPython.display.Markdown
        Citation keys appear as ``{cite}`` roles, so render it as MyST
        (notebook metadata ``mystnb.render_markdown_format: myst``).
    """
    from IPython.display import Markdown

    captions = {"tightness_rom": caption_tightness_rom,
                "rotation_position": caption_rotation_position}
    if name not in captions:
        raise ValueError(f"name={name!r} is not one of {', '.join(captions)}")
    text = captions[name](region, fraction)
    for key in sorted(norms.all_source_keys()):  # citation keys become MyST citations
        text = re.sub(rf"\(?\b{key}\b\)?", f"{{cite}}`{key}`", text)
    label, _, rest = text.partition(". ")
    return Markdown(f"**{label} (description).** {rest}")
