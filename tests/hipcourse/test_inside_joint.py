"""Explorer 3, "Inside the joint": the drawn geometry is the model's, live widget sweep,
invariants, and the static twin (the shared harness in test_explorers.py checks the rest)."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import plotly.graph_objects as go
import pytest

import hipcapsule as hc
import hipcourse
from hipcapsule.geometry import acetabular_axis, bone_gap, rotations_from_jcs
from hipcapsule.solver import model_arrays
from hipcourse import style
from hipcourse.explorers.inside_joint import caption as jcaption
from hipcourse.explorers.inside_joint import figure as jfigure
from hipcourse.explorers.inside_joint import state as jstate

FIBRES = tuple(hc.BUNDLES)
PER_SET = len(FIBRES) + 1


@pytest.fixture(scope="module")
def static_json() -> dict:
    return json.loads(jfigure.joint_figure().to_json())


@pytest.fixture(scope="module")
def n_static(static_json) -> int:
    return len(static_json["data"]) - PER_SET * len(jfigure.STATIC_FLEXIONS)


def _shown(ex) -> str:
    return json.dumps(ex.figure.to_dict()["data"], sort_keys=True)


def _rot(pose) -> np.ndarray:
    return rotations_from_jcs(np.deg2rad([pose]))[0]


# --- labels --------------------------------------------------------------------------------------


def test_every_fibre_has_a_unique_label_by_ligament() -> None:
    assert tuple(style.BUNDLE_LABELS) == FIBRES
    assert len(set(style.BUNDLE_LABELS.values())) == len(FIBRES)
    for name, lig in hc.BUNDLES.items():
        assert style.BUNDLE_LABELS[name].startswith(style.LIGAMENT_LABELS[lig])
        assert style.structure_label(name).startswith(style.structure_label(lig))
        assert style.structure_label(name, short=True) == style.BUNDLE_LABELS[name]
    # ligament-level names read as before
    assert style.structure_label("ischiofemoral") == "the ischiofemoral ligament"
    assert style.structure_label("bone", short=True) == "bone"


# --- the drawn geometry is the model's -------------------------------------------------------


@pytest.mark.parametrize("pose", [(0.0, 0.0, 0.0), (90.0, 10.0, 30.0), (45.0, -20.0, -40.0),
                                  (0.0, 0.0, 25.0)])
def test_drawn_paths_have_the_model_length_and_ends(pose) -> None:
    cap = hc.default_capsule()
    res = hc.restraint_torque(cap, [pose])
    rot = _rot(pose)
    arr = model_arrays(cap)
    n_ax, u, v = arr.neck
    on_neck = jstate.on_neck(cap, pose)
    for n_points, rel in ((400, 2e-3), (jstate.N_POINTS, 1e-2)):
        paths = jstate.fibre_paths(cap, pose, n_points)
        for j, b in enumerate(cap.bundles):
            pts = paths[b.name]
            np.testing.assert_allclose(pts[0], b.pelvic_point_mm, atol=1e-9)
            np.testing.assert_allclose(pts[-1], rot @ np.asarray(b.femoral_point_mm), atol=1e-6)
            drawn = np.linalg.norm(np.diff(pts, axis=0), axis=1).sum()
            assert drawn == pytest.approx(res.length_mm[0, j], rel=rel), (b.name, n_points)
            if n_points == 400:  # the path stays outside the head and the neck cylinder
                local = pts @ rot
                # a fibre the neck wrap sets winds the neck cylinder alone (the model's
                # single-obstacle simplification), so near the head it may cut into it, by no
                # more than the capsule thickness (wrap_margin_mm)
                inside = cap.geometry.wrap_margin_mm if on_neck[b.name] else 0.0
                assert (np.linalg.norm(local, axis=1).min()
                        >= cap.geometry.head_radius_mm - inside), b.name
                beyond = local @ n_ax > cap.geometry.wrap_radius_mm
                radial = np.hypot(local @ u, local @ v)
                assert (radial[beyond] >= arr.neck_radius_mm - 1e-6).all(), b.name


def test_neck_is_the_models_elliptical_cross_section() -> None:
    cap = hc.default_capsule()
    g = cap.geometry
    pose = (30.0, 5.0, 20.0)
    rot = _rot(pose)
    n_ax, sup, ant = model_arrays(cap).neck
    pts = jstate.neck_outline(cap, rot)
    local = pts[np.isfinite(pts).all(axis=1)] @ rot  # femur frame
    on_ring = np.isclose(
        np.min(np.abs((local @ n_ax)[:, None]
                      - np.array(jstate.NECK_RINGS_R)[None] * g.head_radius_mm), axis=1), 0.0,
        atol=1e-9)
    shaft = np.isclose(np.hypot(local @ sup, local @ ant), 0.0, atol=1e-6)
    ring = local[on_ring & ~shaft]
    ellipse = ((ring @ sup) / (g.neck_half_width_si * g.head_radius_mm)) ** 2 + (
        (ring @ ant) / (g.neck_half_width_ap * g.head_radius_mm)) ** 2
    np.testing.assert_allclose(ellipse, 1.0, atol=1e-9)
    assert g.neck_half_width_si > g.neck_half_width_ap  # an oval, not a circle


def test_rim_is_at_the_models_polar_angle() -> None:
    cap = hc.default_capsule()
    rim = jstate.rim_circle(cap)
    cos = rim @ acetabular_axis(cap.geometry) / np.linalg.norm(rim, axis=1)
    np.testing.assert_allclose(np.degrees(np.arccos(cos)), cap.geometry.rim_polar_deg, atol=1e-9)


@pytest.mark.parametrize("pose", [(90.0, 0.0, 20.0), (90.0, 0.0, 55.0), (0.0, 0.0, 40.0),
                                  (100.0, 15.0, 30.0)])
def test_bone_contact_is_the_models_bone_gap(pose) -> None:
    cap = hc.default_capsule()
    arr = model_arrays(cap)
    gap = bone_gap(cap.geometry, _rot(pose)[None], arr.neck, arr.acetabular_axis)[0]
    st = jstate.joint_state(pose)
    assert st.bone_gap == pytest.approx(gap)
    assert st.bone_contact == (gap < 0)


def test_neck_meets_the_rim_where_the_bone_only_limit_says() -> None:
    stops = jstate.rotation_stops(90.0)
    assert stops["bone_found"]
    assert not jstate.joint_state((90.0, 0.0, stops["bone_ir"] - 1.0)).bone_contact
    assert jstate.joint_state((90.0, 0.0, stops["bone_ir"] + 1.0)).bone_contact


def test_rotation_stops_are_the_models_limits_with_their_band() -> None:
    cap = hc.default_capsule().tightened(0.02, ligaments=hc.REGIONS["whole"])
    lim = hc.rotation_limits(cap, 60.0, -10.0, band=True)
    bone = hc.rotation_limits(hc.default_capsule().released(list(hc.LIGAMENTS)), 60.0, -10.0)
    stops = jstate.rotation_stops(60.0, 10.0, 0.02)
    assert stops["ir"] == pytest.approx(lim.ir[0]) and stops["er"] == pytest.approx(lim.er[0])
    assert stops["ir_band"] == pytest.approx(tuple(lim.ir_band[0]))
    assert stops["er_band"] == pytest.approx(tuple(lim.er_band[0]))
    assert stops["ir_by"] == lim.ir_limited_by_bundle[0]
    assert stops["bone_ir"] == pytest.approx(bone.ir[0])
    if stops["bone_found"]:
        assert stops["margin"] == pytest.approx(bone.ir[0] - lim.ir[0])


def test_ischiofemoral_winds_around_the_back_of_the_neck() -> None:
    cap = hc.default_capsule()
    wrapped = jstate.on_neck(cap, (0.0, 0.0, 0.0))
    ischio = [n for n, lig in hc.BUNDLES.items() if lig == "ischiofemoral"]
    assert sum(wrapped[n] for n in ischio) >= 2
    assert "wind around the back of the neck" in jstate.wrap_words(cap, (0.0, 0.0, 0.0))
    # the winding side is posterior: the drawn path passes behind the neck axis
    n_ax, sup, ant = model_arrays(cap).neck
    for name in ischio:
        if wrapped[name]:
            local = jstate.fibre_paths(cap, (0.0, 0.0, 0.0), 200)[name]
            assert (local @ ant).min() < -0.5 * cap.geometry.neck_wrap_radius_mm, name


# --- the live explorer ----------------------------------------------------------------------


def test_protocol() -> None:
    ex = hipcourse.live("inside_joint")
    assert isinstance(ex.figure, go.FigureWidget)
    assert set(ex.controls) == {"flexion", "adduction", "rotation", "tightness"}
    state = ex.state()
    assert set(state) >= {"strain", "pose_deg", "tightness", "bone_contact", "ir", "er",
                          "ir_band", "er_band", "bone_ir"}
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
    ex.controls["adduction"].value = 10.0
    ex.controls["rotation"].value = 20.0
    ex.controls["tightness"].value = 0.03
    cap = hc.default_capsule().tightened(0.03, ligaments=hc.REGIONS["whole"])
    res = hc.restraint_torque(cap, [[60.0, 10.0, 20.0]])
    for j, name in enumerate(res.bundle_names):
        assert ex.state()["strain"][name] == pytest.approx(res.strain[0, j])
    lim = hc.rotation_limits(cap, 60.0, -10.0, band=True)
    assert ex.state()["ir"] == pytest.approx(lim.ir[0])
    assert ex.state()["ir_band"] == pytest.approx(tuple(lim.ir_band[0]))


def test_live_readout_says_in_words_what_stops_rotation() -> None:
    ex = hipcourse.live("inside_joint")
    ex.controls["flexion"].value = 90.0
    text = re.sub(r"<[^>]+>", "", ex.readout.value)
    s = ex.state()
    assert f"internal rotation stops at {s['ir']:.0f}°" in text
    lo, hi = s["ir_band"]
    assert f"band {lo:.0f}\u2013{hi:.0f}°" in text
    assert f"{s['bone_ir']:.0f}°" in text and "not a range of real hips" in text
    for label in style.BUNDLE_LABELS.values():
        assert label in text
    assert "role='status'" in ex.readout.value


@pytest.mark.parametrize("flexion", [0.0, 45.0, 90.0])
def test_ischiofemoral_strain_rises_with_internal_rotation(flexion: float) -> None:
    ex = hipcourse.live("inside_joint")
    ex.controls["flexion"].value = flexion
    ischio = [n for n, lig in hc.BUNDLES.items() if lig == "ischiofemoral"]
    strains = []
    for rot in np.arange(0.0, 40.1, 5.0):  # from neutral inwards, up to neck-rim contact
        ex.controls["rotation"].value = float(rot)
        strains.append([ex.state()["strain"][n] for n in ischio])
    assert np.all(np.diff(np.array(strains), axis=0) > 0)


def test_lateral_iliofemoral_strain_rises_with_external_rotation() -> None:
    ex = hipcourse.live("inside_joint")
    lateral = [n for n, lig in hc.BUNDLES.items() if lig == "lateral_iliofemoral"]
    strains = []
    for rot in np.arange(0.0, -45.1, -5.0):  # from neutral outwards
        ex.controls["rotation"].value = float(rot)
        strains.append([ex.state()["strain"][n] for n in lateral])
    assert np.all(np.diff(np.array(strains), axis=0) > 0)


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


def test_no_fibre_is_stretched_at_rest() -> None:
    assert max(jstate.joint_state().strain.values()) <= 1e-9


# --- the static figure ----------------------------------------------------------------------


def _steps(fig: dict) -> list[dict]:
    return fig["layout"]["sliders"][0]["steps"]


def test_static_figure_size_and_alt_text(static_json: dict) -> None:
    fig = jfigure.joint_figure()
    assert len(fig.to_json()) <= 1_000_000
    assert fig.layout.meta["alt_text"] == jcaption.caption_joint()
    # steps restyle only fibre and neck traces, never the bone meshes or the rim
    fixed = [i for i, t in enumerate(static_json["data"])
             if t["type"] == "mesh3d" or t.get("name") == "bony rim of the socket"]
    assert len(fixed) == 3
    for step in _steps(static_json):
        assert not set(step["args"][1]) & set(fixed)
    for menu in static_json["layout"]["updatemenus"]:
        for button in menu["buttons"]:
            assert not set(button["args"][1]) & set(fixed)


def test_fibres_are_coloured_and_grouped_by_ligament(static_json, n_static) -> None:
    data = static_json["data"]
    legend = [t for t in data if t.get("showlegend")]
    groups = {t.get("legendgroup") for t in legend}
    assert set(hc.LIGAMENTS) <= groups  # one legend entry per ligament (and the rim)
    for k in range(len(jfigure.STATIC_FLEXIONS)):
        for j, name in enumerate(FIBRES):
            trace = data[n_static + k * PER_SET + j]
            lig = hc.BUNDLES[name]
            assert trace["name"] == style.BUNDLE_LABELS[name]
            assert trace["legendgroup"] == lig and not trace.get("showlegend", True)
            scale = [c for _, c in trace["line"]["colorscale"]]
            assert style.STRUCTURE_COLOURS[lig] in scale
            assert style.LIGAMENT_LABELS[lig] in trace["text"] or lig == "ligamentum_teres"


def _set_index(static_json, n_static, flex_index: int, j: int) -> int:
    return n_static + flex_index * PER_SET + j


@pytest.mark.parametrize("rot", [-45.0, -15.0, 0.0, 25.0, 45.0])
@pytest.mark.parametrize("flex_index", [0, 1, 2])
@pytest.mark.parametrize("tight_index", [0, 2])
def test_static_strain_and_hover_are_the_model(static_json, n_static, rot, flex_index,
                                               tight_index) -> None:
    explorer = hipcourse.get("inside_joint")
    controls = {c.name: c for c in explorer.controls()}
    t = controls["tightness"].options[tight_index].value
    flex = jfigure.STATIC_FLEXIONS[flex_index]
    step = next(o for o in controls["rotation"].options if o.value == rot).args
    tight = controls["tightness"].options[tight_index].args
    cap = hc.default_capsule()
    if t:
        cap = cap.tightened(t, ligaments=hc.REGIONS["whole"])
    res = hc.restraint_torque(cap, [[flex, 0.0, rot]])
    for j, name in enumerate(FIBRES):
        idx = _set_index(static_json, n_static, flex_index, j)
        ratio = step[0]["line.color"][step[1].index(idx)][0]
        cmin = tight[0]["line.cmin"][tight[1].index(idx)]
        strain = ratio / (cmin / (style.STRAIN_RANGE[0] + 1.0)) - 1.0
        # colour values are rounded to 1e-4 of length / slack
        assert strain == pytest.approx(res.strain[0, j], abs=2e-4), name
        text = step[0]["text"][step[1].index(idx)]
        shown = [float(v) for v in re.findall(r"([+-][\d.]+) % \(", text)]
        assert shown[tight_index] == pytest.approx(100 * res.strain[0, j], abs=0.051)


def test_static_geometry_is_the_models_paths(static_json, n_static) -> None:
    explorer = hipcourse.get("inside_joint")
    rotation = next(c for c in explorer.controls() if c.name == "rotation")
    upd, idx = next(o for o in rotation.options if o.value == 30.0).args
    for k, flex in enumerate(jfigure.STATIC_FLEXIONS):
        paths = jstate.fibre_paths(hc.default_capsule(), (flex, 0.0, 30.0))
        for j, name in enumerate(FIBRES):
            pos = idx.index(_set_index(static_json, n_static, k, j))
            pts = np.array([upd["x"][pos], upd["y"][pos], upd["z"][pos]]).T
            np.testing.assert_allclose(pts, paths[name], atol=0.051)


def test_buttons_compose_with_the_slider(static_json) -> None:
    """Flexion buttons set visibility, tightness buttons the colour range, the slider the rest."""
    tight, flex = static_json["layout"]["updatemenus"]
    assert all(set(b["args"][0]) == {"visible"} for b in flex["buttons"])
    assert all(set(b["args"][0]) == {"line.cmin", "line.cmax"} for b in tight["buttons"])
    assert all(set(s["args"][0]) == {"x", "y", "z", "line.color", "line.width", "text"}
               for s in _steps(static_json))
    # the last button of the figure changes what is drawn (browser test clicks it)
    assert flex["buttons"][-1]["args"][0]["visible"] != flex["buttons"][0]["args"][0]["visible"]


def test_static_neck_turns_black_where_bone_meets_bone(static_json, n_static) -> None:
    seen = set()
    for step in _steps(static_json):
        upd, idx = step["args"]
        rot = next(o.value for c in hipcourse.get("inside_joint").controls()
                   if c.name == "rotation" for o in c.options if o.label == step["label"])
        for k, flex in enumerate(jfigure.STATIC_FLEXIONS):
            pos = idx.index(_set_index(static_json, n_static, k, len(FIBRES)))
            contact = jstate.joint_state((flex, 0.0, rot)).bone_contact
            assert (upd["line.color"][pos] == jfigure.CONTACT_COLOUR) == contact, (flex, rot)
            seen.add(contact)
    assert seen == {True, False}


# --- the caption ----------------------------------------------------------------------------


def test_caption_numbers_are_computed() -> None:
    caption = jcaption.caption_joint()
    fibre, _ = jstate.first_taut_in_ir(0.0)
    assert style.BUNDLE_LABELS[fibre] in caption
    for flexion in (0.0, 90.0):
        s = jstate.rotation_stops(flexion)
        assert f"{s['ir']:.0f}° ({style.BUNDLE_LABELS[s['ir_by']]}" in caption
        lo, hi = s["ir_band"]
        assert f"band {lo:.0f}\u2013{hi:.0f}°" in caption
    s90 = jstate.rotation_stops(90.0)
    assert f"rim at {s90['bone_ir']:.0f}°" in caption
    assert "not a range of real hips" in caption
    for lig in hc.LIGAMENTS:
        assert style.COLOUR_NAMES[style.STRUCTURE_COLOURS[lig]] in caption
    assert not re.search(r"[a-z]+\d{4}", caption), "no raw citation keys in alt text"


def test_first_taut_fibre_is_stretched_by_internal_rotation() -> None:
    fibre, angle = jstate.first_taut_in_ir(0.0)
    j = hc.default_capsule().bundle_names.index(fibre)
    res = hc.restraint_torque(hc.default_capsule(), [[0.0, 0.0, 0.0], [0.0, 0.0, 45.0]])
    assert res.strain[1, j] > res.strain[0, j]
    assert 0.0 <= angle <= 45.0 and math.isfinite(angle)


def test_ligament_names_are_clear_of_the_head_as_the_camera_sees_it() -> None:
    """The 3-D names sit off the head's silhouette and in front of it for the default camera
    (the head hid the medial ones)."""
    from hipcourse.explorers.inside_joint import figure as jfigure

    fig = jfigure.joint_figure()
    names = next(t for t in fig.data if t.name == "ligament names")
    pts = np.column_stack([names.x, names.y, names.z])
    eye = np.array([jfigure.CAMERA_EYE[k] for k in "xyz"])
    eye /= np.linalg.norm(eye)
    radius = hc.default_capsule("male").geometry.head_radius_mm
    across = pts - np.outer(pts @ eye, eye)
    assert np.all(np.linalg.norm(across, axis=1) >= jfigure.LABEL_RADIUS_FACTOR * radius - 0.1)
    np.testing.assert_allclose(pts @ eye, radius, atol=0.1)
    assert list(names.text) == [style.LIGAMENT_LABELS[lig] for lig in hc.REGIONS["whole"]]
