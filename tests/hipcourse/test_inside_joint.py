"""Explorer 3, "Inside the joint": live widget sweep, invariants and the static twin."""

from __future__ import annotations

import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest

import hipcapsule as hc
import hipcourse
from hipcourse import style
from hipcourse.explorers.inside_joint import caption as jcaption
from hipcourse.explorers.inside_joint import figure as jfigure
from hipcourse.explorers.inside_joint import state as jstate


@pytest.fixture(scope="module")
def static_json() -> dict:
    return json.loads(jfigure.joint_figure().to_json())


def _shown(ex) -> str:
    return json.dumps(ex.figure.to_dict()["data"], sort_keys=True)


def test_protocol() -> None:
    ex = hipcourse.live("inside_joint")
    assert isinstance(ex.figure, go.FigureWidget)
    assert set(ex.controls) == {"flexion", "adduction", "rotation", "tightness"}
    state = ex.state()
    assert set(state) >= {"strain", "pose_deg", "tightness"}
    assert set(state["strain"]) == set(hc.BUNDLES)
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


@pytest.mark.parametrize("name", ["flexion", "adduction", "rotation", "tightness"])
def test_every_control_min_max_middle_changes_the_figure(name: str) -> None:
    ex = hipcourse.live("inside_joint")
    control = ex.controls[name]
    middle = control.min + round((control.max - control.min) / 2 / control.step) * control.step
    control.value = middle
    for value in (control.min, control.max, middle):
        before = _shown(ex)
        control.value = value
        assert _shown(ex) != before, f"{name}={value} did not change the figure"
        state = ex.state()
        assert all(np.isfinite(v) for v in state["strain"].values())
        pose = dict(zip(("flexion", "adduction", "rotation"), state["pose_deg"], strict=True))
        if name in pose:
            assert pose[name] == pytest.approx(control.value)
        else:
            assert state["tightness"] == pytest.approx(control.value)


def test_state_is_the_model() -> None:
    ex = hipcourse.live("inside_joint")
    ex.controls["flexion"].value = 60.0
    ex.controls["rotation"].value = 20.0
    ex.controls["tightness"].value = 0.03
    cap = hc.default_capsule().tightened(0.03, ligaments=hc.REGIONS["whole"])
    res = hc.restraint_torque(cap, [[60.0, 0.0, 20.0]])
    for j, name in enumerate(res.bundle_names):
        assert ex.state()["strain"][name] == pytest.approx(res.strain[0, j])


@pytest.mark.parametrize("flexion", [0.0, 45.0, 90.0])
def test_ischiofemoral_strain_rises_with_internal_rotation(flexion: float) -> None:
    ex = hipcourse.live("inside_joint")
    ex.controls["flexion"].value = flexion
    strains = []
    for rot in np.arange(-45.0, 45.1, 5.0):
        ex.controls["rotation"].value = float(rot)
        s = ex.state()["strain"]
        strains.append((s["ischiofemoral_superior"], s["ischiofemoral_inferior"]))
    assert np.all(np.diff(np.array(strains), axis=0) >= -1e-9)


def test_lateral_iliofemoral_strain_rises_with_external_rotation() -> None:
    ex = hipcourse.live("inside_joint")
    strains = []
    for rot in np.arange(45.0, -45.1, -5.0):
        ex.controls["rotation"].value = float(rot)
        strains.append(ex.state()["strain"]["lateral_iliofemoral"])
    assert np.all(np.diff(strains) >= -1e-9)


def test_tightness_raises_every_capsular_strain() -> None:
    ex = hipcourse.live("inside_joint")
    ex.controls["rotation"].value = 10.0
    s0 = ex.state()["strain"]
    ex.controls["tightness"].value = ex.controls["tightness"].max
    s1 = ex.state()["strain"]
    for name, lig in hc.BUNDLES.items():
        if lig in hc.REGIONS["whole"]:
            assert s1[name] > s0[name]
        else:
            assert s1[name] == pytest.approx(s0[name])


@pytest.mark.parametrize("pose", [(0.0, 0.0, 0.0), (90.0, 10.0, 30.0), (45.0, -20.0, -40.0)])
def test_drawn_paths_follow_the_model(pose) -> None:
    cap = hc.default_capsule()
    paths = jstate.bundle_paths(cap, pose, n_arc=400, n_helix=400)
    res = hc.restraint_torque(cap, [pose])
    rot = hc.geometry.rotations_from_jcs(np.deg2rad([pose]))[0]
    for j, b in enumerate(cap.bundles):
        pts = paths[b.name]
        np.testing.assert_allclose(pts[0], b.pelvic_point_mm, atol=1e-9)
        np.testing.assert_allclose(pts[-1], rot @ np.asarray(b.femoral_point_mm), atol=1e-6)
        drawn = np.linalg.norm(np.diff(pts, axis=0), axis=1).sum()
        # the helix is drawn with a radius changing linearly, the model uses its mean radius
        assert drawn == pytest.approx(res.length_mm[0, j], abs=0.5), b.name
        # no point inside the head (bands wrap over it)
        assert np.linalg.norm(pts, axis=1).min() >= cap.geometry.head_radius_mm - 1e-6


def _steps(fig: dict) -> list[dict]:
    return fig["layout"]["sliders"][0]["steps"]


def test_static_figure_size_and_alt_text(static_json: dict) -> None:
    fig = jfigure.joint_figure()
    assert len(fig.to_json()) <= 1_000_000
    assert fig.layout.meta["alt_text"] == jcaption.caption_joint()
    # steps restyle only ligament and neck traces, never the meshes
    meshes = [i for i, t in enumerate(static_json["data"]) if t["type"] == "mesh3d"]
    for step in _steps(static_json):
        assert not set(step["args"][1]) & set(meshes)
    for menu in static_json["layout"]["updatemenus"]:
        for button in menu["buttons"]:
            assert not set(button["args"][1]) & set(meshes)


def _static_strain(static_json: dict, rot: float, flex_index: int, tight_index: int) -> dict:
    """Strain per bundle read back from the static JSON (colour value + tightness button)."""
    steps = _steps(static_json)
    step = next(s for s in steps if s["args"][0] and _label_angle(s["label"]) == rot)
    idx = step["args"][1]
    nb = len(hc.BUNDLES)
    per_set = nb + 1
    tight = static_json["layout"]["updatemenus"][0]["buttons"][tight_index]
    t = float(re.search(r"([\d.]+)$", tight["label"]).group(1))
    out = {}
    for j, name in enumerate(hc.BUNDLES):
        pos = idx.index(idx[0] + flex_index * per_set + j)
        ratio = step["args"][0]["line.color"][pos][0]
        bt = 0.0 if name == "ligamentum_teres" else t
        out[name] = ratio / (1.0 - bt) - 1.0
    return out, t


def _label_angle(label: str) -> float:
    if label == "0":
        return 0.0
    deg, kind = re.match(r"(\d+)° (IR|ER)", label).groups()
    return float(deg) if kind == "IR" else -float(deg)


@pytest.mark.parametrize("rot", [-45.0, -15.0, 0.0, 25.0, 45.0])
@pytest.mark.parametrize("flex_index", [0, 1, 2])
@pytest.mark.parametrize("tight_index", [0, 2])
def test_static_steps_equal_the_live_model(static_json, rot, flex_index, tight_index) -> None:
    strain, t = _static_strain(static_json, rot, flex_index, tight_index)
    flex = jfigure.STATIC_FLEXIONS[flex_index]
    ex = hipcourse.live("inside_joint")
    ex.controls["flexion"].value = flex
    ex.controls["rotation"].value = rot
    ex.controls["tightness"].value = t
    live = ex.state()["strain"]
    for name in live:
        # colour values are rounded to 1e-4 of length / slack
        assert strain[name] == pytest.approx(live[name], abs=2e-4), name
    # hover text states the same strain (0.1 % rounding)
    step = next(s for s in _steps(static_json) if _label_angle(s["label"]) == rot)
    texts = step["args"][0]["text"]
    per_set = len(hc.BUNDLES) + 1
    for j, name in enumerate(hc.BUNDLES):
        text = texts[flex_index * per_set + j]
        shown = [float(v) for v in re.findall(r"([+-][\d.]+) % at tightness", text)]
        assert shown[tight_index] == pytest.approx(100 * live[name], abs=0.051)


def test_static_geometry_equals_the_live_paths(static_json) -> None:
    step = next(s for s in _steps(static_json) if _label_angle(s["label"]) == 30.0)
    xs, ys, zs = (step["args"][0][k] for k in ("x", "y", "z"))
    per_set = len(hc.BUNDLES) + 1
    for k, flex in enumerate(jfigure.STATIC_FLEXIONS):
        paths = jstate.bundle_paths(hc.default_capsule(), (flex, 0.0, 30.0), n_arc=6)
        for j, name in enumerate(hc.BUNDLES):
            pts = np.array([xs[k * per_set + j], ys[k * per_set + j], zs[k * per_set + j]]).T
            np.testing.assert_allclose(pts, paths[name], atol=0.051)


def test_buttons_compose_with_the_slider(static_json) -> None:
    """Flexion buttons set visibility, tightness buttons the colour range; the slider x/y/z."""
    tight, flex = static_json["layout"]["updatemenus"]
    assert all(set(b["args"][0]) == {"visible", "line.showscale"} for b in flex["buttons"])
    assert all(set(b["args"][0]) <= {"line.cmin", "line.cmax", "line.colorbar.tickvals"}
               for b in tight["buttons"])
    assert all(set(s["args"][0]) == {"x", "y", "z", "line.color", "text"}
               for s in _steps(static_json))
    # the last button of the figure changes what is drawn (browser test clicks it)
    assert flex["buttons"][-1]["args"][0]["visible"] != flex["buttons"][0]["args"][0]["visible"]


def test_caption_numbers_are_computed() -> None:
    caption = jcaption.caption_joint()
    band, _ = jstate.first_taut_in_ir(0.0)
    assert style.BUNDLE_LABELS[band] in caption
    lim = hc.rotation_limits(hc.default_capsule(), [0.0, 90.0])
    for value in lim.ir:
        assert f"{value:.0f}°" in caption


def test_first_taut_band_is_stretched_by_internal_rotation() -> None:
    band, angle = jstate.first_taut_in_ir(0.0)
    j = hc.default_capsule().bundle_names.index(band)
    res = hc.restraint_torque(hc.default_capsule(), [[0.0, 0.0, 0.0], [0.0, 0.0, 45.0]])
    assert res.strain[1, j] > res.strain[0, j]
    assert 0.0 <= angle <= 45.0
