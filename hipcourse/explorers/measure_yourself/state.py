"""Explorer 4 state: the capsule tightness that best explains measured seated rotation.

The learner enters seated internal and external rotation (and, optionally, flexion); the model
finds the capsule tightness that best explains them (:func:`hipcapsule.fit_tightness`), with
its 68 % profile interval, and the range of motion of that fitted capsule next to the normal
one. This illustrates how a model can be run backwards; it is not a diagnosis.

What the fit compares
---------------------
The model's normal capsule is a cadaver capsule loaded to 5 N m, without muscles, and living
adults measured by hand do not turn like it (their average seated external rotation is well
below the model's). So the model's fit (:data:`REFERENCE` ``= "healthy"``, its default)
compares **changes**: how far the learner's angles are from healthy adults' averages for the
same tests (:func:`hipcapsule.fitting.healthy_reference`) against how far a tighter capsule
moves the model's angles from its normal ones. The average healthy adult then fits a normal capsule.
The fit reports the averages it used (``reference_deg``) and what it expects the learner to
measure at the fitted tightness (``predicted_deg``: the averages plus the model's change); the
explorer shows both. The verdicts, in the order they are tested (:func:`verdict_of`):

``"above"``
    every measured angle is at or above the healthy adults' average: tightening only ever makes
    limits smaller, so these angles carry no sign of a tight capsule in any region (said even
    where the angles cannot tell about the region, which is what a learner typing the average
    into the inferior capsule needs to read);
``"cannot_tell"``
    the model's ``not_identifiable`` flag: the fit cost is flat over the region's range;
``"normal"``
    the model's ``consistent_with_normal`` flag: the interval contains 0;
``"beyond"``
    the fit sits at the largest tightness the model covers and still misses the measurements
    by more than the assumed measuring error (RMS residual > ``sd_deg``): the interval is cut
    off by the end of the range and says nothing;
``"tighter"``
    otherwise: the measurements fit a capsule tighter than the healthy average, in this model.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass
from functools import lru_cache

from hipcapsule import (
    MEANINGFUL_TIGHTNESS,
    default_capsule,
    fit_tightness,
    range_of_motion,
    region_capsule,
)

__all__ = ["FIT_SD_DEG", "REFERENCE", "REGION_CHOICES", "VALID_RANGES", "VERDICTS", "FitDisplay",
           "check_measurements", "fit_display", "settings_state", "verdict_of"]

#: Regions the learner may fit ("best" lets the model pick the region).
REGION_CHOICES = ("posterior", "whole", "anterior", "inferior", "best")
#: Plausible measured ranges (deg); values outside are refused with a message.
VALID_RANGES = {"internal_rotation": (0.0, 90.0), "external_rotation": (0.0, 90.0),
                "flexion": (30.0, 150.0)}
#: Verdicts, in the order :func:`verdict_of` tests them (module docs).
VERDICTS = ("above", "cannot_tell", "normal", "beyond", "tighter")
#: Measuring SD the fit assumes (deg): the default ``sd_deg`` of :func:`fit_tightness`.
FIT_SD_DEG: float = inspect.signature(fit_tightness).parameters["sd_deg"].default

#: What the explorer's fit compares the measurements with (``reference`` of
#: :func:`hipcapsule.fit_tightness`): healthy adults' averages for the same tests.
REFERENCE = "healthy"


def check_measurements(measured: dict) -> dict[str, float]:
    """Validate measured angles (deg); return them as floats.

    Raises
    ------
    ValueError
        With a plain-language message for a missing, non-numeric, NaN, negative or implausible
        value.
    """
    out = {}
    for key, value in measured.items():
        name = key.replace("_", " ") if key in VALID_RANGES else key
        if key not in VALID_RANGES:
            raise ValueError(f"{name!r} is not one of {', '.join(VALID_RANGES)}")
        if isinstance(value, bool):
            raise ValueError(f"{name} = {value!r} is not a number of degrees")
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} = {value!r} is not a number of degrees") from None
        if not math.isfinite(v):
            raise ValueError(f"{name} is not a number; type the angle in degrees, e.g. 35")
        lo, hi = VALID_RANGES[key]
        if v < 0:
            raise ValueError(f"{name} = {v:g}° is negative; enter how far the hip turned, "
                             "as a positive number of degrees from the start position")
        if not lo <= v <= hi:
            raise ValueError(f"{name} = {v:g}° is outside the plausible range {lo:g}–{hi:g}°; "
                             "please check the measurement")
        out[key] = v
    if "internal_rotation" not in out or "external_rotation" not in out:
        raise ValueError("enter both internal and external rotation")
    return out


@dataclass(frozen=True)
class FitDisplay:
    """What the explorer shows for one set of measurements.

    Attributes
    ----------
    measured : dict
        Motion -> measured angle (deg).
    region : str
        Region that was fitted (the chosen one when "best" was asked).
    tightness : float
        Best-fit tightness (fraction of slack length).
    interval : tuple of 2 float
        68 % profile interval of the tightness (fraction).
    t_max : float
        Largest tightness of the region the model covers (fraction).
    not_identifiable, consistent_with_normal, at_bound : bool
        The model's flags.
    chi2 : float
    dof : int
    rms_residual_deg : float
        Goodness of fit (see :class:`hipcapsule.fitting.TightnessFit`).
    message : str
        The model's plain-language sentence.
    reference : dict
        Motion -> healthy adults' average the measurement was compared with (deg), as the
        model reports it (``reference_deg``).
    expected : dict
        Motion -> what the fitted capsule expects the learner to measure (deg): the average
        plus the model's change from its normal capsule (``predicted_deg``).
    verdict : str
        One of :data:`VERDICTS` (module docs).
    rom, normal_rom : dict
        Motion -> limit (deg) of the fitted and of the normal capsule (model).
    sex : str
    """

    measured: dict
    region: str
    tightness: float
    interval: tuple
    t_max: float
    not_identifiable: bool
    consistent_with_normal: bool
    at_bound: bool
    chi2: float
    dof: int
    rms_residual_deg: float
    message: str
    reference: dict
    expected: dict
    verdict: str
    rom: dict
    normal_rom: dict
    sex: str
    profile_tightness: tuple = ()
    profile_chi2: tuple = ()


def verdict_of(fit, sd_deg: float = FIT_SD_DEG) -> str:
    """The verdict (:data:`VERDICTS`) of a :class:`~hipcapsule.fitting.TightnessFit`.

    ``sd_deg`` is the fit's measuring SD; "above" compares with the fit's own
    ``reference_deg`` (never said for a fit of absolute angles, ``reference_deg`` None).
    """
    ref = fit.reference_deg
    if ref is not None and all(v >= ref[m] for m, v in fit.measured_deg.items()):
        return "above"
    if fit.not_identifiable:
        return "cannot_tell"
    if fit.consistent_with_normal:
        return "normal"
    t_max = MEANINGFUL_TIGHTNESS[fit.region][1]
    if fit.tightness > t_max - 1e-3 and fit.rms_residual_deg > sd_deg:
        return "beyond"
    return "tighter"


@lru_cache(maxsize=4096)
def _fit_cached(items: tuple, region: str, sex: str) -> FitDisplay:
    measured = dict(items)
    # region="best": the model fits every region and keeps the smallest cost
    fit = fit_tightness(measured, region=region, sex=sex, reference=REFERENCE)
    cap = region_capsule(fit.region, fit.tightness, sex)
    return FitDisplay(
        measured=measured,
        region=fit.region,
        tightness=float(fit.tightness),
        interval=(float(fit.interval[0]), float(fit.interval[1])),
        t_max=float(MEANINGFUL_TIGHTNESS[fit.region][1]),
        not_identifiable=fit.not_identifiable,
        consistent_with_normal=fit.consistent_with_normal,
        at_bound=fit.at_bound,
        chi2=float(fit.chi2),
        dof=int(fit.dof),
        rms_residual_deg=float(fit.rms_residual_deg),
        message=fit.message,
        reference={m: float(v) for m, v in fit.reference_deg.items()},
        expected={m: float(v) for m, v in fit.predicted_deg.items()},
        verdict=verdict_of(fit),
        rom=range_of_motion(cap).as_dict(),
        normal_rom=range_of_motion(default_capsule(sex)).as_dict(),
        sex=sex,
        profile_tightness=tuple(float(t) for t in fit.profile_tightness),
        profile_chi2=tuple(float(c) for c in fit.profile_chi2),
    )


def fit_display(measured: dict, region: str = "posterior", sex: str = "male") -> FitDisplay:
    """Fit ``region``'s tightness to ``measured`` angles and collect what the explorer shows.

    Parameters
    ----------
    measured : dict
        "internal_rotation" and "external_rotation" (seated, deg), optional "flexion".
    region : {"posterior", "whole", "anterior", "inferior", "best"}
    sex : {"male", "female"}

    Raises
    ------
    ValueError
        For bad measurements (see :func:`check_measurements`) or an unknown region / sex.
    """
    meas = check_measurements(measured)
    if region not in REGION_CHOICES:
        raise ValueError(f"region={region!r} is not one of {', '.join(REGION_CHOICES)}")
    return _fit_cached(tuple(sorted(meas.items())), region, sex)


def settings_state(internal_rotation: float = 25.0, external_rotation: float = 40.0,
                   region: str = "posterior", sex: str = "male") -> dict:
    """What explorer 4 shows for one setting (seated IR and ER in deg, the region fitted)."""
    d = fit_display({"internal_rotation": internal_rotation,
                     "external_rotation": external_rotation}, region, sex)
    return {"tightness": d.tightness, "interval": d.interval, "verdict": d.verdict,
            "not_identifiable": d.not_identifiable,
            "consistent_with_normal": d.consistent_with_normal, "chi2": d.chi2, "dof": d.dof,
            "rms_residual_deg": d.rms_residual_deg, "reference": dict(d.reference),
            "expected": dict(d.expected), "rom": dict(d.rom), "normal_rom": dict(d.normal_rom),
            "region": d.region, "at_bound": d.at_bound}
