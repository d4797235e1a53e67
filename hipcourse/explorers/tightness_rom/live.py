"""Explorer 1, live: tightness -> six ROM bars and the circumduction envelope."""

from __future__ import annotations

from .._regions import RegionTightnessLive
from .figure import tightness_rom_figure, tightness_rom_values
from .state import rom_state

__all__ = ["TightnessRomLive"]


class TightnessRomLive(RegionTightnessLive):
    """Explorer 1, live. :meth:`state` is :func:`~.state.rom_state` for the current controls:
    ``{"region", "tightness", "rom": {motion: deg}, "limited_by": {...}, "solid_angle_sr",
    "envelope": {...}}``."""

    def _build_figure(self, region: str, fraction: float):
        return tightness_rom_figure(region, fraction, n_steps=0, regions=(region,))

    def _compute(self, region: str, tightness: float) -> dict:
        return rom_state(region, tightness)

    def _values(self, state: dict) -> list[dict]:
        vals = tightness_rom_values(state)
        return [vals["bar"], vals["polar"]]
