"""Static figures and illustrations that are not explorers: one module per figure or family.

An explorer (:mod:`hipcourse.explorers`) has a live twin and controls tested against the model;
the figures here are drawn once: the mannequin illustrations of the stretch stages, the
measuring set-ups and the sit-to-stand progression, diagrams of how the femoral head moves,
charts of published numbers. A lesson cell is one call, like an explorer's:
``hipcourse.illustration("stretch_stage_1")`` and ``hipcourse.describe_illustration(...)``.

Every module in this package that defines ``FIGURES`` is registered (no list to edit).
``FIGURES`` maps a name to a :class:`FigureSpec`. Names are unique across the package.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import plotly.graph_objects as go

__all__ = ["FigureSpec", "caption", "figure", "names", "source_keys", "spec"]


@dataclass(frozen=True)
class FigureSpec:
    """One registered figure.

    Attributes
    ----------
    build : callable () -> plotly.graph_objects.Figure
        Draws the figure; ``layout.meta["alt_text"]`` must hold its description.
    label : str
        How a lesson labels it ("Figure", "Illustration").
    sources : tuple of str
        Bibliography keys its caption may cite (turned into ``{cite}`` roles).
    """

    build: Callable[[], go.Figure]
    label: str = "Figure"
    sources: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def _registry() -> dict[str, tuple[str, FigureSpec]]:
    out: dict[str, tuple[str, FigureSpec]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, fig_spec in getattr(module, "FIGURES", {}).items():
            if name in out:
                raise RuntimeError(f"figure name {name!r} is defined in both "
                                   f"{out[name][0]} and {module.__name__}")
            out[name] = (module.__name__, fig_spec)
    return out


def names() -> tuple[str, ...]:
    """Every registered figure name, sorted."""
    return tuple(sorted(_registry()))


def spec(name: str) -> FigureSpec:
    """The :class:`FigureSpec` of ``name``.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the known ones).
    """
    if not isinstance(name, str) or name not in _registry():
        raise ValueError(f"figure={name!r} is not a registered figure; "
                         f"known: {', '.join(names())}")
    return _registry()[name][1]


def figure(name: str) -> go.Figure:
    """A fresh copy of figure ``name``."""
    return spec(name).build()


def caption(name: str):
    """Figure ``name``'s description (its alt text) as a :class:`hipcourse.captions.Caption`."""
    from ..captions import caption as make_caption

    fig_spec = spec(name)
    text = figure(name).layout.meta["alt_text"]
    return make_caption(fig_spec.label, text)


def source_keys() -> frozenset[str]:
    """Bibliography keys cited by any registered figure."""
    return frozenset(k for _, s in _registry().values() for k in s.sources)
