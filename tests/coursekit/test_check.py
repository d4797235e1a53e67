"""Tests for ``coursekit check``: every rule fires on its fixture and not on the good lesson."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import ROOT

from coursekit import check
from coursekit.check import RULES, Project, long_definitions, parse_bib_keys, run_check
from coursekit.cli import main
from coursekit.config import Settings, all_conventions, load_settings

FIXTURES = Path(__file__).parent / "fixtures"
#: The settings of the sample course (fixtures/book/pyproject.toml): every convention on.
COURSE = all_conventions(notebooks_dir="notebooks")


def COURSE_WITH(**changes: object) -> Settings:  # noqa: N802 - reads as a constant
    return all_conventions(notebooks_dir="notebooks", **changes)
REPO_ROOT = ROOT

#: Rules whose fixture lives in tests/coursekit/fixtures/rules/<rule>.ipynb.
NOTEBOOK_RULES = sorted(p.stem for p in (FIXTURES / "rules").glob("*.ipynb"))


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample book; the working directory is its root."""
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "book", root)
    monkeypatch.chdir(root)
    return root


def add_lesson(root: Path, fixture: Path, name: str, in_toc: bool = True) -> Path:
    """Copy a fixture notebook into the book as ``notebooks/<name>.ipynb``."""
    target = root / "notebooks" / f"{name}.ipynb"
    shutil.copyfile(fixture, target)
    if in_toc:
        toc = root / "_toc.yml"
        toc.write_text(
            toc.read_text().replace(
                "      - file: notebooks/03_later\n",
                f"      - file: notebooks/03_later\n      - file: notebooks/{name}\n",
            )
        )
    return target


def rules_found(result: check.CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


def test_every_rule_has_a_fixture() -> None:
    # setup-cell needs the setup_cell setting and a repository: tests/coursekit/test_setupcell.py
    assert set(NOTEBOOK_RULES) | {"toc-dangling", "setup-cell"} == set(RULES)


def test_good_book_passes(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("rule", NOTEBOOK_RULES)
def test_rule_fixture_triggers_only_its_rule(book: Path, rule: str) -> None:
    path = add_lesson(book, FIXTURES / "rules" / f"{rule}.ipynb", "09_case", rule != "toc-missing")
    result = run_check(Project(book, COURSE), [path])
    assert result.errors == []
    assert rules_found(result) == {rule}


@pytest.mark.parametrize("rule", NOTEBOOK_RULES)
def test_rule_can_be_disabled_for_the_project(book: Path, rule: str) -> None:
    path = add_lesson(book, FIXTURES / "rules" / f"{rule}.ipynb", "09_case", rule != "toc-missing")
    result = run_check(Project(book, COURSE_WITH(disable=frozenset({rule}))), [path])
    assert rule not in rules_found(result)


@pytest.mark.parametrize("rule", sorted(set(NOTEBOOK_RULES) - {"metadata", "toc-missing"}))
def test_rule_can_be_disabled_per_cell(book: Path, rule: str) -> None:
    path = add_lesson(book, FIXTURES / "rules" / f"{rule}.ipynb", "09_case")
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        cell.setdefault("metadata", {}).setdefault("tags", []).append(f"ck-disable-{rule}")
    path.write_text(json.dumps(nb))
    result = run_check(Project(book, COURSE), [path])
    assert rule not in rules_found(result)


def test_toc_dangling(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (book / "notebooks" / "03_later.ipynb").unlink()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert out == "_toc.yml:-:toc-dangling entry 'notebooks/03_later' has no file\n"


def test_toc_missing_via_cli_whole_book(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_lesson(book, FIXTURES / "rules" / "toc-missing.ipynb", "04_extra", in_toc=False)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.startswith("notebooks/04_extra.ipynb:-:toc-missing ")


def test_output_format_and_cell_index(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_lesson(book, FIXTURES / "rules" / "exec-order.ipynb", "09_case")
    assert main(["check", "notebooks/09_case.ipynb"]) == 1
    line = capsys.readouterr().out.strip()
    # 1-based over all cells, as Jupyter shows them: the second cell is cell 2
    assert line.startswith("notebooks/09_case.ipynb:2:exec-order ")


def test_pyproject_table_configures_rules(book: Path) -> None:
    path = add_lesson(book, FIXTURES / "rules" / "model-logic.ipynb", "09_case")
    course = '[tool.coursekit]\nconventions = ["model-logic"]\n'
    (book / "pyproject.toml").write_text(course + "max_def_lines = 6\n")
    assert run_check(Project(book, load_settings(book)), [path]).findings == []
    (book / "pyproject.toml").write_text(course + 'disable = ["model-logic"]\n')
    assert main(["check", str(path)]) == 0


def test_bad_pyproject_table_is_a_usage_error(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (book / "pyproject.toml").write_text("[tool.coursekit]\nmax_def_lines = 'five'\n")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coursekit: error: ") and err.count("\n") == 1


def test_malformed_json_exits_2_with_position(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = book / "notebooks" / "01_good.ipynb"
    bad.write_text('{\n "cells": [,]\n}\n')
    assert main(["check", "notebooks/01_good.ipynb"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "coursekit: error: notebooks/01_good.ipynb:2:12: invalid notebook JSON: Expecting value\n"
    )


def test_unknown_nbformat_major_exits_2(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = book / "notebooks" / "01_good.ipynb"
    nb = json.loads(path.read_text())
    nb["nbformat"] = 5
    path.write_text(json.dumps(nb))
    assert main(["check", str(path)]) == 2
    assert "unsupported nbformat version 5" in capsys.readouterr().err


def test_missing_path_exits_2(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "notebooks/nope.ipynb"]) == 2
    assert "no such file" in capsys.readouterr().err.lower()


def test_markdown_pages_are_checked(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (book / "book" / "glossary.md").write_text("# Glossary\n\n![](x.png)\n{cite}`ghost`\n")
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "book/glossary.md:-:alt-text markdown image ![](...) has empty alt text (line 3)" in out
    assert any(line.startswith("book/glossary.md:-:cite-unresolved") for line in out)


def test_unknown_disable_tag_is_reported(book: Path) -> None:
    path = add_lesson(book, FIXTURES / "rules" / "unknown-tag.ipynb", "09_case")
    nb = json.loads(path.read_text())
    nb["cells"][0]["metadata"]["tags"] = ["ck-disable-no-such-rule"]
    path.write_text(json.dumps(nb))
    [finding] = run_check(Project(book, COURSE), [path]).findings
    assert finding.rule == "unknown-tag" and "unknown rule" in finding.message


def test_top_level_bibtex_bibfiles_key(book: Path) -> None:
    (book / "_config.yml").write_text("title: x\nbibtex_bibfiles: [refs/other.bib]\n")
    (book / "refs").mkdir()
    (book / "refs" / "other.bib").write_text("@misc{other1, title={x}}\n")
    path = add_lesson(book, FIXTURES / "rules" / "cite-unresolved.ipynb", "09_case")
    path.write_text(path.read_text().replace("nobody1999", "other1"))
    assert run_check(Project(book, COURSE), [path]).findings == []


# --- pure helpers --------------------------------------------------------------------------


def test_long_definitions_counts_body_after_docstring() -> None:
    src = 'def f():\n    """Doc."""\n    a = 1\n    b = 2\n    return a + b\n'
    assert list(long_definitions(src, 3)) == []
    assert list(long_definitions(src, 2)) == [("def", "f", 3)]


def test_long_definitions_reports_outermost_class_once() -> None:
    src = "class A:\n" + "".join(f"    def m{i}(self):\n        return {i}\n" for i in range(3))
    assert list(long_definitions(src, 5)) == [("class", "A", 6)]


def test_long_definitions_tolerates_magics_and_syntax_errors() -> None:
    assert list(long_definitions("%timeit 1\n!ls\nx = %env\n", 1)) == []
    assert list(long_definitions("%%bash\necho hi\n", 1)) == []
    assert list(long_definitions("def broken(:\n", 1)) == []


def test_parse_bib_keys() -> None:
    text = "@Article{Key_A,\n}\n@comment{ignored,}\n@string{s = {x}}\n@misc ( keyB , title={x})"
    assert parse_bib_keys(text) == {"key_a", "keyb"}


# --- the real course -----------------------------------------------------------------------


def test_check_runs_on_this_course() -> None:
    """Every finding names a known rule (its speed is measured by benchmarks/bench_coursekit.py)."""
    result = run_check(Project(REPO_ROOT, load_settings(REPO_ROOT)))
    assert result.errors == []
    assert all(f.rule in RULES for f in result.findings)


def test_missing_cell_id_in_nbformat_4_5() -> None:
    nb = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "x"}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    assert [r[:2] for r in check.rule_nbformat(nb)] == [(0, "nbformat-invalid")]
    assert list(check.rule_nbformat(dict(nb, nbformat_minor=4))) == []


@pytest.mark.parametrize(
    "text, count",
    [
        ("```{figure} a.png\n---\nalt: A thing\nname: f\n---\n```", 0),
        ("```{figure} a.png\n---\nname: f\n---\n```", 1),
        (":::{image} a.png\n:width: 50%\n:alt: Thing\n:::", 0),
        (":::{image} a.png\n:width: 50%\n\n:alt: not an option any more\n:::", 1),
        ("<IMG SRC='a.png' ALT='ok'>", 0),
        ("<img src='a.png' alt=''>", 1),
    ],
)
def test_image_alt_detection(text: str, count: int) -> None:
    from coursekit import markdown as md

    assert len(list(md.images_without_alt(md.strip_code_and_comments(text)))) == count


def test_metadata_reports_a_title_that_drifted_from_the_h1() -> None:
    """(course-metadata) The page title (H1) and metadata.course.title say the same, up to a
    leading lesson number; an edit to one of them alone is a finding on the H1's cell."""

    def nb(h1: str, title: str) -> dict:
        return {"metadata": {"kernelspec": {"name": "python3"}, "course": {
            "title": title, "objectives": ["a"], "time_minutes": 5}},
            "cells": [{"cell_type": "markdown", "source": "% a comment\n"},
                      {"cell_type": "markdown", "source": f"Intro\n\n# {h1}\n\n## Part"}]}

    assert list(check.rule_metadata(nb("01 · Rotation", "Rotation"))) == []
    assert list(check.rule_metadata(nb("Rotation  of the hip", "rotation of the hip"))) == []
    (cell, rule, message), = check.rule_metadata(nb("01 · Rotation", "01 · Stiffness"))
    assert (cell, rule) == (1, "metadata") and "'01 · Rotation'" in message
    assert list(check.rule_metadata(nb("01 · Rotation", "Other"), course_block=False)) == []
    no_h1 = nb("x", "Rotation")
    no_h1["cells"][1]["source"] = "## Only a section"
    assert list(check.rule_metadata(no_h1)) == []
