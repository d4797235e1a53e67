"""coursekit exposes the site tools, and `coursekit test` runs lessons through their twins."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from support import ROOT

from coursekit import cli


@pytest.mark.parametrize("tool", sorted(cli.SITE_TOOLS))
def test_site_tool_help_is_reachable(tool: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main([tool, "--help"])
    assert exc.value.code == 0
    assert f"coursekit {tool}" in capsys.readouterr().out


def test_vendor_check_through_coursekit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert cli.main(["vendor", "check"]) == 0


def _lesson(root: Path, source: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    path = root / "notebooks" / "01_a.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_test_uses_an_up_to_date_twin(tmp_path: Path, capsys) -> None:
    lesson = _lesson(tmp_path, "1 + 1")
    twin = tmp_path / "tests" / "nbval_reference" / lesson.name
    twin.parent.mkdir(parents=True)
    shutil.copy(lesson, twin)
    assert cli.main(["test", "--dry-run", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert str(twin) in out and str(lesson) not in out


def test_test_refuses_a_stale_twin(tmp_path: Path, capsys) -> None:
    lesson = _lesson(tmp_path, "1 + 1")
    twin = tmp_path / "tests" / "nbval_reference" / lesson.name
    twin.parent.mkdir(parents=True)
    shutil.copy(lesson, twin)
    _lesson(tmp_path, "1 + 2")  # the lesson changes; its twin does not
    assert cli.main(["test", "--dry-run", "--root", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "snapshot update" in err
