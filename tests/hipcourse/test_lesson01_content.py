"""Tests for lesson 01 content: reference data, figures and the ligament widget."""

from __future__ import annotations

import json
import re

import pybtex.database
import pytest
from support import ROOT

from coursekit.check import ALLOWED_TAGS
from hipcapsule import figures, norms, widgets

BIB = ROOT / "book" / "references.bib"
NOTEBOOK = ROOT / "notebooks" / "01_hip_joint_and_capsule.ipynb"



@pytest.fixture(scope="module")
def bib_keys() -> set[str]:
    return set(pybtex.database.parse_file(str(BIB)).entries)


# ---------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------


def test_every_data_source_is_in_bibliography(bib_keys: set[str]) -> None:
    missing = norms.all_source_keys() - bib_keys
    assert not missing, f"citation keys missing from references.bib: {sorted(missing)}"


@pytest.mark.parametrize("ligament", norms.LIGAMENTS, ids=lambda lig: lig.key)
def test_ligament_record_is_complete(ligament: norms.Ligament) -> None:
    for text in (
        ligament.name,
        ligament.pelvic_origin,
        ligament.femoral_insertion,
        ligament.course,
    ):
        assert len(text.strip()) > 10
    assert ligament.source_keys
    assert ligament.restraints, "each ligament restrains at least one motion"
    motions = [r.motion for r in ligament.restraints]
    assert len(motions) == len(set(motions)), "a motion is listed twice"
    for restraint in ligament.restraints:
        assert restraint.motion in norms.RESTRAINT_MOTIONS
        assert restraint.role in ("primary", "secondary")


def test_ischiofemoral_is_the_primary_internal_rotation_restraint() -> None:
    assert norms.restraint_level("ischiofemoral", "internal rotation") == 2
    for key in norms.LIGAMENT_KEYS:
        if key != "ischiofemoral":
            assert norms.restraint_level(key, "internal rotation") < 2


def test_restraint_matrix_shape_and_values() -> None:
    matrix = norms.restraint_matrix()
    assert len(matrix) == len(norms.LIGAMENTS)
    assert all(len(row) == len(norms.RESTRAINT_MOTIONS) for row in matrix)
    assert {v for row in matrix for v in row} <= {0, 1, 2}


def test_lookups_validate_their_input() -> None:
    with pytest.raises(ValueError, match="ligament='nope'"):
        norms.ligament_by_key("nope")
    with pytest.raises(ValueError, match="position='standing'"):
        norms.rotation_for_position("standing")
    with pytest.raises(ValueError, match="motion='twirl'"):
        norms.restraint_level("pubofemoral", "twirl")


def test_norm_values_are_plausible() -> None:
    assert [r.motion for r in norms.AAOS_NORMS] == list(norms.ROM_MOTIONS)
    for record in norms.AAOS_NORMS:
        assert 0 < record.low_deg <= record.typical_deg <= record.high_deg <= 130
    for record in norms.ROTATION_BY_POSITION:
        assert 20 < record.internal_rotation_deg < 50
        assert 30 < record.external_rotation_deg < 50
    # Published arcs: supine 68.1, prone 77.1 (77.0 from the rounded means), seated 78.5.
    arcs = {r.position: r.total_rotation_deg for r in norms.ROTATION_BY_POSITION}
    assert arcs == {"supine": 68.1, "prone": 77.0, "seated": 78.5}
    low, high = norms.WOMEN_EXTRA_IR_DEG
    assert 0 < low < high
    assert norms.CAPSULE_LIMIT_TORQUE_NM == 5.0


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def _no_uid(fig_json: str) -> None:
    assert '"uid"' not in fig_json


def test_restraint_heatmap_is_labelled_and_matches_data() -> None:
    fig = figures.ligament_restraint_figure()
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text
    assert fig.layout.yaxis.title.text
    heatmap = fig.data[0]
    assert heatmap.type == "heatmap"
    assert [list(row) for row in heatmap.z] == norms.restraint_matrix()
    assert list(heatmap.colorbar.ticktext) == ["none", "secondary", "primary"]
    assert heatmap.colorbar.title.text
    assert len(heatmap.y) == len(norms.LIGAMENTS)


def test_figures_are_deterministic() -> None:
    for builder in (figures.ligament_restraint_figure, figures.normal_rom_figure):
        first, second = builder().to_json(), builder().to_json()
        assert first == second
        _no_uid(first)


def test_normal_rom_figure_buttons_switch_rotation_data() -> None:
    fig = figures.normal_rom_figure()
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text
    assert fig.layout.yaxis.title.text
    (menu,) = fig.layout.updatemenus
    assert [b.label.split()[0].lower() for b in menu.buttons] == list(norms.TEST_POSITIONS)
    seen = set()
    for button, position in zip(menu.buttons, norms.TEST_POSITIONS, strict=True):
        assert button.method == "restyle"
        update, trace_indices = button.args
        assert list(trace_indices) == [2]
        y = update["y"][0]
        record = norms.rotation_for_position(position)
        assert y[norms.ROM_MOTIONS.index("internal rotation")] == record.internal_rotation_deg
        assert y[norms.ROM_MOTIONS.index("external rotation")] == record.external_rotation_deg
        assert position in update["name"][0]
        seen.add(tuple(y))
        # Apply the button as the browser would and check the trace really changed.
        fig.plotly_restyle(update, list(trace_indices))
        assert tuple(fig.data[2].y) == tuple(y)
        assert position in fig.data[2].name
    assert len(seen) == len(norms.TEST_POSITIONS), "each button must show different data"
    # The initial trace matches the active button.
    assert tuple(figures.normal_rom_figure().data[2].y) in seen
    assert menu.active == list(norms.TEST_POSITIONS).index("prone")


def test_normal_rom_figure_rejects_unknown_position() -> None:
    with pytest.raises(ValueError):
        figures.normal_rom_figure("standing")


def test_profile_figure_for_each_ligament() -> None:
    for key in norms.LIGAMENT_KEYS:
        fig = figures.ligament_profile_figure(key)
        assert list(fig.data[0].y) == norms.restraint_matrix()[norms.LIGAMENT_KEYS.index(key)]
        assert norms.ligament_by_key(key).name in fig.layout.title.text


# ---------------------------------------------------------------------------
# Widget
# ---------------------------------------------------------------------------


def test_restraint_explorer_updates_for_every_option() -> None:
    box = widgets.restraint_explorer()
    explorer = box.explorer
    dropdown = box.children[0]
    assert dropdown is explorer.dropdown
    assert [value for _, value in dropdown.options] == list(norms.LIGAMENT_KEYS)
    previous_html = explorer.details.value
    previous_y = tuple(explorer.figure.data[0].y) if explorer.figure is not None else None
    for key in norms.LIGAMENT_KEYS[::-1]:  # start with a change away from the default
        dropdown.value = key
        ligament = norms.ligament_by_key(key)
        assert ligament.name in explorer.details.value
        assert explorer.details.value != previous_html
        previous_html = explorer.details.value
        if explorer.figure is not None:
            y = tuple(explorer.figure.data[0].y)
            assert list(y) == norms.restraint_matrix()[norms.LIGAMENT_KEYS.index(key)]
            assert ligament.name in explorer.figure.layout.title.text
            previous_y = y
    del previous_y


def test_restraint_explorer_figure_widget_when_available() -> None:
    pytest.importorskip("anywidget")
    explorer = widgets.RestraintExplorer("pubofemoral")
    assert explorer.figure is not None
    before = tuple(explorer.figure.data[0].y)
    explorer.dropdown.value = "ischiofemoral"
    assert tuple(explorer.figure.data[0].y) != before


def test_restraint_explorer_updates_figure_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drive the chart-update path without anywidget: a plain Figure has batch_update too."""
    monkeypatch.setattr(widgets, "_figure_widget", lambda fig: fig)
    explorer = widgets.RestraintExplorer("ischiofemoral")
    figure = explorer.figure
    assert figure is not None
    changes = 0
    for key in norms.LIGAMENT_KEYS:
        before = tuple(figure.data[0].y)
        explorer.dropdown.value = key
        assert explorer.figure is figure, "the chart is updated in place, not rebuilt"
        after = tuple(figure.data[0].y)
        expected = norms.restraint_matrix()[norms.LIGAMENT_KEYS.index(key)]
        assert list(after) == expected
        assert norms.ligament_by_key(key).name in figure.layout.title.text
        changes += after != before
    assert changes == len(norms.LIGAMENT_KEYS)  # start is mid-list, so every step changes


def test_restraint_explorer_rejects_unknown_ligament() -> None:
    with pytest.raises(ValueError):
        widgets.RestraintExplorer("nope")


# ---------------------------------------------------------------------------
# Notebook hygiene (skipped until the notebook exists)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notebook() -> dict:
    if not NOTEBOOK.exists():
        pytest.skip("lesson 01 notebook not written yet")
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_notebook_is_clean(notebook: dict) -> None:
    assert set(notebook["metadata"]) <= {"kernelspec", "course"}
    course = notebook["metadata"]["course"]
    assert course["title"] and len(course["objectives"]) == 3 and course["time_minutes"] > 0
    for cell in notebook["cells"]:
        assert set(cell.get("metadata", {})) <= {"tags", "mystnb"}
        assert set(cell["metadata"].get("tags", [])) <= ALLOWED_TAGS
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None
            assert len("".join(cell["source"]).strip().splitlines()) <= 2


def test_notebook_citations_and_headings(notebook: dict, bib_keys: set[str]) -> None:
    markdown = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    cited = set()
    for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", markdown):
        cited |= {k.strip() for k in group.split(",")}
    assert cited, "the lesson cites its sources"
    assert cited <= bib_keys, f"unknown keys: {sorted(cited - bib_keys)}"
    assert "ingram2024" not in cited or "ingram2024" in bib_keys
    headings = re.findall(r"^(#+) ", markdown, flags=re.MULTILINE)
    assert headings.count("#") == 1
    assert headings[0] == "#"
    for before, after in zip(headings, headings[1:], strict=False):
        assert len(after) <= len(before) + 1, "heading levels must not be skipped"
