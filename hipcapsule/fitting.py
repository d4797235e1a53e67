"""Fit a capsule tightness to measured ROM (inverse use of the model), with an honest interval.

:func:`fit_tightness` asks which tightness of one capsule region best explains measured limits
(deg), each with a standard deviation ``sd_deg`` (default 5 deg, a typical goniometer or
inclinometer repeatability). It evaluates the profile of the fit cost
``chi2(t) = sum(((model(t) - measured) / sd)^2)`` on a grid of :data:`PROFILE_POINTS`
tightnesses over the region's meaningful range (one vectorised pass: the tightnesses are
stacked like ensemble members), then reports:

* the best tightness (grid minimum refined by a parabola through its neighbours);
* the 68 % profile interval ``{t : chi2(t) <= chi2_min + 1}`` (one parameter, so a
  difference of 1 in ``chi2``);
* ``not_identifiable`` when the cost barely changes over the range (its spread is below
  :data:`FLAT_CHI2`) or the interval covers more than :data:`WIDE_FRACTION` of the range:
  the measurements then say nothing about the capsule in this region;
* goodness of fit: ``chi2_min``, the degrees of freedom (measurements - 1) and the RMS
  residual;
* ``consistent_with_normal``: the interval contains 0 (the normal capsule explains the
  measurements as well as any tightened one).

Healthy norms
-------------
The model's normal capsule is a cadaver capsule at a 5 N m torque, without muscles; clinical
values of healthy adults are larger or smaller for reasons the model does not contain. A
measurement *at or above* the model's normal value can never be explained by tightening
(tightening only shrinks limits), so its best fit is 0, ``consistent_with_normal`` is True and
``at_bound`` is True: the answer is "no sign of a tight capsule", not "tight". The test suite
checks this for the published healthy means of :data:`hipcapsule.published.ROTATION_BY_POSITION`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ._checks import check_choice, check_in_range, check_positive
from .anatomy import REGIONS
from .calibration import MEANINGFUL_TIGHTNESS
from .capsule import default_capsule
from .rom import DEFAULT_TORQUE_THRESHOLD_NM, MOTIONS, ROM_START_POSES, jcs_search
from .solver import model_arrays

__all__ = ["FLAT_CHI2", "PROFILE_POINTS", "WIDE_FRACTION", "TightnessFit", "fit_tightness"]

#: Tightness grid points of the cost profile.
PROFILE_POINTS = 41
#: Below this spread of ``chi2`` over the range the fit is not identifiable.
FLAT_CHI2 = 1.0
#: An interval wider than this fraction of the range is not identifiable either.
WIDE_FRACTION = 0.8


@dataclass(frozen=True)
class TightnessFit:
    """Result of :func:`fit_tightness`.

    Attributes
    ----------
    tightness : float
        Best-fit fractional slack shortening of ``region``.
    interval : tuple of 2 float
        68 % profile interval of the tightness.
    uncertainty : float
        Half the interval width (inf if not identifiable).
    region : str
    predicted_deg, measured_deg, residuals_deg : dict
        Motion -> model value, measurement and model - measurement (deg).
    at_bound : bool
        True if the best fit sits at 0 or at the meaningful maximum.
    not_identifiable : bool
        True if the measurements do not pin the tightness down (module docs).
    consistent_with_normal : bool
        True if the interval contains 0.
    chi2 : float
        Fit cost at the best tightness.
    dof : int
        Measurements minus one.
    rms_residual_deg : float
    profile_tightness, profile_chi2 : ndarray, shape (PROFILE_POINTS,)
        The cost profile.
    message : str
        One plain-language sentence saying what the fit can and cannot tell.
    """

    tightness: float
    interval: tuple
    uncertainty: float
    region: str
    predicted_deg: dict
    measured_deg: dict
    residuals_deg: dict
    at_bound: bool
    not_identifiable: bool
    consistent_with_normal: bool
    chi2: float
    dof: int
    rms_residual_deg: float
    profile_tightness: np.ndarray
    profile_chi2: np.ndarray
    message: str


def _crossing(t: np.ndarray, c: np.ndarray, level: float, i: int, step: int) -> float:
    """Walk from grid index ``i`` by ``step`` to where ``c`` rises above ``level``."""
    j = i
    while 0 <= j + step < t.size and c[j + step] <= level:
        j += step
    if not 0 <= j + step < t.size:
        return float(t[j])
    c0, c1 = c[j], c[j + step]
    frac = (level - c0) / (c1 - c0) if c1 != c0 else 0.0
    return float(t[j] + frac * (t[j + step] - t[j]))


def fit_tightness(
    measured_deg: dict,
    region: str = "whole",
    sex: str = "male",
    sd_deg: float = 5.0,
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
) -> TightnessFit:
    """Tightness of ``region`` that best matches measured ROM, with its profile interval.

    Parameters
    ----------
    measured_deg : dict
        Motion name (keys of :data:`hipcapsule.rom.MOTIONS`) -> measured limit in deg
        (0-180). IR/ER are the seated (90 deg flexion) values, as in
        :func:`hipcapsule.range_of_motion`.
    region : {"whole", "anterior", "posterior", "inferior", "best"}
        Region to tighten; "best" fits every region and returns the one with the smallest
        cost (ties: the first in :data:`hipcapsule.REGIONS` order).
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
        return min(fits, key=lambda f: f.chi2)
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
    grid = np.linspace(0.0, t_max, PROFILE_POINTS)
    # every grid tightness at once: one geometry, one row of slack lengths per tightness
    arr = model_arrays(base)
    mask = np.array([b.ligament in ligs for b in base.bundles])
    slack = arr.slack_mm * (1.0 - grid[:, None] * mask[None, :])
    arr = replace(arr, slack_mm=slack, stiffness=np.broadcast_to(arr.stiffness, slack.shape))
    model = np.rad2deg(jcs_search(arr, motions, start, thr).angle_rad)
    chi2 = np.sum(((model - target) / sd) ** 2, axis=1)
    i = int(np.argmin(chi2))
    t_best, c_best, pred = float(grid[i]), float(chi2[i]), model[i]
    if 0 < i < grid.size - 1:
        c0, c1, c2 = chi2[i - 1], chi2[i], chi2[i + 1]
        den = c0 - 2.0 * c1 + c2
        if den > 0:
            shift = 0.5 * (c0 - c2) / den  # in grid steps, within (-1/2, 1/2)
            step = grid[1] - grid[0]
            t_best = float(grid[i] + shift * step)
            c_best = float(c1 - 0.25 * (c0 - c2) * shift)
            pred = model[i] + shift * (model[i + 1] - model[i - 1]) / 2.0
    level = c_best + 1.0
    lo = _crossing(grid, chi2, level, i, -1)
    hi = _crossing(grid, chi2, level, i, +1)
    flat = float(chi2.max() - chi2.min()) < FLAT_CHI2
    not_identifiable = flat or (hi - lo) > WIDE_FRACTION * t_max
    normal = bool(chi2[0] <= level)
    at_bound = bool(t_best < 1e-3 or t_best > t_max - 1e-3)
    resid = pred - target
    if not_identifiable:
        msg = ("These measurements barely change across the range of " f"{region} tightness the "
               "model covers, so they cannot tell how tight this part of the capsule is.")
    elif normal:
        msg = ("These measurements are explained by a normal capsule as well as by any tighter "
               "one: nothing here suggests a tight " f"{region} capsule.")
    else:
        msg = (f"These measurements fit a {region} capsule about {100 * t_best:.1f} % tighter "
               f"than normal (68 % interval {100 * lo:.1f}-{100 * hi:.1f} %), in this model.")
    return TightnessFit(
        tightness=t_best,
        interval=(lo, hi),
        uncertainty=math.inf if not_identifiable else 0.5 * (hi - lo),
        region=region,
        predicted_deg=dict(zip(motions, map(float, pred), strict=True)),
        measured_deg=meas,
        residuals_deg=dict(zip(motions, map(float, resid), strict=True)),
        at_bound=at_bound,
        not_identifiable=bool(not_identifiable),
        consistent_with_normal=normal,
        chi2=c_best,
        dof=len(motions) - 1,
        rms_residual_deg=float(np.sqrt(np.mean(resid**2))),
        profile_tightness=grid,
        profile_chi2=chi2,
        message=msg,
    )
