"""Benchmark every live explorer and static figure in the registry (a script, not a test).

Run from the repository root::

    .venv/bin/python benchmarks/bench_explorers.py [--repeat N] [--only NAME]

For each live explorer, each numeric control is moved ``N`` times to new values and each
choice control through its options; every move is what a widget callback does (recompute the
model state, restyle the ``FigureWidget`` inside ``batch_update``). Model result caches are
cleared before every move (the ROM cache and the measure explorer's fit cache), so each update
is uncached. Prints min / median / max per control against the target (< 16 ms median, one
60 Hz frame). Then each static figure's build time (caches cleared) and JSON size (budget
1 MB).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import plotly.io as pio  # noqa: E402

import hipcourse  # noqa: E402
from hipcapsule import rom  # noqa: E402
from hipcourse.explorers.measure_yourself import state as measure_state  # noqa: E402

#: Issue 10 target: a live explorer update, with its band, within one 60 Hz frame.
TARGET_MS = 16.0


def _clear_caches() -> None:
    rom._rom_cached.cache_clear()
    measure_state._fit_cached.cache_clear()


def _values(name: str, control, n: int, rng) -> list:
    if isinstance(control, ipywidgets.widgets.widget_selection._Selection):
        options = [v for _, v in control._options_full]
        return (options * (n // len(options) + 1))[1:n + 1]
    if isinstance(control, ipywidgets.Checkbox | ipywidgets.ToggleButton):
        return [k % 2 == 0 for k in range(n)]
    lo, hi = control.min, control.max
    if name in measure_state.VALID_RANGES:  # typed angles: what a learner plausibly enters
        lo, hi = measure_state.VALID_RANGES[name]
    if isinstance(control.value, int) and not isinstance(control.value, bool):
        return [int(v) for v in rng.integers(lo, hi + 1, n)]
    return [float(v) for v in rng.uniform(lo, hi, n)]


def _report(label: str, times_s: list[float]) -> None:
    ms = [1e3 * t for t in times_s]
    med = statistics.median(ms)
    flag = "ok" if med < TARGET_MS else "SLOW"
    print(f"{label:52} min {min(ms):6.1f}  median {med:6.1f}  max {max(ms):6.1f} ms  ({flag})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="moves per control")
    parser.add_argument("--only", choices=hipcourse.NAMES, help="one explorer")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(2)
    names = [args.only] if args.only else list(hipcourse.NAMES)
    for name in names:
        live = hipcourse.live(name)
        for cname, control in live.controls.items():
            times = []
            for value in _values(cname, control, args.repeat, rng):
                if control.value == value:
                    continue
                _clear_caches()
                t0 = time.perf_counter()
                control.value = value  # observers fire synchronously
                times.append(time.perf_counter() - t0)
            if times:
                _report(f"{name}.{cname}", times)
    print()
    for name in names:
        explorer = hipcourse.get(name)
        _clear_caches()
        package = importlib.import_module(f"hipcourse.explorers.{name}")
        for cached in (getattr(package, "_built", None), getattr(package.figure, "build", None)):
            if hasattr(cached, "cache_clear"):
                cached.cache_clear()
        t0 = time.perf_counter()
        fig = explorer.figure()
        elapsed = time.perf_counter() - t0
        size = len(pio.to_json(fig))
        print(f"static {name:24} built in {elapsed:5.2f} s   JSON {size / 1e3:7.1f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
