"""Explorer 4 state: the capsule tightness that best explains measured seated rotation.

The learner enters seated internal and external rotation (and, optionally, flexion); the model
finds the capsule tightness that best explains them (:func:`hipcapsule.fit_tightness`) and the
range of motion of that fitted capsule next to the normal one. This illustrates how a model can
be run backwards; it is not a diagnosis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from hipcapsule import REGIONS, default_capsule, fit_tightness, range_of_motion, region_capsule

__all__ = ["FitDisplay", "REGION_CHOICES", "VALID_RANGES", "check_measurements", "fit_display",
           "settings_state"]

#: Regions the learner may fit ("best" lets the model pick the region).
REGION_CHOICES = ("posterior", "whole", "anterior", "inferior", "best")
#: Plausible measured ranges (deg); values outside are refused with a message.
VALID_RANGES = {"internal_rotation": (0.0, 90.0), "external_rotation": (0.0, 90.0),
                "flexion": (30.0, 150.0)}


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
    uncertainty : float or None
        One standard error; None if the measurements do not pin the tightness down.
    rom, normal_rom : dict
        Motion -> limit (deg) of the fitted and of the normal capsule (model).
    at_bound : bool
    sex : str
    """

    measured: dict
    region: str
    tightness: float
    uncertainty: float | None
    rom: dict
    normal_rom: dict
    at_bound: bool
    sex: str
    sse_deg2: float = 0.0


@lru_cache(maxsize=4096)
def _fit_cached(items: tuple, region: str, sex: str) -> FitDisplay:
    if region == "best":
        # same rule as fit_tightness(region="best"): smallest sum of squared residuals,
        # first region wins a tie; reuses the per-region fits
        return min((_fit_cached(items, r, sex) for r in REGIONS), key=lambda d: d.sse_deg2)
    measured = dict(items)
    fit = fit_tightness(measured, region=region, sex=sex)
    cap = region_capsule(fit.region, fit.tightness, sex)
    unc = fit.uncertainty if math.isfinite(fit.uncertainty) else None
    return FitDisplay(
        measured=measured,
        region=fit.region,
        tightness=float(fit.tightness),
        uncertainty=None if unc is None else float(unc),
        rom=range_of_motion(cap).as_dict(),
        normal_rom=range_of_motion(default_capsule(sex)).as_dict(),
        at_bound=fit.at_bound,
        sex=sex,
        sse_deg2=float(sum(v * v for v in fit.residuals_deg.values())),
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
    return {"tightness": d.tightness, "uncertainty": d.uncertainty, "rom": dict(d.rom),
            "normal_rom": dict(d.normal_rom), "region": d.region, "at_bound": d.at_bound}
