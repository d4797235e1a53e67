"""Lesson 06 figures: the ball-in-socket geometry and the model's band lengths."""

from __future__ import annotations

import numpy as np
import pytest

import hipcapsule as hc
import hipcourse
from hipcourse.figures import arthrokinematics as ak


@pytest.mark.parametrize("alpha", [10.0, 30.0, 45.0])
def test_rolling_moves_the_contact_the_same_arc_on_both_surfaces(alpha: float) -> None:
    start, end = ak.ball_pose("roll", 0.0), ak.ball_pose("roll", alpha)
    on_socket = ak.SOCKET_RADIUS * np.deg2rad(alpha)
    on_ball = ak.BALL_RADIUS * np.deg2rad(abs(end.contact_on_ball_deg - start.contact_on_ball_deg))
    assert on_ball == pytest.approx(on_socket)


def test_the_ball_stays_touching_the_socket() -> None:
    for motion in ("roll", "glide", "spin"):
        p = ak.ball_pose(motion, 30.0)
        gap = np.hypot(*p.contact) - np.hypot(*p.centre) - ak.BALL_RADIUS
        assert gap == pytest.approx(0.0, abs=1e-12)


def test_glide_keeps_the_ball_point_and_spin_keeps_the_contact() -> None:
    g0, g1 = ak.ball_pose("glide", 0.0), ak.ball_pose("glide", 40.0)
    assert g1.contact_on_ball_deg == pytest.approx(g0.contact_on_ball_deg)
    assert g1.contact != pytest.approx(g0.contact)
    s0, s1 = ak.ball_pose("spin", 0.0), ak.ball_pose("spin", 40.0)
    assert s1.contact == pytest.approx(s0.contact) and s1.centre == pytest.approx(s0.centre)


def test_unknown_motion_is_refused() -> None:
    with pytest.raises(ValueError, match="motion"):
        ak.ball_pose("twist", 10.0)


def test_roll_and_glide_cancel() -> None:
    s = ak.roll_glide_shift(30.0)
    assert s["roll"] > 0 > s["glide"] and s["roll"] + s["glide"] == pytest.approx(s["both"])


def test_length_change_matches_the_model() -> None:
    rot = (-30.0, 0.0, 30.0)
    change = ak.ligament_length_change(0.0, rot)
    res = hc.restraint_torque(hc.default_capsule(), [[0.0, 0.0, a] for a in rot])
    cols = [j for j, b in enumerate(res.bundle_names) if hc.BUNDLES[b] == "ischiofemoral"]
    mean = res.length_mm[:, cols].mean(axis=1)
    assert change["ischiofemoral"] == pytest.approx(100 * (mean / mean[1] - 1))
    assert change["ischiofemoral"][1] == pytest.approx(0.0)
    # turning in stretches the back of the capsule; the front goes slacker
    assert change["ischiofemoral"][2] > 0 > change["medial_iliofemoral"][2]
    assert "ligamentum_teres" not in change


def test_band_figure_plots_the_computed_values() -> None:
    fig = hipcourse.illustration("band_length_rotation")
    change = ak.ligament_length_change(ak.FLEXIONS_DEG[0])
    first = [t for t in fig.data if t.visible]
    assert len(first) == len(change)
    for trace, pct in zip(first, change.values(), strict=True):
        assert list(trace.y) == pytest.approx(np.round(pct, 1), abs=0.051)
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Flexion 0°", "Flexion 90°"]


def test_diagrams_have_one_button_per_state() -> None:
    fig = hipcourse.illustration("spin_roll_glide")
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Roll", "Glide", "Spin"]
    fig = hipcourse.illustration("convex_concave_rule")
    assert len(fig.layout.updatemenus[0].buttons) == 3
