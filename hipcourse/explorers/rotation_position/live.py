"""Explorer 2, live: internal and external rotation limits along hip flexion 0-120 deg."""

from __future__ import annotations

from .._regions import RegionTightnessLive
from .figure import SPEC, rotation_position_figure, rotation_position_values
from .state import rotation_curve_state

__all__ = ["RotationPositionLive"]

RotationPositionLive = RegionTightnessLive.for_explorer(
    "RotationPositionLive", rotation_position_figure, rotation_curve_state,
    rotation_position_values, SPEC.keys,
    doc="Explorer 2, live. ``state()`` is ``rotation_curve_state`` for the current controls "
        "(degrees; ``'bone'`` where the neck meets the socket rim).")


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = RotationPositionLive
