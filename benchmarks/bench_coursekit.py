"""Benchmark `coursekit check` and `coursekit clean --check` on this course (not a test).

Run from the repository root::

    .venv/bin/python benchmarks/bench_coursekit.py [--repeat N] [--root DIR]

Prints min / median wall time over repeated runs of

* ``coursekit check`` on the whole book (target < 2 s),
* ``coursekit clean --check`` on every lesson (target < 1 s),

each measured twice: as a command (a fresh ``python -m coursekit`` process, what an author
or CI waits for, interpreter start-up included) and in-process (the work alone). The
commands' findings are not judged here; ``coursekit check`` itself does that.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursekit.check import Project, lesson_files, run_check  # noqa: E402
from coursekit.clean import clean_paths  # noqa: E402
from coursekit.config import load_settings  # noqa: E402

TARGETS_S = {"check": 2.0, "clean --check": 1.0}


def _min_median(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Min and median wall time (s) of ``repeat`` calls of ``fn``, after one warm-up call."""
    times = timeit.repeat(fn, number=1, repeat=repeat + 1)[1:]
    return min(times), statistics.median(times)


def _command(root: Path, *args: str) -> Callable[[], object]:
    def call() -> object:
        return subprocess.run(
            [sys.executable, "-m", "coursekit", *args],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )

    return call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--root", type=Path, default=ROOT, help="book root (default: this course)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    settings = load_settings(root)
    lessons = lesson_files(Project(root, settings))

    def check_in_process() -> object:
        return run_check(Project(root, settings))

    def clean_in_process() -> object:
        return clean_paths(lessons, check_only=True, settings=settings)

    rows = [
        ("check", "command", _command(root, "check")),
        ("check", "in-process", check_in_process),
        ("clean --check", "command", _command(root, "clean", "--check")),
        ("clean --check", "in-process", clean_in_process),
    ]
    print(f"{root}: {len(lessons)} lessons, {args.repeat} runs each")
    print(f"{'what':38} {'min':>9} {'median':>9}   target")
    for name, how, fn in rows:
        best, median = _min_median(fn, args.repeat)
        label = f"coursekit {name} ({how})"
        print(f"{label:38} {best * 1e3:7.1f}ms {median * 1e3:7.1f}ms   < {TARGETS_S[name]:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
