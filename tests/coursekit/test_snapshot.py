"""nbval twins, the vendor manifest and the cache stamp are written by nbio.atomic_write."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import nbformat
import pytest

from coursekit import cachestamp, nbio, snapshot, vendor
from coursekit.cli import main
from coursekit.errors import CourseKitError

TWINS = '[tool.coursekit]\nreference_dir = "twins"\nnotebooks_dir = "notebooks"\n'


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".cktmp"))


def _fail_replace(*args: object) -> None:
    raise OSError(errno.EIO, "Input/output error")


@pytest.fixture
def book(empty_book: Path) -> Path:
    """A book that keeps its twins in ``twins/``."""
    (empty_book / "pyproject.toml").write_text(TWINS)
    return empty_book


def _lesson(root: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    path = root / "notebooks" / "01_a.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _executed(lesson: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(lesson, as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"})]
    return nb


# --- twins -------------------------------------------------------------------------------------


def test_new_twin_is_created_readable_and_complete(book: Path) -> None:
    lesson = _lesson(book, "1 + 1")
    twin = book / "twins" / lesson.name
    snapshot.write_reference(_executed(lesson), twin, expected=None)
    assert twin.read_text(encoding="utf-8") == snapshot.twin_text(_executed(lesson))
    umask = os.umask(0)
    os.umask(umask)
    assert twin.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    assert leftovers(twin.parent) == []


def _with_old_twin(root: Path, twin_text: str = "old twin\n") -> tuple[Path, Path]:
    """A lesson, and a twin file already there with ``twin_text``."""
    lesson = _lesson(root, "1 + 1")
    twin = root / "twins" / lesson.name
    twin.parent.mkdir()
    twin.write_text(twin_text)
    return lesson, twin


def test_twin_write_goes_through_atomic_write(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lesson, twin = _with_old_twin(book)
    expected = nbio.read_bytes(twin)[1]
    calls: list[Path] = []
    real = nbio.atomic_write
    monkeypatch.setattr(
        snapshot, "atomic_write", lambda p, *a, **k: calls.append(p) or real(p, *a, **k)
    )
    snapshot.write_reference(_executed(lesson), twin, expected)
    assert calls == [twin]
    monkeypatch.undo()
    before = twin.read_bytes()
    monkeypatch.setattr(nbio.os, "replace", _fail_replace)  # nbio's own writer fails
    with pytest.raises(CourseKitError, match="cannot replace: Input/output error"):
        snapshot.write_reference(_executed(lesson), twin, nbio.read_bytes(twin)[1])
    monkeypatch.undo()
    assert twin.read_bytes() == before
    assert leftovers(twin.parent) == []


def test_twin_edited_while_the_lesson_runs_is_not_clobbered(book: Path) -> None:
    lesson, twin = _with_old_twin(book)
    expected = nbio.read_bytes(twin)[1]
    twin.write_text("someone edited the twin meanwhile\n")
    with pytest.raises(CourseKitError, match="changed on disk since it was read"):
        snapshot.write_reference(_executed(lesson), twin, expected)
    assert twin.read_text() == "someone edited the twin meanwhile\n"
    assert leftovers(twin.parent) == []


def test_twin_created_meanwhile_is_not_clobbered(book: Path) -> None:
    lesson, twin = _with_old_twin(book, "created by someone else\n")
    with pytest.raises(CourseKitError, match="already exists; refusing to overwrite"):
        snapshot.write_reference(_executed(lesson), twin, expected=None)
    assert twin.read_text() == "created by someone else\n"


def test_snapshot_update_then_check(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The real command: execute the lesson, write its twin, find it up to date."""
    lesson = _lesson(book, "print('hé')\n1 + 1")
    assert main(["snapshot", "update", str(lesson)]) == 0
    assert capsys.readouterr().out == "wrote twins/01_a.ipynb\n"
    twin = json.loads((book / "twins" / "01_a.ipynb").read_text(encoding="utf-8"))
    outputs = twin["cells"][0]["outputs"]
    assert outputs[0]["text"] == "hé\n" and outputs[1]["data"]["text/plain"] == "2"
    assert "execution" not in twin["cells"][0]["metadata"]
    assert main(["snapshot", "check"]) == 0
    _lesson(book, "1 + 2")
    assert main(["snapshot", "check"]) == 1
    assert "out of date (run: coursekit snapshot update" in capsys.readouterr().out


def test_failing_lesson_is_one_line(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson = _lesson(book, "1 / 0")
    assert main(["snapshot", "update", str(lesson)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coursekit: error: notebooks/01_a.ipynb: ")
    assert "ZeroDivisionError" in err and err.count("\n") == 1
    assert not (book / "twins" / "01_a.ipynb").exists()


# --- vendor manifest and cache stamp --------------------------------------------------------


def test_manifest_write_refuses_a_concurrent_change(tmp_path: Path) -> None:
    vendor.write_manifest(tmp_path, [])
    expected = nbio.read_bytes(tmp_path / vendor.MANIFEST_NAME)[1]
    (tmp_path / vendor.MANIFEST_NAME).write_text('{"files": [], "edited": true}\n')
    with pytest.raises(CourseKitError, match="changed on disk"):
        vendor.write_manifest(tmp_path, [], expected)
    assert "edited" in (tmp_path / vendor.MANIFEST_NAME).read_text()


def test_manifest_and_stamp_writes_fail_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vendor.write_manifest(tmp_path, [])
    before = (tmp_path / vendor.MANIFEST_NAME).read_bytes()
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("X = 1\n")
    cache = tmp_path / "_build" / ".jupyter_cache"
    monkeypatch.setattr(nbio.os, "replace", _fail_replace)
    with pytest.raises(CourseKitError, match="cannot replace"):
        vendor.write_manifest(tmp_path, [vendor.VendoredFile("a", "npm", "p", "1", "a", "MIT")])
    with pytest.raises(CourseKitError, match="cannot replace"):
        cachestamp.refresh(cache, [pkg])
    monkeypatch.undo()
    assert (tmp_path / vendor.MANIFEST_NAME).read_bytes() == before
    assert leftovers(tmp_path) == [] and leftovers(cache.parent) == []
