"""``coursekit lint`` (ruff on the lesson code and the twins) and the published pre-commit hooks."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nbformat
import pytest
from ruamel.yaml import YAML
from support import ROOT

from coursekit import lint
from coursekit.cli import COMMANDS, main
from coursekit.config import load_settings

#: A book with its lessons in notebooks/, twins in twins/ and ruff configured as in this repo.
PYPROJECT = """\
[tool.coursekit]
notebooks_dir = "notebooks"
reference_dir = "twins"

[tool.ruff]
line-length = 100

[tool.ruff.lint]
select = ["E", "F", "W", "I"]
"""


def write_notebook(path: Path, *cells: tuple[str, str]) -> Path:
    """Write a notebook of ``(cell_type, source)`` cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    make = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell}
    nb.cells = [make[kind](source) for kind, source in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


#: Cell 3 (1-based over all cells, as Jupyter shows them) imports a name it never uses.
UNUSED_IMPORT = (("markdown", "# A lesson"), ("code", "x = 1"), ("code", "import os"),
                 ("markdown", "The end."))


@pytest.fixture
def book(empty_book: Path) -> Path:
    (empty_book / "pyproject.toml").write_text(PYPROJECT)
    (empty_book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: notebooks/01_a\n"
    )
    return empty_book


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["lint", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_clean_lesson_prints_nothing(book: Path, capsys) -> None:
    write_notebook(book / "notebooks" / "01_a.ipynb", ("code", "x = 1\nx"))
    assert run(capsys) == (0, "", "")


def test_finding_names_file_cell_rule_and_line(book: Path, capsys) -> None:
    write_notebook(book / "notebooks" / "01_a.ipynb", *UNUSED_IMPORT)
    status, out, err = run(capsys)
    assert status == 1 and err == ""
    assert out == "notebooks/01_a.ipynb:3:F401 `os` imported but unused (line 1)\n"


def test_twins_are_linted_too(book: Path, capsys) -> None:
    """CI's ruff reads the twins as well: a finding there must not wait for CI."""
    write_notebook(book / "notebooks" / "01_a.ipynb", ("code", "x = 1"))
    write_notebook(book / "twins" / "01_a.ipynb", *UNUSED_IMPORT)
    status, out, _err = run(capsys)
    assert status == 1 and out == "twins/01_a.ipynb:3:F401 `os` imported but unused (line 1)\n"
    # named lessons bring their twins along
    status, out, _err = run(capsys, "notebooks/01_a.ipynb")
    assert status == 1 and out.startswith("twins/01_a.ipynb:3:F401 ")


def test_the_projects_ruff_config_is_used(book: Path, capsys) -> None:
    """per-file-ignores and excludes come from the book's pyproject.toml, as in CI."""
    write_notebook(book / "notebooks" / "01_a.ipynb", ("code", "y = " + "1 + " * 30 + "1"))
    status, out, _err = run(capsys)
    assert status == 1 and out == "notebooks/01_a.ipynb:1:E501 Line too long (125 > 100) (line 1)\n"
    (book / "pyproject.toml").write_text(
        PYPROJECT + '\n[tool.ruff.lint.per-file-ignores]\n"notebooks/*.ipynb" = ["E501"]\n'
    )
    assert run(capsys) == (0, "", "")
    (book / "pyproject.toml").write_text(PYPROJECT.replace(
        "line-length = 100", 'line-length = 100\nextend-exclude = ["notebooks"]'))
    assert run(capsys, "notebooks/01_a.ipynb") == (0, "", "")  # excluded even when named


def test_syntax_errors_and_broken_files(book: Path, capsys) -> None:
    write_notebook(book / "notebooks" / "01_a.ipynb", ("markdown", "# A"), ("code", "def f(:"))
    status, out, _err = run(capsys)
    assert status == 1 and out.startswith("notebooks/01_a.ipynb:2:invalid-syntax ")
    (book / "notebooks" / "01_a.ipynb").write_text('{"cells": [')
    status, out, _err = run(capsys)
    assert status == 1
    assert re.match(r"notebooks/01_a\.ipynb:-:invalid-syntax .*isn't valid JSON", out)


def test_text_notebooks_are_named_as_not_linted(book: Path, capsys) -> None:
    write_notebook(book / "notebooks" / "01_a.ipynb", ("code", "x = 1"))
    (book / "intro.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\n---\n# Intro\n"
        "```{code-cell} ipython3\nimport os\n```\n"
    )
    status, out, err = run(capsys)
    assert status == 0 and out == ""
    assert err == ("coursekit: note: 1 text notebook (MyST .md, .Rmd) not linted: ruff "
                   "reads .ipynb only\n")


def test_missing_path_is_one_error_line(book: Path, capsys) -> None:
    assert run(capsys, "notebooks/nope.ipynb") == (
        2, "", "coursekit: error: notebooks/nope.ipynb: no such file\n")


def test_missing_ruff_is_status_2_and_one_line(book: Path, capsys, monkeypatch) -> None:
    write_notebook(book / "notebooks" / "01_a.ipynb", ("code", "x = 1"))
    monkeypatch.setattr(lint, "_find_spec", lambda name: None)
    monkeypatch.setattr(lint, "_which", lambda name: None)
    status, out, err = run(capsys)
    assert status == 2 and out == ""
    assert err.startswith("coursekit: error: ruff is not installed") and err.count("\n") == 1


def test_ruff_on_path_is_the_fallback(monkeypatch) -> None:
    monkeypatch.setattr(lint, "_find_spec", lambda name: None)
    monkeypatch.setattr(lint, "_which", lambda name: "/opt/bin/ruff")
    assert lint.ruff_command() == ["/opt/bin/ruff"]


def test_a_broken_ruff_config_is_one_error_line(book: Path, capsys) -> None:
    write_notebook(book / "notebooks" / "01_a.ipynb", ("code", "x = 1"))
    (book / "pyproject.toml").write_text(PYPROJECT + 'unknown-ruff-key = "?"\n')
    status, out, err = run(capsys)
    assert status == 2 and out == ""
    assert err.startswith("coursekit: error: ruff failed (status 2): ") and err.count("\n") == 1


# --- this course: lint covers what CI's ruff covers --------------------------------------------


def test_this_course_lints_every_lesson_and_twin() -> None:
    settings = load_settings(ROOT)
    files, skipped = lint.lint_targets(ROOT, settings, [])
    twins = ROOT / str(settings.reference_dir)
    assert {p.resolve() for p in twins.glob("*.ipynb")} <= {p.resolve() for p in files}
    assert {p.resolve() for p in (ROOT / "notebooks").glob("*.ipynb")} <= {
        p.resolve() for p in files
    }
    assert skipped >= 1  # book/model_validation.md, a MyST notebook


def test_ruff_ignores_the_twins_as_it_ignores_the_lessons() -> None:
    """The twins hold the lessons' code: ruff must treat them alike (the issue's missed ignore)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ignores = config["tool"]["ruff"]["lint"]["per-file-ignores"]
    settings = load_settings(ROOT)
    lessons = ignores[f"{settings.notebooks_dir}/*.ipynb"]
    assert ignores[f"{settings.reference_dir}/*.ipynb"] == lessons


# --- pre-commit hooks --------------------------------------------------------------------------


def load_yaml(name: str) -> object:
    return YAML(typ="safe", pure=True).load((ROOT / name).read_text(encoding="utf-8"))


def coursekit_command(entry: str) -> str:
    """The coursekit subcommand an entry runs (``coursekit lint`` -> ``lint``)."""
    words = entry.replace("'", " ").replace('"', " ").split()
    return words[words.index("coursekit") + 1]


def test_published_hooks_run_real_commands_and_match_our_own() -> None:
    hooks = load_yaml(".pre-commit-hooks.yaml")
    assert isinstance(hooks, list) and hooks
    for hook in hooks:
        assert hook["entry"].split()[0] == "coursekit", hook["id"]
        assert coursekit_command(hook["entry"]) in COMMANDS, hook["id"]
        assert hook["language"] == "python" and hook["pass_filenames"] is False, hook["id"]
        assert ".[toolkit]" in hook["additional_dependencies"], hook["id"]  # coursekit's deps
    local = [h for repo in load_yaml(".pre-commit-config.yaml")["repos"] for h in repo["hooks"]]
    assert [h["id"] for h in hooks] == [h["id"] for h in local]
    assert {"coursekit-check", "coursekit-clean", "coursekit-lint"} == {h["id"] for h in hooks}
    by_id = {h["id"]: h for h in local}
    for hook in hooks:
        assert coursekit_command(by_id[hook["id"]]["entry"]) == coursekit_command(hook["entry"])


def test_lint_hook_pins_the_ruff_ci_uses() -> None:
    hook = next(h for h in load_yaml(".pre-commit-hooks.yaml") if h["id"] == "coursekit-lint")
    lock = re.search(r"^ruff==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)
    assert lock and f"ruff=={lock.group(1)}" in hook["additional_dependencies"]


def test_pre_commit_accepts_both_files() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    clientlib.load_config(str(ROOT / ".pre-commit-config.yaml"))
