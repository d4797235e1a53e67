"""Tests for ``coursekit new`` and the toc editing it relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursekit import lesson, nbio, toc
from coursekit.check import Project, run_check
from coursekit.clean import clean_file
from coursekit.cli import main
from coursekit.config import all_conventions
from coursekit.nbio import CourseKitError

TOC = """\
# Course contents
format: jb-book
root: book/intro
parts:
  - caption: Lessons  # in reading order
    chapters:
      - file: notebooks/01_start
      # lesson two follows
      - file: notebooks/02_middle
      - file: notebooks/04_end
  - caption: Reference
    chapters:
      - file: book/glossary
"""


#: This course's conventions: numbered lessons in notebooks/ from the skeleton.
COURSE_SETTINGS = (
    '[tool.coursekit]\nnotebooks_dir = "notebooks"\n'
    'conventions = ["course-metadata", "model-logic", "closed-tags", "lesson-skeleton"]\n'
)


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small course with lessons 01, 02 and 04 (cwd = root)."""
    (tmp_path / "_toc.yml").write_text(TOC)
    (tmp_path / "_config.yml").write_text("title: Sample\n")
    (tmp_path / "pyproject.toml").write_text(COURSE_SETTINGS)
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.md").write_text("# Intro\n")
    (tmp_path / "book" / "glossary.md").write_text("# Glossary\n")
    (tmp_path / "book" / "references.bib").write_text("")
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    for number, name in [(1, "start"), (2, "middle"), (4, "end")]:
        nb = lesson.render_skeleton(number, name.title())
        (nbdir / f"{number:02d}_{name}.ipynb").write_text(nbio.dumps_notebook(nb))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Range of Motion: the Hip!", "range_of_motion_the_hip"),
        ("Ça déborde — œuvre", "ca_deborde_uvre"),
        ("!!!", "lesson"),
        ("a" * 60, "a" * 40),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert lesson.slugify(title) == slug


def test_choose_number() -> None:
    used = {1: Path("01_a.ipynb"), 2: Path("02_b.ipynb"), 4: Path("04_c.ipynb")}
    assert lesson.choose_number({}, None) == (1, None)
    assert lesson.choose_number(used, None) == (5, 4)
    assert lesson.choose_number(used, 2) == (3, 2)
    with pytest.raises(CourseKitError, match="taken by 02_b.ipynb"):
        lesson.choose_number(used, 1)
    with pytest.raises(CourseKitError, match="no lesson 07"):
        lesson.choose_number(used, 7)


def test_skeleton_has_the_required_parts() -> None:
    nb = lesson.render_skeleton(6, "Gait", ["A", "B", "C"], 45)
    text = "\n".join(c["source"] for c in nb["cells"])
    assert nb["cells"][0]["source"].startswith("# 06 · Gait\n")
    assert ":::{admonition}" in text and "- A\n- B\n- C" in text and "45 minutes" in text
    assert ":::{admonition} Solution\n:class: dropdown" in text
    for heading in (
        "## 1.",
        "## 2.",
        "## 3. Explore",
        "## 4. Exercise",
        "## 5. Self-check",
        "## 6. Key points",
        "References",
    ):
        assert heading in text
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert nb["metadata"]["course"] == {
        "title": "Gait",
        "objectives": ["A", "B", "C"],
        "time_minutes": 45,
    }
    assert len({c["id"] for c in nb["cells"]}) == len(nb["cells"])


def test_new_appends_after_last_lesson(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Hip rotation"]) == 0
    assert capsys.readouterr().out == (
        "created notebooks/05_hip_rotation.ipynb (listed in _toc.yml after notebooks/04_end)\n"
    )
    assert (course / "_toc.yml").read_text() == TOC.replace(
        "      - file: notebooks/04_end\n",
        "      - file: notebooks/04_end\n      - file: notebooks/05_hip_rotation\n",
    )


def test_new_after_inserts_in_place_and_keeps_comments(course: Path) -> None:
    assert main(["new", "Capsule", "--after", "02", "--minutes", "20"]) == 0
    text = (course / "_toc.yml").read_text()
    assert text == TOC.replace(
        "      - file: notebooks/02_middle\n",
        "      - file: notebooks/02_middle\n      - file: notebooks/03_capsule\n",
    )
    nb = json.loads((course / "notebooks" / "03_capsule.ipynb").read_text())
    assert nb["metadata"]["course"]["time_minutes"] == 20


def test_new_lesson_passes_check_and_is_clean(course: Path) -> None:
    assert main(["new", "Fresh lesson", "--objective", "One", "--objective", "Two"]) == 0
    path = course / "notebooks" / "05_fresh_lesson.ipynb"
    result = run_check(Project(course, all_conventions(notebooks_dir="notebooks")), [path])
    assert result.findings == [] and result.errors == []
    assert clean_file(path) is False  # already byte-clean


def test_new_refuses_taken_number(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (course / "_toc.yml").read_bytes()
    assert main(["new", "Clash", "--after", "01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coursekit: error: lesson number 02 is taken") and err.count("\n") == 1
    assert (course / "_toc.yml").read_bytes() == before


def test_new_refuses_to_overwrite(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = course / "notebooks" / "05_end.ipynb"
    target.write_text("precious")
    before = (course / "_toc.yml").read_bytes()
    # Simulate a race: the number was free when chosen, the file appears before creation.
    monkeypatch.setattr(lesson, "choose_number", lambda existing, after: (5, 4))
    assert main(["new", "End"]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert target.read_text() == "precious"
    assert (course / "_toc.yml").read_bytes() == before
    assert not [p for p in (course / "notebooks").iterdir() if p.name.endswith(".cktmp")]


def test_toc_write_failure_removes_new_notebook(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (course / "_toc.yml").read_bytes()
    real = nbio.atomic_write

    def fail_on_toc(path, data, expected=None, *, create=False):
        if Path(path).name == "_toc.yml":
            raise CourseKitError(f"{path}: cannot write: No space left on device")
        return real(path, data, expected, create=create)

    monkeypatch.setattr(lesson, "atomic_write", fail_on_toc)
    assert main(["new", "Doomed"]) == 2
    assert not (course / "notebooks" / "05_doomed.ipynb").exists()
    assert (course / "_toc.yml").read_bytes() == before


def test_new_without_toc_is_an_error(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (course / "_toc.yml").unlink()
    assert main(["new", "X", "--root", str(course)]) == 2
    assert "_toc.yml" in capsys.readouterr().err


def test_insert_into_empty_toc_creates_chapters() -> None:
    yaml, data = toc._round_trip_yaml("format: jb-book\nroot: intro\n")
    toc.insert_after(data, "notebooks/01_a", None)
    assert toc.dump_yaml(yaml, data) == (
        "format: jb-book\nroot: intro\nchapters:\n- file: notebooks/01_a\n"
    )


def test_insert_keeps_suffix_style() -> None:
    text = "root: intro\nchapters:\n    - file: notebooks/01_a.ipynb\n"
    yaml, data = toc._round_trip_yaml(text)
    toc.insert_after(data, "notebooks/02_b", "notebooks/01_a")
    assert toc.dump_yaml(yaml, data) == text + "    - file: notebooks/02_b.ipynb\n"


def test_toc_docnames_and_globs() -> None:
    data = {
        "root": "intro.md",
        "chapters": [{"file": "./a/b.ipynb", "sections": [{"glob": "notebooks/*"}]}],
    }
    names, globs = toc.toc_docnames(data)
    assert names == ["intro", "a/b"] and globs == ["notebooks/*"]
    assert toc.listed("notebooks/03_x", names, globs)


def test_new_after_00_goes_first(course: Path) -> None:
    (course / "notebooks" / "01_start.ipynb").rename(course / "notebooks" / "00_ignored.txt")
    toc_text = (course / "_toc.yml").read_text().replace("      - file: notebooks/01_start\n", "")
    (course / "_toc.yml").write_text(toc_text)
    assert main(["new", "Opening", "--after", "00"]) == 0
    assert (course / "_toc.yml").read_text() == toc_text.replace(
        "      # lesson two follows\n",
        "      # lesson two follows\n      - file: notebooks/01_opening\n",
    )


def test_solution_cell_is_tagged() -> None:
    nb = lesson.render_skeleton(1, "T")
    [solution] = [c for c in nb["cells"] if "Solution" in c["source"]]
    assert solution["metadata"] == {"tags": ["solution"]}


def test_toc_edited_meanwhile_is_not_clobbered(
    course: Path, edit_after_read, capsys: pytest.CaptureFixture[str]
) -> None:
    def someone_edits(path: Path) -> None:
        path.write_text(path.read_text() + "# edited in an editor\n")

    edit_after_read(toc, "load_toc_text", someone_edits)
    assert main(["new", "Racy"]) == 2
    assert "changed on disk" in capsys.readouterr().err
    assert (course / "_toc.yml").read_text().endswith("# edited in an editor\n")
    assert not (course / "notebooks" / "05_racy.ipynb").exists()
