"""Apply a static control's precomputed Plotly step to a figure dict, as plotly.js would.

Only the parts of Plotly's ``restyle``, ``relayout`` and ``update`` semantics the course uses:
a restyle value that is a list goes element-wise to the listed traces (``value[i % len]``),
anything else to all of them; ``None`` resets an attribute; dotted keys address nested
attributes (``"marker.color"``, ``"xaxis2.range"``).
"""

from __future__ import annotations

import copy


def _set(obj: dict, dotted: str, value) -> None:
    *path, last = dotted.split(".")
    for part in path:
        obj = obj.setdefault(part, {})
    if value is None:
        obj.pop(last, None)
    else:
        obj[last] = copy.deepcopy(value)


def restyle(figure: dict, update: dict, indices=None) -> None:
    """Plotly.restyle(figure, update, indices) on a figure dict, in place."""
    traces = figure["data"]
    idx = list(range(len(traces))) if indices is None else list(indices)
    for key, value in update.items():
        for k, i in enumerate(idx):
            v = value[k % len(value)] if isinstance(value, list) else value
            _set(traces[i], key, v)


def relayout(figure: dict, update: dict) -> None:
    """Plotly.relayout(figure, update) on a figure dict, in place."""
    for key, value in update.items():
        _set(figure.setdefault("layout", {}), key, value)


def apply(figure: dict, method: str, args: list) -> None:
    """Apply one button or slider step (its ``method`` and ``args``) in place."""
    if method == "restyle":
        restyle(figure, args[0], args[1] if len(args) > 1 else None)
    elif method == "relayout":
        relayout(figure, args[0])
    elif method == "update":
        restyle(figure, args[0], args[2] if len(args) > 2 else None)
        relayout(figure, args[1])
    else:
        raise ValueError(f"method={method!r} is not restyle, relayout or update")
