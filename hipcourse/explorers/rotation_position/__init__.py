"""Explorer 2 (lesson 02): rotation depends on how far the hip is bent."""

from __future__ import annotations

from functools import lru_cache

from .._regions import TightnessSettings
from . import caption, figure, live, state

__all__ = ["EXPLORER", "RotationPosition"]


@lru_cache(maxsize=1)
def _built():
    return figure.build()


class RotationPosition(TightnessSettings):
    """Explorer 2: region buttons and a tightness slider -> IR and ER along flexion."""

    name = "rotation_position"
    label = "Explorer 2"

    def state(self, region: str = "whole", tightness: float = 0.0, sex: str = "male") -> dict:
        return state.rotation_curve_state(region, tightness, sex=sex)

    def figure(self):
        import plotly.graph_objects as go

        return go.Figure(_built()[0])

    def controls(self):
        return _built()[1]

    def caption(self) -> str:
        return caption.caption_rotation_position()

    def live(self, region: str = "whole", fraction: float = 0.5) -> live.RotationPositionLive:
        return live.RotationPositionLive(region, fraction)

    def readout(self, fig: dict) -> dict:
        return figure.readout(fig)


EXPLORER = RotationPosition()
