"""Every lesson has an up-to-date nbval reference twin (see coursekit.snapshot)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from support import ROOT

from coursekit import snapshot
from coursekit.config import load_settings

SETTINGS = load_settings(ROOT)
LESSONS = sorted((ROOT / SETTINGS.notebooks_dir).glob("*.ipynb"))
REFERENCE_DIR = ROOT / SETTINGS.reference_dir


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_reference_twin_matches_lesson(lesson: Path) -> None:
    assert snapshot.differences(lesson, snapshot.reference_path(lesson, REFERENCE_DIR)) == []


def test_no_orphan_reference_twins() -> None:
    names = {p.name for p in LESSONS}
    orphans = [p.name for p in REFERENCE_DIR.glob("*.ipynb") if p.name not in names]
    assert orphans == []


def test_differences_detects_an_edited_lesson(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    lesson, ref = tmp_path / "l.ipynb", tmp_path / "ref" / "l.ipynb"
    ref.parent.mkdir()
    nbformat.write(nb, lesson)
    nbformat.write(nb, ref)
    assert snapshot.differences(lesson, ref) == []
    nb.cells[0].source = "1 + 2"
    nbformat.write(nb, lesson)
    assert any("cell 1" in line for line in snapshot.differences(lesson, ref))
    assert "missing" in snapshot.differences(lesson, tmp_path / "nope.ipynb")[0]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_reference_twin_has_no_random_widget_ids(lesson: Path) -> None:
    """Twins are reviewable: a re-run with the same outputs must not change the file."""
    twin = nbformat.read(snapshot.reference_path(lesson, REFERENCE_DIR), as_version=4)
    ids = {
        out["data"][snapshot.WIDGET_VIEW_MIME]["model_id"]
        for cell in twin.cells
        for out in cell.get("outputs", [])
        if snapshot.WIDGET_VIEW_MIME in out.get("data", {})
    }
    assert ids <= {snapshot.STABLE_MODEL_ID}
