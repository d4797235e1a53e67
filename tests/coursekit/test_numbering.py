"""One cell numbering: every coursekit command names a cell by the same number.

The number is 1-based over all cells (markdown and raw cells count), so ``cell 3`` is the
third cell as Jupyter shows it: ruff's own numbering. nbval's test names (``Cell 0``: 0-based,
code cells only) are the one exception, and coursekit cannot change them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from coursekit.check import Finding
from coursekit.cli import main

#: The lesson's third cell (a code cell after two markdown cells) is the broken one.
BROKEN = 3
PYPROJECT = """\
[tool.coursekit]
notebooks_dir = "notebooks"
reference_dir = "twins"

[tool.ruff.lint]
select = ["F"]
"""


def notebook(third: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A lesson"),
        nbformat.v4.new_markdown_cell("Some prose."),
        nbformat.v4.new_code_cell(third),
        nbformat.v4.new_code_cell("x = 1"),
    ]
    return nb


@pytest.fixture
def book(empty_book: Path) -> Path:
    """A lesson whose cell 3 is broken in every way a command can see."""
    (empty_book / "pyproject.toml").write_text(PYPROJECT)
    (empty_book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: notebooks/01_a\n"
    )
    lesson = notebook("import os")  # ruff: F401; the twin disagrees about this cell
    lesson.cells[2].execution_count = 1  # check: not-stripped
    (empty_book / "notebooks").mkdir()
    nbformat.write(lesson, empty_book / "notebooks" / "01_a.ipynb")
    (empty_book / "twins").mkdir()
    nbformat.write(notebook("import sys"), empty_book / "twins" / "01_a.ipynb")
    return empty_book


def cell_numbers(text: str, pattern: str) -> set[int]:
    return {int(n) for n in re.findall(pattern, text)}


def test_check_snapshot_lint_and_buildlog_name_the_same_cell(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = "notebooks/01_a.ipynb"
    assert main(["check", lesson]) == 1
    check_out = capsys.readouterr().out
    assert cell_numbers(check_out, rf"(?m)^{lesson}:(\d+):not-stripped ") == {BROKEN}, check_out

    assert main(["lint", lesson]) == 1
    lint_out = capsys.readouterr().out
    assert cell_numbers(lint_out, rf"(?m)^{lesson}:(\d+):F401 ") == {BROKEN}, lint_out

    assert main(["snapshot", "check", lesson]) == 1
    snap_out = capsys.readouterr().out
    assert cell_numbers(snap_out, r"twins/01_a\.ipynb:cell (\d+): differs") == {BROKEN}, snap_out

    log = book / "build.log"
    log.write_text(
        f"{lesson}: WARNING: Executing notebook failed: CellExecutionError\n"
        "An error occurred while executing the following cell:\n"
        "------------------\nimport os\n------------------\n\n"
        "ModuleNotFoundError: No module named 'os'\n"
    )
    assert main(["buildlog", str(log)]) == 1
    build_out = capsys.readouterr().out
    assert cell_numbers(build_out, rf"(?m)^{lesson}:cell (\d+): ") == {BROKEN}, build_out


def test_check_prints_one_based_but_keeps_the_list_index() -> None:
    finding = Finding("a.ipynb", 0, "exec-order", "m")
    assert finding.cell == 0 and finding.format() == "a.ipynb:1:exec-order m"
    assert Finding("a.ipynb", None, "metadata", "m").format() == "a.ipynb:-:metadata m"
