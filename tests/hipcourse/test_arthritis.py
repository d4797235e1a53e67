"""Lesson 08 (hip arthritis): sourced numbers, prose numbers and the three figures."""

from __future__ import annotations

import json
import re

import pytest
from support import ROOT

import hipcourse
from hipcourse.content import arthritis
from hipcourse.figures import arthritis as figs
from hipcourse.numbers import lesson08

NOTEBOOK = ROOT / "notebooks" / "08_hip_arthritis.ipynb"


def test_fransen_effects_are_the_published_ones() -> None:
    pain, function = arthritis.FRANSEN2014_EFFECTS
    assert (pain.smd, pain.ci_low, pain.ci_high) == (-0.38, -0.55, -0.20)
    assert (function.smd, function.ci_low, function.ci_high) == (-0.38, -0.54, -0.05)
    assert (arthritis.FRANSEN2014_N_TRIALS, arthritis.FRANSEN2014_N_PARTICIPANTS) == (9, 549)
    assert all(e.ci_high < 0 for e in arthritis.FRANSEN2014_EFFECTS), "both favour exercise"


def test_effect_size_rejects_a_value_outside_its_interval() -> None:
    with pytest.raises(ValueError, match="outside its interval"):
        arthritis.EffectSize("Pain", -0.9, -0.5, -0.2, ("fransen2014",))


def test_dataclasses_are_frozen() -> None:
    with pytest.raises(AttributeError):
        arthritis.FRANSEN2014_EFFECTS[0].smd = 0.0  # type: ignore[misc]


def test_source_keys_are_in_the_bibliography() -> None:
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    for key in arthritis.all_source_keys() | {"nice2022"}:
        assert f"{{{key}," in bib, key


def test_prose_numbers_use_a_true_minus_and_round_alike() -> None:
    assert lesson08.PAIN_SMD == "\u22120.38"
    assert lesson08.FUNCTION_CI == "\u22120.54 to \u22120.05"
    assert lesson08.SMD_ROUNDED == "0.4"
    assert lesson08.GLAD_PEOPLE == "9,825"
    assert lesson08.ACR_STRONG_LIST.endswith(" and a walking cane (stick)")


def test_joint_stage_buttons_show_one_stage_each() -> None:
    fig = hipcourse.illustration("hip_joint_stages")
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [s.label for s in arthritis.JOINT_STAGES]
    shown = [b.args[0]["visible"] for b in buttons]
    assert all(len(v) == len(fig.data) for v in shown)
    for i, vis in enumerate(shown):  # each trace belongs to exactly one stage
        others = [v for j, v in enumerate(shown) if j != i]
        assert not any(a and any(o[k] for o in others) for k, a in enumerate(vis))
    assert [t.visible for t in fig.data] == shown[0]


def test_severe_stage_has_no_cartilage_and_healthy_no_spurs() -> None:
    healthy, _, severe = arthritis.JOINT_STAGES
    names = {t.name for t in figs.joint_stage_traces(severe)}
    assert not any("Cartilage" in n for n in names) and "Bony spur (osteophyte)" in names
    assert "Bony spur (osteophyte)" not in {t.name for t in figs.joint_stage_traces(healthy)}


def test_forest_plot_draws_the_published_intervals() -> None:
    trace = hipcourse.illustration("exercise_effect_forest").data[0]
    for x, plus, minus, effect in zip(trace.x, trace.error_x.array, trace.error_x.arrayminus,
                                      arthritis.FRANSEN2014_EFFECTS, strict=True):
        assert x == effect.smd
        assert round(x + plus, 2) == effect.ci_high and round(x - minus, 2) == effect.ci_low


def test_types_table_has_a_row_per_type() -> None:
    table = hipcourse.illustration("arthritis_types_table").data[0]
    assert len(table.cells.values[0]) == len(arthritis.ARTHRITIS_TYPES)


def test_notebook_follows_the_lesson_skeleton() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for part in ("## 7. Self-check", "### Questions to try", "## Key points", "## References",
                 "../book/safety.md", ":::{admonition} Solution"):
        assert part in text, part
    assert "Sam" not in text
    quiz = text.split("## 7. Self-check")[1].split("## 8.")[0]
    questions = re.findall(r"^\*\*\d\. ", quiz, flags=re.M)
    assert 4 <= len(questions) <= 6
    used = {n for n in figs.FIGURES
            if any(f'illustration("{n}")' in "".join(c["source"]) for c in nb["cells"])}
    assert used == set(figs.FIGURES)
    assert nb["metadata"]["course"]["time_minutes"] == 35
