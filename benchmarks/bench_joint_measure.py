"""Benchmark one slider update (model + FigureWidget restyle) of explorers 3 and 4.

A script, not a test. Run from the repository root::

    .venv/bin/python benchmarks/bench_joint_measure.py [--repeat N]

Target (issue 5): < 50 ms per update in a kernel. Each update is what a widget callback does:
recompute the model state and restyle the figure inside ``batch_update``. The measure explorer
is timed on fresh inputs (its fit cache is cleared every run) and on a cached input.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from hipcapsule import joint3d, measure  # noqa: E402


def _report(label: str, times: list[float]) -> None:
    ms = [1e3 * t for t in times]
    print(f"{label:58} min {min(ms):6.1f} ms   median {statistics.median(ms):6.1f} ms   "
          f"max {max(ms):6.1f} ms   (n={len(ms)})")


def _time_values(control, values, before=None) -> list[float]:
    times = []
    for v in values:
        if before is not None:
            before()
        t0 = time.perf_counter()
        control.value = v
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args(argv)
    n = args.repeat

    ex = joint3d.joint_explorer()
    for name in ("rotation", "flexion", "adduction", "tightness"):
        c = ex.controls[name]
        values = [float(v) for v in np.linspace(c.min, c.max, n)]
        values = [v + (1e-3 if k % 2 else 0.0) for k, v in enumerate(values)]
        c.value = (c.min + c.max) / 2 + 5e-4  # not one of the timed values: every set fires
        _report(f"inside_joint: {name} slider", _time_values(c, values))

    mx = measure.measure_explorer()
    irs = [float(v) for v in np.linspace(2.0, 60.0, n)]
    _report("measure_yourself: IR entry, fresh fit (posterior)",
            _time_values(mx.controls["internal_rotation"], irs, measure._fit_cached.cache_clear))
    mx.controls["region"].value = "best"
    _report("measure_yourself: IR entry, fresh fit (best of 4 regions)",
            _time_values(mx.controls["internal_rotation"], irs, measure._fit_cached.cache_clear))
    mx.controls["region"].value = "posterior"
    _report("measure_yourself: IR entry, cached fit",
            _time_values(mx.controls["internal_rotation"], irs))
    t0 = time.perf_counter()
    joint3d._joint_figure.cache_clear()
    fig = joint3d.joint_figure()
    t1 = time.perf_counter()
    measure._measure_figure.cache_clear()
    measure._fit_cached.cache_clear()
    mfig = measure.measure_figure()
    t2 = time.perf_counter()
    print(f"static joint_figure: built in {t1 - t0:.2f} s, {len(fig.to_json()) / 1e3:.0f} kB JSON")
    print(f"static measure_figure: built in {t2 - t1:.2f} s, "
          f"{len(mfig.to_json()) / 1e3:.0f} kB JSON")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
