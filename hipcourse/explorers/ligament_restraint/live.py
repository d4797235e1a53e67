"""Ligament-restraint explorer, live: a dropdown of ligaments, one ligament's profile and notes."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ... import style
from ...content import ligaments as notes
from ..base import LiveView, live_figure
from .figure import ligament_profile_data, ligament_profile_figure, profile_title
from .state import profile_state

__all__ = ["RestraintLive"]


class RestraintLive(LiveView):
    """Dropdown of ligaments that updates a bar chart and a description.

    Attributes
    ----------
    controls : dict
        ``{"ligament": Dropdown}``; its value is a ligament key.
    figure : plotly.graph_objects.FigureWidget
        Restraint-role bar chart, updated in place with ``batch_update``.
    details : ipywidgets.HTML
        Origin, insertion, course, restraint table and sources.
    view : ipywidgets.VBox
    """

    def __init__(self, ligament: str = "ischiofemoral") -> None:
        notes.ligament_by_key(ligament)  # validate once, at the boundary
        dropdown = widgets.Dropdown(
            options=[(lig.name, lig.key) for lig in notes.LIGAMENTS],
            value=ligament,
            description="Ligament:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.controls = {"ligament": dropdown}
        self.figure = live_figure(ligament_profile_figure(ligament))
        self.details = widgets.HTML(value=describe(ligament))
        self.view = widgets.VBox([dropdown, self.figure, self.details])
        self._state = profile_state(ligament)
        self._observe()

    def update(self) -> None:
        """Show the chosen ligament: change bars and colours in place, rewrite the text."""
        key = self.controls["ligament"].value
        ligament = notes.ligament_by_key(key)
        x, y, colours, hover = ligament_profile_data(ligament)
        with self.figure.batch_update():
            bar = self.figure.data[0]
            bar.x, bar.y, bar.marker.color, bar.hovertext = x, y, colours, hover
            self.figure.layout.title.text = profile_title(ligament)
        self.details.value = describe(key)
        self._state = profile_state(key)


def describe(ligament_key: str) -> str:
    """HTML description of one ligament (anatomy, restraints, sources)."""
    ligament = notes.ligament_by_key(ligament_key)
    esc = html.escape
    rows = []
    for motion in notes.RESTRAINT_MOTIONS:
        role = ligament.role_for(motion)
        context = ligament.context_for(motion)
        colour = style.ROLE_COLOURS[role]
        text_colour = "#ffffff" if role == "primary" else "#000000"
        rows.append(
            "<tr>"
            f"<td style='padding:2px 8px'>{esc(motion)}</td>"
            f"<td style='padding:2px 8px;background:{colour};color:{text_colour}'>"
            f"{esc(role)}</td>"
            f"<td style='padding:2px 8px'>{esc(context)}</td>"
            "</tr>"
        )
    return (
        f"<h4 style='margin:4px 0'>{esc(ligament.name)}</h4>"
        f"<p><b>Starts:</b> {esc(ligament.pelvic_origin)}<br>"
        f"<b>Ends:</b> {esc(ligament.femoral_insertion)}<br>"
        f"<b>Course:</b> {esc(ligament.course)}</p>"
        "<table style='border-collapse:collapse'>"
        "<tr><th style='text-align:left;padding:2px 8px'>Motion</th>"
        "<th style='text-align:left;padding:2px 8px'>Role</th>"
        "<th style='text-align:left;padding:2px 8px'>When</th></tr>"
        + "".join(rows)
        + "</table>"
        f"<p style='font-size:90%'>Sources: {esc(style.source_labels(ligament.source_keys))}</p>"
    )


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = RestraintLive
