"""Plotly figure builders for the course.

Each builder returns a fresh :class:`plotly.graph_objects.Figure`. Figures are
deterministic: no random ids, no ``uid``, and floats rounded to 0.1 degree, so
the same call always produces the same JSON and works on the static site.
"""

from __future__ import annotations

import plotly.graph_objects as go

from hipcapsule import norms

__all__ = [
    "ROLE_COLOURS",
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
