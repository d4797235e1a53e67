"""Explorer 1, live: tightness -> six ROM bars and the circumduction envelope."""

from __future__ import annotations

from .._regions import RegionTightnessLive
from .figure import SPEC, tightness_rom_figure, tightness_rom_values
from .state import rom_state

__all__ = ["TightnessRomLive"]

TightnessRomLive = RegionTightnessLive.for_explorer(
    "TightnessRomLive", tightness_rom_figure, rom_state, tightness_rom_values, SPEC.keys,
    doc="Explorer 1, live. ``state()`` is ``rom_state`` for the current controls.")


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = TightnessRomLive
