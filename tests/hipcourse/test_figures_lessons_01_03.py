"""The drawn figures of lessons 01-03: each shows the model's own numbers (checked against
:mod:`hipcapsule` directly), has alt text, and is used in its lesson with the right number."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
from support import ROOT

import hipcapsule as hc
import hipcourse
from hipcapsule import evidence
from hipcapsule.geometry import acetabular_axis
from hipcourse import style
from hipcourse.figures import capsule_anatomy, joint_section, tightness

#: figure name -> (lesson notebook, the figure's number in that lesson)
USES = {
    "capsule_ligament_views": ("01_hip_joint_and_capsule.ipynb", 2),
    "tightness_pull": ("02_tight_capsule_and_rom.ipynb", 1),
    "joint_section": ("03_inside_the_joint.ipynb", 1),
    "capsule_or_bone": ("03_inside_the_joint.ipynb", 3),
}
FIGURE_CALL = re.compile(r"hipcourse\.(?:figure|illustration)\(\"(\w+)\"\)")


def _notebook(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    return "".join(cell["source"])


# --- used in the lessons -------------------------------------------------------------------


@pytest.mark.parametrize("name", USES)
def test_figure_is_used_in_its_lesson_with_its_number(name: str) -> None:
    lesson, number = USES[name]
    cells = _notebook(lesson)["cells"]
    calls = [(i, m.group(1)) for i, c in enumerate(cells) if c["cell_type"] == "code"
             for m in [FIGURE_CALL.search(_src(c))] if m]
    order = [n for _, n in calls]
    assert name in order and order.index(name) + 1 == number, order
    i = next(i for i, n in calls if n == name)
    assert "hide-input" in cells[i]["metadata"]["tags"]
    desc = cells[i + 1]
    assert _src(desc).strip() == f'hipcourse.describe_illustration("{name}")'
    assert "remove-input" in desc["metadata"]["tags"]
    intro = cells[i - 1]
    assert intro["cell_type"] == "markdown" and _src(intro).startswith(f"Figure {number} ")


@pytest.mark.parametrize("lesson", sorted({v[0] for v in USES.values()}))
def test_lessons_have_three_figures(lesson: str) -> None:
    cells = _notebook(lesson)["cells"]
    assert sum(bool(FIGURE_CALL.search(_src(c))) for c in cells
               if c["cell_type"] == "code") >= 3


def test_lesson01_figure_numbers_follow_the_order() -> None:
    text = "\n".join(_src(c) for c in _notebook("01_hip_joint_and_capsule.ipynb")["cells"]
                     if c["cell_type"] == "markdown")
    # the ROM chart is now Figure 3: its dark model-uncertainty box and position buttons
    assert "In Figure 3, what does the dark box" in text
    assert "The second is Figure 3 with its position buttons" in text
    assert "Figures 1 and 3 above" in text
    assert "In Figure 2, what does the dark box" not in text


@pytest.mark.parametrize("name", USES)
def test_alt_text_says_what_it_shows(name: str) -> None:
    fig = hipcourse.illustration(name)
    alt = fig.layout.meta["alt_text"]
    assert len(alt.split()) >= 40 and style.in_words(alt) == alt
    assert str(hipcourse.describe_illustration(name)) == alt


# --- lesson 01: the ligaments seen from the front and from behind ----------------------------


def _fibre_traces(fig, axis: str) -> dict[str, object]:
    return {t.hovertemplate.split("<")[0]: t for t in fig.data
            if t.xaxis == axis and t.hovertemplate and t.legendgroup in hc.LIGAMENTS}


def test_ligament_views_draw_the_model_attachments() -> None:
    fig = capsule_anatomy.capsule_views()
    cap = hc.default_capsule()
    front, back = _fibre_traces(fig, "x"), _fibre_traces(fig, "x2")
    drawn = {"front": front, "back": back}
    expected = {"front": {"lateral_iliofemoral", "medial_iliofemoral", "pubofemoral"},
                "back": {"ischiofemoral"}}
    for view, traces in drawn.items():
        ligs = {t.legendgroup for t in traces.values()}
        assert ligs == expected[view]
        sign = capsule_anatomy.VIEWS[view]
        for b in cap.bundles:
            if b.ligament not in expected[view]:
                continue
            t = traces[style.fibre_label(b.name)]
            # neutral pose: the femur frame is the pelvis frame, so the ends are the model's
            # attachment points, projected (across = -Z from the front, +Z from behind)
            for k, point in ((0, b.pelvic_point_mm), (-1, b.femoral_point_mm)):
                assert t.x[k] == pytest.approx(sign * point[2], abs=0.06)
                assert t.y[k] == pytest.approx(point[1], abs=0.06)
    # every capsular fibre is drawn once; the ligamentum teres is not drawn
    n_capsular = sum(1 for b in cap.bundles if b.ligament != "ligamentum_teres")
    assert len(front) + len(back) == n_capsular


def test_ligament_views_head_is_the_model_head() -> None:
    fig = capsule_anatomy.capsule_views()
    heads = [t for t in fig.data if t.name == "Femoral head"]
    assert len(heads) == 2
    r = hc.default_geometry().head_radius_mm
    for t in heads:
        assert np.hypot(t.x, t.y) == pytest.approx(np.full(len(t.x), r), abs=0.06)
    assert f"a ball of radius {r:.0f} mm" in fig.layout.meta["alt_text"]


def test_ligament_views_reject_an_unknown_view() -> None:
    with pytest.raises(ValueError, match="view='side'"):
        capsule_anatomy.projected_paths("side")


# --- lesson 02: a tight ligament pulls sooner ------------------------------------------------


def test_pull_curves_are_the_model_forces() -> None:
    fig = tightness.tightness_pull_figure()
    lines = [t for t in fig.data if t.mode == "lines"]
    marks = [t for t in fig.data if t.mode == "markers" and t.x[0] is not None]
    assert len(lines) == len(marks) == len(tightness.FRACTIONS)
    top = hc.MEANINGFUL_TIGHTNESS["posterior"][1]
    rot = np.asarray(tightness.ROTATIONS_DEG)
    poses = np.column_stack([np.zeros_like(rot), np.zeros_like(rot), rot])
    onsets, limits = [], []
    for frac, line, mark in zip(tightness.FRACTIONS, lines, marks, strict=True):
        t = frac * top
        cap = hc.default_capsule().tightened(t, ligaments=["ischiofemoral"]) if t else \
            hc.default_capsule()
        pull = hc.restraint_torque(cap, poses).force_by_ligament()["ischiofemoral"]
        assert np.array(line.y, dtype=float) == pytest.approx(pull, abs=0.51)
        assert (style.slack_text(t) in line.name) == (t > 0)
        onset = float(rot[np.argmax(pull > 0)])
        limit = float(hc.rotation_limits(cap, 0.0).ir[0])
        assert mark.x[0] == onset and mark.y[0] == 0
        assert mark.x[1] == pytest.approx(limit, abs=0.05)
        onsets.append(onset)
        limits.append(limit)
    # tighter: the ligament starts to pull sooner and the limit comes sooner
    assert onsets == sorted(onsets, reverse=True) and len(set(onsets)) == len(onsets)
    assert limits == sorted(limits, reverse=True)
    alt = fig.layout.meta["alt_text"]
    for value in onsets + limits:
        assert f"{value:.0f}°" in alt
    assert f"{hc.DEFAULT_TORQUE_THRESHOLD_NM:g} N·m" in alt


# --- lesson 03: the slice and the two limits -------------------------------------------------


def test_section_socket_ends_at_the_model_rim() -> None:
    g = hc.default_geometry()
    a = acetabular_axis(g)
    a0, a1 = joint_section.covered_arc_deg(g)
    assert 0 < a1 - a0 < 360
    for ang, inside in ((a0 + 1, True), (a1 - 1, True), (a0 - 1, False), (a1 + 1, False)):
        t = math.radians(ang)
        d = np.array([0.0, math.sin(t), -math.cos(t)])  # seen from the front: across = -Z
        polar = math.degrees(math.acos(float(d @ a)))
        assert (polar >= g.rim_polar_deg) == inside, (ang, polar)
    fig = joint_section.joint_section_figure()
    head = next(t for t in fig.data if t.name == "Femoral head")
    assert np.hypot(head.x, head.y) == pytest.approx(np.full(len(head.x), g.head_radius_mm),
                                                      abs=0.06)
    alt = fig.layout.meta["alt_text"]
    assert f"radius of {g.head_radius_mm:.0f} mm" in alt and "leaves it out" in alt
    assert f"{a1 - a0:.0f}°" in alt


def test_capsule_or_bone_shows_the_model_limits() -> None:
    fig = joint_section.capsule_or_bone_figure()
    soft, margin = (t for t in fig.data if t.type == "bar")
    bone = next(t for t in fig.data if t.type == "scatter")
    cut = hc.default_capsule().released(list(hc.LIGAMENTS))
    for k, flexion in enumerate(joint_section.STOP_FLEXIONS_DEG):
        ir = float(hc.rotation_limits(hc.default_capsule(), flexion).ir[0])
        assert soft.x[k] == pytest.approx(ir, abs=0.05)
        b = hc.motion_limit(cut, "internal_rotation", flexion, 0.0)
        if b.limited_by == "bone":
            j = list(bone.y).index(soft.y[k])
            assert bone.x[j] == pytest.approx(b.angle_deg, abs=0.05)
            assert margin.base[list(margin.y).index(soft.y[k])] == soft.x[k]
            assert margin.x[list(margin.y).index(soft.y[k])] == pytest.approx(
                b.angle_deg - ir, abs=0.1)
        else:
            assert soft.y[k] not in bone.y
    # seated, the soft tissues stop it before bone (han2019 margin, in the calibration)
    assert "Hip bent 90°" in bone.y
    han = evidence.row("han2019-margin-ir-flexion90")
    alt = fig.layout.meta["alt_text"]
    assert f"{han.value:g} ± {han.sd:g}°" in alt and "Han et al. 2019" in alt
    assert "han2019" in hipcourse.figures.spec("capsule_or_bone").sources
