"""Explorer 2, live: internal and external rotation limits along hip flexion 0-120 deg."""

from __future__ import annotations

from .._regions import RegionTightnessLive
from .figure import rotation_position_figure, rotation_position_values
from .state import rotation_curve_state

__all__ = ["RotationPositionLive"]


class RotationPositionLive(RegionTightnessLive):
    """Explorer 2, live. :meth:`state` is :func:`~.state.rotation_curve_state`:
    ``{"region", "tightness", "flexion_deg", "ir", "er", "ir_limited_by", "er_limited_by"}``
    (degrees; ``"bone"`` where the neck meets the socket rim)."""

    def _build_figure(self, region: str, fraction: float):
        return rotation_position_figure(region, fraction, n_steps=0, regions=(region,))

    def _compute(self, region: str, tightness: float) -> dict:
        return rotation_curve_state(region, tightness)

    def _values(self, state: dict) -> list[dict]:
        vals = rotation_position_values(state)
        return [vals["ir"], vals["er"]]
