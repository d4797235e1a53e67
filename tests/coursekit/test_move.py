"""``coursekit rename`` and ``coursekit remove`` on a small nested book with links."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import nbformat
import pytest

from coursekit import move
from coursekit.cli import main
from coursekit.errors import CourseKitError

TOC = """\
# A book with comments, quoting and a part per folder
format: jb-book
root: index
parts:
  - caption: Lessons   # the course itself
    chapters:
      - file: lessons/01_first.ipynb
        title: The first lesson
      - file: "lessons/02_second"
      - file: lessons/03_third
  - caption: Appendix
    chapters:
      - file: appendix/glossary
        sections:
          - file: appendix/terms
"""


def _notebook(*markdown: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    nb.cells = [nbformat.v4.new_markdown_cell(m) for m in markdown]
    nb.cells.append(nbformat.v4.new_code_cell("x = 1"))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    return nbformat.writes(nb)


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "book"
    (root / "lessons").mkdir(parents=True)
    (root / "appendix").mkdir()
    (root / "_toc.yml").write_text(TOC)
    (root / "_config.yml").write_text("title: Moves\n")
    (root / "index.md").write_text(
        "# Index\n\nStart with [lesson two](lessons/02_second.ipynb#goals), "
        "or {doc}`the second lesson </lessons/02_second>`.\n\n"
        "Elsewhere: [a site](https://example.org/lessons/02_second.ipynb).\n"
    )
    (root / "appendix" / "glossary.md").write_text(
        "# Glossary\n\n{doc}`../lessons/02_second` and {download}`the notebook "
        "<../lessons/02_second.ipynb>`.\n"
    )
    (root / "appendix" / "terms.md").write_text("# Terms\n")
    (root / "appendix" / "pic.png").write_bytes(b"\x89PNG\r\n")
    (root / "lessons" / "01_first.ipynb").write_text(
        _notebook("# 01 First", "Next: [lesson two](02_second.ipynb).")
    )
    (root / "lessons" / "02_second.ipynb").write_text(
        _notebook(
            "# 02 Second",
            "Back to [the first](01_first.ipynb), see {doc}`../appendix/glossary`.\n\n"
            "![a picture](../appendix/pic.png)\n\n```{figure} ../appendix/pic.png\n:alt: x\n```",
        )
    )
    (root / "lessons" / "03_third.ipynb").write_text(_notebook("# 03 Third"))
    (root / "tests").mkdir()
    (root / "tests" / "test_two.py").write_text('LESSON = "lessons/02_second.ipynb"\n')
    (root / "twins").mkdir()
    (root / "twins" / "02_second.ipynb").write_text(_notebook("# 02 Second (executed)"))
    (root / "pyproject.toml").write_text('[tool.coursekit]\nreference_dir = "twins"\n')
    monkeypatch.chdir(root)
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "_build" not in p.parts
    }


def _cells(path: Path) -> list[str]:
    return [c["source"] for c in nbformat.read(path, as_version=4).cells]


def test_rename_moves_file_twin_toc_entry_and_every_link(book: Path, capsys) -> None:
    toc_before = (book / "_toc.yml").read_text()
    status = main(["rename", "lessons/02_second.ipynb", "lessons/02_hip_rotation"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.splitlines()[0] == (
        "renamed lessons/02_second.ipynb -> lessons/02_hip_rotation.ipynb "
        "(_toc.yml and 5 links in 3 files updated)"
    )
    assert not (book / "lessons" / "02_second.ipynb").exists()
    assert not (book / "twins" / "02_second.ipynb").exists()
    assert (book / "twins" / "02_hip_rotation.ipynb").is_file()
    # the toc: one value changed, in its own quoting; every other byte kept
    assert (book / "_toc.yml").read_text() == toc_before.replace(
        '"lessons/02_second"', '"lessons/02_hip_rotation"'
    )
    index = (book / "index.md").read_text()
    assert "[lesson two](lessons/02_hip_rotation.ipynb#goals)" in index
    assert "{doc}`the second lesson </lessons/02_hip_rotation>`" in index
    assert "https://example.org/lessons/02_second.ipynb" in index  # not a local link
    glossary = (book / "appendix" / "glossary.md").read_text()
    assert "{doc}`../lessons/02_hip_rotation`" in glossary
    assert "<../lessons/02_hip_rotation.ipynb>`" in glossary
    assert "[lesson two](02_hip_rotation.ipynb)" in _cells(book / "lessons" / "01_first.ipynb")[1]
    # the moved page's own links did not need to change (same folder)
    assert "[the first](01_first.ipynb)" in _cells(book / "lessons" / "02_hip_rotation.ipynb")[1]
    # other mentions are listed, not edited
    assert "  tests/test_two.py:1: LESSON = \"lessons/02_second.ipynb\"" in out.splitlines()
    assert (book / "tests" / "test_two.py").read_text() == 'LESSON = "lessons/02_second.ipynb"\n'


def test_moving_to_another_folder_keeps_the_pages_own_links(book: Path, capsys) -> None:
    assert main(["rename", "lessons/02_second.ipynb", "extra/deeper/second.ipynb"]) == 0
    capsys.readouterr()
    moved = _cells(book / "extra" / "deeper" / "second.ipynb")[1]
    assert "[the first](../../lessons/01_first.ipynb)" in moved
    assert "{doc}`../../appendix/glossary`" in moved
    assert "![a picture](../../appendix/pic.png)" in moved
    assert "{figure} ../../appendix/pic.png" in moved
    assert '- file: "extra/deeper/second"' in (book / "_toc.yml").read_text()
    assert "[lesson two](../extra/deeper/second.ipynb)" in _cells(
        book / "lessons" / "01_first.ipynb"
    )[1]


def test_rename_by_docname_and_back_restores_every_file(book: Path, capsys) -> None:
    before = _snapshot(book)
    assert main(["rename", "lessons/02_second", "lessons/02_other.ipynb"]) == 0
    assert main(["rename", "lessons/02_other.ipynb", "lessons/02_second.ipynb"]) == 0
    capsys.readouterr()
    after = _snapshot(book)
    assert after.keys() == before.keys()
    for name in before:
        if name.endswith(".ipynb"):  # same notebook, written in coursekit's canonical form
            assert json.loads(after[name]) == json.loads(before[name]), name
        else:
            assert after[name] == before[name], name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lessons/02_second.ipynb", "lessons/03_third.ipynb"], "already exists"),
        (["lessons/02_second.ipynb", "lessons/02_second.md"], "keeps its suffix"),
        (["lessons/02_second.ipynb", "../elsewhere.ipynb"], "outside the book"),
        (["lessons/missing.ipynb", "lessons/x.ipynb"], "no such page"),
        (["tests/test_two.py", "tests/test_2.py"], "does not list it"),
    ],
)
def test_rename_refusals_change_nothing(book: Path, capsys, args: list[str], message: str) -> None:
    before = _snapshot(book)
    assert main(["rename", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert _snapshot(book) == before


def test_a_read_only_page_or_toc_is_refused_before_anything_moves(book: Path, capsys) -> None:
    before = _snapshot(book)
    glossary = book / "appendix" / "glossary.md"
    glossary.chmod(0o444)
    try:
        assert main(["rename", "lessons/02_second.ipynb", "lessons/02_x.ipynb"]) == 2
        assert "glossary.md: read-only file; not written" in capsys.readouterr().err
    finally:
        glossary.chmod(0o644)
    lesson = book / "lessons" / "02_second.ipynb"
    lesson.chmod(0o444)
    try:
        assert main(["rename", "lessons/02_second.ipynb", "lessons/02_x.ipynb"]) == 2
        assert "read-only file; not moved" in capsys.readouterr().err
        assert main(["remove", "lessons/03_third.ipynb"]) == 0  # another lesson still can
    finally:
        lesson.chmod(0o644)
    capsys.readouterr()
    assert not (book / "lessons" / "02_x.ipynb").exists()
    assert _snapshot(book)["lessons/02_second.ipynb"] == before["lessons/02_second.ipynb"]


def test_a_failure_half_way_restores_everything(book: Path, capsys, monkeypatch) -> None:
    before = _snapshot(book)
    real = move.atomic_write

    def fail_on_toc(path, data, expected=None, **kwargs):
        if Path(path).name == "_toc.yml":
            raise CourseKitError(f"{path}: cannot replace: No space left on device")
        return real(path, data, expected, **kwargs)

    monkeypatch.setattr(move, "atomic_write", fail_on_toc)
    assert main(["rename", "lessons/02_second.ipynb", "lessons/02_x.ipynb"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _snapshot(book) == before


def test_a_symlinked_lesson_moves_as_a_link_and_a_hard_link_keeps_its_other_name(
    book: Path, capsys
) -> None:
    store = book.parent / "store"
    store.mkdir()
    target = store / "third.ipynb"
    shutil.move(book / "lessons" / "03_third.ipynb", target)
    (book / "lessons" / "03_third.ipynb").symlink_to(target)
    assert main(["rename", "lessons/03_third.ipynb", "lessons/03_renamed.ipynb"]) == 0
    renamed = book / "lessons" / "03_renamed.ipynb"
    assert renamed.is_symlink() and renamed.resolve() == target

    first = book / "lessons" / "01_first.ipynb"
    other = book.parent / "first_elsewhere.ipynb"
    os.link(first, other)
    inode = first.stat().st_ino
    assert main(["rename", "lessons/01_first.ipynb", "lessons/01_renamed.ipynb"]) == 0
    capsys.readouterr()
    new = book / "lessons" / "01_renamed.ipynb"
    assert new.stat().st_ino == inode == other.stat().st_ino and new.stat().st_nlink == 2


def test_remove_takes_out_the_entry_lines_and_deletes_file_and_twin(book: Path, capsys) -> None:
    toc_before = (book / "_toc.yml").read_text()
    assert main(["remove", "lessons/03_third.ipynb"]) == 0
    assert capsys.readouterr().out.startswith("removed lessons/03_third.ipynb from _toc.yml; ")
    third = "      - file: lessons/03_third\n"
    assert (book / "_toc.yml").read_text() == toc_before.replace(third, "")
    assert not (book / "lessons" / "03_third.ipynb").exists()
    # an entry with a title line of its own goes with it
    assert main(["remove", "lessons/01_first.ipynb", "--force"]) == 0  # 02 links to it
    first = "      - file: lessons/01_first.ipynb\n        title: The first lesson\n"
    assert (book / "_toc.yml").read_text() == toc_before.replace(third, "").replace(first, "")
    assert main(["remove", "lessons/02_second.ipynb", "--force"]) == 2  # the only one left
    capsys.readouterr()
    assert (book / "twins" / "02_second.ipynb").exists()


def test_remove_refusals(book: Path, capsys) -> None:
    before = _snapshot(book)
    cases = [
        (["lessons/02_second.ipynb"], "still linked from appendix/glossary.md (2 links), "
         "index.md (2 links), lessons/01_first.ipynb (1 link)"),
        (["index.md"], "root page"),
        (["appendix/glossary.md"], "has sections of its own"),
        (["appendix/terms.md"], "only entry of its list"),
        (["lessons/nothing.ipynb"], "no such page"),
    ]
    for args, message in cases:
        assert main(["remove", *args]) == 2, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err, (args, err)
    assert main(["remove", "lessons/02_second.ipynb", "--dry-run", "--force"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "delete lessons/02_second.ipynb",
        "delete twins/02_second.ipynb",
        "edit _toc.yml",
    ]
    assert _snapshot(book) == before


def test_keep_file_and_force_list_the_links_left(book: Path, capsys) -> None:
    entry = '      - file: "lessons/02_second"\n'
    toc_before = (book / "_toc.yml").read_text()
    assert main(["remove", "lessons/02_second", "--keep-file", "--force"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "removed lessons/02_second from _toc.yml; the file is kept"
    assert "  still linked from index.md (2 links): change those links" in out
    assert (book / "lessons" / "02_second.ipynb").is_file()
    assert (book / "_toc.yml").read_text() == toc_before.replace(entry, "")


def test_rename_dry_run_lists_the_plan(book: Path, capsys) -> None:
    before = _snapshot(book)
    assert main(["rename", "lessons/02_second.ipynb", "lessons/02_b.ipynb", "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "move lessons/02_second.ipynb -> lessons/02_b.ipynb",
        "move twins/02_second.ipynb -> twins/02_b.ipynb",
        "edit _toc.yml",
        "edit appendix/glossary.md (2 links)",
        "edit index.md (2 links)",
        "edit lessons/01_first.ipynb (1 link)",
    ]
    assert _snapshot(book) == before
    assert stat.S_ISREG((book / "lessons" / "02_second.ipynb").lstat().st_mode)


def test_flow_style_toc_is_edited_as_data(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters: [{file: a}, {file: b}]\n"
    )
    for name in ("intro", "a", "b"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["rename", "a.md", "c.md"]) == 0
    assert main(["remove", "b.md"]) == 0
    capsys.readouterr()
    from coursekit import toc as tocmod

    names, _globs = tocmod.toc_docnames(tocmod.load_toc(tmp_path / "_toc.yml"))
    assert names == ["intro", "c"]


def test_pages_a_glob_lists_move_and_go_without_toc_edits(tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- glob: topics/*\n"
    )
    (tmp_path / "intro.md").write_text("# Intro\n\nSee [one](topics/one.md).\n")
    (tmp_path / "topics").mkdir()
    for name in ("one", "two"):
        (tmp_path / "topics" / f"{name}.md").write_text(f"# {name}\n")
    monkeypatch.chdir(tmp_path)
    toc = (tmp_path / "_toc.yml").read_bytes()
    assert main(["rename", "topics/one.md", "topics/first.md"]) == 0
    assert capsys.readouterr().out.startswith(
        "renamed topics/one.md -> topics/first.md (listed by a glob; 1 link in 1 file updated)"
    )
    assert "[one](topics/first.md)" in (tmp_path / "intro.md").read_text()
    assert main(["rename", "topics/first.md", "elsewhere/first.md"]) == 2
    assert "glob topics/*, which would not list elsewhere/first" in capsys.readouterr().err
    assert main(["remove", "topics/two.md", "--keep-file"]) == 2
    assert "stays in the book while the file is there" in capsys.readouterr().err
    assert main(["remove", "topics/two.md"]) == 0
    assert capsys.readouterr().out == (
        "removed topics/two.md (listed by a _toc.yml glob); deleted topics/two.md\n"
    )
    assert (tmp_path / "_toc.yml").read_bytes() == toc
    assert sorted(p.name for p in (tmp_path / "topics").iterdir()) == ["first.md"]
