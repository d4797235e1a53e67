"""Benchmark the hipcapsule model (a script, not a test).

Run from the repository root::

    .venv/bin/python benchmarks/bench_model.py [--repeat N]

Prints min / median wall time over repeated runs for:

* six ROMs (target < 1 ms),
* a ROM map: IR/ER at 13 flexion angles 0-120 deg plus a 72-direction circumduction envelope
  (target < 5 ms),
* the six ROMs with their ensemble band (every member, one pass; no target of its own: the
  live explorer updates with bands are in ``bench_explorers.py``, target < 16 ms),
* ``fit_tightness`` for seated IR and ER (target < 100 ms).

Uncached: every call uses a capsule it has not seen (a new tightness of the ischiofemoral or
of the whole capsule), so no ROM result is reused. What is reused is what an interactive
session reuses: each geometry's path tables (fibre lengths and their rates along each motion
on the search grid, :mod:`hipcapsule.solver`), which tightening does not change. They are built
during warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

import hipcapsule as hc  # noqa: E402
from hipcapsule import ensemble  # noqa: E402


def _time(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    base = hc.default_capsule()
    flex = np.linspace(0.0, 120.0, 13)
    counter = iter(range(10**9))

    def fresh():
        """A capsule no earlier call has used (tightness steps of 1e-7)."""
        k = next(counter)
        return base.tightened(0.01 + 1e-7 * k, ligaments=["ischiofemoral"])

    def six_roms():
        hc.range_of_motion(fresh())

    def rom_map():
        cap = fresh()
        hc.rotation_limits(cap, flex)
        hc.circumduction(cap, 72)

    def six_with_band():
        hc.range_of_motion(fresh(), band=True)

    measured = iter(np.linspace(15.0, 25.0, 10**6))

    def fit():
        hc.fit_tightness({"internal_rotation": float(next(measured)), "external_rotation": 40.0})

    for fn in (six_roms, rom_map, six_with_band, fit):
        fn()  # warm-up: imports and the path tables of each geometry
    rows = [
        ("six ROMs, one capsule", six_roms, 1.0, args.repeat),
        ("ROM map (13 flexions IR/ER + 72-direction envelope)", rom_map, 5.0, args.repeat),
        (f"six ROMs with their band ({ensemble.member_count()} members)", six_with_band,
         None, max(args.repeat // 4, 5)),
        ("fit_tightness (seated IR + ER)", fit, 100.0, max(args.repeat // 10, 5)),
    ]
    print(f"{'benchmark':55s} {'min ms':>8s} {'median ms':>10s} {'target ms':>10s}")
    for label, fn, target, rep in rows:
        tmin, tmed = _time(fn, rep)
        tgt = "-" if target is None else f"{target:.1f}"
        print(f"{label:55s} {tmin * 1e3:8.2f} {tmed * 1e3:10.2f} {tgt:>10s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
