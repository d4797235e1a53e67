"""coursekit exposes every subcommand, and `coursekit test` runs lessons through their twins."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from support import ROOT

from coursekit import cli


@pytest.mark.parametrize("tool", sorted(cli.COMMANDS))
def test_every_command_help_is_reachable(tool: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([tool, "--help"]) == 0
    assert f"coursekit {tool}" in capsys.readouterr().out


def test_vendor_check_through_coursekit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert cli.main(["vendor", "check"]) == 0


COURSE = '[tool.coursekit]\nnotebooks_dir = "notebooks"\n'
TWINS = COURSE + 'reference_dir = "tests/nbval_reference"\n'


def _lesson(root: Path, source: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    path = root / "notebooks" / "01_a.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _lesson_with_twin(root: Path, keep_twins: bool = True) -> tuple[Path, Path]:
    """A lesson and an identical twin in tests/nbval_reference/ (declared when ``keep_twins``)."""
    (root / "pyproject.toml").write_text(TWINS if keep_twins else COURSE)
    lesson = _lesson(root, "1 + 1")
    twin = root / "tests" / "nbval_reference" / lesson.name
    twin.parent.mkdir(parents=True)
    shutil.copy(lesson, twin)
    return lesson, twin


def test_test_uses_an_up_to_date_twin(tmp_path: Path, capsys) -> None:
    lesson, twin = _lesson_with_twin(tmp_path)
    assert cli.main(["test", "--dry-run", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert str(twin) in out and str(lesson) not in out


def test_test_refuses_a_stale_twin(tmp_path: Path, capsys) -> None:
    _lesson_with_twin(tmp_path)
    _lesson(tmp_path, "1 + 2")  # the lesson changes; its twin does not
    status = cli.main(["test", "--dry-run", "--root", str(tmp_path)])
    assert status != 0
    assert status == 1  # a stale twin is a finding
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "snapshot update" in err


def test_without_reference_dir_lessons_run_directly(tmp_path: Path, capsys) -> None:
    lesson, twin = _lesson_with_twin(tmp_path, keep_twins=False)
    assert cli.main(["test", "--dry-run", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert str(lesson) in out and str(twin) not in out
