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

Living measurements and healthy norms
-------------------------------------
The model's normal capsule is a cadaver capsule at a 5 N m torque, without muscles, and its
absolute angles are not those of living people measured by hand (its normal seated external
rotation, for example, is well above the healthy adults' mean). Fitting a living person's
angles to the model's absolute angles would therefore call the average healthy adult "tight".
So by default (``reference="healthy"``) the fit compares **changes**: the measured angle minus
the healthy adults' mean for the same test (:func:`healthy_reference`) against the model's
angle at tightness ``t`` minus its normal angle. The average healthy adult then fits
``t = 0`` exactly and reads as "consistent with a normal capsule"; angles above the healthy
mean cannot be explained by tightening (it only shrinks limits) and also read as normal. The
reference can be any dict of angles measured the same way (for example the other hip), or
``None`` to fit absolute angles (a cadaver capsule tested like the model). The test suite checks
the healthy means of :data:`hipcapsule.published.ROTATION_BY_POSITION` in every region.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ._checks import check_choice, check_in_range, check_positive
from .anatomy import REGIONS
from .calibration import MEANINGFUL_TIGHTNESS
from .capsule import default_capsule
from .published import norm_for, rotation_for_position
from .rom import DEFAULT_TORQUE_THRESHOLD_NM, MOTIONS, ROM_START_POSES, jcs_search
from .solver import model_arrays

__all__ = [
    "FLAT_CHI2",
    "PROFILE_POINTS",
    "WIDE_FRACTION",
    "TightnessFit",
    "fit_tightness",
    "healthy_reference",
]


def healthy_reference(motions) -> dict[str, float]:
    """Healthy adults' mean (deg) of each motion, measured as :func:`fit_tightness` expects.

    Seated internal and external rotation: kouyoumdjian2012's seated means
    (:func:`hipcapsule.published.rotation_for_position`); flexion, extension, abduction and
    adduction: the AAOS typical values (:func:`hipcapsule.published.norm_for`).
    """
    seated = rotation_for_position("seated")
    out = {}
    for m in motions:
        if m == "internal_rotation":
            out[m] = seated.internal_rotation_deg
        elif m == "external_rotation":
            out[m] = seated.external_rotation_deg
        else:
            out[m] = norm_for(m).typical_deg
    return out

_REGION_WORDS = {"whole": "whole capsule", "anterior": "front of the capsule",
                 "posterior": "back of the capsule", "inferior": "lower capsule"}

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
        Motion -> predicted measurement, measurement and predicted - measured (deg). With a
        reference the prediction is the reference plus the model's change from normal.
    reference_deg : dict or None
        The reference the measurements were compared with (None: absolute model angles).
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
    reference_deg: dict | None
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
    reference="healthy",
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
    reference : "healthy", dict or None
        What a normal capsule's measurement is (module docs): the healthy adults' means
        (default), a dict with an angle for every measured motion, or None for the model's own
        absolute angles.

    Returns
    -------
    TightnessFit
    """
    check_choice("region", region, (*REGIONS, "best"))
    if region == "best":
        fits = [
            fit_tightness(measured_deg, r, sex, sd_deg, torque_threshold_nm, reference)
            for r in REGIONS
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
    if isinstance(reference, str) and reference == "healthy":
        ref = healthy_reference(meas)
    elif reference is None:
        ref = None
    elif isinstance(reference, dict):
        missing = [m for m in meas if m not in reference]
        if missing:
            raise ValueError(f"reference={reference!r} has no angle for {', '.join(missing)}")
        ref = {m: check_in_range(f"reference[{m!r}]", reference[m], 0.0, 180.0) for m in meas}
    else:
        raise ValueError(f"reference={reference!r} is not 'healthy', None or a dict of angles")
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
    if ref is not None:  # compare changes from normal (module docs)
        model = model - model[:1] + np.array([ref[m] for m in motions])[None, :]
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
        msg = ("These measurements barely change across the range of tightness of the "
               f"{_REGION_WORDS[region]} the model covers, so they cannot tell how tight it is.")
    elif normal:
        msg = ("These measurements are explained by a normal capsule as well as by any tighter "
               f"one: nothing here suggests that the {_REGION_WORDS[region]} is tight.")
    else:
        msg = (f"These measurements fit the {_REGION_WORDS[region]} about {100 * t_best:.1f} % "
               f"tighter than normal (68 % interval {100 * lo:.1f}-{100 * hi:.1f} %), in this "
               "model.")
    return TightnessFit(
        tightness=t_best,
        interval=(lo, hi),
        uncertainty=math.inf if not_identifiable else 0.5 * (hi - lo),
        region=region,
        predicted_deg=dict(zip(motions, map(float, pred), strict=True)),
        measured_deg=meas,
        residuals_deg=dict(zip(motions, map(float, resid), strict=True)),
        reference_deg=ref,
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
