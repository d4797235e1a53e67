"""Fit a capsule tightness to measured ROM (inverse use of the model).

:func:`fit_tightness` finds the tightness of one capsule region that best explains measured
limits (deg), by bounded 1-D least squares over [0, the region's meaningful maximum]. Each
measurement has a standard deviation ``sd_deg`` (default 5 deg, a typical goniometer /
inclinometer repeatability). The uncertainty is the Gauss-Newton standard error
``sd / sqrt(sum((d model / d tightness)^2))`` from a central finite difference; it is ``inf``
when the measured motions do not depend on tightness there (e.g. seated IR on its bony plateau).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from ._checks import check_choice, check_in_range, check_positive
from .anatomy import MAX_TIGHTNESS, REGIONS
from .calibration import MEANINGFUL_TIGHTNESS
from .capsule import default_capsule
from .rom import DEFAULT_TORQUE_THRESHOLD_NM, MOTIONS, ROM_START_POSES, jcs_limits

__all__ = ["TightnessFit", "fit_tightness"]


@dataclass(frozen=True)
class TightnessFit:
    """Result of :func:`fit_tightness`.

    Attributes
    ----------
    tightness : float
        Best-fit fractional slack shortening of ``region``.
    uncertainty : float
        One standard error of ``tightness`` (inf if not identifiable).
    region : str
    predicted_deg, measured_deg, residuals_deg : dict
        Motion -> model value, measurement and model - measurement (deg).
    at_bound : bool
        True if the best fit sits at 0 or at the meaningful maximum.
    """

    tightness: float
    uncertainty: float
    region: str
    predicted_deg: dict
    measured_deg: dict
    residuals_deg: dict
    at_bound: bool


def fit_tightness(
    measured_deg: dict,
    region: str = "whole",
    sex: str = "male",
    sd_deg: float = 5.0,
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
) -> TightnessFit:
    """Tightness of ``region`` that best matches measured ROM.

    Parameters
    ----------
    measured_deg : dict
        Motion name (keys of :data:`hipcapsule.rom.MOTIONS`) -> measured limit in deg
        (0-180). IR/ER are the seated (90 deg flexion) values, as in
        :func:`hipcapsule.range_of_motion`.
    region : {"whole", "anterior", "posterior", "inferior", "best"}
        Region to tighten; "best" fits every region and returns the one with the smallest
        sum of squared residuals.
    sex : {"male", "female"}
    sd_deg : float
        Measurement standard deviation (deg), in (0, 45].
    torque_threshold_nm : float

    Returns
    -------
    TightnessFit
    """
    check_choice("region", region, (*REGIONS, "best"))
    if region == "best":
        fits = [
            fit_tightness(measured_deg, r, sex, sd_deg, torque_threshold_nm) for r in REGIONS
        ]
        return min(fits, key=lambda f: sum(v * v for v in f.residuals_deg.values()))
    if not isinstance(measured_deg, dict) or not measured_deg:
        raise ValueError(f"measured_deg={measured_deg!r} is not a non-empty dict of motions")
    meas = {}
    for key, value in measured_deg.items():
        check_choice("measured_deg key", key, tuple(MOTIONS))
        meas[key] = check_in_range(f"measured_deg[{key!r}]", value, 0.0, 180.0)
    sd = check_positive("sd_deg", sd_deg, 45.0)
    thr = check_positive("torque_threshold_nm", torque_threshold_nm, 100.0)
    base = default_capsule(sex)
    ligs = REGIONS[region]
    motions = list(meas)
    start = np.array([ROM_START_POSES[m] for m in motions])
    target = np.array([meas[m] for m in motions])
    t_max = MEANINGFUL_TIGHTNESS[region][1]

    def model(t: float) -> np.ndarray:
        cap = base.tightened(min(max(t, 0.0), MAX_TIGHTNESS), ligaments=ligs)
        return jcs_limits(cap, motions, start, thr)[0]

    def cost(t: float) -> float:
        return float(np.sum((model(t) - target) ** 2))

    # coarse scan (robust to plateaus), then bounded Brent refinement
    grid = np.linspace(0.0, t_max, 9)
    costs = [cost(t) for t in grid]
    i = int(np.argmin(costs))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    res = minimize_scalar(cost, bounds=(lo, hi), method="bounded", options={"xatol": 1e-4})
    t_best = float(res.x) if res.fun <= costs[i] else float(grid[i])
    h = 0.005
    jac = (model(min(t_best + h, MAX_TIGHTNESS)) - model(max(t_best - h, 0.0))) / (
        min(t_best + h, MAX_TIGHTNESS) - max(t_best - h, 0.0)
    )
    info = float(np.sum(jac**2))
    unc = sd / math.sqrt(info) if info > 1e-9 else math.inf
    pred = model(t_best)
    return TightnessFit(
        tightness=t_best,
        uncertainty=unc,
        region=region,
        predicted_deg=dict(zip(motions, map(float, pred), strict=True)),
        measured_deg=meas,
        residuals_deg=dict(zip(motions, map(float, pred - target), strict=True)),
        at_bound=bool(t_best < 1e-3 or t_best > t_max - 1e-3),
    )
