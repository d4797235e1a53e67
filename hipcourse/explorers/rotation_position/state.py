"""Explorer 2 state: internal and external rotation limits along hip flexion."""

from __future__ import annotations

import numpy as np

import hipcapsule as hc
from hipcapsule import published

__all__ = ["BAND_FLEXION_DEG", "FLEXION_GRID_DEG", "TEST_POSITION_FLEXION_DEG",
           "bony_rotation_state", "rotation_curve_state"]

#: Hip flexion angles at which explorer 2 evaluates rotation, degrees.
FLEXION_GRID_DEG: np.ndarray = np.arange(0.0, 121.0, 10.0)

#: Clinical test positions and the hip flexion each uses, degrees (kouyoumdjian2012).
TEST_POSITION_FLEXION_DEG: dict[str, float] = {
    r.position: r.hip_flexion_deg for r in published.ROTATION_BY_POSITION
}

#: Hip flexion angles at which explorer 2 evaluates the ensemble band, degrees: every 20 deg
#: and the test positions. Fewer angles than the curves, so that a live update with its band
#: stays within one 60 Hz frame (the band costs one solve per ensemble member and angle).
BAND_FLEXION_DEG: np.ndarray = np.array(sorted(
    {float(f) for f in np.arange(0.0, 121.0, 20.0)} | set(TEST_POSITION_FLEXION_DEG.values())))


def _curves(cap, region: str, tightness: float, flexion_deg, band: bool) -> dict:
    f = FLEXION_GRID_DEG if flexion_deg is None else np.asarray(flexion_deg, dtype=float)
    lim = hc.rotation_limits(cap, flexion_deg=f)
    out = {
        "region": region,
        "tightness": float(tightness),
        "flexion_deg": [float(v) for v in f],
        "ir": [float(v) for v in lim.ir],
        "er": [float(v) for v in lim.er],
        "ir_limited_by": list(lim.ir_limited_by),
        "er_limited_by": list(lim.er_limited_by),
    }
    if band:
        fb = BAND_FLEXION_DEG if flexion_deg is None else f
        lim = hc.rotation_limits(cap, flexion_deg=fb, band=True)
        out["band_flexion_deg"] = [float(v) for v in fb]
        out["ir_band"] = [[float(lo), float(hi)] for lo, hi in lim.ir_band]
        out["er_band"] = [[float(lo), float(hi)] for lo, hi in lim.er_band]
    return out


def rotation_curve_state(
    region: str = "whole", tightness: float = 0.0, flexion_deg=None, sex: str = "male",
    band: bool = True,
) -> dict:
    """Everything explorer 2 shows for one capsule state: IR and ER limits along flexion.

    Parameters
    ----------
    region : {"whole", "anterior", "posterior", "inferior"}
    tightness : float
        Fractional slack shortening of the region, in [0, 0.5].
    flexion_deg : array_like, optional
        Hip flexion angles in degrees; default :data:`FLEXION_GRID_DEG` (0 to 120 by 10).
    sex : {"male", "female"}
    band : bool, default True
        Also give the ensemble band of every limit.

    Returns
    -------
    dict
        ``region``, ``tightness``, ``flexion_deg``, ``ir``, ``er`` (degrees, lists),
        ``ir_limited_by`` and ``er_limited_by`` (lists of ligament names or ``"bone"``); with
        ``band``, ``band_flexion_deg`` (:data:`BAND_FLEXION_DEG`, or ``flexion_deg`` if
        given) and ``ir_band`` and ``er_band``: [10th, 90th percentile] of each limit there
        over the calibration ensemble (degrees; the model's uncertainty, not a range between
        people).
    """
    return _curves(hc.region_capsule(region, tightness, sex), region, tightness, flexion_deg,
                   band)


def bony_rotation_state(flexion_deg=None, sex: str = "male") -> dict:
    """IR and ER limits with every ligament cut: only bone can stop the rotation.

    Same keys as :func:`rotation_curve_state` (``region`` is ``"none"``). Where nothing stops
    the motion the value is the search maximum and ``limited_by`` is ``"none"``.
    """
    cap = hc.default_capsule(sex).released(list(hc.LIGAMENTS))
    return _curves(cap, "none", 0.0, flexion_deg, band=False)


#: The explorer's state function (see :mod:`hipcourse.explorers.base`).
settings_state = rotation_curve_state
