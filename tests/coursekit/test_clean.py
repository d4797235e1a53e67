"""Tests for safe notebook I/O and ``coursekit clean``: nothing is ever lost."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT

from coursekit import clean as clean_module
from coursekit import nbio
from coursekit.clean import clean_file, clean_notebook
from coursekit.cli import main
from coursekit.nbio import CourseKitError, atomic_write, dumps_notebook, parse_notebook

FIXTURES = Path(__file__).parent / "fixtures"

DIRTY = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": 3,
            "id": "a1",
            "metadata": {"tags": ["hide-input"], "scrolled": True, "mystnb": {"x": 1}},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["hé\n"]}],
            "source": "print('hé')\nx = 1",
        },
        {"cell_type": "markdown", "id": "b2", "metadata": {"collapsed": False}, "source": ""},
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11.7"},
        "course": {"title": "T", "objectives": ["o"], "time_minutes": 5},
        "widgets": {"state": {}},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture
def dirty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dirty notebook inside a minimal book; cwd is the book root."""
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: notebooks/01_dirty\n"
    )
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "notebooks").mkdir()
    path = tmp_path / "notebooks" / "01_dirty.ipynb"
    path.write_text(json.dumps(DIRTY, indent=2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".cktmp"))


# --- pure functions ------------------------------------------------------------------------


def test_clean_notebook_keeps_only_whitelisted_metadata() -> None:
    clean = clean_notebook(DIRTY)
    assert set(clean["metadata"]) == {"kernelspec", "course"}
    code, text = clean["cells"]
    assert code["metadata"] == {"tags": ["hide-input"], "mystnb": {"x": 1}}
    assert code["outputs"] == [] and code["execution_count"] is None
    assert text["metadata"] == {}
    assert DIRTY["cells"][0]["outputs"], "input must not be modified"


def test_clean_writes_the_books_kernelspec(dirty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JupyterLab rewrites ``kernelspec.display_name`` when it saves a notebook: with the
    ``kernelspec`` setting, check flags the change (one line) and clean puts the book's back."""
    ks = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    assert clean_notebook(DIRTY, kernelspec=ks)["metadata"]["kernelspec"] == ks
    assert clean_notebook(DIRTY)["metadata"]["kernelspec"] == DIRTY["metadata"]["kernelspec"]
    (dirty.parent.parent / "pyproject.toml").write_text(
        '[tool.coursekit]\nkernelspec = { name = "python3", display_name = '
        '"Python 3 (ipykernel)", language = "python" }\n')
    main(["check"])
    out = capsys.readouterr().out
    assert ("notebooks/01_dirty.ipynb:-:metadata metadata.kernelspec differs from the book's "
            "kernelspec setting in display_name") in out
    assert main(["clean"]) == 0
    assert json.loads(dirty.read_text())["metadata"]["kernelspec"] == ks
    capsys.readouterr()
    main(["check"])
    assert "kernelspec" not in capsys.readouterr().out


def test_dumps_matches_jupyter_formatting() -> None:
    text = dumps_notebook(clean_notebook(DIRTY))
    assert text.endswith("}\n") and '\n "cells": [\n' in text
    assert "hé" in text  # ensure_ascii=False
    assert '"source": [\n    "print(\'hé\')\\n",\n    "x = 1"\n   ]' in text
    assert '"source": []' in text


cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(sources=st.lists(cell_text, max_size=4), tags=st.lists(st.sampled_from(["a", "b"])))
def test_clean_is_idempotent_and_byte_stable(sources: list[str], tags: list[str]) -> None:
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": f"c{i}",
                "metadata": {"tags": tags, "foo": 1},
                "outputs": [],
                "source": s,
            }
            for i, s in enumerate(sources)
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "P"}, "other": 1},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    once = dumps_notebook(clean_notebook(nb))
    again = dumps_notebook(clean_notebook(parse_notebook(once.encode(), "x")))
    assert once == again


def test_nbformat_writes_the_same_bytes() -> None:
    import nbformat

    text = dumps_notebook(clean_notebook(DIRTY))
    assert nbformat.writes(nbformat.reads(text, as_version=4)) + "\n" == text


# --- parse errors ----------------------------------------------------------------------------


def test_parse_reports_line_and_column() -> None:
    with pytest.raises(CourseKitError, match=r"^nb.ipynb:3:5: invalid notebook JSON"):
        parse_notebook(b'{\n "cells": [],\n    oops\n}', "nb.ipynb")


@pytest.mark.parametrize("data", [b"[1, 2]", b'{"cells": [], "nbformat": 3}', b"\xff\xfe"])
def test_parse_rejects_non_notebooks(data: bytes) -> None:
    with pytest.raises(CourseKitError):
        parse_notebook(data, "nb.ipynb")


# --- CLI -------------------------------------------------------------------------------------


def test_clean_cli_and_check_mode(dirty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = dirty.read_bytes()
    assert main(["clean", "--check"]) == 1
    assert capsys.readouterr().out == "would clean notebooks/01_dirty.ipynb\n"
    assert dirty.read_bytes() == before
    assert main(["clean"]) == 0
    assert capsys.readouterr().out == "cleaned notebooks/01_dirty.ipynb\n"
    cleaned = dirty.read_bytes()
    assert main(["clean", "--check"]) == 0
    assert main(["clean", str(dirty)]) == 0
    assert dirty.read_bytes() == cleaned
    assert capsys.readouterr().out == ""
    assert leftovers(dirty.parent) == []


def test_clean_keeps_file_mode(dirty: Path) -> None:
    os.chmod(dirty, 0o640)
    assert main(["clean"]) == 0
    assert dirty.stat().st_mode & 0o777 == 0o640


def test_malformed_json_is_not_touched(dirty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dirty.write_bytes(b'{"cells": [\n  {"cell_type": }\n]}')
    before = dirty.read_bytes()
    assert main(["clean"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "coursekit: error: notebooks/01_dirty.ipynb:2:17: invalid notebook JSON: Expecting value\n"
    )
    assert dirty.read_bytes() == before


def test_unknown_major_version_is_not_touched(dirty: Path) -> None:
    dirty.write_text(json.dumps(dict(DIRTY, nbformat=5)))
    before = dirty.read_bytes()
    assert main(["clean"]) == 2
    assert dirty.read_bytes() == before


# --- fault injection -------------------------------------------------------------------------


def _fail_with(exc: BaseException):
    def boom(*args: object, **kwargs: object) -> None:
        raise exc

    return boom


@pytest.mark.parametrize(
    "target, exc",
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("replace", OSError(errno.EIO, "Input/output error")),
        ("fsync", RuntimeError("crash mid-write")),
    ],
)
def test_fault_mid_write_keeps_original(
    dirty: Path, monkeypatch: pytest.MonkeyPatch, target: str, exc: BaseException
) -> None:
    before = dirty.read_bytes()
    monkeypatch.setattr(nbio.os, target, _fail_with(exc))
    if isinstance(exc, OSError):
        assert main(["clean"]) == 2
    else:
        with pytest.raises(RuntimeError):
            clean_file(dirty)
    monkeypatch.undo()
    assert dirty.read_bytes() == before
    assert leftovers(dirty.parent) == []


def test_disk_full_on_write(dirty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dirty.read_bytes()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(nbio.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(CourseKitError, match="No space left"):
        clean_file(dirty)
    monkeypatch.undo()
    assert dirty.read_bytes() == before
    assert leftovers(dirty.parent) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(dirty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = dirty.read_bytes()
    os.chmod(dirty.parent, 0o555)
    try:
        assert main(["clean"]) == 2
    finally:
        os.chmod(dirty.parent, 0o755)
    assert "cannot write" in capsys.readouterr().err
    assert dirty.read_bytes() == before
    assert leftovers(dirty.parent) == []


def test_read_only_directory_simulated(dirty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dirty.read_bytes()
    monkeypatch.setattr(
        nbio.tempfile, "mkstemp", _fail_with(PermissionError(errno.EACCES, "Permission denied"))
    )
    assert main(["clean"]) == 2
    monkeypatch.undo()
    assert dirty.read_bytes() == before


def test_notebook_saved_meanwhile_is_not_clobbered(
    dirty: Path, edit_after_read, capsys: pytest.CaptureFixture[str]
) -> None:
    def user_saves(path: Path) -> None:
        path.write_text(path.read_text() + " ")  # Jupyter saves while we work

    edit_after_read(clean_module, "read_notebook", user_saves)
    assert main(["clean"]) == 2
    saved = dirty.read_bytes()
    assert saved.endswith(b" ")
    assert "changed on disk" in capsys.readouterr().err
    assert leftovers(dirty.parent) == []


def test_atomic_create_refuses_existing(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("keep")
    with pytest.raises(CourseKitError, match="already exists"):
        atomic_write(path, "new", create=True)
    assert path.read_text() == "keep"
    assert leftovers(tmp_path) == []


def test_atomic_write_replaces(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("old")
    _data, snap = nbio.read_bytes(path)
    atomic_write(path, "new", snap)
    assert path.read_text() == "new"


def test_fixture_rule_notebooks_clean_safely(tmp_path: Path) -> None:
    for src in (FIXTURES / "rules").glob("*.ipynb"):
        dst = tmp_path / src.name
        shutil.copyfile(src, dst)
        if src.stem == "nbformat-invalid":  # schema-invalid: refused, left as it was
            with pytest.raises(CourseKitError, match="not a valid notebook .*; not cleaned"):
                clean_file(dst)
            assert dst.read_bytes() == src.read_bytes()
            continue
        clean_file(dst)
        first = dst.read_bytes()
        assert clean_file(dst) is False
        assert dst.read_bytes() == first


REPO_ROOT = ROOT


def test_clean_check_on_this_course_writes_nothing() -> None:
    """``clean --check`` only reads (its speed is measured by benchmarks/bench_coursekit.py)."""
    from coursekit.check import Project, lesson_files
    from coursekit.clean import clean_paths
    from coursekit.config import load_settings

    settings = load_settings(REPO_ROOT)
    paths = lesson_files(Project(REPO_ROOT, settings))
    assert paths
    before = {p: p.read_bytes() for p in paths}
    result = clean_paths(paths, check_only=True, settings=settings)
    assert result.errors == []
    assert all(p in before for p in result.changed)
    assert {p: p.read_bytes() for p in paths} == before
