"""Normal-ROM state: typical adult ranges, capsule-only cadaver limits and rotation measured
in one test position (all published, :mod:`hipcapsule.published`)."""

from __future__ import annotations

from hipcapsule import MOTIONS, published

__all__ = ["POSITIONS", "normal_rom_state"]

#: Test positions in display order.
POSITIONS: tuple[str, ...] = tuple(r.position for r in published.ROTATION_BY_POSITION)


def normal_rom_state(position: str = "prone") -> dict:
    """What the normal-ROM figure shows with rotation measured in ``position``.

    Returns
    -------
    dict
        ``position``, ``hip_flexion_deg``; ``aaos``: motion -> (low, high) deg;
        ``cadaver``: motion -> limit deg (motions with a cadaver value); ``measured``:
        ``{"internal_rotation": deg, "external_rotation": deg}`` in that position.
    """
    rec = published.rotation_for_position(position)
    return {
        "position": position,
        "hip_flexion_deg": rec.hip_flexion_deg,
        "aaos": {m: (published.norm_for(m).low_deg, published.norm_for(m).high_deg)
                 for m in MOTIONS},
        "cadaver": {c.motion: c.limit_deg for c in published.CADAVER_LIMITS},
        "measured": {"internal_rotation": rec.internal_rotation_deg,
                     "external_rotation": rec.external_rotation_deg},
    }


#: The explorer's state function (see :mod:`hipcourse.explorers.base`).
settings_state = normal_rom_state
