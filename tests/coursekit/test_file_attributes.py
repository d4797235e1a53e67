"""coursekit keeps what the file system says about the files it rewrites (issue 14, part 5).

Every writer (``clean``, ``new``'s toc edit, ``snapshot update``, the vendor manifest, the
cache stamp) goes through :func:`coursekit.nbio.atomic_write`, so these tests drive the
commands where a command writes the file and ``atomic_write`` for the rest:

* a read-only file is refused (exit 2, one line naming it), never rewritten;
* a symbolic link is followed: the target is rewritten and the link stays a link;
* a file with several hard links is refused (replacing it would split the names);
* mode, owner and group are kept (as root the new file is given back to its owner);
* a save made meanwhile, a full disk and Ctrl-C still lose nothing, through a link too.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from coursekit import clean as clean_module
from coursekit import nbio, snapshot, toc
from coursekit.cli import main
from coursekit.nbio import CourseKitError, atomic_write, read_bytes

DIRTY = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": 3,
            "id": "a1",
            "metadata": {"scrolled": True},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["1\n"]}],
            "source": "print(1)",
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
TOC = "format: jb-book\nroot: intro\nchapters:\n- file: notebooks/01_dirty\n"


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A book with one dirty lesson; the working directory is its root."""
    root = tmp_path / "book"
    (root / "notebooks").mkdir(parents=True)
    (root / "_toc.yml").write_text(TOC)
    (root / "intro.md").write_text("# Intro\n")
    (root / "notebooks" / "01_dirty.ipynb").write_text(json.dumps(DIRTY, indent=2))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def lesson(book: Path) -> Path:
    return book / "notebooks" / "01_dirty.ipynb"


def leftovers(*directories: Path) -> list[str]:
    return sorted(p.name for d in directories for p in d.iterdir() if p.name.endswith(".cktmp"))


def one_error_line(err: str) -> str:
    assert err.startswith("coursekit: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.removeprefix("coursekit: error: ").rstrip("\n")


# --- read-only files ---------------------------------------------------------------------------


def test_clean_refuses_a_read_only_notebook(lesson: Path, capsys: pytest.CaptureFixture) -> None:
    """Root could write it anyway: a file with no write bit at all is read-only for everyone."""
    before = lesson.read_bytes()
    os.chmod(lesson, 0o444)
    assert main(["clean"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith("notebooks/01_dirty.ipynb: read-only file; not written")
    assert lesson.read_bytes() == before
    assert stat.S_IMODE(lesson.stat().st_mode) == 0o444
    assert leftovers(lesson.parent) == []
    assert main(["clean", "--check"]) == 1  # reading is fine: it only says what would change


def test_clean_refuses_a_file_this_user_cannot_write(
    lesson: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A user without write permission (as a non-root user sees a 0444 file)."""
    before = lesson.read_bytes()
    monkeypatch.setattr(nbio.os, "access", lambda path, mode, **kw: False)
    assert main(["clean"]) == 2
    assert "notebooks/01_dirty.ipynb: read-only file" in one_error_line(capsys.readouterr().err)
    assert lesson.read_bytes() == before


def test_clean_refuses_a_read_only_mount(
    lesson: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    before = lesson.read_bytes()
    real = os.statvfs

    class ReadOnly:
        def __init__(self, path: str) -> None:
            self.f_flag = real(path).f_flag | os.ST_RDONLY

    monkeypatch.setattr(nbio.os, "statvfs", ReadOnly)
    assert main(["clean"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line == "notebooks/01_dirty.ipynb: on a read-only file system; not written"
    assert lesson.read_bytes() == before


def test_new_refuses_a_read_only_toc_before_writing_anything(
    book: Path, capsys: pytest.CaptureFixture
) -> None:
    toc_file = book / "_toc.yml"
    os.chmod(toc_file, 0o444)
    assert main(["new", "Second"]) == 2
    assert one_error_line(capsys.readouterr().err).startswith("_toc.yml: read-only file")
    assert toc_file.read_text() == TOC
    assert sorted(p.name for p in (book / "notebooks").iterdir()) == ["01_dirty.ipynb"]


def test_snapshot_refuses_a_read_only_twin(tmp_path: Path) -> None:
    twin = tmp_path / "twins" / "01_a.ipynb"
    twin.parent.mkdir()
    twin.write_text("old twin\n")
    os.chmod(twin, 0o444)
    expected = read_bytes(twin)[1]
    with pytest.raises(CourseKitError, match=r"01_a.ipynb: read-only file; not written"):
        snapshot.write_reference({"cells": []}, twin, expected)
    assert twin.read_text() == "old twin\n"
    assert leftovers(twin.parent) == []


def test_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ipynb"
    os.mkfifo(fifo)
    with pytest.raises(CourseKitError, match="pipe.ipynb: not a regular file; not written"):
        atomic_write(fifo, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# --- symbolic links ----------------------------------------------------------------------------


@pytest.fixture
def linked_lesson(lesson: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The lesson moved to a shared folder; the book keeps a relative symbolic link to it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "capsule.ipynb"
    lesson.rename(target)
    lesson.symlink_to(os.path.relpath(target, lesson.parent))
    return lesson, target


def test_clean_writes_the_target_of_a_symlink(
    linked_lesson: tuple[Path, Path], capsys: pytest.CaptureFixture
) -> None:
    link, target = linked_lesson
    where = os.readlink(link)
    assert main(["clean"]) == 0
    assert capsys.readouterr().out == "cleaned notebooks/01_dirty.ipynb\n"
    assert link.is_symlink() and os.readlink(link) == where
    assert json.loads(target.read_text())["cells"][0]["outputs"] == []
    assert leftovers(link.parent, target.parent) == []
    assert main(["clean", "--check"]) == 0


def test_chain_of_links_is_followed_to_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    (tmp_path / "one").symlink_to(real)
    (tmp_path / "two").symlink_to(tmp_path / "one")
    atomic_write(tmp_path / "two", "new", read_bytes(tmp_path / "two")[1])
    assert real.read_text() == "new" and not real.is_symlink()
    assert (tmp_path / "one").is_symlink() and (tmp_path / "two").is_symlink()


def test_new_keeps_a_symlinked_toc_a_link(book: Path, tmp_path: Path) -> None:
    real = tmp_path / "tocs" / "course_toc.yml"
    real.parent.mkdir()
    (book / "_toc.yml").rename(real)
    (book / "_toc.yml").symlink_to(real)
    assert main(["new", "Second"]) == 0
    assert (book / "_toc.yml").is_symlink()
    assert real.read_text() == TOC + "- file: notebooks/02_second\n"
    assert leftovers(book, real.parent) == []


def test_read_only_target_of_a_link_is_refused(
    linked_lesson: tuple[Path, Path], capsys: pytest.CaptureFixture
) -> None:
    link, target = linked_lesson
    before = target.read_bytes()
    os.chmod(target, 0o444)
    assert main(["clean"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith(f"notebooks/01_dirty.ipynb (a link to {target}): read-only file")
    assert target.read_bytes() == before and link.is_symlink()


def test_create_refuses_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "new.ipynb").symlink_to(tmp_path / "elsewhere.ipynb")
    with pytest.raises(CourseKitError, match="already exists"):
        atomic_write(tmp_path / "new.ipynb", "x", create=True)
    assert not (tmp_path / "elsewhere.ipynb").exists()
    assert leftovers(tmp_path) == []


def test_save_meanwhile_through_a_link_is_not_clobbered(
    linked_lesson: tuple[Path, Path], edit_after_read, capsys: pytest.CaptureFixture
) -> None:
    link, target = linked_lesson

    def user_saves(path: Path) -> None:
        target.write_text(target.read_text() + " ")  # Jupyter saves the real file meanwhile

    edit_after_read(clean_module, "read_notebook", user_saves)
    assert main(["clean"]) == 2
    assert "changed on disk" in one_error_line(capsys.readouterr().err)
    assert target.read_text().endswith(" ") and link.is_symlink()
    assert leftovers(link.parent, target.parent) == []


@pytest.mark.parametrize(
    "target_name, exc",
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("replace", KeyboardInterrupt()),
    ],
)
def test_disk_full_and_ctrl_c_through_a_link_keep_the_file(
    linked_lesson: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    target_name: str,
    exc: BaseException,
) -> None:
    link, target = linked_lesson
    before = target.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr(nbio.os, target_name, boom)
    assert main(["clean"]) == 2
    monkeypatch.undo()
    one_error_line(capsys.readouterr().err)
    assert target.read_bytes() == before and link.is_symlink()
    assert leftovers(link.parent, target.parent) == []


# --- hard links --------------------------------------------------------------------------------


def test_hard_linked_notebook_is_refused(
    lesson: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Replacing a hard-linked file would leave the other name with the old text."""
    other = tmp_path / "copy_for_grading.ipynb"
    os.link(lesson, other)
    before = lesson.read_bytes()
    assert main(["clean"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith("notebooks/01_dirty.ipynb: has 2 hard links; not written")
    assert lesson.read_bytes() == before
    assert os.path.samefile(lesson, other) and lesson.stat().st_nlink == 2
    assert leftovers(lesson.parent) == []
    other.unlink()  # once it is a file of its own, clean rewrites it
    assert main(["clean"]) == 0


def test_hard_linked_toc_is_refused_by_new(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    os.link(book / "_toc.yml", tmp_path / "toc_backup.yml")
    assert main(["new", "Second"]) == 2
    assert "_toc.yml: has 2 hard links" in one_error_line(capsys.readouterr().err)
    assert (book / "_toc.yml").read_text() == TOC
    assert not (book / "notebooks" / "02_second.ipynb").exists()


# --- mode, owner and group ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755, 0o2775])
def test_mode_is_kept(lesson: Path, mode: int) -> None:
    os.chmod(lesson, mode)
    assert main(["clean"]) == 0
    assert stat.S_IMODE(lesson.stat().st_mode) == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_root_gives_the_new_file_back_to_its_owner(lesson: Path) -> None:
    os.chown(lesson, 4321, 8765)
    os.chmod(lesson, 0o640)
    assert main(["clean"]) == 0
    st = lesson.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 8765, 0o640)
    assert json.loads(lesson.read_text())["cells"][0]["outputs"] == []


def test_someone_elses_file_is_refused_when_not_root(
    lesson: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """Replacing it would make the file ours; only root can give it back."""
    me = lesson.stat().st_uid + 1
    monkeypatch.setattr(nbio, "_euid", lambda: me)
    before = lesson.read_bytes()
    assert main(["clean"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith(f"notebooks/01_dirty.ipynb: owned by another user (uid {me - 1})")
    assert lesson.read_bytes() == before


def test_group_that_cannot_be_kept_is_refused(
    lesson: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A user outside the file's group cannot give the new file that group."""
    st = lesson.stat()
    if os.geteuid() == 0:
        os.chown(lesson, st.st_uid, st.st_gid + 1)
    else:
        pytest.skip("needs a file whose group differs from the new file's")
    before = lesson.read_bytes()

    def denied(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(nbio.os, "chown", denied)
    assert main(["clean"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line == (
        f"notebooks/01_dirty.ipynb: its group (gid {st.st_gid + 1}) cannot be kept by this "
        "user; not written"
    )
    assert lesson.read_bytes() == before
    assert leftovers(lesson.parent) == []


def test_new_files_get_the_umask_mode(book: Path) -> None:
    old = os.umask(0o027)
    try:
        assert main(["new", "Second"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((book / "notebooks" / "02_second.ipynb").stat().st_mode) == 0o640


def test_every_writer_goes_through_the_checks() -> None:
    """atomic_write checks every existing destination with writable_target."""
    import inspect

    assert "writable_target(path)" in inspect.getsource(nbio.atomic_write)
    assert "writable_target(toc_path)" in inspect.getsource(
        __import__("coursekit.lesson", fromlist=["create_lesson"]).create_lesson
    )
    assert toc.load_toc_rt  # the toc writer reads through the checked loader
