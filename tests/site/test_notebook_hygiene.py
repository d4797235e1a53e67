"""Lesson notebooks are committed clean: no outputs, no counts, whitelisted metadata only."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from support import ROOT

from coursekit.config import load_settings

SETTINGS = load_settings(ROOT)
LESSONS = sorted((ROOT / SETTINGS.notebooks_dir).glob("*.ipynb"))
CELL_METADATA_KEEP = set(SETTINGS.cell_metadata_keep)
NOTEBOOK_METADATA_KEEP = set(SETTINGS.notebook_metadata_keep)


def hygiene_problems(path: Path) -> list[str]:
    """Return one line per hygiene problem in a notebook file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.from_dict(raw)
    nbformat.validate(nb)
    problems = []
    extra = set(raw.get("metadata", {})) - NOTEBOOK_METADATA_KEEP
    if extra:
        problems.append(f"{path.name}: notebook metadata not allowed: {sorted(extra)}")
    for i, cell in enumerate(raw["cells"], start=1):
        if cell["cell_type"] == "code":
            if cell.get("outputs"):
                problems.append(f"{path.name}:cell {i}: has outputs")
            if cell.get("execution_count") is not None:
                problems.append(f"{path.name}:cell {i}: has an execution count")
        extra = set(cell.get("metadata", {})) - CELL_METADATA_KEEP
        if extra:
            problems.append(f"{path.name}:cell {i}: metadata not allowed: {sorted(extra)}")
    return problems


def test_there_are_lessons() -> None:
    assert LESSONS, "no lesson notebooks found under notebooks/"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_is_committed_clean(path: Path) -> None:
    assert hygiene_problems(path) == []


def test_hygiene_check_catches_a_dirty_notebook(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python"}
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)
    ]
    cell.metadata["collapsed"] = True
    nb.cells = [cell]
    path = tmp_path / "dirty.ipynb"
    nbformat.write(nb, path)
    problems = hygiene_problems(path)
    assert any("language_info" in p for p in problems)
    assert any("has outputs" in p for p in problems)
    assert any("execution count" in p for p in problems)
    assert any("collapsed" in p for p in problems)
