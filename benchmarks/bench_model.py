"""Benchmark the hipcapsule model (a script, not a test).

Run from the repository root::

    .venv/bin/python benchmarks/bench_model.py [--repeat N] [--targets]

Prints min / median wall time over repeated runs for:

* six ROMs for one capsule (target < 1 ms),
* a ROM map: IR/ER at 13 flexion angles 0-120 deg plus a 72-direction circumduction envelope
  (target < 5 ms),
* ``fit_tightness`` for seated IR and ER (target < 100 ms).

Caches of results are cleared before every run; only the cached per-capsule arrays (bone and
ligament geometry as numpy arrays) are reused, as in an interactive explorer.
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
from hipcapsule import rom as _rom  # noqa: E402


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
    parser.add_argument(
        "--targets", action="store_true", help="also print the target and stiffness tables"
    )
    args = parser.parse_args(argv)
    cap = hc.default_capsule().tightened(0.05, ligaments=["ischiofemoral"])
    flex = np.linspace(0.0, 120.0, 13)

    def six_roms():
        _rom._rom_cached.cache_clear()
        hc.range_of_motion(cap)

    def rom_map():
        hc.rotation_limits(cap, flex)
        hc.circumduction(cap, 72)

    def fit():
        hc.fit_tightness({"internal_rotation": 18.0, "external_rotation": 40.0})

    six_roms()
    rom_map()
    fit()  # warm-up (imports, first-capsule caches)
    rows = [
        ("six ROMs, one capsule", six_roms, 1.0, args.repeat),
        ("ROM map (13 flexions IR/ER + 72-direction envelope)", rom_map, 5.0, args.repeat),
        ("fit_tightness (seated IR + ER)", fit, 100.0, max(args.repeat // 10, 5)),
    ]
    print(f"{'benchmark':55s} {'min ms':>8s} {'median ms':>10s} {'target ms':>10s}")
    for label, fn, target, rep in rows:
        tmin, tmed = _time(fn, rep)
        print(f"{label:55s} {tmin * 1e3:8.2f} {tmed * 1e3:10.2f} {target:10.1f}")
    if args.targets:
        from hipcourse import tables

        print()
        print(tables.target_table().data)
        print()
        print(tables.stiffness_table().data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
