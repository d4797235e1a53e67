"""Lesson 07 (getting up and down): sourced numbers, prose numbers, figures and skeleton."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from support import ROOT, setup_cell

import hipcourse
from hipcourse.content import sit_to_stand as content
from hipcourse.figures import sit_to_stand as figs
from hipcourse.numbers import lesson07

NOTEBOOK = ROOT / "notebooks" / "07_getting_up_and_down.ipynb"

#: The 30-second chair-stand norms as published (rikli1999): age band, women, men (25th-75th).
PUBLISHED_NORMS = (
    ((60, 64), (12, 17), (14, 19)),
    ((65, 69), (11, 16), (12, 18)),
    ((70, 74), (10, 15), (12, 17)),
    ((75, 79), (10, 15), (11, 17)),
    ((80, 84), (9, 14), (10, 15)),
    ((85, 89), (8, 13), (8, 14)),
    ((90, 94), (4, 11), (7, 12)),
)


def _notebook() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def _markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_chair_stand_norms_are_the_published_ones() -> None:
    got = tuple(((n.age_low, n.age_high), n.range_for("women"), n.range_for("men"))
                for n in content.CHAIR_STAND_NORMS)
    assert got == PUBLISHED_NORMS
    assert {n.source_key for n in content.CHAIR_STAND_NORMS} == {"rikli1999"}
    bands = [(n.age_low, n.age_high) for n in content.CHAIR_STAND_NORMS]
    assert all(b[0] == a[1] + 1 for a, b in zip(bands[:-1], bands[1:], strict=True))


def test_norms_study_and_test_study_are_the_published_ones() -> None:
    s = content.RIKLI1999
    assert (s.n_people, s.n_women, s.n_men) == (7183, 5048, 2135)
    assert (s.age_low, s.age_high, s.percentile_low, s.percentile_high) == (60, 94, 25, 75)
    assert (s.seat_height_cm, s.seat_height_in) == (43.2, 17)
    j = content.JONES1999
    assert (j.n_people, j.mean_age) == (76, 70.5)
    assert (j.retest_icc_men, j.retest_icc_women) == (0.84, 0.92)
    assert (j.leg_press_r_men, j.leg_press_r_women) == (0.78, 0.71)


def test_seat_effects_dose_and_who_advice_are_the_published_ones() -> None:
    effects = {(e.change, e.joint): (e.reduction_percent, e.up_to)
               for e in content.JANSSEN2002_EFFECTS}
    assert effects == {("Higher seat", "knee"): (60, True), ("Higher seat", "hip"): (50, True),
                       ("Using armrests", "hip"): (50, False)}
    d = content.STRENGTH_DOSE
    assert (d.days_low, d.days_high, d.sets_low, d.sets_high, d.reps_low, d.reps_high) == (
        2, 3, 2, 4, 8, 12)
    w = content.WHO2020
    assert (w.strength_days_min, w.balance_strength_days_min, w.older_age_from) == (2, 3, 65)


def test_norm_for_finds_the_band_and_rejects_bad_ages() -> None:
    assert content.norm_for(72).band == "70\u201374"
    assert content.norm_for(60).age_low == 60 and content.norm_for(94).age_high == 94
    for bad, msg in ((59, "outside the norms' ages"), (95, "outside"), (72.5, "whole number"),
                     (True, "whole number"), ("72", "whole number")):
        with pytest.raises(ValueError, match=msg):
            content.norm_for(bad)
    with pytest.raises(ValueError, match="sex='other'"):
        content.CHAIR_STAND_NORMS[0].range_for("other")


def test_content_rejects_inconsistent_data_and_is_frozen() -> None:
    with pytest.raises(ValueError, match="not increasing"):
        content.ChairStandNorm(60, 64, 17, 12, 14, 19)
    with pytest.raises(ValueError, match="empty"):
        content.ChairStandNorm(64, 60, 12, 17, 14, 19)
    with pytest.raises(ValueError, match="do not add up"):
        dataclasses.replace(content.RIKLI1999, n_men=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.CHAIR_STAND_NORMS[0].women_low = 0  # type: ignore[misc]


def test_source_keys_are_in_the_bibliography() -> None:
    """The new keys are in /work/notes/lesson07.bib until the lead merges them."""
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,\s]+),", bib, flags=re.M))
    assert content.all_source_keys() <= keys, sorted(content.all_source_keys() - keys)


def test_prose_numbers_come_from_the_content() -> None:
    assert lesson07.NORMS_PEOPLE == "7,183" and lesson07.NORMS_AGES == "60\u201394"
    assert (lesson07.YOUNG_WOMEN, lesson07.YOUNG_MEN) == ("12\u201317", "14\u201319")
    assert (lesson07.OLD_WOMEN, lesson07.OLD_MEN) == ("4\u201311", "7\u201312")
    assert (lesson07.HIGH_SEAT_KNEE_PCT, lesson07.HIGH_SEAT_HIP_PCT) == ("60", "50")
    assert lesson07.ARMRESTS_HIP_PCT == "50"
    assert (lesson07.DOSE_DAYS, lesson07.DOSE_SETS, lesson07.DOSE_REPS) == (
        "2\u20133", "2\u20134", "8\u201312")
    assert lesson07.SEAT_CM == "43" and lesson07.N_BANDS == "7"
    # the exercise: Maria's first score is below her band's range, the later one inside it
    low, high = content.norm_for(int(lesson07.MARIA_AGE)).range_for("women")
    assert lesson07.MARIA_RANGE == f"{low}\u2013{high}"
    assert int(lesson07.MARIA_FIRST) < low <= int(lesson07.MARIA_LATER) <= high


def test_norms_figure_draws_the_content_data_with_a_button_per_sex() -> None:
    fig = hipcourse.illustration("chair_stand_norms")
    assert [t.name for t in fig.data] == ["Women", "Men"]
    for trace, sex in zip(fig.data, figs.SEXES, strict=True):
        ranges = [n.range_for(sex) for n in content.CHAIR_STAND_NORMS]
        assert list(trace.base) == [lo for lo, _ in ranges]
        assert [b + w for b, w in zip(trace.base, trace.x, strict=True)] == [h for _, h in
                                                                              ranges]
        assert list(trace.y) == [n.band for n in content.CHAIR_STAND_NORMS]
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["Women", "Men"]
    assert [b.args[0]["visible"] for b in buttons] == [[True, False], [False, True]]
    assert [t.visible for t in fig.data] == [True, False]
    alt = fig.layout.meta["alt_text"]
    assert "Rikli and Jones 1999" in alt and "25th to the 75th percentile" in alt
    assert "12 to 17 stands" in alt and "7 to 12 at 90 to 94" in alt


def test_seat_figure_draws_the_review_numbers() -> None:
    fig = hipcourse.illustration("seat_height_effort")
    (bar,) = fig.data
    assert list(bar.x) == [e.reduction_percent for e in content.JANSSEN2002_EFFECTS]
    assert list(bar.text) == ["up to 60% less", "up to 50% less", "50% less"]
    alt = fig.layout.meta["alt_text"]
    assert "Janssen and colleagues 2002" in alt and "up to 60 percent" in alt


@pytest.mark.parametrize("name", sorted(figs.FIGURES))
def test_every_lesson07_figure_has_alt_text_and_declared_sources(name: str) -> None:
    fig = hipcourse.illustration(name)
    alt = fig.layout.meta["alt_text"]
    assert len(alt.split()) >= 40
    assert not re.search(r"\b[a-z]+\d{4}\b", alt), "sources in words, not keys"
    assert set(figs.FIGURES[name].sources) <= content.all_source_keys()


def test_notebook_follows_the_lesson_skeleton() -> None:
    nb = _notebook()
    text = _markdown(nb)
    assert "This lesson is being written" not in text
    assert text.startswith("# 07 \u00b7 Getting up and down")
    for part in ("### Questions to try", "## 8. Self-check", "## 9. Exercise", "## Key points",
                 "## References", "../book/safety.md", "../book/practice_log.md",
                 "../book/faq.md", ":::{admonition} Solution", "education, not diagnosis",
                 "{cite:p}`rikli1999`"):
        assert part in text, part
    sections = re.findall(r"^## (\d+)\. ", text, flags=re.M)
    assert sections == [str(i) for i in range(1, len(sections) + 1)]
    quiz = text.split("## 8. Self-check")[1].split("## 9.")[0]
    questions = re.findall(r"^\*\*\d\. ", quiz, flags=re.M)
    assert 4 <= len(questions) <= 6
    assert quiz.count(":class: dropdown") >= 2 * len(questions)
    tried = text.split("### Questions to try")[1].split("## 6.")[0]
    assert ":::{admonition} Answers" in tried and ":class: dropdown" in tried
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert code[0] == setup_cell() + "\nfrom hipcourse.numbers.lesson07 import *"
    used = {n for n in figs.FIGURES if f'illustration("{n}")' in "\n".join(code)}
    assert used == set(figs.FIGURES) and len(used) >= 3
    for name in figs.FIGURES:
        assert f'hipcourse.describe_illustration("{name}")' in code
    # the interactive figure comes before its questions
    cells = ["".join(c["source"]) for c in nb["cells"]]
    norms = cells.index('hipcourse.illustration("chair_stand_norms")')
    assert any("### Questions to try" in c for c in cells[norms:norms + 3])
    meta = nb["metadata"]
    assert 30 <= meta["course"]["time_minutes"] <= 35
    assert f"about {meta['course']['time_minutes']} minutes" in text
    assert all(o in text for o in meta["course"]["objectives"])
    assert meta["mystnb"] == {"execution_mode": "inline", "render_markdown_format": "myst"}


def test_lesson_names_every_red_flag() -> None:
    text = _markdown(_notebook()).lower()
    section = text.split("## 7. when to stop and get help")[1].split("## 8.")[0]
    for flag in content.RED_FLAGS:
        assert flag.keyword in section, flag.sign
    urgent = section.split("**sit down at once**")[0]
    assert "ambulance" in urgent
    assert all(f.keyword in urgent for f in content.RED_FLAGS if f.urgent and
               f.keyword != "dizzy")
