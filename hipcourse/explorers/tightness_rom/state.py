"""Explorer 1 state: the six ranges of motion and the circumduction envelope of one capsule."""

from __future__ import annotations

import hipcapsule as hc

__all__ = ["ROM_KEYS", "rom_state"]

#: The six ROM motions in display order (model keys).
ROM_KEYS: tuple[str, ...] = tuple(hc.MOTIONS)


def rom_state(region: str = "whole", tightness: float = 0.0, sex: str = "male") -> dict:
    """Everything explorer 1 shows for one capsule state.

    Parameters
    ----------
    region : {"whole", "anterior", "posterior", "inferior"}
        Which part of the capsule is tightened.
    tightness : float
        Fractional shortening of the chosen ligaments' slack length, in [0, 0.5].
    sex : {"male", "female"}

    Returns
    -------
    dict
        ``region``, ``tightness``, ``sex``; ``rom``: motion -> limit in degrees (see
        :data:`ROM_KEYS`);
        ``band``: motion -> [10th, 90th percentile] of the limit over the calibration ensemble
        (degrees; the model's uncertainty, not a range between people); ``limited_by``:
        motion -> ligament name, ``"bone"`` or ``"none"``; ``solid_angle_sr``:
        circumduction solid angle; ``envelope``: ``azimuth_deg``, ``limit_deg`` and
        ``limited_by`` lists of the circumduction boundary (best fit only: an ensemble band of
        the envelope costs about 0.1 s, too slow for a live update).
    """
    cap = hc.region_capsule(region, tightness, sex)
    rom = hc.range_of_motion(cap, band=True)
    env = hc.circumduction(cap)
    return {
        "region": region,
        "tightness": float(tightness),
        "sex": sex,
        "rom": {m: float(getattr(rom, m)) for m in ROM_KEYS},
        "band": {m: [float(v) for v in rom.band_deg[m]] for m in ROM_KEYS},
        "limited_by": {m: rom.limited_by[m] for m in ROM_KEYS},
        "solid_angle_sr": float(env.solid_angle_sr),
        "envelope": {
            "azimuth_deg": [float(a) for a in env.azimuth_deg],
            "limit_deg": [float(v) for v in env.limit_deg],
            "limited_by": list(env.limited_by),
        },
    }


#: The explorer's state function (see :mod:`hipcourse.explorers.base`).
settings_state = rom_state
