"""Offline calibration: the best fit and the ensemble, written to ``data/calibration.json``.

Run ``scripts/calibrate-model`` (which calls :func:`main`). The runtime only loads the file.
Everything is deterministic (fixed start point, fixed finite-difference steps, seeded
perturbations), so re-running reproduces the committed file bit for bit with the same code and
numpy build; ``--check`` verifies that (offline: it takes as long as the fit). The test suite
checks the cheaper consequences on every run: each committed member's cost recomputed from its
parameters equals the stored cost, and every member is within the ensemble tolerance.

What is fitted (24 parameters, male geometry, bony geometry fixed from published morphology)
-------------------------------------------------------------------------------------------
* the slack length of every ligament's fibres, as a ratio to each fibre's neutral length, in
  :data:`hipcapsule.anatomy.SLACK_RATIO_BOUNDS` (from 1.0: no band is pre-tensioned at rest);
* the linear stiffness of each capsular ligament, bounded by
  :data:`hipcapsule.anatomy.STIFFNESS_BOUNDS_N_PER_MM` and weakly pulled towards the reference
  defaults on a log scale (:data:`STIFFNESS_PRIOR_WEIGHT`);
* the centre of each ligament's footprints, bounded by
  :data:`hipcapsule.anatomy.FOOTPRINT_BOUNDS` and weakly pulled towards the descriptions
  (:data:`FOOTPRINT_PRIOR_WEIGHT`).

The objective is the sum of squares of :func:`hipcapsule.calibration.targets.residuals`
(the calibration split of the evidence table plus model-side limits, on the male hip; the
seated soft-tissue margin is also asked of the female hip built from the same parameters) and
the two priors.

Search
------
The limits are piecewise smooth in the parameters (the limiting structure switches), so a
single least-squares descent stops in the nearest kink. The script therefore runs rounds of
restarts: each round starts :data:`HOPS_PER_ROUND` bounded least-squares descents from seeded
perturbations (:data:`HOP_PERTURBATION` of each parameter's bound span) of the best point so
far, in parallel on :data:`WORKERS` processes; the best end point seeds the next round
(:data:`ROUNDS` rounds).

Ensemble
--------
From the best fit, :data:`WORKERS` seeded random-walk Metropolis chains sample parameter sets
with probability ``exp(-(cost - best cost))`` (the residuals are scaled so one unit of cost is
half a squared "clearly wrong" residual), :data:`CHAIN_STEPS` steps each, Gaussian steps of
:data:`CHAIN_STEP` of each parameter's bound span. After :data:`CHAIN_BURN` steps, every
:data:`CHAIN_THIN`-th state within :data:`ENSEMBLE_DELTA_COST` of the best joins the ensemble
(the best fit, or a better state a chain found, is member 0); there must be at least
:data:`hipcapsule.ensemble.MIN_MEMBERS`. "About equally well" is made concrete by that
tolerance: half the number of parameters, the mean excess cost of parameter sets drawn from
the valley around the best fit when it is quadratic (a chi-square with that many degrees of
freedom, halved). ROM queries with a band report
percentiles over the members: parameter sets the calibration evidence cannot tell apart.

The script also computes :data:`hipcapsule.calibration.MEANINGFUL_TIGHTNESS` on the best fit:
for each region the largest tightness at which no ROM motion is lost (limit <
:data:`~hipcapsule.calibration.targets.LOST_DEG`).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares

from ..anatomy import (
    DEFAULT_FOOTPRINTS,
    FOOTPRINT_BOUNDS,
    LIGAMENTS,
    MAX_TIGHTNESS,
    REGIONS,
    SLACK_RATIO_BOUNDS,
    STIFFNESS_BOUNDS_N_PER_MM,
    STIFFNESS_N_PER_MM,
)
from ..capsule import build_capsule
from ..rom import DEFAULT_TORQUE_THRESHOLD_NM, MOTIONS, ROM_START_POSES, jcs_limits
from . import CALIBRATION_PATH
from .targets import LOST_DEG, measure, residuals

__all__ = ["calibrate", "main", "meaningful_tightness", "objective"]

#: Weight of the pull of each stiffness towards its reference default (log scale).
STIFFNESS_PRIOR_WEIGHT = 0.3
#: Weight of the pull of each footprint centre towards its description (per bound span).
FOOTPRINT_PRIOR_WEIGHT = 0.3
#: Slack ratio at the start of the fit.
START_SLACK_RATIO = 1.05

#: Restart rounds, descents per round, their seed and perturbation, and the worker processes.
ROUNDS = 2
HOPS_PER_ROUND = 32
HOP_SEED = 20261201
HOP_PERTURBATION = 0.15
WORKERS = 2
#: Largest evaluations per descent.
MAX_NFEV = 300
#: Metropolis chains: steps per chain, burn-in, step size (fraction of each bound span) and
#: thinning.
CHAIN_STEPS = 550
CHAIN_BURN = 50
CHAIN_STEP = 0.01
CHAIN_THIN = 25

_STIFF = tuple(STIFFNESS_BOUNDS_N_PER_MM)
_KEYS = tuple((lig, key) for lig in LIGAMENTS for key in sorted(FOOTPRINT_BOUNDS[lig]))

#: A sampled state joins the ensemble if its cost is within this of the best cost (module docs).
ENSEMBLE_DELTA_COST = 0.5 * (len(LIGAMENTS) + len(_STIFF) + len(_KEYS))


def _unpack(x: np.ndarray) -> dict:
    """Parameter vector -> calibration record fragment (slack, stiffness, footprints)."""
    nl, ns = len(LIGAMENTS), len(_STIFF)
    fp: dict[str, dict[str, float]] = {lig: {} for lig in LIGAMENTS}
    for (lig, key), v in zip(_KEYS, x[nl + ns:], strict=True):
        fp[lig][key] = float(v)
    return {
        "slack_ratio": dict(zip(LIGAMENTS, map(float, x[:nl]), strict=True)),
        "stiffness_n_per_mm": dict(zip(_STIFF, map(float, x[nl:nl + ns]), strict=True)),
        "footprints": fp,
    }


def _vector(params: dict) -> np.ndarray:
    """Calibration record fragment -> parameter vector (inverse of :func:`_unpack`)."""
    x = [params["slack_ratio"][lig] for lig in LIGAMENTS]
    x += [params["stiffness_n_per_mm"][lig] for lig in _STIFF]
    x += [params["footprints"][lig][key] for lig, key in _KEYS]
    return np.array(x, float)


def _capsule(params: dict, sex: str = "male"):
    fp = {lig: {**DEFAULT_FOOTPRINTS[lig], **params["footprints"][lig]} for lig in LIGAMENTS}
    return build_capsule(sex, params["slack_ratio"], fp, stiffness=params["stiffness_n_per_mm"])


def _start_and_bounds():
    nl = len(LIGAMENTS)
    x0 = ([START_SLACK_RATIO] * nl + [STIFFNESS_N_PER_MM[n] for n in _STIFF]
          + [DEFAULT_FOOTPRINTS[lig][k] for lig, k in _KEYS])
    lo = ([SLACK_RATIO_BOUNDS[0]] * nl + [STIFFNESS_BOUNDS_N_PER_MM[n][0] for n in _STIFF]
          + [FOOTPRINT_BOUNDS[lig][k][0] for lig, k in _KEYS])
    hi = ([SLACK_RATIO_BOUNDS[1]] * nl + [STIFFNESS_BOUNDS_N_PER_MM[n][1] for n in _STIFF]
          + [FOOTPRINT_BOUNDS[lig][k][1] for lig, k in _KEYS])
    return np.array(x0, float), np.array(lo, float), np.array(hi, float)


def objective(x: np.ndarray, x0: np.ndarray, span: np.ndarray) -> np.ndarray:
    """Residual vector of parameter vector ``x`` (evidence terms, then the two priors)."""
    params = _unpack(x)
    terms = residuals(measure(_capsule(params), female=_capsule(params, "female")))
    nl, ns = len(LIGAMENTS), len(_STIFF)
    r_stiff = STIFFNESS_PRIOR_WEIGHT * np.log(x[nl:nl + ns] / x0[nl:nl + ns])
    r_fp = FOOTPRINT_PRIOR_WEIGHT * (x[nl + ns:] - x0[nl + ns:]) / span[nl + ns:]
    return np.concatenate([*terms.values(), r_stiff, r_fp])


def _descend(start: np.ndarray) -> tuple[float, np.ndarray, int]:
    """One bounded least-squares descent from ``start``: (cost, end point, evaluations)."""
    x0, lo, hi = _start_and_bounds()
    span = hi - lo
    res = least_squares(objective, np.clip(start, lo, hi), bounds=(lo, hi), args=(x0, span),
                        diff_step=1e-2, x_scale=span, max_nfev=MAX_NFEV)
    return float(res.cost), res.x, int(res.nfev)


def _cost(x: np.ndarray) -> float:
    x0, lo, hi = _start_and_bounds()
    return 0.5 * float(np.sum(objective(x, x0, hi - lo) ** 2))


def _chain(args: tuple) -> list[tuple[float, np.ndarray]]:
    """One Metropolis chain from ``start`` (cost ``cost``) with ``seed``: thinned states."""
    start, cost, seed = args
    _, lo, hi = _start_and_bounds()
    span = hi - lo
    rng = np.random.default_rng(seed)
    x, c = np.array(start, float), float(cost)
    out = []
    for step in range(1, CHAIN_STEPS + 1):
        prop = x + CHAIN_STEP * span * rng.standard_normal(x.size)
        prop = np.where(prop < lo, 2 * lo - prop, prop)  # reflect at the bounds
        prop = np.where(prop > hi, 2 * hi - prop, prop)
        prop = np.clip(prop, lo, hi)
        cp = _cost(prop)
        if np.log(rng.uniform()) < c - cp:
            x, c = prop, cp
        if step > CHAIN_BURN and step % CHAIN_THIN == 0:
            out.append((c, x.copy()))
    return out


def _map(fn, items: list, workers: int) -> list:
    if workers <= 1 or len(items) <= 1:
        return [fn(i) for i in items]
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(workers) as pool:
        return pool.map(fn, items)


def meaningful_tightness(params: dict, region: str) -> float:
    """Largest tightness of ``region`` (bisection to 1e-3) at which no ROM motion is lost."""
    base = _capsule(params)
    ligs = REGIONS[region]
    motions = list(MOTIONS)
    start = np.array([ROM_START_POSES[m] for m in motions])

    def lost(t: float) -> bool:
        ang = jcs_limits(base.tightened(t, ligaments=ligs), motions, start,
                         DEFAULT_TORQUE_THRESHOLD_NM)[0]
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


def _rounded(params: dict) -> dict:
    return {
        "slack_ratio": {k: round(v, 6) for k, v in params["slack_ratio"].items()},
        "stiffness_n_per_mm": {k: round(v, 3) for k, v in params["stiffness_n_per_mm"].items()},
        "footprints": {lig: {k: round(v, 4) for k, v in d.items()}
                       for lig, d in params["footprints"].items()},
    }


def calibrate(rounds: int = ROUNDS, hops: int = HOPS_PER_ROUND, workers: int = WORKERS,
              verbose: bool = False) -> dict:
    """Run the search and return the calibration record (a JSON-serialisable dict).

    ``rounds`` and ``hops`` below the defaults give a smaller search (for experiments); the
    committed file is always the full default search.
    """
    t0 = time.perf_counter()
    x0, lo, hi = _start_and_bounds()
    span = hi - lo
    rng = np.random.default_rng(HOP_SEED)
    ends = [_descend(x0)]
    best = ends[0]
    for rnd in range(rounds):
        starts = [best[1] + HOP_PERTURBATION * span * rng.uniform(-1.0, 1.0, size=x0.size)
                  for _ in range(HOPS_PER_ROUND)][:hops]
        results = _map(_descend, starts, workers)
        ends += results
        best = min(ends, key=lambda e: e[0])
        if verbose:
            print(f"round {rnd}: best cost {best[0]:.4f} "
                  f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    chains = _map(_chain, [(best[1], best[0], HOP_SEED + 1 + i) for i in range(max(workers, 1))],
                  workers)
    states = [s for chain in chains for s in chain]
    if verbose:
        print(f"chains: {len(states)} states ({time.perf_counter() - t0:.0f} s)",
              file=sys.stderr)
    # members at their rounded parameters, with the cost recomputed there (self-consistent)
    candidates = [best[1]] + [x for c, x in states if c <= best[0] + ENSEMBLE_DELTA_COST]
    if min(c for c, _ in states) < best[0]:
        best = min(((c, x, 0) for c, x in states), key=lambda e: e[0])
        candidates = [best[1]] + candidates
    ensemble, costs = [], []
    for x in candidates:
        member = _rounded(_unpack(x))
        cost = round(_cost(_vector(member)), 4)
        if member not in ensemble and (not costs or cost <= costs[0] + ENSEMBLE_DELTA_COST):
            ensemble.append(member)
            costs.append(cost)
    params = ensemble[0]
    return {
        "description": (
            "hipcapsule calibration: best fit and ensemble of slack ratios, stiffnesses and "
            "footprint centres (see hipcapsule.calibration). Generated by "
            "scripts/calibrate-model; do not edit by hand."
        ),
        **params,
        "meaningful_tightness": {region: meaningful_tightness(params, region)
                                 for region in REGIONS},
        "fit_cost": costs[0],
        "fit_nfev": int(sum(e[2] for e in ends)),
        "ensemble": ensemble,
        "ensemble_costs": costs,
        "descents": len(ends),
        "chain_states": len(states),
    }


def _count(text: str) -> int:
    message = f"{text!r} is not a whole number >= 0"
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(message) from None
    if value < 0:
        raise argparse.ArgumentTypeError(message)
    return value


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: fit and write (or ``--check``) the calibration file.

    ``--rounds`` and ``--hops`` give a smaller search for experiments; such a record must be
    written with ``--output`` elsewhere (the committed file is always the full search)."""
    parser = argparse.ArgumentParser(prog="calibrate-model", description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=CALIBRATION_PATH)
    parser.add_argument(
        "--check", action="store_true", help="fail if the committed file differs from a re-fit"
    )
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--rounds", type=_count, default=ROUNDS,
                        help=f"restart rounds (experiments only; default {ROUNDS})")
    parser.add_argument("--hops", type=_count, default=HOPS_PER_ROUND,
                        help=f"descents per round, at most {HOPS_PER_ROUND} (experiments "
                             f"only; default {HOPS_PER_ROUND})")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    reduced = (args.rounds, args.hops) != (ROUNDS, HOPS_PER_ROUND)
    if args.hops > HOPS_PER_ROUND:
        parser.error(f"--hops={args.hops} is outside [0, {HOPS_PER_ROUND}]")
    if reduced and (args.check or args.output.resolve() == CALIBRATION_PATH.resolve()):
        parser.error("--rounds/--hops give an experiment's smaller search: write it with "
                     "--output elsewhere (not --check, not the committed file)")
    record = calibrate(rounds=args.rounds, hops=args.hops, workers=args.workers,
                       verbose=args.verbose)
    text = json.dumps(record, indent=2, sort_keys=True) + "\n"
    if args.check:
        current = args.output.read_text() if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; re-run scripts/calibrate-model", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_name(f".{args.output.name}.tmp")
    tmp.write_text(text)
    tmp.replace(args.output)  # atomic: a stopped run leaves the old file whole
    print(f"wrote {args.output} (cost {record['fit_cost']}, {len(record['ensemble'])} members, "
          f"{record['descents']} descents)")
    return 0
