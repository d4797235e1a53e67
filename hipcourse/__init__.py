"""hipcourse: the course's presentation of the hipcapsule model.

* :mod:`hipcourse.content` -- course content as data (ligament notes, stretching dose);
* :mod:`hipcourse.style` -- fonts, colours, templates and labels;
* :mod:`hipcourse.captions` -- the one caption helper;
* :mod:`hipcourse.tables` -- Markdown renderings of :mod:`hipcapsule.analysis`;
* :mod:`hipcourse.numbers` -- numbers pasted into lesson prose (myst-nb ``glue``);
* :mod:`hipcourse.explorers` -- one folder per explorer (state, figure, caption, live) and
  the registry;
* :mod:`hipcourse.figures` -- static figures and illustrations that are not explorers (the
  mannequin drawings, diagrams, charts of published numbers), one module each.

A lesson cell is one call: ``hipcourse.figure("tightness_rom")``,
``hipcourse.describe("tightness_rom")`` or ``hipcourse.live("tightness_rom")``; for a static
figure, ``hipcourse.illustration("stretch_stage_1")`` and
``hipcourse.describe_illustration("stretch_stage_1")``.
"""

from __future__ import annotations

from . import captions, content, style, tables
from .explorers import NAMES, all_explorers, get

__all__ = [
    "NAMES",
    "all_explorers",
    "captions",
    "content",
    "describe",
    "describe_illustration",
    "figure",
    "get",
    "illustration",
    "live",
    "style",
    "tables",
]


def figure(name: str):
    """The static figure of explorer ``name`` (works on the website without a kernel)."""
    return get(name).figure()


def describe(name: str):
    """The description of explorer ``name``'s figure (Markdown in a notebook)."""
    return get(name).describe()


def live(name: str, **kwargs):
    """The live ipywidgets version of explorer ``name`` (needs a running kernel)."""
    return get(name).live(**kwargs)


def illustration(name: str):
    """Static figure ``name`` of :mod:`hipcourse.figures` (a drawing, diagram or chart)."""
    from . import figures

    return figures.figure(name)


def describe_illustration(name: str):
    """The description of static figure ``name`` (Markdown in a notebook)."""
    from . import figures

    return figures.caption(name)
