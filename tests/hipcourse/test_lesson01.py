"""Lesson 01: the ligament notes, the two explorers (restraint heatmap, normal ROM) and the
notebook."""

from __future__ import annotations

import json
import re

import pybtex.database
import pytest
from support import ROOT, without_setup_cell

import hipcapsule as hc
import hipcourse
from coursekit.check import allowed_tags
from coursekit.config import load_settings
from hipcapsule import ensemble, evidence, published
from hipcourse.content import ligaments as notes
from hipcourse.explorers.ligament_restraint import figure as lfigure
from hipcourse.explorers.normal_rom import figure as nfigure
from hipcourse.explorers.normal_rom import state as nstate
from hipcourse.explorers.normal_rom.state import POSITIONS

ALLOWED_TAGS = allowed_tags(load_settings(ROOT))

BIB = ROOT / "book" / "references.bib"
NOTEBOOK = ROOT / "notebooks" / "01_hip_joint_and_capsule.ipynb"


@pytest.fixture(scope="module")
def bib_keys() -> set[str]:
    return set(pybtex.database.parse_file(str(BIB)).entries)


# ---------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------


def test_every_data_source_is_in_bibliography(bib_keys: set[str]) -> None:
    missing = (notes.source_keys() | published.all_source_keys()) - bib_keys
    assert not missing, f"citation keys missing from references.bib: {sorted(missing)}"


@pytest.mark.parametrize("ligament", notes.LIGAMENTS, ids=lambda lig: lig.key)
def test_ligament_record_is_complete(ligament: notes.Ligament) -> None:
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
        assert restraint.motion in notes.RESTRAINT_MOTIONS
        assert restraint.role in ("primary", "secondary")


def test_ischiofemoral_is_the_primary_internal_rotation_restraint() -> None:
    assert notes.restraint_level("ischiofemoral", "internal rotation") == 2
    for key in notes.LIGAMENT_KEYS:
        if key != "ischiofemoral":
            assert notes.restraint_level(key, "internal rotation") < 2


def test_restraint_matrix_shape_and_values() -> None:
    matrix = notes.restraint_matrix()
    assert len(matrix) == len(notes.LIGAMENTS)
    assert all(len(row) == len(notes.RESTRAINT_MOTIONS) for row in matrix)
    assert {v for row in matrix for v in row} <= {0, 1, 2}


def test_lookups_validate_their_input() -> None:
    with pytest.raises(ValueError, match="ligament='nope'"):
        notes.ligament_by_key("nope")
    with pytest.raises(ValueError, match="position='standing'"):
        published.rotation_for_position("standing")
    with pytest.raises(ValueError, match="motion='twirl'"):
        notes.restraint_level("pubofemoral", "twirl")


def test_norm_values_are_plausible() -> None:
    assert [r.motion for r in published.AAOS_NORMS] == list(hc.MOTIONS)
    for record in published.AAOS_NORMS:
        assert 0 < record.low_deg <= record.typical_deg <= record.high_deg <= 130
    for record in published.ROTATION_BY_POSITION:
        assert 20 < record.internal_rotation_deg < 50
        assert 30 < record.external_rotation_deg < 50
    # Published arcs: supine 68.1, prone 77.1 (77.0 from the rounded means), seated 78.5.
    arcs = {r.position: r.total_rotation_deg for r in published.ROTATION_BY_POSITION}
    assert arcs == {"supine": 68.1, "prone": 77.0, "seated": 78.5}
    # czuppon2017: women minus men, IR with the hip bent 90 deg and straight.
    assert set(published.WOMEN_MINUS_MEN_IR_DEG) == {90.0, 0.0}
    assert all(0 < d < 15 for d in published.WOMEN_MINUS_MEN_IR_DEG.values())


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def _no_uid(fig_json: str) -> None:
    assert '"uid"' not in fig_json


def test_restraint_heatmap_is_labelled_and_matches_data() -> None:
    fig = lfigure.ligament_restraint_figure()
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text
    assert fig.layout.yaxis.title.text
    heatmap = fig.data[0]
    assert heatmap.type == "heatmap"
    assert [list(row) for row in heatmap.z] == notes.restraint_matrix()
    assert list(heatmap.colorbar.ticktext) == ["none", "secondary", "primary"]
    assert heatmap.colorbar.title.text
    assert len(heatmap.y) == len(notes.LIGAMENTS)


def test_figures_are_deterministic() -> None:
    for builder in (lfigure.ligament_restraint_figure, nfigure.normal_rom_figure):
        first, second = builder().to_json(), builder().to_json()
        assert first == second
        _no_uid(first)


def _trace(fig, group: str):
    (trace,) = (t for t in fig.data if t.legendgroup == group)
    return trace


def test_normal_rom_figure_buttons_switch_rotation_data() -> None:
    fig = nfigure.normal_rom_figure()
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text
    assert fig.layout.yaxis.title.text
    (menu,) = fig.layout.updatemenus
    assert [b.label.split()[0].lower() for b in menu.buttons] == list(POSITIONS)
    ir, er = (list(hc.MOTIONS).index(m) for m in ("internal_rotation", "external_rotation"))
    seen = set()
    for button, position in zip(menu.buttons, POSITIONS, strict=True):
        assert button.method == "restyle"
        update, trace_indices = button.args
        assert tuple(trace_indices) == nfigure.DYNAMIC
        record = published.rotation_for_position(position)
        # Apply the button as the browser would and check the traces really changed.
        fig.plotly_restyle(update, list(trace_indices))
        measured = _trace(fig, "measured")
        assert measured.y[ir] == record.internal_rotation_deg
        assert measured.y[er] == record.external_rotation_deg
        assert position in measured.name
        lim = hc.rotation_limits(hc.default_capsule(), flexion_deg=record.hip_flexion_deg,
                                 band=True)
        model = _trace(fig, "model")
        assert model.y[ir] == pytest.approx(lim.ir[0], abs=0.051)
        assert model.y[er] == pytest.approx(lim.er[0], abs=0.051)
        band = _trace(fig, "model_band")
        assert band.base[ir] == pytest.approx(lim.ir_band[0][0], abs=0.051)
        assert band.base[ir] + band.y[ir] == pytest.approx(lim.ir_band[0][1], abs=0.11)
        seen.add((tuple(measured.y), tuple(model.y)))
    assert len(seen) == len(POSITIONS), "each button must show different data"
    assert menu.active == list(POSITIONS).index("prone")


def test_normal_rom_figure_shows_the_model_with_its_band() -> None:
    fig = nfigure.normal_rom_figure("prone")
    rom = hc.range_of_motion(hc.default_capsule(), band=True)
    model, band = _trace(fig, "model"), _trace(fig, "model_band")
    for i, m in enumerate(hc.MOTIONS):
        if m in ("internal_rotation", "external_rotation"):
            continue  # from the position's flexion (checked with the buttons)
        assert model.y[i] == pytest.approx(getattr(rom, m), abs=0.051)
        assert band.base[i] == pytest.approx(rom.band_deg[m][0], abs=0.051)
        assert band.base[i] + band.y[i] == pytest.approx(rom.band_deg[m][1], abs=0.11)
    assert "not a range between people" in band.name
    assert str(ensemble.member_count()) in band.name


def test_normal_rom_figure_cadaver_bar_is_held_out_evidence() -> None:
    fig = nfigure.normal_rom_figure()
    held = _trace(fig, "held_out")
    assert "held out" in held.name
    shown = {m: (v, sd) for m, v, sd in zip(hc.MOTIONS, held.y, held.error_y.array,
                                           strict=True) if v is not None}
    assert set(shown) == set(nstate.HELD_OUT_KEYS)
    for m, key in nstate.HELD_OUT_KEYS.items():
        row = evidence.row(key)
        assert evidence.SPLIT[row.source_key] == "held-out"
        assert row.kind == "cadaver" and not row.released and row.motion == m
        assert shown[m] == (row.value, row.sd)


def test_normal_rom_figure_rejects_unknown_position() -> None:
    with pytest.raises(ValueError):
        nfigure.normal_rom_figure("standing")


def test_profile_figure_for_each_ligament() -> None:
    for key in notes.LIGAMENT_KEYS:
        fig = lfigure.ligament_profile_figure(key)
        assert list(fig.data[0].y) == notes.restraint_matrix()[notes.LIGAMENT_KEYS.index(key)]
        assert notes.ligament_by_key(key).name in fig.layout.title.text


# ---------------------------------------------------------------------------
# Widget
# ---------------------------------------------------------------------------


def test_restraint_explorer_updates_for_every_option() -> None:
    explorer = hipcourse.live("ligament_restraint")
    dropdown = explorer.controls["ligament"]
    assert explorer.view.children[0] is dropdown
    assert [value for _, value in dropdown.options] == list(notes.LIGAMENT_KEYS)
    figure = explorer.figure
    previous_html = explorer.details.value
    for key in notes.LIGAMENT_KEYS[::-1]:  # start with a change away from the default
        dropdown.value = key
        ligament = notes.ligament_by_key(key)
        assert explorer.figure is figure, "the chart is updated in place, not rebuilt"
        assert ligament.name in explorer.details.value
        assert explorer.details.value != previous_html
        previous_html = explorer.details.value
        y = list(explorer.figure.data[0].y)
        assert y == notes.restraint_matrix()[notes.LIGAMENT_KEYS.index(key)]
        assert ligament.name in explorer.figure.layout.title.text
        assert explorer.state()["levels"] == {
            m: notes.restraint_level(key, m) for m in notes.RESTRAINT_MOTIONS}


def test_restraint_explorer_rejects_unknown_ligament() -> None:
    with pytest.raises(ValueError):
        hipcourse.live("ligament_restraint", ligament="nope")


def test_restraint_caption_describes_every_ligament() -> None:
    caption = hipcourse.get("ligament_restraint").caption()
    for lig in notes.LIGAMENTS:
        assert lig.name in caption
        for r in lig.restraints:
            assert r.motion in caption
    assert f"{len(notes.RESTRAINT_MOTIONS)} motions" in caption


def test_normal_rom_live_switches_position() -> None:
    explorer = hipcourse.live("normal_rom")
    for position in POSITIONS[::-1]:  # start with a change away from the default
        explorer.controls["position"].value = position
        record = published.rotation_for_position(position)
        y = [v for v in _trace(explorer.figure, "measured").y if v is not None]
        assert y == [record.internal_rotation_deg, record.external_rotation_deg]
        state = explorer.state()
        assert state["position"] == position
        lim = hc.rotation_limits(hc.default_capsule(), flexion_deg=record.hip_flexion_deg)
        assert state["model"]["internal_rotation"] == pytest.approx(lim.ir[0])


def test_normal_rom_caption_quotes_the_numbers_it_shows() -> None:
    caption = hipcourse.get("normal_rom").caption()
    for r in published.ROTATION_BY_POSITION:
        assert f"{r.internal_rotation_deg:g}\u00b0/{r.external_rotation_deg:g}\u00b0" in caption
    rom = hc.range_of_motion(hc.default_capsule())
    assert f"extension {rom.extension:.0f}\u00b0" in caption
    for key in nstate.HELD_OUT_KEYS.values():
        row = evidence.row(key)
        assert f"{row.value:g} \u00b1 {row.sd:g}\u00b0" in caption
    assert "could not be found in the cited paper's text" in caption
    assert "not of people" in caption


# ---------------------------------------------------------------------------
# Lesson 01 prose: the qualitative statements it makes must hold for the current model
# ---------------------------------------------------------------------------


def test_lesson_claim_model_extension_against_the_clinical_range_follows_the_model() -> None:
    from hipcourse.numbers import lesson01

    ext = hc.range_of_motion(hc.default_capsule()).extension
    norm = published.norm_for("extension")
    word = str(lesson01.MODEL_EXTENSION_VS_CLINIC)
    lo, hi = norm.low_deg, norm.high_deg
    expected = {"well below": ext < lo - 5, "below": lo - 5 <= ext < lo,
                "within": lo <= ext <= hi, "above": ext > hi}
    assert expected[word], (word, ext)


def test_lesson_claim_the_removed_cadaver_limits_are_unverified() -> None:
    """The lesson says the per-position cadaver limits could not be found in the source."""
    unverified = " ".join(n[0] for n in evidence.UNVERIFIED_REFERENCE_NUMBERS)
    assert "30° flexion" in unverified and "extension 12" in unverified
    assert not hasattr(published, "CADAVER_LIMITS")


# ---------------------------------------------------------------------------
# Notebook hygiene (skipped until the notebook exists)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notebook() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_notebook_is_clean(notebook: dict) -> None:
    assert set(notebook["metadata"]) <= {"kernelspec", "course", "mystnb"}
    course = notebook["metadata"]["course"]
    assert course["title"] and len(course["objectives"]) == 3 and course["time_minutes"] > 0
    for cell in notebook["cells"]:
        assert set(cell.get("metadata", {})) <= {"tags", "mystnb"}
        assert set(cell["metadata"].get("tags", [])) <= ALLOWED_TAGS
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None
            code = without_setup_cell("".join(cell["source"]))  # the setup cell is shared
            assert len(code.strip().splitlines()) <= 2


def test_notebook_citations_and_headings(notebook: dict, bib_keys: set[str]) -> None:
    markdown = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    cited = set()
    for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", markdown):
        cited |= {k.strip() for k in group.split(",")}
    assert cited, "the lesson cites its sources"
    assert cited <= bib_keys, f"unknown keys: {sorted(cited - bib_keys)}"
    headings = re.findall(r"^(#+) ", markdown, flags=re.MULTILINE)
    assert headings.count("#") == 1
    assert headings[0] == "#"
    for before, after in zip(headings, headings[1:], strict=False):
        assert len(after) <= len(before) + 1, "heading levels must not be skipped"


def test_ligament_notes_file_is_checked(tmp_path) -> None:
    bad = tmp_path / "ligaments.toml"
    bad.write_text(notes.NOTES_PATH.read_text(encoding="utf-8").replace(
        'motion = "distraction"', 'motion = "twirl"', 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"ligament 'zona_orbicularis': restraint .*twirl"):
        notes.load_ligaments(bad)
    bad.write_text('[[ligament]]\nkey = "x"\nname = "X"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"ligament 'x': fields .* expected"):
        notes.load_ligaments(bad)
    assert notes.load_ligaments() == notes.LIGAMENTS
