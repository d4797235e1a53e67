"""Explorer 4, "Measure yourself": live widget sweep, bad input, invariants and the static twin."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import plotly.graph_objects as go
import pytest

import hipcapsule as hc
import hipcourse
from hipcourse.explorers.measure_yourself import caption as mcaption
from hipcourse.explorers.measure_yourself import figure as mfigure
from hipcourse.explorers.measure_yourself import state as mstate


@pytest.fixture(scope="module")
def static_json() -> dict:
    return json.loads(mfigure.measure_figure().to_json())


def _shown(ex) -> str:
    fig = ex.figure.to_dict()
    return json.dumps([fig["data"], fig["layout"].get("title"), ex.message.value], default=str)


def test_protocol() -> None:
    ex = hipcourse.live("measure_yourself")
    assert isinstance(ex.figure, go.FigureWidget)
    state = ex.state()
    assert set(state) >= {"tightness", "uncertainty", "rom"}
    assert state["error"] is None
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


def _sweep(control) -> list:
    if hasattr(control, "options"):
        return [v for _, v in control.options]
    if isinstance(control.value, bool):
        return [True, False]
    mid = (control.min + control.max) / 2
    return [control.min, control.max, mid]


@pytest.mark.parametrize("name", ["internal_rotation", "external_rotation", "use_flexion",
                                  "flexion", "region", "sex"])
def test_every_control_min_max_middle(name: str) -> None:
    ex = hipcourse.live("measure_yourself")
    control = ex.controls[name]
    seen = {_shown(ex)}
    for value in _sweep(control):
        control.value = value  # never raises, whatever the value
        state = ex.state()
        assert (state["error"] is None) == (state["tightness"] is not None)
        seen.add(_shown(ex))
    assert len(seen) > 1, f"moving {name} never changed the view"


@pytest.mark.parametrize("name", ["internal_rotation", "external_rotation", "flexion"])
@pytest.mark.parametrize("bad", [float("nan"), -5.0, 170.0, 250.0])
def test_bad_input_gives_a_message_not_an_exception(name: str, bad: float) -> None:
    ex = hipcourse.live("measure_yourself")
    if name == "flexion":
        ex.controls["use_flexion"].value = True
    ex.controls[name].value = bad
    state = ex.state()
    assert state["tightness"] is None and state["error"]
    assert "Please check your input" in ex.message.value
    assert "Traceback" not in ex.message.value
    assert all(v is None for v in ex.figure.data[1].y)
    # a good value recovers
    ex.controls[name].value = 120.0 if name == "flexion" else 30.0
    assert ex.state()["error"] is None and ex.state()["tightness"] is not None


def test_bad_input_messages_are_plain_language() -> None:
    with pytest.raises(ValueError, match="is not a number"):
        mstate.check_measurements({"internal_rotation": math.nan, "external_rotation": 40})
    with pytest.raises(ValueError, match="negative"):
        mstate.check_measurements({"internal_rotation": -3, "external_rotation": 40})
    with pytest.raises(ValueError, match="plausible range"):
        mstate.check_measurements({"internal_rotation": 30, "external_rotation": 120})
    with pytest.raises(ValueError, match="both"):
        mstate.check_measurements({"internal_rotation": 30})
    with pytest.raises(ValueError, match="not a number of degrees"):
        mstate.check_measurements({"internal_rotation": "a lot", "external_rotation": 30})


@pytest.mark.parametrize("region", ["posterior", "whole"])
@pytest.mark.parametrize("er", [25.0, 45.0])
def test_more_internal_rotation_never_means_a_tighter_fit(region: str, er: float) -> None:
    ex = hipcourse.live("measure_yourself", region=region)
    ex.controls["external_rotation"].value = er
    fits = []
    for ir in np.arange(0.0, 60.1, 5.0):
        ex.controls["internal_rotation"].value = float(ir)
        fits.append(ex.state()["tightness"])
    assert np.all(np.diff(fits) <= 1e-3), fits


@pytest.mark.parametrize("region", ["posterior", "whole", "anterior", "inferior", "best"])
@pytest.mark.parametrize("sex", ["male", "female"])
def test_displayed_rom_is_the_model_rom_of_the_fitted_capsule(region: str, sex: str) -> None:
    ex = hipcourse.live("measure_yourself", sex=sex, region=region)
    ex.controls["internal_rotation"].value = 18.0
    ex.controls["external_rotation"].value = 33.0
    state = ex.state()
    fit = hc.fit_tightness({"internal_rotation": 18.0, "external_rotation": 33.0},
                           region=region, sex=sex)
    assert state["tightness"] == pytest.approx(fit.tightness)
    assert state["region"] == fit.region
    rom = hc.range_of_motion(hc.region_capsule(fit.region, fit.tightness, sex)).as_dict()
    assert state["rom"] == pytest.approx(rom)
    bars = ex.figure.data[1].y
    assert list(bars) == pytest.approx([rom[m] for m in hc.MOTIONS], abs=0.051)
    normal = hc.range_of_motion(hc.default_capsule(sex)).as_dict()
    assert list(ex.figure.data[0].y) == pytest.approx([normal[m] for m in hc.MOTIONS], abs=0.051)
    if math.isfinite(fit.uncertainty):
        assert state["uncertainty"] == pytest.approx(fit.uncertainty)
    else:
        assert state["uncertainty"] is None


def test_flexion_is_used_when_ticked_and_typing_it_ticks_the_box() -> None:
    ex = hipcourse.live("measure_yourself", region="whole")
    assert "flexion" not in ex.state()["measured"]
    ex.controls["flexion"].value = 95.0
    assert ex.controls["use_flexion"].value is True
    state = ex.state()
    assert state["measured"]["flexion"] == 95.0
    fit = hc.fit_tightness({"internal_rotation": 25.0, "external_rotation": 40.0,
                            "flexion": 95.0}, region="whole")
    assert state["tightness"] == pytest.approx(fit.tightness)


def test_initial_readout_is_the_default_cell(static_json) -> None:
    ir0 = mcaption.STATIC_IR[len(mcaption.STATIC_IR) // 2]
    readout = [t for t in static_json["data"] if t.get("mode") == "text"][0]
    assert readout["text"] == _static_row(static_json, 0, ir0)
    assert readout["x"] == list(mcaption.STATIC_ER)


def _static_row(static_json: dict, region_index: int, ir: float) -> list[str]:
    (slider,) = static_json["layout"]["sliders"]
    step = next(s for s in slider["steps"] if float(s["label"]) == ir)
    return step["args"][0]["text"][1 + region_index]


def test_static_figure_size_and_alt_text() -> None:
    fig = mfigure.measure_figure()
    assert len(fig.to_json()) <= 1_000_000
    assert fig.layout.meta["alt_text"] == mcaption.caption_measure()
    assert "not diagnosis" in mcaption.caption_measure()


def _cell(static_json: dict, region_index: int, ir: float, er: float) -> tuple[float, str, str]:
    """Heatmap value, hover text and read-out text of one grid cell, from the figure JSON."""
    heat = [t for t in static_json["data"] if t["type"] == "heatmap"][region_index]
    i, j = heat["y"].index(ir), heat["x"].index(er)
    (slider,) = static_json["layout"]["sliders"]
    step = next(s for s in slider["steps"] if float(s["label"]) == ir)
    readout_row = step["args"][0]["text"][1 + region_index]
    return heat["z"][i][j], heat["text"][i][j], readout_row[j]


@pytest.mark.parametrize("region_index", [0, 1, 2])
@pytest.mark.parametrize("ir,er", [(5.0, 20.0), (25.0, 40.0), (35.0, 55.0), (45.0, 60.0),
                                   (15.0, 30.0)])
def test_static_grid_equals_the_live_fit(static_json, region_index, ir, er) -> None:
    region = mfigure.STATIC_REGIONS[region_index]
    z, hover, readout = _cell(static_json, region_index, ir, er)
    ex = hipcourse.live("measure_yourself", region=region)
    ex.controls["internal_rotation"].value = ir
    ex.controls["external_rotation"].value = er
    state = ex.state()
    assert z == pytest.approx(state["tightness"], abs=0.005)
    if state["uncertainty"] is None:
        assert "not pinned down" in hover
    else:
        u = float(re.search(r"± ([\d.]+)", hover).group(1))
        assert u == pytest.approx(state["uncertainty"], abs=0.0005)
    for motion, label in mcaption.MOTION_LABELS.items():
        shown = float(re.search(re.escape(label) + r": ([\d.]+)°", readout).group(1))
        assert shown == pytest.approx(state["rom"][motion], abs=0.5)


def test_slider_and_buttons_move_the_marker_and_window(static_json) -> None:
    (ir_slider,) = static_json["layout"]["sliders"]  # one slider: see the module docs
    region_menu, er_menu = static_json["layout"]["updatemenus"]
    marker = len(static_json["data"]) - 1
    n_regions = len(mfigure.STATIC_REGIONS)
    readouts = list(range(n_regions, 2 * n_regions))
    for step in ir_slider["steps"]:
        ir = float(step["label"])
        data, idx = step["args"]
        assert idx == [marker, *readouts] and data["y"][0] == [ir]
        assert [len(row) for row in data["text"][1:]] == [len(mcaption.STATIC_ER)] * n_regions
    for step in er_menu["buttons"]:
        er = float(step["label"])
        data, layout, idx = step["args"]
        assert idx == [marker] and data["x"] == [[er]]
        assert np.mean(layout["xaxis2.range"]) == pytest.approx(er)
    # the browser test clicks the right end of the first slider and the figure's last button
    assert ir_slider["active"] != len(ir_slider["steps"]) - 1
    assert er_menu["active"] != len(er_menu["buttons"]) - 1
    buttons = region_menu["buttons"]
    assert buttons[-1]["args"][0]["visible"] != buttons[0]["args"][0]["visible"]


def test_caption_numbers_are_computed() -> None:
    ir0 = mcaption.STATIC_IR[len(mcaption.STATIC_IR) // 2]
    er0 = mcaption.STATIC_ER[len(mcaption.STATIC_ER) // 2]
    fit = hc.fit_tightness({"internal_rotation": ir0, "external_rotation": er0},
                           region="posterior")
    assert f"{fit.tightness:.3f}" in mcaption.caption_measure()
