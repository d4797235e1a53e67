"""Normal-ROM explorer, live: position buttons switch the measured rotation and the flexion at
which the model's rotation is taken."""

from __future__ import annotations

import ipywidgets as widgets

from ..base import LiveView, live_figure
from .figure import DYNAMIC, build, normal_rom_values
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
        self.figure = live_figure(build(position, buttons=False)[0])
        self.view = widgets.VBox([buttons, self.figure])
        self._state = normal_rom_state(position)
        self._observe()

    def update(self) -> None:
        """Show the model and the rotation measured in the chosen position."""
        self._state = normal_rom_state(self.controls["position"].value)
        vals = normal_rom_values(self._state)
        traces = [self.figure.data[i] for i in DYNAMIC]
        with self.figure.batch_update():
            self._set(traces, [vals["model"], vals["model_band"], vals["measured"]])


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = NormalRomLive
