"""Geometry, attachments, wrapping and force law of the hipcapsule model."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

import hipcapsule as hc
from hipcapsule.anatomy import ATTACHMENT_BOUNDS
from hipcapsule.calibration import attachments_in_use
from hipcapsule.calibration.targets import MONOTONIC_IR_RANGE_DEG
from hipcapsule.forces import TOE_STRAIN, blankevoort_force
from hipcapsule.geometry import (
    acetabular_axis,
    default_geometry,
    jcs_axes,
    neck_axis,
    rotations_from_jcs,
)
from hipcapsule.solver import evaluate, model_arrays
from hipcapsule.wrapping import path_lengths

DOWN = np.array([0.0, -1.0, 0.0])  # femoral axis, hip to knee
ANTERIOR = np.array([1.0, 0.0, 0.0])


def _rot(f=0.0, a=0.0, r=0.0):
    return rotations_from_jcs(np.deg2rad([[f, a, r]]))[0]


def test_isb_signs_for_a_right_hip():
    # flexion moves the knee forward (+X), adduction medially (-Z), IR turns the front medially
    assert (_rot(f=30) @ DOWN)[0] > 0.4
    assert (_rot(a=20) @ DOWN)[2] < -0.3
    assert (_rot(r=30) @ ANTERIOR)[2] < -0.4
    # the JCS is the intrinsic Z-X'-Y'' sequence
    angles = np.deg2rad([40.0, -10.0, 25.0])
    expected = (
        Rotation.from_rotvec([0, 0, angles[0]])
        * Rotation.from_rotvec([angles[1], 0, 0])
        * Rotation.from_rotvec([0, angles[2], 0])
    ).as_matrix()
    assert np.allclose(rotations_from_jcs(angles[None])[0], expected)


def test_jcs_axes_are_angular_velocities():
    ang = np.deg2rad(np.array([[50.0, 10.0, -20.0]]))
    rot = rotations_from_jcs(ang)
    axes = jcs_axes(ang, rot)[0]
    h = 1e-6
    for j in range(3):
        d = np.zeros((1, 3))
        d[0, j] = h
        drot = (rotations_from_jcs(ang + d)[0] - rot[0]) / h
        omega_hat = drot @ rot[0].T
        omega = np.array([omega_hat[2, 1], omega_hat[0, 2], omega_hat[1, 0]])
        assert np.allclose(omega, axes[j], atol=1e-5)


def test_bone_directions_are_anatomical():
    g = default_geometry()
    n = neck_axis(g)
    assert n[2] > 0.5 and n[1] < 0 and n[0] < 0  # neck runs lateral, distal, posterior
    head_dir = -n
    assert math.degrees(math.acos(head_dir @ DOWN)) == pytest.approx(g.neck_shaft_deg)
    a = acetabular_axis(g)
    assert a[2] > 0 and a[1] < 0 and a[0] > 0  # socket opens lateral, inferior, anterior
    assert default_geometry("female").head_radius_mm < g.head_radius_mm  # smaller female head


def test_attachments_within_anatomical_bounds():
    att = attachments_in_use()
    for name, bounds in ATTACHMENT_BOUNDS.items():
        for key, (lo, hi) in bounds.items():
            assert lo - 1e-9 <= att[name][key] <= hi + 1e-9, (name, key, att[name][key])


def test_attachment_points_on_correct_side():
    cap = hc.default_capsule()
    pts = {b.name: np.array(b.pelvic_point_mm) for b in cap.bundles}
    fem = {b.name: np.array(b.femoral_point_mm) for b in cap.bundles}
    r = cap.geometry.head_radius_mm
    assert pts["lateral_iliofemoral"][0] > 0 and pts["medial_iliofemoral"][0] > 0  # anterior
    assert pts["pubofemoral"][0] > 0 and pts["pubofemoral"][1] < 0  # antero-inferior
    for name in ("ischiofemoral_superior", "ischiofemoral_inferior"):
        assert pts[name][0] < 0  # posterior (ischium)
        assert np.linalg.norm(fem[name]) > 1.3 * r  # on the neck, not the head
    for name, p in pts.items():
        if name != "ligamentum_teres":
            assert np.linalg.norm(p) > r  # outside the head
    assert np.linalg.norm(fem["ligamentum_teres"]) == pytest.approx(cap.geometry.wrap_radius_mm)


def test_wrap_never_shorter_than_chord_and_clear_paths_straight():
    rng = np.random.default_rng(0)
    r = 25.0
    p = rng.normal(size=(3, 50))
    p *= (r + rng.uniform(1, 20, 50)) / np.linalg.norm(p, axis=0)
    m = rng.normal(size=(1, 3, 50))
    m *= (r + rng.uniform(1, 30, 50)) / np.linalg.norm(m, axis=1, keepdims=True)
    length, _, _ = path_lengths(p, m, r)
    chord = np.linalg.norm(m[0] - p, axis=0)
    assert np.all(length >= chord - 1e-9)
    # far-apart points on the same side: straight
    length, _, _ = path_lengths(np.array([[40.0], [0.0], [0.0]]),
                                np.array([[[40.0], [10.0], [0.0]]]), r)
    assert length[0, 0] == pytest.approx(10.0)
    # antipodal points on the sphere: half a great circle
    length, _, _ = path_lengths(np.array([[r], [0.0], [0.0]]), np.array([[[-r], [0.0], [1e-9]]]), r)
    assert length[0, 0] == pytest.approx(math.pi * r, rel=1e-6)


@pytest.mark.parametrize("flexion", [0.0, 30.0, 90.0])
def test_ischiofemoral_length_increases_monotonically_with_ir(flexion):
    """No roll-over: the neck via point keeps the band wrapping as the femur turns in."""
    cap = hc.default_capsule()
    ir = np.linspace(*MONOTONIC_IR_RANGE_DEG, 106)
    poses = np.stack([np.full_like(ir, flexion), np.zeros_like(ir), ir], axis=1)
    length = hc.restraint_torque(cap, poses).length_mm
    for j, b in enumerate(cap.bundles):
        if b.ligament == "ischiofemoral":
            assert np.all(np.diff(length[:, j]) > 0), b.name


def test_moment_arms_match_finite_differences():
    cap = hc.default_capsule()
    arr = model_arrays(cap)
    ang = np.deg2rad(np.array([[30.0, 5.0, 20.0], [90.0, -10.0, -30.0], [-10.0, 10.0, 40.0]]))
    rot = rotations_from_jcs(ang)
    axes = jcs_axes(ang, rot)
    h = 1e-4
    for j in range(3):
        ev = evaluate(arr, rot, axes[:, j])
        d = np.zeros(3)
        d[j] = h
        lp = evaluate(arr, rotations_from_jcs(ang + d))["length"]
        lm = evaluate(arr, rotations_from_jcs(ang - d))["length"]
        dldt = (lp - lm) / (2 * h)
        assert np.allclose(1e-3 * ev["force"] * dldt, ev["contrib"], rtol=1e-3, atol=1e-4)


def test_restraint_torque_is_minus_virtual_work():
    cap = hc.default_capsule().tightened(0.05)
    poses = np.array([[30.0, 0.0, 30.0], [90.0, 10.0, 35.0], [0.0, -20.0, -40.0]])
    res = hc.restraint_torque(cap, poses)
    h = 1e-4
    for j in range(3):
        d = np.zeros(3)
        d[j] = h
        lp = hc.restraint_torque(cap, poses + d).length_mm
        lm = hc.restraint_torque(cap, poses - d).length_mm
        dldq = (lp - lm) / (2 * np.deg2rad(h))
        expected = -1e-3 * np.sum(res.force_n * dldq, axis=1)
        assert np.allclose(res.torque_nm[:, j], expected, atol=1e-5)


def test_blankevoort_force_law():
    slack = np.array([50.0])
    k = np.array([20.0])
    strain = np.linspace(-0.1, 0.3, 401)
    force, s = blankevoort_force(slack * (1 + strain), slack, k)
    assert np.allclose(s, strain)
    assert np.all(force[strain <= 0] == 0)
    assert np.all(np.diff(force) >= 0)
    # quadratic toe, linear beyond 6 %: slope k * L0 in the linear region
    lin = strain > TOE_STRAIN + 1e-9
    slope = np.diff(force[lin]) / np.diff(strain[lin])
    assert np.allclose(slope, k * slack)
    e = TOE_STRAIN
    f_lo, _ = blankevoort_force(slack * (1 + e - 1e-9), slack, k)
    f_hi, _ = blankevoort_force(slack * (1 + e + 1e-9), slack, k)
    assert f_lo == pytest.approx(f_hi, rel=1e-6)
    assert f_lo[0] == pytest.approx(k[0] * slack[0] * e / 2)
