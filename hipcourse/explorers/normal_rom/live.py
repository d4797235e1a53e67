"""Normal-ROM explorer, live: position buttons switch the measured-rotation bars."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from ..base import LiveView
from .figure import build, rotation_name, rotation_y
from .state import POSITIONS, normal_rom_state

__all__ = ["NormalRomLive"]


class NormalRomLive(LiveView):
    """Toggle buttons for the test position (prone, seated, supine) above the figure.

    Attributes
    ----------
    controls : dict
        ``{"position": ToggleButtons}``.
    figure : plotly.graph_objects.FigureWidget
    view : ipywidgets.VBox
    """

    def __init__(self, position: str = "prone") -> None:
        buttons = widgets.ToggleButtons(
            options=[(p.capitalize(), p) for p in POSITIONS], value=position,
            description="Rotation measured:", style={"description_width": "initial"})
        self.controls = {"position": buttons}
        self.figure = go.FigureWidget(build(position, buttons=False)[0])
        self.view = widgets.VBox([buttons, self.figure])
        self._state = normal_rom_state(position)
        self._observe()

    def update(self) -> None:
        """Show rotation measured in the chosen position."""
        position = self.controls["position"].value
        with self.figure.batch_update():
            self.figure.data[2].y = rotation_y(position)
            self.figure.data[2].name = rotation_name(position)
        self._state = normal_rom_state(position)


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = NormalRomLive
