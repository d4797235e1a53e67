"""One harness for every explorer in the registry (the shared explorer contract).

For each explorer: it follows the protocol; its static figure carries exactly its declared
controls; every setting the static figure offers, applied to the figure JSON the way plotly.js
applies it, shows what the live explorer shows for the same setting (static twin == live
model); every static option and every live control changes what is shown; the first state of
the static figure is its active options.
"""

from __future__ import annotations

import json
import math

import ipywidgets
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly_steps import apply
from support import all_finite

import hipcourse
from hipcourse.explorers import NAMES, Explorer, get

#: Absolute tolerance when comparing what the static and the live figure show. Both go
#: through the same rounding, except where noted: the 3-D colour values are rounded to 1e-4
#: of length / slack (strain to about 2e-4), and the measure read-out prints whole degrees
#: where the live bars keep 0.1 degree.
TOLERANCE = {"inside_joint": 2e-3, "measure_yourself": 1.0}


def _fig_dict(fig) -> dict:
    return json.loads(pio.to_json(fig))


@pytest.fixture(scope="module", params=NAMES)
def explorer(request) -> Explorer:
    return get(request.param)


@pytest.fixture(scope="module")
def static(explorer) -> dict:
    return _fig_dict(explorer.figure())


def _close(a, b, tol: float, path: str = "") -> None:
    if isinstance(a, dict):
        assert isinstance(b, dict), path
        for key in set(a) & set(b):
            _close(a[key], b[key], tol, f"{path}.{key}")
    elif isinstance(a, list | tuple):
        assert isinstance(b, list | tuple) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, tol, f"{path}[{i}]")
    elif isinstance(a, float | int) and not isinstance(a, bool) and a is not None:
        assert b is not None and math.isclose(a, b, abs_tol=tol), f"{path}: {a} != {b}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def _static_view(explorer, static: dict, settings: dict) -> dict:
    fig = json.loads(json.dumps(static))
    indices = explorer.option_indices(settings)
    for control in explorer.controls():
        option = control.options[indices[control.name]]
        apply(fig, option.method, option.args)
    return fig


def test_registry_has_every_lesson_explorer() -> None:
    assert len(NAMES) == len(set(NAMES)) >= 7
    for name in NAMES:
        ex = get(name)
        assert isinstance(ex, Explorer) and ex.name == name
    with pytest.raises(ValueError, match="explorer='nope' is not one of"):
        get("nope")


def test_protocol(explorer) -> None:
    live = explorer.live()
    assert isinstance(live.figure, go.FigureWidget)
    assert isinstance(live.view, ipywidgets.Widget)
    assert live.controls and all(isinstance(c, ipywidgets.ValueWidget)
                                 for c in live.controls.values())
    assert isinstance(live.state(), dict) and all_finite(live.state())
    assert "application/vnd.jupyter.widget-view+json" in live._repr_mimebundle_()
    fig = explorer.figure()
    assert isinstance(fig, go.Figure) and fig is not explorer.figure(), "a fresh copy each time"
    caption = explorer.caption()
    assert isinstance(caption, str) and len(caption) > 80
    markdown = hipcourse.describe(explorer.name)._repr_markdown_()
    assert markdown.startswith(f"**{explorer.label} (description).** ")
    assert isinstance(explorer.state(), dict)


def test_static_figure_carries_exactly_its_controls(explorer, static: dict) -> None:
    layout = static["layout"]
    for kind, key in (("slider", "sliders"), ("buttons", "updatemenus")):
        declared = [c.plotly() for c in explorer.controls() if c.kind == kind]
        if not declared:
            assert not layout.get(key), f"{explorer.name}: undeclared {key}"
            continue
        assert layout[key] == _fig_dict(go.Figure(layout={key: declared}))["layout"][key]
    for control in explorer.controls():
        assert len({o.label for o in control.options}) == len(control.options), control.name
        assert 0 <= control.active < len(control.options)


def test_first_state_is_the_active_options(explorer, static: dict) -> None:
    defaults = {c.name: c.default for c in explorer.controls()}
    _close(explorer.readout(static), explorer.readout(_static_view(explorer, static, defaults)),
           1e-12)


def test_static_twin_equals_the_live_model(explorer, static: dict) -> None:
    live = explorer.live()
    tol = TOLERANCE.get(explorer.name, 1e-9)
    checked = 0
    for settings in explorer.static_settings():
        shown = explorer.readout(_static_view(explorer, static, settings))
        explorer.apply(live, settings)
        live_shown = explorer.readout(live.figure.to_dict())
        assert shown and live_shown, settings
        assert set(shown) & set(live_shown), (settings, shown, live_shown)
        _close(shown, live_shown, tol, f"{explorer.name}{settings}")
        checked += 1
    assert checked >= 1


def test_every_static_option_changes_what_is_shown(explorer, static: dict) -> None:
    defaults = {c.name: c.default for c in explorer.controls()}
    for control in explorer.controls():
        seen = set()
        for option in control.options:
            fig = _static_view(explorer, static, {**defaults, control.name: option.value})
            seen.add(json.dumps(explorer.readout(fig), sort_keys=True))
        assert len(seen) > 1, f"{explorer.name}: no option of {control.name!r} changes the view"


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


def shown(live) -> str:
    """Everything a live explorer displays: figure data/layout and its state, as text."""
    fig = live.figure.to_dict()
    return json.dumps([fig["data"], fig["layout"].get("annotations"), live.state()],
                      sort_keys=True, default=str)


def test_every_live_control_reaches_its_ends_and_changes_the_view(explorer) -> None:
    live = explorer.live()
    # Park numeric controls at their far end first, so that e.g. a region choice is swept at
    # a tightness where regions differ (at tightness 0 every region is the normal capsule).
    for control in live.controls.values():
        if not isinstance(control, ipywidgets.widgets.widget_selection._Selection):
            control.value = sweep_values(control)[1]
    for cname, control in live.controls.items():
        outputs = set()
        for value in sweep_values(control):
            control.value = value  # observers fire synchronously
            if isinstance(value, float):
                assert control.value == pytest.approx(value, abs=getattr(control, "step", 0))
            else:
                assert control.value == value
            state = live.state()
            assert all_finite(state), f"{explorer.name}.{cname}={value!r}: non-finite {state}"
            outputs.add(shown(live))
        assert len(outputs) > 1, f"{explorer.name}: moving {cname!r} never changed the view"


def _bib_keys() -> set[str]:
    import re

    from hipcourse import style

    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", style.BIB_PATH.read_text("utf-8")))


def _widget_texts(widget) -> list[str]:
    out = [str(getattr(widget, "value", ""))] if hasattr(widget, "value") else []
    out += [str(getattr(widget, "description", ""))]
    for child in getattr(widget, "children", ()):
        out += _widget_texts(child)
    return out


@pytest.mark.parametrize("name", hipcourse.NAMES)
def test_no_raw_citation_key_reaches_a_reader(name):
    """Figure text, hover, legend, alt text, captions and live read-outs give sources in
    words (``Thomas et al. 2018``), never as bibliography keys (``thomas2018``)."""
    import re

    import plotly.io as pio

    live = hipcourse.live(name)
    texts = [pio.to_json(hipcourse.figure(name)), hipcourse.get(name).caption(),
             pio.to_json(live.figure), *_widget_texts(live.view)]
    raw = {k for k in _bib_keys() for t in texts
           if re.search(rf"(?<![\w{{`/]){re.escape(k)}(?![\w}}])", t)}
    assert not raw, raw


def test_source_labels_come_from_the_bibliography():
    from hipcourse import style

    assert style.source_label("thomas2018") == "Thomas et al. 2018"
    assert style.source_label("bandy1994") == "Bandy and Irion 1994"
    assert style.source_label("vanarkel2015") != style.source_label("vanarkel2015bjj")
    # an author list known only in part ("Hidaka, E. and others") reads "et al."
    assert style.source_label("hidaka2014") == "Hidaka et al. 2014"
    assert not any("others" in label for label in style._source_labels().values())
    assert style.in_words("a (bandy1994, thomas2018).") == (
        "a (Bandy and Irion 1994; Thomas et al. 2018).")
    with pytest.raises(ValueError, match="source key 'nope2020' is not in references.bib"):
        style.source_label("nope2020")
