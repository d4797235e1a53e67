"""Benchmark `coursekit check` and `coursekit clean --check` (not a test).

Run from the repository root::

    .venv/bin/python benchmarks/bench_coursekit.py [--repeat N] [--root DIR] [--notebooks N]

Two books are measured:

* this course (or the book ``--root`` names);
* a generated Jupyter Book 1 book of ``--notebooks`` notebooks (default 60, the size issue 14
  names), written to a temporary folder at run time by :func:`_books.write_book`: parts,
  chapters and sections over two folders, a bibliography, about 40 cells a notebook with
  headings, labels, citations, cross-references, glossary terms, figures with alt text and
  tagged code cells, stripped of outputs. Before timing, the benchmark makes sure it is a
  clean book (``check`` finds nothing, ``clean --check`` would change nothing) and stops,
  printing what was found, if not.

Targets (issue 14): ``coursekit check`` < 1 s and ``coursekit clean --check`` < 0.5 s on a
60-notebook book. Each is measured twice, with the book root as the working directory:

* **command**: a fresh ``python -m coursekit ...`` process, what an author or CI waits for
  (interpreter start-up and imports included): the row the targets are about;
* **in-process**: the command's ``main`` called in this process, with what coursekit
  remembers between calls forgotten first (imports and the compiled notebook schema stay
  loaded: the work alone).

Times are the min and median over ``--repeat`` runs, after one warm-up run; each row is
PASS when its median is under the target, else MISS.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import timeit
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _books import write_book  # noqa: E402

from coursekit import check, clean, markdown, toc  # noqa: E402
from coursekit.check import Project, lesson_files  # noqa: E402
from coursekit.config import load_settings  # noqa: E402

#: Issue 14, part 7: seconds a user may wait for each command on a 60-notebook book.
TARGETS_S = {"check": 1.0, "clean --check": 0.5}
COMMANDS: dict[str, tuple[Callable[[list[str]], int], list[str]]] = {
    "check": (check.main, ["check"]),
    "clean --check": (clean.main, ["clean", "--check"]),
}


@contextlib.contextmanager
def _in(root: Path) -> Iterator[None]:
    """Run with ``root`` as the working directory (as the command runs)."""
    old = Path.cwd()
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(old)


def _min_median(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Min and median wall time (s) of ``repeat`` calls of ``fn``, after one warm-up call."""
    times = timeit.repeat(fn, number=1, repeat=repeat + 1)[1:]
    return min(times), statistics.median(times)


def _command(root: Path, args: list[str]) -> Callable[[], object]:
    def call() -> object:
        return subprocess.run(
            [sys.executable, "-m", "coursekit", *args],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )

    return call


def _forget() -> None:
    """Drop what coursekit remembers within a process (the last toc read, stripped markdown),
    so each in-process run does the work a fresh command does; the compiled schema stays."""
    getattr(toc, "_LAST_TOC", {}).clear()
    cached = getattr(markdown.strip_code_and_comments, "cache_clear", None)
    if cached is not None:
        cached()


def _in_process(root: Path, main: Callable[[list[str]], int], args: list[str]) -> Callable[[], int]:
    def call() -> int:
        _forget()
        with _in(root), contextlib.redirect_stdout(io.StringIO()):
            return main(args)

    return call


def _run_once(root: Path, args: list[str]) -> tuple[int, str]:
    """Exit status and output of one command run (the book must give none)."""
    proc = subprocess.run(
        [sys.executable, "-m", "coursekit", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def assert_clean(root: Path) -> None:
    """Stop unless ``check`` and ``clean --check`` find nothing in the book at ``root``."""
    for name, (_main, args) in COMMANDS.items():
        status, output = _run_once(root, args)
        if status != 0 or output.strip():
            print(f"{root}: coursekit {name} exited {status}; the generated book must be clean:")
            print(output.rstrip())
            raise SystemExit(1)


def measure(label: str, root: Path, repeat: int) -> list[tuple[str, str, str, float, float]]:
    """Rows ``(book, command, how, min, median)`` for both commands on the book at ``root``."""
    rows = []
    for name, (main, args) in COMMANDS.items():
        for how, fn in (
            ("command", _command(root, args)),
            ("in-process", _in_process(root, main, args[1:])),
        ):
            best, median = _min_median(fn, repeat)
            rows.append((label, name, how, best, median))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--root", type=Path, default=ROOT, help="book root (default: this course)")
    parser.add_argument(
        "--notebooks", type=int, default=60, help="notebooks in the generated book (default 60)"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    with _in(root):
        course_lessons = len(lesson_files(Project(root, load_settings(root))))
    name = "this course" if root == ROOT else root.name
    rows = measure(f"{name} ({course_lessons} lessons)", root, args.repeat)
    with tempfile.TemporaryDirectory(prefix="coursekit_bench_") as tmp:
        book = Path(tmp) / "book"
        written = write_book(book, n=args.notebooks)
        cells = sum(f.read_text(encoding="utf-8").count('"cell_type"') for f in written)
        assert_clean(book)
        rows += measure(f"generated ({len(written)} notebooks, {cells} cells)", book, args.repeat)

    print(f"{args.repeat} runs each (after one warm-up); python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    width = max(len(r[0]) for r in rows)
    print(f"{'book':{width}}  {'command':24} {'how':10} {'min':>9} {'median':>9}  target")
    for label, name, how, best, median in rows:
        target = TARGETS_S[name]
        verdict = "PASS" if median < target else "MISS"
        print(f"{label:{width}}  {'coursekit ' + name:24} {how:10} {best * 1e3:7.1f}ms "
              f"{median * 1e3:7.1f}ms  < {target:g} s {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
