"""Lesson 08 (hip arthritis): sourced numbers, prose numbers and the three figures."""

from __future__ import annotations

import json
import re

import pytest
from support import ROOT

import hipcourse
from hipcourse.content import arthritis
from hipcourse.figures import arthritis as figs
from hipcourse.figures import cartilage
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
    text = hipcourse.tables.arthritis_types_table().data
    assert text.startswith(":::{table} ") and text.rstrip().endswith(":::")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Type | Clues | Why it matters |"
    assert len(rows) - 1 == len(arthritis.ARTHRITIS_TYPES)
    for row, kind in zip(rows[1:], arthritis.ARTHRITIS_TYPES, strict=True):
        assert kind.name in row and all(clue in row for clue in kind.clues)
        assert kind.why_it_matters in row


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
    used = {n for n in {**figs.FIGURES, **cartilage.FIGURES}
            if any(f'illustration("{n}")' in "".join(c["source"]) for c in nb["cells"])}
    assert used == set(figs.FIGURES) | set(cartilage.FIGURES)
    assert "hipcourse.tables.arthritis_types_table()" in "".join(
        "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert nb["metadata"]["course"]["time_minutes"] == 35


def _layers(fig, panel: int) -> dict[str, tuple[float, float]]:
    axis = "y" if panel == 1 else f"y{panel}"
    out = {}
    for t in fig.data:
        if t.fill == "toself" and t.yaxis == axis and t.name not in out:
            out[t.name] = (min(t.y), max(t.y))
    return out


def test_cartilage_is_squeezed_with_weight_on_and_fed_from_fluid_not_vessels() -> None:
    fig = hipcourse.illustration("cartilage_squeeze")
    on, off = (_layers(fig, i) for i in (1, 2))
    assert [state for state, _ in cartilage.PANELS] == ["on", "off"]
    thick = {k: v["cartilage"][1] - v["cartilage"][0] for k, v in (("on", on), ("off", off))}
    assert thick["on"] < thick["off"]
    for panel, layers in ((1, on), (2, off)):
        axis = "y" if panel == 1 else f"y{panel}"
        vessels = [t for t in fig.data if t.name == "blood vessel (in bone only)"
                   and t.yaxis == axis]
        assert vessels and all(max(t.y) < layers["cartilage"][0] for t in vessels)
    # flow arrows: out of the cartilage (upwards) with weight on, into it with weight off
    ref = {1: "y", 2: "y2"}
    for panel, sign in ((1, 1), (2, -1)):
        arrows = [a for a in fig.layout.annotations if a.showarrow and a.arrowcolor ==
                  cartilage._FLOW and a.yref == ref[panel]]
        assert len(arrows) == 3
        assert all(sign * (a.y - a.ay) > 0 for a in arrows)
    alt = fig.layout.meta["alt_text"]
    assert "no blood vessels" in alt and "does not make new" in alt

