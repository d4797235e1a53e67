"""Ligament-restraint figures: the heatmap of every ligament (static) and one ligament's
profile (the live explorer's bar chart)."""

from __future__ import annotations

import plotly.graph_objects as go

from ... import style
from ...content import ligaments as notes

__all__ = ["build", "ligament_profile_data", "ligament_profile_figure",
           "ligament_restraint_figure", "readout"]


def _motion_label(motion: str) -> str:
    return motion[0].upper() + motion[1:]


def ligament_restraint_figure() -> go.Figure:
    """Heatmap of which capsular ligament restrains which hip motion.

    Rows are the ligaments of the course notes, columns the motions of
    :data:`~hipcourse.content.ligaments.RESTRAINT_MOTIONS`. Cell colour encodes the role: none
    (0), secondary (1) or primary (2). Hover text gives the hip position in which the restraint
    matters and the citation keys.
    """
    z = notes.restraint_matrix()
    x_labels = [_motion_label(m) for m in notes.RESTRAINT_MOTIONS]
    y_labels = [lig.name for lig in notes.LIGAMENTS]
    hover = []
    for lig in notes.LIGAMENTS:
        row = []
        for motion in notes.RESTRAINT_MOTIONS:
            role = lig.role_for(motion)
            context = lig.context_for(motion)
            text = f"{lig.name}<br>{_motion_label(motion)}: <b>{role}</b>"
            if context:
                text += f" ({context})"
            text += f"<br>Sources: {style.source_labels(lig.source_keys)}"
            row.append(text)
        hover.append(row)

    c_none, c_sec, c_pri = (style.ROLE_COLOURS[k] for k in ("none", "secondary", "primary"))
    colourscale = [
        [0.0, c_none], [1 / 3, c_none], [1 / 3, c_sec], [2 / 3, c_sec], [2 / 3, c_pri],
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
                "orientation": "h",
                "x": 0.5,
                "xanchor": "center",
                "y": -0.5,
                "yanchor": "top",
                "len": 0.8,
                "thickness": 14,
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
        template="plotly_white",
        font=style.FONT,
        height=600,
        margin={"l": 10, "r": 10, "t": 90, "b": 90},
        # on a phone: short ligament names (coursekit.plotly_renderer applies it)
        meta={"narrow": {"yaxis.tickmode": "array", "yaxis.tickvals": y_labels,
                         "yaxis.ticktext": [lig.short_name for lig in notes.LIGAMENTS],
                         "yaxis.title.text": "", "yaxis.tickfont.size": 11,
                         "xaxis.tickfont.size": 11}},
    )
    return fig


def ligament_profile_data(
    ligament: notes.Ligament,
) -> tuple[list[str], list[int], list[str], list[str]]:
    """Bar data of one ligament's restraint profile: labels, levels, colours, hover texts."""
    x = [_motion_label(m) for m in notes.RESTRAINT_MOTIONS]
    y = [notes.restraint_level(ligament.key, m) for m in notes.RESTRAINT_MOTIONS]
    colours = [style.ROLE_COLOURS[ligament.role_for(m)] for m in notes.RESTRAINT_MOTIONS]
    hover = []
    for motion in notes.RESTRAINT_MOTIONS:
        text = f"{_motion_label(motion)}: {ligament.role_for(motion)}"
        context = ligament.context_for(motion)
        if context:
            text += f" ({context})"
        hover.append(text)
    return x, y, colours, hover


def profile_title(ligament: notes.Ligament) -> str:
    """Title of the profile chart."""
    return f"Restraint role for each motion: {ligament.name}"


def ligament_profile_figure(ligament_key: str = "ischiofemoral") -> go.Figure:
    """Bar chart of one ligament's restraint role (0 none, 1 secondary, 2 primary) per motion.

    Raises
    ------
    ValueError
        If ``ligament_key`` is unknown.
    """
    ligament = notes.ligament_by_key(ligament_key)
    x, y, colours, hover = ligament_profile_data(ligament)
    fig = go.Figure(go.Bar(x=x, y=y, marker={"color": colours}, hovertext=hover,
                           hoverinfo="text", name="restraint role"))
    fig.update_layout(
        title={"text": profile_title(ligament)},
        xaxis={"title": {"text": "Hip motion"}},
        yaxis={
            "title": {"text": "Restraint role"},
            "tickmode": "array",
            "tickvals": [0, 1, 2],
            "ticktext": ["none", "secondary", "primary"],
            "range": [0, 2.3],
        },
        template="plotly_white",
        font=style.FONT,
        height=380,
        showlegend=False,
    )
    return fig


def readout(figure: dict) -> dict:
    """Ligament name -> restraint levels the figure shows (every row, or the one profile)."""
    trace = figure["data"][0]
    if trace["type"] == "heatmap":
        return {name: list(row) for name, row in zip(trace["y"], trace["z"], strict=True)}
    name = figure["layout"]["title"]["text"].split(": ", 1)[1]
    return {name: list(trace["y"])}


def build():
    """The static figure and its controls (none: the heatmap shows every ligament at once)."""
    return ligament_restraint_figure(), ()
