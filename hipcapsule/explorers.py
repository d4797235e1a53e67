"""One registry of every live (ipywidgets) explorer in the package.

Each explorer module keeps its own ``LIVE_EXPLORERS`` dict (name -> factory);
:func:`all_live_explorers` merges them so tests and tools can drive every
explorer without knowing where it lives. A factory takes no arguments and
returns an object following the live-explorer protocol:

``controls``
    ``dict[str, ipywidgets.ValueWidget]``: every control a learner can move.
``figure``
    ``plotly.graph_objects.FigureWidget`` updated in place (``batch_update``).
``view``
    the ``ipywidgets.Widget`` to display.
``state()``
    the model outputs currently displayed, as a dict.
``_repr_mimebundle_(**kw)``
    delegates to ``view`` so that a notebook cell is a single call.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

#: Modules that define a ``LIVE_EXPLORERS`` registry.
EXPLORER_MODULES = (
    "hipcapsule.widgets",
    "hipcapsule.joint3d",
    "hipcapsule.measure",
    "hipcapsule.stretching",
)


def all_live_explorers() -> dict[str, Callable[[], Any]]:
    """Return every registered live-explorer factory, by name.

    Raises
    ------
    ValueError
        If two modules register the same explorer name.
    """
    merged: dict[str, Callable[[], Any]] = {}
    for name in EXPLORER_MODULES:
        module = importlib.import_module(name)
        for key, factory in getattr(module, "LIVE_EXPLORERS", {}).items():
            if key in merged:
                raise ValueError(f"explorer name {key!r} is registered twice (again in {name})")
            merged[key] = factory
    return merged
