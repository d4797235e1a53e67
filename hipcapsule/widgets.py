"""ipywidgets controls for the course (these need a live Jupyter kernel).

Each control keeps its state in a small class whose ``update`` method is what
the widget callback calls, so tests can drive it without a browser.

Plotly's ``FigureWidget`` needs the optional ``anywidget`` package. When it is
not installed the explorer still works: it shows the same information as an
HTML table (``figure`` is then ``None``).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from hipcapsule import figures, norms

__all__ = ["RestraintExplorer", "restraint_explorer"]


def _figure_widget(fig: go.Figure) -> go.FigureWidget | None:
    """Wrap a figure as a FigureWidget, or return None if anywidget is missing."""
    try:
        return go.FigureWidget(fig)
    except ImportError:
        return None


class RestraintExplorer:
    """Dropdown of ligaments that updates a bar chart and a description.

    Parameters
    ----------
    ligament_key : str, default "ischiofemoral"
        Ligament shown first; a key from :data:`hipcapsule.norms.LIGAMENT_KEYS`.

    Attributes
    ----------
    dropdown : ipywidgets.Dropdown
        Choice of ligament; its value is a ligament key.
    figure : plotly.graph_objects.FigureWidget or None
        Restraint-role bar chart, updated in place with ``batch_update``.
    details : ipywidgets.HTML
        Origin, insertion, course, restraint table and sources.
    box : ipywidgets.VBox
        The assembled control to display.
    """

    def __init__(self, ligament_key: str = "ischiofemoral") -> None:
        norms.ligament_by_key(ligament_key)  # validate once, at the boundary
        self.dropdown = widgets.Dropdown(
            options=[(lig.name, lig.key) for lig in norms.LIGAMENTS],
            value=ligament_key,
            description="Ligament:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.figure = _figure_widget(figures.ligament_profile_figure(ligament_key))
        self.details = widgets.HTML(value=self.describe(ligament_key))
        self.dropdown.observe(self._on_change, names="value")
        children: list[widgets.Widget] = [self.dropdown]
        if isinstance(self.figure, widgets.Widget):
            children.append(self.figure)
        children.append(self.details)
        self.box = widgets.VBox(children)

    def _on_change(self, change: dict) -> None:
        self.update(change["new"])

    def update(self, ligament_key: str) -> None:
        """Show ``ligament_key``: change bars and colours in place, rewrite the text."""
        ligament = norms.ligament_by_key(ligament_key)
        if self.figure is not None:
            x, y, colours, hover = figures.ligament_profile_data(ligament)
            with self.figure.batch_update():
                bar = self.figure.data[0]
                bar.x = x
                bar.y = y
                bar.marker.color = colours
                bar.hovertext = hover
                self.figure.layout.title.text = f"Restraint role for each motion: {ligament.name}"
        self.details.value = self.describe(ligament_key)

    @staticmethod
    def describe(ligament_key: str) -> str:
        """HTML description of one ligament (anatomy, restraints, sources)."""
        ligament = norms.ligament_by_key(ligament_key)
        esc = html.escape
        rows = []
        for motion in norms.RESTRAINT_MOTIONS:
            role = ligament.role_for(motion)
            context = ligament.context_for(motion)
            colour = figures.ROLE_COLOURS[role]
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
            f"<p style='font-size:90%'>Sources: {esc(', '.join(ligament.source_keys))}</p>"
        )


def restraint_explorer(ligament_key: str = "ischiofemoral") -> widgets.VBox:
    """Build the ligament explorer and return the control to display.

    The returned box holds the dropdown first and the description last; the
    :class:`RestraintExplorer` driving it is attached as ``box.explorer``.

    Parameters
    ----------
    ligament_key : str, default "ischiofemoral"
        Ligament shown first.

    Returns
    -------
    ipywidgets.VBox
        Dropdown, restraint bar chart (if ``anywidget`` is installed) and text.
    """
    explorer = RestraintExplorer(ligament_key)
    explorer.box.explorer = explorer
    return explorer.box
