"""Tests for lesson 05: dose data, plan arithmetic, the plan figure, the live explorer, pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets
import numpy as np
import plotly.graph_objects as go
import pybtex.database
import pytest
from support import ROOT, all_finite, without_setup_cell

import hipcourse
from coursekit.check import allowed_tags
from coursekit.config import load_settings
from hipcourse import style
from hipcourse.content import dose as stretching
from hipcourse.explorers.stretch_dose import caption as dcaption
from hipcourse.explorers.stretch_dose import figure as dfigure

ALLOWED_TAGS = allowed_tags(load_settings(ROOT))

BIB = ROOT / "book" / "references.bib"
NOTEBOOK = ROOT / "notebooks" / "05_internal_rotation_stretch.ipynb"
FAQ = ROOT / "book" / "faq.md"
SAFETY = ROOT / "book" / "safety.md"

_CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")


@pytest.fixture(scope="module")
def bib_keys() -> set[str]:
    return {k.lower() for k in pybtex.database.parse_file(str(BIB)).entries}


def _cited(text: str) -> set[str]:
    keys: set[str] = set()
    for group in _CITE.findall(text):
        keys |= {k.strip().lower() for k in group.split(",")}
    return keys


# ---------------------------------------------------------------------------
# Data and citation keys
# ---------------------------------------------------------------------------


def test_every_data_source_is_in_bibliography(bib_keys: set[str]) -> None:
    missing = stretching.all_source_keys() - bib_keys
    assert not missing, f"citation keys missing from references.bib: {sorted(missing)}"


def test_keys_named_in_notes_and_plans_are_in_bibliography(bib_keys: set[str]) -> None:
    texts = [p.note for p in stretching.FIGURE_PLANS]
    for holds, seconds, days in [(1, 10, 1), (2, 20, 5), (8, 90, 7), (1, 30, 0)]:
        texts += list(stretching.assess_dose(holds, seconds, days).notes)
        texts.append(stretching.assess_dose(holds, seconds, days).summary())
    named = {m for text in texts for m in re.findall(r"\b([a-z]+\d{4})\b", text)}
    assert named, "notes name their sources"
    assert named <= bib_keys, f"unknown keys in notes: {sorted(named - bib_keys)}"


def test_dose_findings_are_complete_and_unique() -> None:
    keys = [f.key for f in stretching.DOSE_FINDINGS]
    assert len(keys) == len(set(keys))
    for finding in stretching.DOSE_FINDINGS:
        assert len(finding.statement) > 30 and finding.population and finding.source_keys


def test_published_numbers_are_consistent() -> None:
    """Each number is typed once; what is derived from it (populations, the plan) agrees."""
    for effect in stretching.INGRAM2024_EFFECTS:
        assert effect.ci_low < effect.hedges_g < effect.ci_high
    acute, chronic = stretching.INGRAM2024_EFFECTS
    assert acute.hedges_g < chronic.hedges_g
    findings = {f.key: f for f in stretching.DOSE_FINDINGS}
    assert (f"{stretching.INGRAM2024_N_STUDIES} studies, {stretching.INGRAM2024_N_ADULTS} adults"
            in findings["effect_sizes"].population)
    total = sum(a.n for a in stretching.MCCLURE2007_ARMS)
    assert findings["sleeper_shoulder"].population.startswith(f"{total} adults")
    arms = {a.group.split()[0]: a for a in stretching.MCCLURE2007_ARMS}
    assert arms["cross-body"].differs_from_control is True
    assert arms["sleeper"].differs_from_control is False
    assert arms["no"].differs_from_control is None
    assert arms["no"].gain_deg < arms["sleeper"].gain_deg < arms["cross-body"].gain_deg
    plan = stretching.MCCLURE2007_PLAN
    assert plan.hold_seconds == stretching.EVIDENCE_HOLD_SECONDS
    assert plan.assessment().meets_thomas2018


# ---------------------------------------------------------------------------
# Dose arithmetic
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("holds", "seconds", "days", "minutes"),
    [(1, 30, 5, 2.5), (1, 30, 7, 3.5), (2, 30, 5, 5.0), (3, 30, 7, 10.5), (5, 30, 7, 17.5)],
)
def test_weekly_minutes_scalar(holds: int, seconds: float, days: int, minutes: float) -> None:
    value = stretching.weekly_minutes(holds, seconds, days)
    assert isinstance(value, float)
    assert value == pytest.approx(minutes)


def test_weekly_minutes_is_vectorised() -> None:
    holds = np.array([1, 3, 5])
    out = stretching.weekly_minutes(holds, 30, 7)
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    np.testing.assert_allclose(out, [3.5, 10.5, 17.5])
    grid = stretching.weekly_minutes(holds[:, None], np.array([30, 60])[None, :], 5)
    assert grid.shape == (3, 2)
    np.testing.assert_allclose(grid[:, 1], 2 * grid[:, 0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"holds_per_day": 0}, "holds_per_day=0"),
        ({"holds_per_day": 1, "hold_seconds": 1}, "hold_seconds=1"),
        ({"holds_per_day": 1, "days_per_week": 8}, "days_per_week=8"),
        ({"holds_per_day": [1, 50]}, "holds_per_day"),
    ],
)
def test_weekly_minutes_validates(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        stretching.weekly_minutes(**kwargs)


def test_assessment_thresholds() -> None:
    exactly = stretching.assess_dose(2, 30, 5)  # 2 x 30 s on 5 days = 5 min
    assert exactly.weekly_minutes == 2 * 30 * 5 / 60 == stretching.WEEKLY_MINUTES_MIN
    assert exactly.meets_thomas2018
    assert "meets" in exactly.summary()
    short = stretching.assess_dose(2, 20, 5)
    assert short.weekly_minutes == pytest.approx(2 * 20 * 5 / 60, abs=0.01)
    assert not short.meets_weekly_minutes and short.meets_days
    assert any("bandy1994" in n for n in short.notes)
    assert "does not meet" in short.summary()
    few_days = stretching.assess_dose(5, 30, 4)
    assert few_days.meets_weekly_minutes and not few_days.meets_days
    assert not few_days.meets_thomas2018
    assert any("ingram2024" in n for n in few_days.notes), "the disagreement is stated"
    bandy = stretching.assess_dose(1, 30, 5)
    assert not bandy.meets_weekly_minutes
    assert any("bandy1997" in n for n in bandy.notes), "the counter-example is stated"
    assert str(bandy).startswith(bandy.summary())


def test_plans_and_validation() -> None:
    labels = [p.label for p in stretching.FIGURE_PLANS]
    assert len(labels) == len(set(labels)) >= 4
    assert stretching.plan_by_label(labels[2]) is stretching.FIGURE_PLANS[2]
    with pytest.raises(ValueError, match="plan='nope'"):
        stretching.plan_by_label("nope")
    with pytest.raises(ValueError, match="stop_after_week=99"):
        stretching.StretchPlan("x", holds_per_day=1, stop_after_week=99)
    with pytest.raises(ValueError, match="holds_per_day=0"):
        stretching.StretchPlan("x", holds_per_day=0)
    stop = [p for p in stretching.FIGURE_PLANS if p.stop_after_week is not None]
    assert len(stop) == 1
    minutes = stop[0].weekly_minutes_by_week()
    assert minutes.shape == (stretching.PLAN_WEEKS,)
    assert np.all(minutes[: stop[0].stop_after_week] > 0)
    assert np.all(minutes[stop[0].stop_after_week :] == 0)


def test_schematic_gain_shape() -> None:
    rising = stretching.schematic_gain()
    assert rising.shape == (stretching.PLAN_WEEKS,)
    assert np.all(np.diff(rising) > 0) and 0 < rising[0] < rising[-1] < 1
    stopped = stretching.schematic_gain(stop_after_week=4)
    np.testing.assert_array_equal(stopped[:4], rising[:4])
    assert np.argmax(stopped) == 3, "the gain peaks in the last week of stretching"
    assert np.all(np.diff(stopped[3:]) < 0), "part of the gain fades after stopping"
    assert stopped[-1] > 0, "but it does not vanish within four weeks (manske2010)"
    with pytest.raises(ValueError):
        stretching.schematic_gain(weeks=0)
    with pytest.raises(ValueError):
        stretching.schematic_gain(stop_after_week=-1)


# ---------------------------------------------------------------------------
# Static figure
# ---------------------------------------------------------------------------


def test_figure_is_labelled_and_has_alt_text() -> None:
    fig = dfigure.stretch_plan_figure()
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.yaxis2.title.text
    caption = dcaption.stretch_plan_caption()
    assert fig.layout.meta["alt_text"] == caption
    for plan in stretching.FIGURE_PLANS:
        assert f"{plan.assessment().weekly_minutes:.1f} min" in caption, plan.label
    stop = [p for p in stretching.FIGURE_PLANS if p.stop_after_week is not None]
    assert stop and all(f"weeks 1\u2013{p.stop_after_week}" in caption for p in stop)
    assert f"{stretching.WEEKLY_MINUTES_MIN:g} min" in caption
    assert "schematic" in caption.lower()
    assert hipcourse.describe("stretch_dose")._repr_markdown_().startswith(
        "**Figure 1 (description).**")
    names = [t.name for t in fig.data]
    assert any("Thomas et al. 2018" in n for n in names)  # the source in words, not its key
    assert any("shape only" in n for n in names)


def test_figure_is_deterministic_and_small() -> None:
    first, second = (
        dfigure.stretch_plan_figure().to_json(),
        dfigure.stretch_plan_figure().to_json(),
    )
    assert first == second
    assert '"uid"' not in first
    assert len(first) < 50_000
    assert "data" not in json.loads(first)["layout"]["template"]


def test_buttons_change_the_data() -> None:
    fig = dfigure.stretch_plan_figure()
    (menu,) = fig.layout.updatemenus
    assert [b.label for b in menu.buttons] == [p.label for p in stretching.FIGURE_PLANS]
    assert menu.active == stretching.FIGURE_PLANS.index(stretching.MCCLURE2007_PLAN)
    shown = set()
    gains = {}
    for button, plan in zip(menu.buttons, stretching.FIGURE_PLANS, strict=True):
        assert button.method == "update"
        restyle, relayout, traces = button.args
        assert list(traces) == [0, 2]
        # Apply the button as the browser would, then read the figure back.
        fig.plotly_update(restyle_data=restyle, relayout_data=relayout, trace_indexes=traces)
        bars = tuple(fig.data[0].y)
        np.testing.assert_allclose(bars, plan.weekly_minutes_by_week())
        gains[plan.label] = tuple(fig.data[2].y)
        np.testing.assert_allclose(
            gains[plan.label], stretching.schematic_gain(plan.stop_after_week)
        )
        assert plan.label in fig.layout.annotations[0].text
        colours = set(fig.data[0].marker.color)
        expected = (
            style.DOSE_COLOURS["meets"]
            if plan.assessment().meets_thomas2018
            else style.DOSE_COLOURS["below"]
        )
        assert expected in colours
        shown.add((bars, gains[plan.label], tuple(fig.data[0].marker.color)))
    assert len(shown) == len(stretching.FIGURE_PLANS), "every button shows different data"
    # The threshold line never moves.
    assert tuple(fig.data[1].y) == (5.0, 5.0)
    # Only the plan that stops has a different gain curve.
    assert len(set(gains.values())) == 2


def test_figure_rejects_unknown_plan() -> None:
    with pytest.raises(ValueError):
        dfigure.stretch_plan_figure("every hour")


# ---------------------------------------------------------------------------
# Live explorer
# ---------------------------------------------------------------------------


def _sweep(control: ipywidgets.ValueWidget) -> list:
    lo, hi = control.min, control.max
    return [lo, hi, int(round((lo + hi) / 2))]


def _shown(explorer) -> str:
    fig = explorer.figure.to_dict()
    return json.dumps(
        [fig["data"], fig["layout"].get("annotations"), explorer.text.value, explorer.state()],
        sort_keys=True,
        default=str,
    )



def test_live_explorer_protocol() -> None:
    explorer = hipcourse.live("stretch_dose")
    assert isinstance(explorer.figure, go.FigureWidget)
    assert isinstance(explorer.view, ipywidgets.Widget)
    assert explorer.controls
    assert all(isinstance(c, ipywidgets.ValueWidget) for c in explorer.controls.values())
    state = explorer.state()
    expected = stretching.assess_dose(state["holds_per_day"], state["hold_seconds"],
                                      state["days_per_week"])
    assert state["weekly_minutes"] == expected.weekly_minutes
    assert state["meets_weekly_minutes"] == expected.meets_weekly_minutes
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_live_explorer_every_control_min_max_middle() -> None:
    explorer = hipcourse.live("stretch_dose")
    figure = explorer.figure
    for name, control in explorer.controls.items():
        seen = set()
        for value in _sweep(control):
            control.value = value  # observers fire synchronously
            state = explorer.state()
            assert state[name] == value
            assert all_finite(state)
            assert explorer.figure is figure, "the figure is updated in place"
            plan = explorer.current_plan()
            np.testing.assert_allclose(state["bars"], plan.weekly_minutes_by_week())
            np.testing.assert_allclose(
                state["gain"], stretching.schematic_gain(plan.stop_after_week)
            )
            assert state["weekly_minutes"] == plan.assessment().weekly_minutes
            seen.add(_shown(explorer))
        assert len(seen) == 3, f"moving {name!r} must change what is shown"
        control.value = _sweep(control)[2]


def test_live_explorer_extremes_and_bad_start() -> None:
    explorer = hipcourse.live("stretch_dose",
        holds_per_day=10, hold_seconds=120, days_per_week=7, stop_after_week=7
    )
    state = explorer.state()
    top = stretching.assess_dose(10, 120, 7).weekly_minutes
    assert state["weekly_minutes"] == top
    assert state["bars"][-1] == 0.0
    assert explorer.figure.layout.yaxis.range[1] > top
    with pytest.raises(ValueError):
        hipcourse.live("stretch_dose", holds_per_day=0)


# ---------------------------------------------------------------------------
# Notebook and pages
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notebook() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def _markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _headings(text: str) -> list[str]:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.findall(r"^(#+) ", text, flags=re.M)


def test_notebook_is_clean(notebook: dict) -> None:
    assert set(notebook["metadata"]) <= {"kernelspec", "course", "mystnb"}
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    course = notebook["metadata"]["course"]
    assert course["title"].startswith("05 · ")
    assert len(course["objectives"]) == 3 and course["time_minutes"] > 0
    first = "".join(notebook["cells"][0]["source"])
    assert first.startswith(f"# {course['title']}\n")
    for objective in course["objectives"]:
        assert objective in first
    for cell in notebook["cells"]:
        assert set(cell.get("metadata", {})) <= {"tags", "mystnb"}
        assert set(cell["metadata"].get("tags", [])) <= ALLOWED_TAGS
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            code = without_setup_cell("".join(cell["source"]))  # the setup cell is shared
            assert len(code.strip().splitlines()) <= 2
            assert "def " not in "".join(cell["source"])


def test_notebook_live_cell_and_static_twin(notebook: dict) -> None:
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    live = [c for c in code if "live-kernel" in c["metadata"].get("tags", [])]
    assert len(live) == 1
    assert {"skip-execution", "nbval-ignore-output"} <= set(live[0]["metadata"]["tags"])
    assert 'hipcourse.live("stretch_dose")' in "".join(live[0]["source"])
    twin = [c for c in code if "static-twin" in c["metadata"].get("tags", [])]
    assert len(twin) == 1 and 'hipcourse.figure("stretch_dose")' in "".join(twin[0]["source"])
    assert any('hipcourse.describe("stretch_dose")' in "".join(c["source"]) for c in code)
    markdown = _markdown(notebook)
    assert "live Jupyter kernel" in markdown and "static twin" in markdown
    assert "**Questions to try**" in markdown


def test_notebook_citations_headings_and_links(notebook: dict, bib_keys: set[str]) -> None:
    markdown = _markdown(notebook)
    cited = _cited(markdown)
    assert {"mcclure2007", "manske2010", "bandy1994", "bandy1997", "thomas2018"} <= cited
    assert "ingram2024" in cited
    assert cited <= bib_keys, f"unknown keys: {sorted(cited - bib_keys)}"
    headings = _headings(markdown)
    assert headings.count("#") == 1 and headings[0] == "#"
    for before, after in zip(headings, headings[1:], strict=False):
        assert len(after) <= len(before) + 1, "heading levels must not be skipped"
    for section in ("## 1. ", "## 2. ", "## 3. ", "## 4. ", "## Key points"):
        assert section in markdown
    assert "[safety page](../book/safety.md)" in markdown
    for target in re.findall(r"\]\(([^)#]+\.(?:md|ipynb))\)", markdown):
        assert (NOTEBOOK.parent / target).resolve().is_file(), target
    solutions = [c for c in notebook["cells"] if ":::{admonition} Solution" in "".join(c["source"])]
    assert len(solutions) == 1 and ":class: dropdown" in "".join(solutions[0]["source"])
    assert "## 5. Self-check" in markdown and ":::{admonition} Answers" in markdown
    key_points = markdown.split("## Key points", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"^- ", key_points, flags=re.M)) == 3


@pytest.mark.parametrize("page", [FAQ, SAFETY], ids=lambda p: p.name)
def test_pages_have_one_title_and_known_citations(page: Path, bib_keys: set[str]) -> None:
    text = page.read_text(encoding="utf-8")
    headings = _headings(text)
    assert headings.count("#") == 1 and headings[0] == "#"
    for before, after in zip(headings, headings[1:], strict=False):
        assert len(after) <= len(before) + 1
    assert _cited(text) <= bib_keys
    for target in re.findall(r"\]\(([^)#:]+\.(?:md|ipynb))\)", text):
        assert (page.parent / target).resolve().is_file(), target


def test_faq_answers_the_core_questions(bib_keys: set[str]) -> None:
    text = FAQ.read_text(encoding="utf-8").lower()
    for question in ("arthritis", "how long", "click", "hurt"):
        assert question in text
    assert _cited(text), "the FAQ cites its sources"


def test_safety_page_links_the_stretching_lesson() -> None:
    text = SAFETY.read_text(encoding="utf-8")
    assert "../notebooks/05_internal_rotation_stretch.ipynb" in text
    assert "hip replacement" in text.lower()
