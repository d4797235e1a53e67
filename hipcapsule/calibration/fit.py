"""Offline calibration of slack lengths, band stiffness and attachments (inside their bounds).

Run ``scripts/calibrate-model`` (which calls :func:`main`) to fit the model and write
``hipcapsule/calibration/data/calibration.json``; the runtime only loads that file. The fit is
deterministic (fixed start point, fixed finite-difference steps, no random numbers), so
re-running the script reproduces the committed file; ``--check`` verifies that.

What is fitted
--------------
* the slack length of every bundle, as a ratio to its neutral-pose path length, bounded to
  [0.95, 1.5] (from ~5 % pre-strain, inside the toe region, to 50 % slack at neutral);
* the linear stiffness of every capsular band (not the ligamentum teres), bounded by
  :data:`hipcapsule.anatomy.STIFFNESS_BOUNDS_N_PER_MM` and weakly pulled towards the reference
  defaults on a log scale (:data:`STIFFNESS_PRIOR_WEIGHT`);
* each attachment description, bounded by :data:`hipcapsule.anatomy.ATTACHMENT_BOUNDS` and
  weakly pulled towards the published-description defaults.

The objective is the scaled residuals of :mod:`hipcapsule.calibration.targets`, plus penalties
keeping every band's strain at every limit below
:data:`~hipcapsule.calibration.targets.STRAIN_FIT_CAP` and the ischiofemoral path length
increasing with internal rotation at 0, 30 and 90 deg flexion over
:data:`~hipcapsule.calibration.targets.MONOTONIC_IR_RANGE_DEG`.

Identifiability (a known weakness): ten targets do not pin down 33 parameters. The fitted
*limits* are robust, but the fitted attachment positions are not: a tiny change of start point
or of floating-point operation order lands elsewhere in a flat valley with the same quality of
fit. Slack lengths and stiffnesses also trade off; the weak stiffness prior picks one point of
that valley. The file is reproducible bit for bit with the same code and numpy build; any
change to the model's arithmetic requires re-running this script (the test suite checks it).

The script also computes :data:`hipcapsule.calibration.MEANINGFUL_TIGHTNESS`: for each region
the largest tightness at which no ROM motion is lost (limit <
:data:`~hipcapsule.calibration.targets.LOST_DEG`).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares, minimize

from ..anatomy import (
    ATTACHMENT_BOUNDS,
    BUNDLES,
    DEFAULT_ATTACHMENTS,
    MAX_TIGHTNESS,
    REGIONS,
    STIFFNESS_BOUNDS_N_PER_MM,
    STIFFNESS_N_PER_MM,
)
from ..capsule import build_capsule
from ..geometry import rotations_from_jcs
from ..rom import (
    DEFAULT_TORQUE_THRESHOLD_NM,
    MOTIONS,
    ROM_START_POSES,
    jcs_limits,
    rotational_stiffness_nm_per_deg,
    unresisted_arc_deg,
)
from ..solver import evaluate, model_arrays
from . import CALIBRATION_PATH
from .targets import (
    EXTRA_TARGETS,
    FIT_TARGETS,
    LOST_DEG,
    MONOTONIC_IR_RANGE_DEG,
    STRAIN_FIT_CAP,
)

__all__ = ["calibrate", "main", "meaningful_tightness"]

#: Weight of the pull of each calibrated stiffness towards its reference default, on a log
#: scale (a factor e = 2.7 away costs as much as missing a target by 0.3 of its scale). It
#: keeps the stiffnesses identifiable: without it several sit on their bounds.
STIFFNESS_PRIOR_WEIGHT = 0.3

_NAMES = tuple(BUNDLES)
_STIFF = tuple(STIFFNESS_BOUNDS_N_PER_MM)
_KEYS = tuple((name, key) for name in _NAMES for key in sorted(ATTACHMENT_BOUNDS[name]))


def _unpack(x: np.ndarray):
    nb, ns = len(_NAMES), len(_STIFF)
    ratios = dict(zip(_NAMES, map(float, x[:nb]), strict=True))
    stiff = dict(STIFFNESS_N_PER_MM)
    stiff.update(zip(_STIFF, map(float, x[nb:nb + ns]), strict=True))
    att = {name: {} for name in _NAMES}
    for (name, key), v in zip(_KEYS, x[nb + ns:], strict=True):
        att[name][key] = float(v)
    return ratios, att, stiff


def _start_and_bounds():
    x0 = ([1.05] * len(_NAMES) + [STIFFNESS_N_PER_MM[n] for n in _STIFF]
          + [DEFAULT_ATTACHMENTS[n][k] for n, k in _KEYS])
    lo = ([0.95] * len(_NAMES) + [STIFFNESS_BOUNDS_N_PER_MM[n][0] for n in _STIFF]
          + [ATTACHMENT_BOUNDS[n][k][0] for n, k in _KEYS])
    hi = ([1.5] * len(_NAMES) + [STIFFNESS_BOUNDS_N_PER_MM[n][1] for n in _STIFF]
          + [ATTACHMENT_BOUNDS[n][k][1] for n, k in _KEYS])
    return np.array(x0), np.array(lo), np.array(hi)


_IR_GRID = np.arange(MONOTONIC_IR_RANGE_DEG[0] - 5.0, MONOTONIC_IR_RANGE_DEG[1] + 0.5, 1.0)
_NG = len(_IR_GRID)
_MONO_POSES = np.concatenate(
    [np.stack([np.full(_NG, f), np.zeros(_NG), _IR_GRID], axis=1) for f in (0.0, 30.0, 90.0)]
)
_MONO_ROT = rotations_from_jcs(np.deg2rad(_MONO_POSES))


def _residuals(x: np.ndarray, x0: np.ndarray, span: np.ndarray) -> np.ndarray:
    ratios, att, stiff = _unpack(x)
    cap = build_capsule("male", ratios, att, stiffness=stiff)
    motions = [t[0] for t in FIT_TARGETS]
    start = np.array([t[1] for t in FIT_TARGETS])
    ang, _, strain, _ = jcs_limits(cap, motions, start, DEFAULT_TORQUE_THRESHOLD_NM)
    target = np.array([t[2] for t in FIT_TARGETS])
    scale = np.array([t[3] for t in FIT_TARGETS])
    r_target = (ang - target) / scale
    extra = {
        "unresisted_arc": unresisted_arc_deg(cap),
        "rotational_stiffness": min(float(np.mean(rotational_stiffness_nm_per_deg(cap))), 5.0),
    }
    r_extra = np.array([(extra[name] - t) / sc for name, t, sc, _ in EXTRA_TARGETS])
    r_strain = np.maximum(strain.max(axis=1) - STRAIN_FIT_CAP, 0.0) / 0.05
    length = evaluate(model_arrays(cap), _MONO_ROT)["length"]
    isch = [i for i, n in enumerate(_NAMES) if BUNDLES[n] == "ischiofemoral"]
    d = np.diff(length[:, isch].reshape(3, len(_IR_GRID), len(isch)), axis=1)
    r_mono = np.minimum(d, 0.0).sum(axis=(1,)).ravel() / 0.1
    nb, na = len(_NAMES), len(_NAMES) + len(_STIFF)
    r_reg = 0.3 * (x[na:] - x0[na:]) / span[na:]
    r_stiff = STIFFNESS_PRIOR_WEIGHT * np.log(x[nb:na] / x0[nb:na])
    return np.concatenate([r_target, r_extra, r_strain, r_mono, r_reg, r_stiff])


def meaningful_tightness(ratios: dict, att: dict, region: str, stiffness: dict) -> float:
    """Largest tightness of ``region`` (bisection to 1e-3) at which no ROM motion is lost."""
    base = build_capsule("male", ratios, att, stiffness=stiffness)
    ligs = REGIONS[region]
    motions = list(MOTIONS)
    start = np.array([ROM_START_POSES[m] for m in motions])

    def lost(t: float) -> bool:
        cap = base.tightened(t, ligaments=ligs)
        ang, _, _, _ = jcs_limits(cap, motions, start, DEFAULT_TORQUE_THRESHOLD_NM)
        return bool((ang < LOST_DEG).any())

    if not lost(MAX_TIGHTNESS):
        return MAX_TIGHTNESS
    lo, hi = 0.0, MAX_TIGHTNESS
    while hi - lo > 1e-3:
        mid = 0.5 * (lo + hi)
        if lost(mid):
            hi = mid
        else:
            lo = mid
    return math.floor(lo * 1000.0) / 1000.0


def calibrate(verbose: bool = False) -> dict:
    """Run the fit and return the calibration record (a JSON-serialisable dict)."""
    x0, lo, hi = _start_and_bounds()
    span = hi - lo
    # The limits are piecewise smooth in the parameters (the limiting structure switches), so a
    # derivative-free Powell search finds the basin and a least-squares polish finishes it.
    coarse = minimize(
        lambda x: float(np.sum(_residuals(x, x0, span) ** 2)),
        x0,
        method="Powell",
        bounds=list(zip(lo, hi, strict=True)),
        options={"maxfev": 6000, "xtol": 1e-3, "ftol": 1e-4},
    )
    fit = least_squares(
        _residuals,
        np.clip(coarse.x, lo, hi),
        bounds=(lo, hi),
        args=(x0, span),
        diff_step=1e-2,
        x_scale=span,
        max_nfev=400,
    )
    ratios, att, stiff = _unpack(fit.x)
    ratios = {k: round(v, 6) for k, v in ratios.items()}
    att = {n: {k: round(v, 4) for k, v in d.items()} for n, d in att.items()}
    stiff = {k: round(v, 3) for k, v in stiff.items()}
    meaningful = {
        region: meaningful_tightness(ratios, att, region, stiff) for region in REGIONS
    }
    record = {
        "description": (
            "hipcapsule calibration: slack length / neutral length per bundle and attachment "
            "descriptions (see hipcapsule.calibration). Generated by scripts/calibrate-model; "
            "do not edit by hand."
        ),
        "slack_ratio": ratios,
        "attachments": att,
        "stiffness_n_per_mm": stiff,
        "meaningful_tightness": meaningful,
        "fit_cost": round(float(fit.cost), 4),
        "fit_nfev": int(coarse.nfev + fit.nfev),
    }
    if verbose:
        print(json.dumps(record, indent=2))
    return record


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: fit and write (or ``--check``) the calibration file."""
    parser = argparse.ArgumentParser(prog="calibrate-model", description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=CALIBRATION_PATH)
    parser.add_argument(
        "--check", action="store_true", help="fail if the committed file differs from a re-fit"
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    record = calibrate(verbose=args.verbose)
    text = json.dumps(record, indent=2, sort_keys=True) + "\n"
    if args.check:
        current = args.output.read_text() if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; re-run scripts/calibrate-model", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(f"wrote {args.output} (cost {record['fit_cost']}, {record['fit_nfev']} evaluations)")
    return 0
