"""Lesson 01, figure 2: typical hip ranges and rotation by test position."""

from __future__ import annotations

from functools import lru_cache

from ..base import ExplorerBase
from . import caption, figure, live, state

__all__ = ["EXPLORER", "NormalRom"]


@lru_cache(maxsize=1)
def _built():
    return figure.build()


class NormalRom(ExplorerBase):
    """Position buttons -> rotation measured in that position, beside norms and cadaver limits.

    Setting: ``position`` ("prone", "seated" or "supine").
    """

    name = "normal_rom"
    label = "Figure 2"

    def state(self, position: str = "prone") -> dict:
        return state.normal_rom_state(position)

    def figure(self):
        import plotly.graph_objects as go

        return go.Figure(_built()[0])

    def controls(self):
        return _built()[1]

    def caption(self) -> str:
        return caption.caption_normal_rom()

    def live(self, position: str = "prone") -> live.NormalRomLive:
        return live.NormalRomLive(position)

    def readout(self, fig: dict) -> dict:
        return figure.readout(fig)


EXPLORER = NormalRom()
