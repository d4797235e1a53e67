"""Explorer 4, "Measure yourself": live widget sweep, bad input, invariants and the static twin."""

from __future__ import annotations

import html
import json
import math
import re
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import pytest

import hipcapsule as hc
import hipcourse
from hipcapsule import published
from hipcapsule.fitting import healthy_reference
from hipcourse import style
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
    assert set(state) >= {"tightness", "interval", "verdict", "chi2", "dof", "rms_residual_deg",
                          "rom"}
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
    assert state["interval"] == pytest.approx(fit.interval)
    assert state["not_identifiable"] == fit.not_identifiable
    assert state["consistent_with_normal"] == fit.consistent_with_normal
    assert (state["chi2"], state["dof"]) == (pytest.approx(fit.chi2), fit.dof)
    assert state["rms_residual_deg"] == pytest.approx(fit.rms_residual_deg)
    assert state["message"] == fit.message
    assert state["reference"] == fit.reference_deg
    assert state["expected"] == pytest.approx(fit.predicted_deg)


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
    readout = [t for t in static_json["data"] if t.get("yaxis") == "y2"][0]
    assert readout["text"] == _static_row(static_json, 0, ir0)
    er0 = mcaption.STATIC_ER[len(mcaption.STATIC_ER) // 2]
    # only the chosen ER's cell has an x: the page draws one read-out text
    assert readout["x"] == [0.0 if er == er0 else None for er in mcaption.STATIC_ER]


def _static_row(static_json: dict, region_index: int, ir: float) -> list[str]:
    (slider,) = static_json["layout"]["sliders"]
    step = next(s for s in slider["steps"] if float(s["label"]) == ir)
    return step["args"][0]["text"][1 + region_index]


def test_static_figure_size_and_alt_text() -> None:
    fig = mfigure.measure_figure()
    assert len(fig.to_json()) <= 1_000_000
    assert fig.layout.meta["alt_text"] == mcaption.caption_measure()
    assert "not diagnosis" in mcaption.caption_measure()


def _cell(static_json: dict, region_index: int, ir: float, er: float) -> tuple:
    """Heatmap value (%), hover text, read-out text (its wrapped lines joined again) and
    verdict mark of one grid cell."""
    heat = [t for t in static_json["data"] if t["type"] == "heatmap"][region_index]
    i, j = heat["y"].index(ir), heat["x"].index(er)
    (slider,) = static_json["layout"]["sliders"]
    step = next(s for s in slider["steps"] if float(s["label"]) == ir)
    readout_row = step["args"][0]["text"][1 + region_index]
    marks = [t for t in static_json["data"] if t.get("name", "").startswith("verdicts:")]
    m = marks[region_index]
    mark = next((t for x, y, t in zip(m["x"], m["y"], m["text"], strict=True)
                 if (x, y) == (er, ir)), "")
    if mark:  # the symbol drawn is the one the key shows
        k = list(zip(m["x"], m["y"], strict=True)).index((er, ir))
        assert m["marker"]["symbol"][k] == mcaption.MARK_SYMBOLS[mark]
    readout = readout_row[j].replace(style.WRAP_BREAK, " ")
    return heat["z"][i][j], heat["text"][i][j], readout, mark


@pytest.mark.parametrize("region_index", [0, 1, 2])
@pytest.mark.parametrize("ir,er", [(5.0, 20.0), (25.0, 40.0), (35.0, 55.0), (45.0, 60.0),
                                   (15.0, 30.0), (40.0, 40.0), (25.0, 60.0)])
def test_static_grid_equals_the_live_fit(static_json, region_index, ir, er) -> None:
    region = mfigure.STATIC_REGIONS[region_index]
    z, hover, readout, mark = _cell(static_json, region_index, ir, er)
    ex = hipcourse.live("measure_yourself", region=region)
    ex.controls["internal_rotation"].value = ir
    ex.controls["external_rotation"].value = er
    state = ex.state()
    d = ex._display
    if state["not_identifiable"]:
        assert z is None and "not pinned down" in hover
    else:
        assert z == pytest.approx(100 * state["tightness"], abs=0.005)
        lo, hi = (float(v) for v in re.search(r"68 % interval ([\d.]+)\u2013([\d.]+) %",
                                              hover).groups())
        assert (lo, hi) == pytest.approx([100 * v for v in state["interval"]], abs=0.05)
    # the same wording in the hover text, the static read-out and the live explorer
    verdict = mcaption.verdict_line(d)
    assert verdict in hover and verdict in readout and verdict in ex.message.value
    assert mcaption.fmt_fit(d) in hover and mcaption.fmt_fit(d) in readout
    assert mark == mcaption.MARKS[state["verdict"]]
    # what the fit compares with and expects, in the hover text and the read-out
    e_ir, e_er = (state["expected"][m] for m in ("internal_rotation", "external_rotation"))
    assert f"expected with it: IR {e_ir:.0f}°, ER {e_er:.0f}°" in hover
    assert mcaption.compared_line(d) in readout and mcaption.expected_line(d) in readout
    for motion, label in mcaption.MOTION_LABELS.items():
        shown = float(re.search(re.escape(label) + r": ([\d.]+)°", readout).group(1))
        assert shown == pytest.approx(state["rom"][motion], abs=0.5)


def test_slider_and_buttons_move_the_marker_and_the_read_out(static_json) -> None:
    (ir_slider,) = static_json["layout"]["sliders"]  # one slider: see the module docs
    region_menu, er_menu = static_json["layout"]["updatemenus"]
    marker = len(static_json["data"]) - 1
    n_regions = len(mfigure.STATIC_REGIONS)
    readouts = [i for i, t in enumerate(static_json["data"]) if t.get("yaxis") == "y2"]
    assert len(readouts) == n_regions
    for step in ir_slider["steps"]:
        ir = float(step["label"])
        data, idx = step["args"]
        assert idx == [marker, *readouts] and data["y"][0] == [ir]
        assert [len(row) for row in data["text"][1:]] == [len(mcaption.STATIC_ER)] * n_regions
    for step in er_menu["buttons"]:
        er = float(step["label"])
        data, idx = step["args"]
        assert step["method"] == "restyle" and idx == [marker, *readouts]
        assert data["x"][0] == [er]
        # each region's read-out draws the cell of this ER only
        drawn = [[e for e, x in zip(mcaption.STATIC_ER, row, strict=True) if x is not None]
                 for row in data["x"][1:]]
        assert drawn == [[er]] * n_regions
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
    assert f"{100 * fit.tightness:.1f} %" in mcaption.caption_measure()
    lo, hi = fit.interval
    assert f"68 % interval {100 * lo:.1f}\u2013{100 * hi:.1f} %" in mcaption.caption_measure()


# --- what the fit says: verdicts --------------------------------------------------------------

_NO_SIGN_VERDICTS = {"above", "normal"}


def _healthy(with_flexion: bool) -> dict:
    motions = ("internal_rotation", "external_rotation") + (("flexion",) if with_flexion else ())
    return healthy_reference(motions)


@pytest.mark.parametrize("region", mstate.REGION_CHOICES)
@pytest.mark.parametrize("sex", ["male", "female"])
@pytest.mark.parametrize("with_flexion", [False, True])
def test_the_healthy_average_reads_no_sign_of_a_tight_capsule(region, sex, with_flexion):
    """Typing the healthy adults' average seated values (kouyoumdjian2012) never reads as
    tight, in any region and either model hip, although the model's cadaver capsule turns
    further than living adults do: the model's own fit puts them at a normal capsule."""
    seated = published.rotation_for_position("seated")
    healthy = _healthy(with_flexion)
    assert healthy["internal_rotation"] == seated.internal_rotation_deg
    assert healthy["external_rotation"] == seated.external_rotation_deg
    ex = hipcourse.live("measure_yourself", sex=sex, region=region)
    ex.controls["use_flexion"].value = with_flexion
    for name, value in healthy.items():
        ex.controls[name].value = value
    state = ex.state()
    assert state["measured"] == healthy
    assert state["reference"] == healthy  # the model's reference, shown as it is
    assert state["verdict"] in _NO_SIGN_VERDICTS, state
    assert state["consistent_with_normal"] and state["tightness"] == pytest.approx(0.0)
    shown = _shown(ex)
    assert mcaption.NO_SIGN in shown
    assert "Fits a tighter" not in shown and "tighter than normal" not in shown


def test_the_fit_compares_changes_from_the_healthy_average() -> None:
    """Why the explorer uses the model's reference mode: the model's normal capsule is a
    cadaver capsule whose seated ER is larger than healthy living adults', so a fit of
    absolute angles tightens the anterior capsule for the healthy average. The explorer's fit
    is the model's default (changes from healthy adults' averages) and says so."""
    healthy = _healthy(False)
    normal = hc.range_of_motion(hc.default_capsule()).as_dict()
    assert normal["external_rotation"] > healthy["external_rotation"]
    assert not hc.fit_tightness(healthy, region="anterior", reference=None).consistent_with_normal
    assert mstate.REFERENCE == "healthy"
    measured = {"internal_rotation": 20.0, "external_rotation": 35.0}
    d = mstate.fit_display(measured, "whole")
    fit = hc.fit_tightness(measured, region="whole")
    assert fit.reference_deg == healthy_reference(measured)
    assert d.reference == fit.reference_deg and d.expected == pytest.approx(fit.predicted_deg)
    line = mcaption.compared_line(d)
    assert "healthy adults' averages measured the same way" in line
    assert "not with the model's cadaver angles" in line
    for motion, value in healthy.items():
        assert f"{style.motion_words(motion)} {value:g}\u00b0" in line
    ex = hipcourse.live("measure_yourself", region="whole")
    ex.controls["internal_rotation"].value = 20.0
    ex.controls["external_rotation"].value = 35.0
    assert line in ex.message.value and mcaption.expected_line(d) in ex.message.value
    shown = mfigure.readout(ex.figure.to_dict())
    assert shown["reference"] == healthy
    assert shown["expected"] == {m: round(v) for m, v in fit.predicted_deg.items()}
    assert "healthy adults' averages measured the same way" in mcaption.caption_measure()


def test_a_flat_cost_shows_the_models_plain_language_message() -> None:
    ex = hipcourse.live("measure_yourself", region="inferior")
    ex.controls["internal_rotation"].value = 20.0
    fit = hc.fit_tightness({"internal_rotation": 20.0, "external_rotation": 40.0},
                           region="inferior")
    assert fit.not_identifiable
    state = ex.state()
    assert state["verdict"] == "cannot_tell"
    assert html.escape(fit.message) in ex.message.value
    assert "Cannot tell" in ex.message.value and "not pinned down" in ex.message.value
    assert "not pinned down" in ex.figure.layout.title.text
    assert mfigure.readout(ex.figure.to_dict())["tightness"] is None


def test_consistent_with_normal_says_so() -> None:
    ex = hipcourse.live("measure_yourself", region="posterior")
    ex.controls["internal_rotation"].value = 36.0
    ex.controls["external_rotation"].value = 30.0
    fit = hc.fit_tightness({"internal_rotation": 36.0, "external_rotation": 30.0},
                           region="posterior")
    assert fit.consistent_with_normal and not fit.not_identifiable
    assert ex.state()["verdict"] == "normal"
    assert "consistent with a normal capsule" in ex.message.value
    assert mcaption.NO_SIGN in ex.figure.layout.annotations[0].text


def test_a_fit_tighter_than_the_healthy_average_says_so_with_its_interval() -> None:
    ex = hipcourse.live("measure_yourself", region="posterior")
    ex.controls["internal_rotation"].value = 15.0
    state = ex.state()
    assert state["verdict"] == "tighter"
    lo, hi = state["interval"]
    assert 0 < lo <= state["tightness"] <= hi
    assert not state["consistent_with_normal"]
    shown = mfigure.readout(ex.figure.to_dict())
    assert shown["tightness"] == pytest.approx(100 * state["tightness"], abs=0.05)
    assert shown["interval"] == pytest.approx([100 * lo, 100 * hi], abs=0.05)
    assert "\u00b1" not in ex.figure.layout.title.text  # an interval, not value ± error
    assert "Fits a tighter" in shown["verdict"]
    assert html.escape(state["message"]) in ex.message.value  # the model's sentence agrees


def test_verdict_order() -> None:
    """Each verdict where its rule applies (see the state module's docs)."""
    t_max = hc.MEANINGFUL_TIGHTNESS["posterior"][1]
    ref = {"internal_rotation": 38.0, "external_rotation": 40.0}

    def fit(**kw):
        base = {"region": "posterior", "measured_deg": {"internal_rotation": 20.0,
                "external_rotation": 30.0}, "reference_deg": ref, "not_identifiable": False,
                "consistent_with_normal": False, "tightness": 0.5 * t_max,
                "interval": (0.4 * t_max, 0.6 * t_max), "rms_residual_deg": 1.0}
        return SimpleNamespace(**{**base, **kw})

    above = {"internal_rotation": 38.0, "external_rotation": 50.0}
    assert mstate.verdict_of(fit(measured_deg=above, not_identifiable=True)) == "above"
    # a fit of absolute angles has no average to be above
    assert mstate.verdict_of(fit(measured_deg=above, reference_deg=None)) == "tighter"
    assert mstate.verdict_of(fit(not_identifiable=True, consistent_with_normal=True)) == \
        "cannot_tell"
    assert mstate.verdict_of(fit(consistent_with_normal=True)) == "normal"
    assert mstate.verdict_of(fit(tightness=t_max, rms_residual_deg=9.0)) == "beyond"
    assert mstate.verdict_of(fit(tightness=t_max, rms_residual_deg=1.0)) == "tighter"
    assert mstate.verdict_of(fit()) == "tighter"
    assert set(mcaption.VERDICT_TEXT) == set(mcaption.MARKS) == set(mstate.VERDICTS)


def test_angles_the_model_cannot_match_say_so() -> None:
    d = mstate.fit_display({"internal_rotation": 20.0, "external_rotation": 20.0}, "anterior")
    assert d.verdict == "beyond"
    assert d.tightness == pytest.approx(d.t_max, abs=1e-3)
    assert d.rms_residual_deg > mstate.FIT_SD_DEG
    text = "<br>".join(mcaption.result_lines(d))
    assert "cannot match" in text and "largest tightness the model covers" in text


def test_the_live_profile_is_the_fit_cost() -> None:
    ex = hipcourse.live("measure_yourself", region="whole")
    fit = hc.fit_tightness({"internal_rotation": 25.0, "external_rotation": 40.0},
                           region="whole")
    profile = ex.figure.data[4]
    assert list(profile.x) == pytest.approx(100 * fit.profile_tightness)
    assert list(profile.y) == pytest.approx(fit.profile_chi2 - fit.profile_chi2.min())
    band = ex.figure.data[3]
    assert min(band.x) == pytest.approx(100 * fit.interval[0])
    assert max(band.x) == pytest.approx(100 * fit.interval[1])
