"""Drive every live explorer like a learner would: every control to min, max and middle.

Explorer-specific invariants (ROM bars equal the model, monotonic tightness, ...) live
in each explorer's own test file; this sweep checks the shared protocol for all of them:
no exception for any control value, and every control changes what is shown.
"""

from __future__ import annotations

import json

import ipywidgets
import plotly.graph_objects as go
import pytest
from support import all_finite

from hipcapsule.explorers import all_live_explorers

EXPLORERS = all_live_explorers()


def sweep_values(control) -> list:
    """Values a learner can reach with one control: ends and middle, or every option."""
    if isinstance(control, ipywidgets.widgets.widget_selection._Selection):
        return [value for _, value in control._options_full]
    if isinstance(control, ipywidgets.Checkbox | ipywidgets.ToggleButton):
        return [True, False]
    if hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        mid = (lo + hi) / 2
        step = getattr(control, "step", None)
        if isinstance(lo, int) and isinstance(hi, int):
            mid = int(round(mid))
        elif step:
            mid = lo + round((mid - lo) / step) * step
        return [lo, hi, mid]
    pytest.fail(f"no sweep rule for control type {type(control).__name__}")


def shown(explorer) -> str:
    """Everything the explorer displays: figure data/layout and its state, as text."""
    fig = explorer.figure.to_dict()
    return json.dumps([fig["data"], fig["layout"].get("annotations"), explorer.state()],
                      sort_keys=True, default=str)


def test_registry_is_not_empty() -> None:
    assert len(EXPLORERS) >= 4


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_follows_the_protocol(name: str) -> None:
    ex = EXPLORERS[name]()
    assert isinstance(ex.figure, go.FigureWidget)
    assert isinstance(ex.view, ipywidgets.Widget)
    assert ex.controls and all(isinstance(c, ipywidgets.ValueWidget)
                               for c in ex.controls.values())
    assert isinstance(ex.state(), dict)
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle



@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_control_reaches_its_ends_and_changes_the_view(name: str) -> None:
    ex = EXPLORERS[name]()
    # Park numeric controls mid-range first, so that e.g. a region choice is swept at a
    # tightness where regions differ (at tightness 0 every region is the normal capsule).
    for control in ex.controls.values():
        if not isinstance(control, ipywidgets.widgets.widget_selection._Selection):
            control.value = sweep_values(control)[-1]
    for cname, control in ex.controls.items():
        outputs = set()
        for value in sweep_values(control):
            control.value = value  # observers fire synchronously
            assert control.value == value or isinstance(value, float)
            state = ex.state()
            assert all_finite(state), f"{name}.{cname}={value!r}: non-finite state {state}"
            outputs.add(shown(ex))
        assert len(outputs) > 1, f"{name}: moving {cname!r} never changed what is shown"
