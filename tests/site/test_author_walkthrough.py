"""The "Writing a lesson" walkthrough, done on a copy of this course as a new author would.

The page promises that the skeleton from ``coursekit new`` passes every documented step
(clean, check, lint, twin, test) and the lesson checks CI runs on it (ruff over the
repository, the twin and hygiene tests), and that only this course's quality gates fail
until the lesson is written, naming the lesson and what is missing. A new lesson that
passed every documented step once failed CI (no twin; ruff); this test keeps that from
coming back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

pytestmark = pytest.mark.slow

TITLE = "Walkthrough lesson"


def _copy_of_the_course(dest: Path) -> Path:
    """The course's tracked files (as a fresh clone has them) in ``dest``."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        src = ROOT / os.fsdecode(name)
        if src.is_file():
            target = dest / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    return dest


def _run(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], cwd=root, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = _copy_of_the_course(tmp_path_factory.mktemp("clone") / "course")
    done = _run(root, "-m", "coursekit", "new", TITLE)
    assert done.returncode == 0, done.stderr
    created = next(iter((root / "notebooks").glob("*_walkthrough_lesson.ipynb")))
    return root, created


def test_every_documented_step_passes_on_the_new_lesson(course: tuple[Path, Path]) -> None:
    root, lesson = course
    rel = lesson.relative_to(root).as_posix()
    steps = [
        ("clean",), ("clean", "--check"), ("check",), ("lint",),
        ("snapshot", "update", rel), ("snapshot", "check"), ("test", rel),
    ]  # fmt: skip
    for step in steps:
        done = _run(root, "-m", "coursekit", *step)
        assert done.returncode == 0, (step, done.stdout[-2000:], done.stderr[-2000:])
    twin = root / "tests" / "nbval_reference" / lesson.name
    assert twin.is_file()
    # what CI runs over the repository and its lessons
    ruff = _run(root, "-m", "ruff", "check", ".")
    assert ruff.returncode == 0, ruff.stdout[-2000:]
    suite = _run(
        root, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "tests/site/test_nbval_reference.py", "tests/site/test_notebook_hygiene.py",
    )  # fmt: skip
    assert suite.returncode == 0, suite.stdout[-3000:]


def test_only_the_course_gates_fail_and_they_name_the_lesson(course: tuple[Path, Path]) -> None:
    root, lesson = course
    gates = _run(
        root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "lesson_skeleton",
        "tests/site/test_course_gates.py",
    )  # fmt: skip
    assert gates.returncode == 1, gates.stdout[-3000:]
    failed = [line for line in gates.stdout.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and lesson.name in failed[0], failed
    # the skeleton's parts are there; what the author still has to write is named
    problems = next(line for line in gates.stdout.splitlines() if "AssertionError" in line)
    assert "no {cite} citation" in problems and "0 figures" in problems, problems
    assert "Self-check has 1 numbered questions (needs >= 3)" in problems, problems
