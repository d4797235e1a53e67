"""Explorer 1 (lesson 02): capsule tightness and the six ranges of motion."""

from __future__ import annotations

from functools import lru_cache

from .._regions import TightnessSettings
from . import caption, figure, live, state

__all__ = ["EXPLORER", "TightnessRom"]


@lru_cache(maxsize=1)
def _built():
    return figure.build()


class TightnessRom(TightnessSettings):
    """Explorer 1: region buttons and a tightness slider -> ROM bars and envelope."""

    name = "tightness_rom"
    label = "Explorer 1"

    def state(self, region: str = "whole", tightness: float = 0.0, sex: str = "male") -> dict:
        return state.rom_state(region, tightness, sex)

    def figure(self):
        import plotly.graph_objects as go

        return go.Figure(_built()[0])

    def controls(self):
        return _built()[1]

    def caption(self) -> str:
        return caption.caption_tightness_rom()

    def live(self, region: str = "whole", fraction: float = 0.5) -> live.TightnessRomLive:
        return live.TightnessRomLive(region, fraction)

    def readout(self, fig: dict) -> dict:
        return figure.readout(fig)


EXPLORER = TightnessRom()
