"""The ``[tool.coursekit]`` settings: generic defaults, validation, and what each one drives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import ROOT

from coursekit import cachestamp, run
from coursekit.check import BUILTIN_TAGS, Project, allowed_tags, run_check
from coursekit.clean import clean_file
from coursekit.cli import main
from coursekit.config import (
    Settings,
    all_conventions,
    bib_files,
    load_settings,
    setting_fields,
    settings_from_table,
)
from coursekit.errors import CourseKitError

PACKAGE = ROOT / "coursekit"


def test_coursekit_names_no_course_package() -> None:
    """The toolkit imports, and even names, neither the model nor the course package."""
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".ipynb", ".json"} and "__pycache__" not in path.parts:
            text = path.read_text(encoding="utf-8").lower()
            assert "hipcapsule" not in text and "hipcourse" not in text, path


def test_defaults_assume_no_course_folders() -> None:
    defaults = Settings()
    assert defaults.reference_dir is None and defaults.nbval_sanitize is None
    assert defaults.vendor_dir is None and defaults.bibfiles is None
    assert defaults.watch == () and defaults.test_paths == () and defaults.extra_tags == ()
    assert defaults.notebooks_dir is None and defaults.conventions == ()  # read the toc


def test_this_course_states_its_values() -> None:
    settings = load_settings(ROOT)
    assert settings.reference_dir == "tests/nbval_reference"
    assert settings.nbval_sanitize == "tests/nbval_sanitize.cfg"
    assert settings.watch == ("hipcapsule", "hipcourse")
    assert settings.test_paths == ("tests/hipcourse",)
    assert settings.vendor_dir == "book/_vendor_static"
    assert settings.extra_tags == ("static-twin",)
    assert settings.cell_metadata_keep == ("tags", "mystnb")
    assert settings.notebook_metadata_keep == ("kernelspec", "jupytext", "mystnb", "course")
    for name in (settings.reference_dir, settings.nbval_sanitize, settings.vendor_dir):
        assert (ROOT / name).exists(), name


# --- validation ------------------------------------------------------------------------------

VALID = {
    "disable": ["exec-order"],
    "max_def_lines": 0,
    "notebooks_dir": "lectures",
    "conventions": ["model-logic", "closed-tags"],
    "bibfiles": ["refs/a.bib", "refs/b.bib"],
    "reference_dir": "twins",
    "nbval_sanitize": "sanitize.cfg",
    "test_paths": ["tests/test_x*.py", "tests/sweeps"],
    "watch": ["pkg", "not_there_yet"],
    "cell_metadata_keep": ["tags"],
    "notebook_metadata_keep": ["kernelspec"],
    "extra_tags": ["margin"],
    "vendor_dir": "_assets",
    "kernelspec": {"name": "ir", "display_name": "R", "language": "R"},
    "setup_cell": "try:\n    import mycourse\nexcept ImportError:\n    %pip install '{pip}'",
}


def test_every_setting_has_a_valid_example() -> None:
    assert set(VALID) == set(setting_fields())


@pytest.mark.parametrize("key", sorted(VALID))
def test_valid_value_is_taken(key: str) -> None:
    value = getattr(settings_from_table({key: VALID[key]}), key)
    expected = VALID[key]
    if key == "disable":
        assert value == frozenset(expected)
    else:
        assert value == (tuple(expected) if isinstance(expected, list) else expected)


INVALID = [
    ("disable", "exec-order", "disable = 'exec-order': expected a list of rule ids"),
    ("disable", ["x", 1], "disable[1] = 1: expected a rule id"),
    ("max_def_lines", "five", "max_def_lines = 'five': expected an integer >= 0"),
    ("max_def_lines", -1, "max_def_lines = -1: expected an integer >= 0"),
    ("max_def_lines", True, "max_def_lines = True: expected an integer >= 0"),
    ("notebooks_dir", "", "notebooks_dir = '': expected a path"),
    ("setup_cell", "  ", "setup_cell = '  ': expected a code template"),
    ("setup_cell", 3, "setup_cell = 3: expected a code template"),
    ("notebooks_dir", ["a"], "notebooks_dir = ['a']: expected a path"),
    ("conventions", "model-logic", "conventions = 'model-logic': expected a list of conventions"),
    ("conventions", ["model-logic", "twins"], "conventions[1] = 'twins': expected a convention"),
    ("bibfiles", "refs.bib", "bibfiles = 'refs.bib': expected a list of paths"),
    ("reference_dir", 3, "reference_dir = 3: expected a path"),
    ("nbval_sanitize", False, "nbval_sanitize = False: expected a path"),
    ("test_paths", "tests", "test_paths = 'tests': expected a list of paths"),
    ("watch", ["hipcapsule", 3], "watch[1] = 3: expected a path"),
    ("watch", ["ok", ""], "watch[1] = '': expected a path"),
    ("cell_metadata_keep", {"tags": True}, "cell_metadata_keep = {'tags': True}: expected a list"),
    ("notebook_metadata_keep", [None], "notebook_metadata_keep[0] = None: expected a metadata key"),
    ("extra_tags", "static-twin", "extra_tags = 'static-twin': expected a list of tags"),
    ("vendor_dir", 1.5, "vendor_dir = 1.5: expected a path"),
    ("kernelspec", "python3", "kernelspec = 'python3': expected a table of kernelspec fields"),
]


def test_a_kernelspec_table_needs_a_name_and_string_fields() -> None:
    with pytest.raises(CourseKitError, match=r"kernelspec = \{'language': 'python'\}: expected "
                                              r"a table of kernelspec fields \(strings\) with a "
                                              r"name"):
        settings_from_table({"kernelspec": {"language": "python"}})
    with pytest.raises(CourseKitError, match=r"kernelspec.display_name = 3: expected a kernelspec"):
        settings_from_table({"kernelspec": {"name": "python3", "display_name": 3}})
    ks = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    assert settings_from_table({"kernelspec": ks}).kernelspec == ks


def test_every_setting_has_an_invalid_example() -> None:
    assert {key for key, _value, _message in INVALID} == set(setting_fields())


@pytest.mark.parametrize("key, value, message", INVALID)
def test_invalid_value_is_one_line_naming_key_value_and_expectation(
    key: str, value: object, message: str
) -> None:
    with pytest.raises(CourseKitError) as exc:
        settings_from_table({key: value}, "pyproject.toml")
    text = str(exc.value)
    assert "\n" not in text
    assert text.startswith(f"pyproject.toml: [tool.coursekit] {message}")


def test_unknown_key_suggests_the_close_one() -> None:
    with pytest.raises(CourseKitError, match=r"unknown key 'notebook_dir' \(did you mean "):
        settings_from_table({"notebook_dir": "x"})
    with pytest.raises(CourseKitError, match=r"unknown key 'zzz' \(known: disable, "):
        settings_from_table({"zzz": 1})


def test_long_bad_value_is_shortened() -> None:
    with pytest.raises(CourseKitError) as exc:
        settings_from_table({"reference_dir": list(range(100))})
    assert len(str(exc.value)) < 200


@pytest.fixture
def book(empty_book: Path) -> Path:
    return empty_book


def set_table(root: Path, **values: object) -> None:
    values = {"notebooks_dir": "notebooks", **values}  # the lessons are under notebooks/
    body = "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())
    (root / "pyproject.toml").write_text("[tool.coursekit]\n" + body)


@pytest.mark.parametrize(
    "command", [["check"], ["clean", "--check"], ["settings"], ["cachestamp"], ["test"]]
)
def test_bad_setting_stops_every_command_with_one_line(
    book: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    set_table(book, watch=["pkg", 3])
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err == "coursekit: error: pyproject.toml: [tool.coursekit] watch[1] = 3: " + (
        "expected a path (non-empty string)\n"
    )


def test_malformed_toml_is_one_line(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (book / "pyproject.toml").write_text("[tool.coursekit\n")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coursekit: error: pyproject.toml: cannot read:") and err.count("\n") == 1


def test_non_table_is_an_error(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (book / "pyproject.toml").write_text('[tool]\ncoursekit = "x"\n')
    assert main(["check"]) == 2
    assert "[tool.coursekit] must be a table" in capsys.readouterr().err


# --- what each setting drives ----------------------------------------------------------------


def test_bibfiles_setting_overrides_config(book: Path) -> None:
    (book / "_config.yml").write_text("bibtex_bibfiles: [a.bib]\n")
    assert bib_files(book) == [book / "a.bib"]
    assert bib_files(book, settings=Settings(bibfiles=("b.bib",))) == [book / "b.bib"]
    assert bib_files(book, settings=Settings()) == [book / "a.bib"]


def test_no_bibliography_means_no_default_file(book: Path) -> None:
    assert bib_files(book) == []
    page = book / "intro.md"
    page.write_text("# Intro\n\n{cite}`ghost`\n")
    [finding] = run_check(Project(book, Settings()), [page]).findings
    assert finding.rule == "cite-unresolved" and "none configured" in finding.message
    (book / "refs.bib").write_text("@misc{ghost, title={x}}\n")
    assert run_check(Project(book, Settings(bibfiles=("refs.bib",))), [page]).findings == []


def _notebook(path: Path, tags: list[str], metadata: dict | None = None) -> Path:
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "c1",
                "outputs": [],
                "source": "1",
                "metadata": {"tags": tags, "scrolled": True},
            }
        ],
        "metadata": metadata or {"kernelspec": {"name": "python3", "display_name": "P"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1) + "\n")
    return path


def test_extra_tags_extend_the_builtin_tags(book: Path) -> None:
    path = _notebook(book / "notebooks" / "01_a.ipynb", ["static-twin", "margin"])
    rules = {f.rule for f in run_check(Project(book, all_conventions()), [path]).findings}
    assert "unknown-tag" in rules
    settings = all_conventions(extra_tags=("static-twin", "margin"))
    rules = {f.rule for f in run_check(Project(book, settings), [path]).findings}
    assert "unknown-tag" not in rules
    assert allowed_tags(settings) == BUILTIN_TAGS | {"static-twin", "margin"}
    assert {"hide-input", "skip-execution", "nbval-skip", "live-kernel", "solution"} <= BUILTIN_TAGS


def test_rules_lists_the_books_extra_tags(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_table(book, extra_tags=["margin"])
    assert main(["rules"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "this book's extra_tags: margin"


def test_metadata_keep_lists_drive_clean(book: Path) -> None:
    meta = {
        "kernelspec": {"name": "python3", "display_name": "Python 3"},
        "course": {"title": "T"},
        "mine": 1,
    }
    path = _notebook(book / "notebooks" / "01_a.ipynb", ["x"], meta)
    settings = Settings(cell_metadata_keep=(), notebook_metadata_keep=("kernelspec", "mine"))
    assert clean_file(path, settings=settings) is True
    nb = json.loads(path.read_text())
    assert set(nb["metadata"]) == {"kernelspec", "mine"}
    assert nb["cells"][0]["metadata"] == {}
    path = _notebook(book / "notebooks" / "02_b.ipynb", ["x"], meta)
    set_table(book, cell_metadata_keep=["tags", "scrolled"], notebook_metadata_keep=["mine"])
    assert main(["clean", str(path)]) == 0
    nb = json.loads(path.read_text())
    assert nb["metadata"] == {"mine": 1}
    assert nb["cells"][0]["metadata"] == {"tags": ["x"], "scrolled": True}


def test_notebooks_dir_drives_lesson_discovery(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _notebook(book / "lectures" / "01_a.ipynb", [])
    _notebook(book / "notebooks" / "01_b.ipynb", [])
    set_table(book, notebooks_dir="lectures")
    assert main(["test", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "lectures/01_a.ipynb" in out and "01_b" not in out


def test_nbval_sanitize_setting(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nb = _notebook(book / "notebooks" / "01_a.ipynb", [])
    set_table(book, nbval_sanitize="cfg/sanitize.cfg")
    assert main(["test", "--dry-run"]) == 2  # configured but missing: an error, not a skip
    assert "nbval_sanitize = 'cfg/sanitize.cfg': no such file" in capsys.readouterr().err
    (book / "cfg").mkdir()
    (book / "cfg" / "sanitize.cfg").write_text("[x]\n")
    argv = run.nbval_argv(book, [nb])
    assert argv[argv.index("--nbval-sanitize-with") + 1] == str(book / "cfg" / "sanitize.cfg")


def test_test_paths_setting_runs_files_folders_and_globs(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (book / "tests" / "sweeps").mkdir(parents=True)
    (book / "tests" / "test_a1.py").write_text("")
    (book / "tests" / "test_a2.py").write_text("")
    set_table(book, test_paths=["tests/test_a*.py", "tests/sweeps", "tests/missing"])
    argv = run.widget_argv(book)
    assert argv[-3:] == [str(book / "tests" / p) for p in ("test_a1.py", "test_a2.py", "sweeps")]
    assert "'tests/missing' matches nothing" in capsys.readouterr().err
    set_table(book, test_paths=["tests/missing"])
    assert run.widget_argv(book) is None


def test_reference_dir_setting_drives_snapshot(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = _notebook(book / "notebooks" / "01_a.ipynb", [])
    assert main(["snapshot", "check"]) == 2
    assert "set reference_dir in [tool.coursekit] or pass --reference-dir" in (
        capsys.readouterr().err
    )
    set_table(book, reference_dir="twins")
    assert main(["snapshot", "check"]) == 1
    assert capsys.readouterr().out.startswith("twins/01_a.ipynb: missing")
    (book / "twins").mkdir()
    (book / "twins" / "01_a.ipynb").write_bytes(lesson.read_bytes())
    assert main(["snapshot", "check"]) == 0
    assert main(["snapshot", "check", "--reference-dir", "elsewhere"]) == 1


def test_vendor_dir_setting(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vendor", "check"]) == 2
    assert "set vendor_dir in [tool.coursekit] or pass --dir" in capsys.readouterr().err
    (book / "assets").mkdir()
    (book / "assets" / "MANIFEST.json").write_text('{"files": []}\n')
    set_table(book, vendor_dir="assets")
    assert main(["vendor", "check"]) == 0


def test_watch_setting_drives_cachestamp(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = book / cachestamp.DEFAULT_CACHE
    assert cachestamp.refresh_from_settings(book) is False  # nothing watched: nothing done
    assert not (cache.parent / cachestamp.STAMP_NAME).exists()
    set_table(book, watch=["pkg", "later"])  # "later" does not exist yet: skipped
    (book / "pkg").mkdir()
    (book / "pkg" / "a.py").write_text("X = 1\n")
    cache.mkdir(parents=True)
    assert cachestamp.refresh_from_settings(book) is True
    cache.mkdir()
    assert main(["cachestamp"]) == 0 and cache.is_dir()  # unchanged: kept
    (book / "later").mkdir()
    (book / "later" / "b.py").write_text("Y = 1\n")
    assert main(["cachestamp"]) == 0
    assert not cache.exists()
    assert "package sources changed: cleared _build/.jupyter_cache" in capsys.readouterr().out


def test_settings_command_prints_the_settings(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_table(book, watch=["a", "b"], reference_dir="twins")
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert 'watch = ["a", "b"]  # ' in out and 'reference_dir = "twins"  # ' in out
    assert "# vendor_dir: not set" in out
    keys = re.findall(r"^#? ?([a-z_]+)[ :]", out, re.M)
    assert keys == list(setting_fields())
    assert main(["settings", "watch"]) == 0
    assert capsys.readouterr().out == "a\nb\n"
    assert main(["settings", "vendor_dir"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["settings", "nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_settings_command_on_this_course(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["settings", "bibfiles"]) == 0  # not set: from _config.yml
    assert capsys.readouterr().out == "book/references.bib\n"
    assert main(["settings", "nbval_sanitize"]) == 0
    assert capsys.readouterr().out == "tests/nbval_sanitize.cfg\n"
