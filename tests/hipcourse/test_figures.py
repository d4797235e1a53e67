"""One harness for every static figure of :mod:`hipcourse.figures` (drawings, diagrams, charts).

Each registered figure draws, carries alt text that gives sources in words (no bibliography
keys), fits the page's data budget, declares only sources that are in the bibliography, and is
a fresh copy on every call (a lesson cannot change another's figure).
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest
from support import ROOT

import hipcourse
from hipcourse import figures, style

NAMES = figures.names()
BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib")
                          .read_text(encoding="utf-8"), flags=re.M))


def test_unknown_figure_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"figure='no_such_figure' is not a registered"):
        hipcourse.illustration("no_such_figure")
    with pytest.raises(ValueError, match="figure=3"):
        figures.spec(3)


@pytest.mark.parametrize("name", NAMES)
def test_figure_draws_with_alt_text_and_sources_in_words(name: str) -> None:
    fig = hipcourse.illustration(name)
    assert isinstance(fig, go.Figure) and fig.data
    alt = fig.layout.meta["alt_text"]
    assert isinstance(alt, str) and len(alt.split()) >= 12, "alt text says what it shows"
    assert style.in_words(alt) == alt, "alt text names sources in words, not keys"
    for key in BIB_KEYS:
        assert not re.search(rf"\b{re.escape(key)}\b", alt), key
    assert len(fig.to_json()) <= 1_000_000
    caption = hipcourse.describe_illustration(name)
    assert caption == alt and caption._repr_markdown_().startswith("**")


@pytest.mark.parametrize("name", NAMES)
def test_figure_sources_are_in_the_bibliography(name: str) -> None:
    missing = set(figures.spec(name).sources) - BIB_KEYS
    assert not missing, f"{name}: not in book/references.bib: {sorted(missing)}"


@pytest.mark.parametrize("name", NAMES)
def test_each_call_is_a_fresh_copy(name: str) -> None:
    first = hipcourse.illustration(name)
    first.update_layout(title_text="changed by a lesson")
    assert hipcourse.illustration(name).layout.title.text != "changed by a lesson"
