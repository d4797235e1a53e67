"""Benchmark the lesson-02 live explorers (a script, not a test).

Run from the repository root::

    .venv/bin/python benchmarks/bench_explorers.py [--repeat N]

For each live explorer (tightness -> ROM, rotation by position) it moves the tightness slider
``N`` times to a random value (the ROM result cache is cleared before each update) and prints the
min / median wall time of one update: the model call, the Plotly values and the in-place
``FigureWidget`` update inside ``batch_update`` (target < 50 ms). Region switches are timed
too. It also prints the build time and JSON size of each static twin (budget 1 MB).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from hipcapsule import figures, rom, widgets  # noqa: E402

TARGET_MS = 50.0


def _times_ms(action, values) -> list[float]:
    out = []
    for value in values:
        rom._rom_cached.cache_clear()  # no ROM result from an earlier run
        t0 = time.perf_counter()
        action(value)
        out.append(1e3 * (time.perf_counter() - t0))
    return out


def _report(label: str, times: list[float]) -> None:
    med = statistics.median(times)
    flag = "ok" if med < TARGET_MS else "SLOW"
    print(f"{label:<44} min {min(times):6.1f} ms   median {med:6.1f} ms   ({flag})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="updates per explorer")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(2)
    for name in ("tightness_rom", "rotation_position"):
        ex = widgets.LIVE_EXPLORERS[name]()
        slider, region = ex.controls["tightness"], ex.controls["region"]

        def move(value, slider=slider):
            slider.value = value

        values = rng.uniform(slider.min, slider.max, args.repeat)
        _report(f"{name}: one tightness-slider update", _times_ms(move, values))

        def switch(value, region=region):
            region.value = value

        order = [r for _, r in region.options] * max(1, args.repeat // 8)
        _report(f"{name}: one region switch", _times_ms(switch, order[1:] + order[:1]))

    for builder in (figures.tightness_rom_figure, figures.rotation_position_figure):
        t0 = time.perf_counter()
        fig = builder()
        build_s = time.perf_counter() - t0
        size = len(fig.to_json())
        print(f"static {builder.__name__:<28} build {build_s:5.2f} s   JSON {size / 1e3:7.1f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
