"""Geometry, attachments, wrapping and force law of the hipcapsule model."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

import hipcapsule as hc
from hipcapsule import evidence
from hipcapsule.anatomy import FIBRE_COUNTS, FOOTPRINT_BOUNDS, SLACK_RATIO_BOUNDS
from hipcapsule.calibration import calibration_record, footprints_in_use, slack_ratios
from hipcapsule.calibration.targets import MONOTONIC_IR_RANGE_DEG
from hipcapsule.forces import TOE_STRAIN, blankevoort_force
from hipcapsule.geometry import (
    acetabular_axis,
    bone_gap,
    default_geometry,
    jcs_axes,
    neck_axis,
    neck_frame,
    rim_polar_from_morphology,
    rotations_from_jcs,
)
from hipcapsule.solver import evaluate, model_arrays
from hipcapsule.wrapping import fibre_paths, insertions, neutral_separation_rad, path_polyline

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


def test_bone_shape_comes_from_the_evidence_table():
    g = default_geometry()
    assert g.neck_shaft_deg == evidence.value("toogood2009-inclination")
    assert g.femoral_anteversion_deg == evidence.value("toogood2009-version")
    assert g.acetabular_anteversion_deg == evidence.value("mechlenburg2019-acav")
    assert 1.0 / g.neck_half_width_si == pytest.approx(
        evidence.value("saengnipanthkul2012-ratio-male-coronal"))
    assert 1.0 / g.neck_half_width_ap == pytest.approx(
        evidence.value("saengnipanthkul2012-ratio-male-sagittal"))
    axial = 180.0 - (evidence.value("mechlenburg2019-aasa")
                     + evidence.value("mechlenburg2019-pasa")) / 2.0
    coronal = 180.0 - g.acetabular_inclination_deg - evidence.value("mechlenburg2019-ce")
    assert g.rim_polar_deg == pytest.approx((axial + coronal) / 2.0)
    assert rim_polar_from_morphology() == g.rim_polar_deg
    fem = default_geometry("female")
    assert 1.0 / fem.neck_half_width_ap == pytest.approx(evidence.value(
        "saengnipanthkul2012-ratio-female-sagittal"))


def test_bone_contact_uses_the_neck_width_on_the_contact_side():
    """Abduction meets the rim with the wider superior-inferior half-width, IR in flexion with
    the narrower anterior-posterior one; widening either moves only its own contacts."""
    g = default_geometry()
    neck = np.stack(neck_frame(g))
    acet = acetabular_axis(g)

    def first_contact(geom, start, direction):
        th = np.linspace(0.0, 150.0, 3001)
        ang = np.deg2rad(np.asarray(start)[None] + th[:, None] * np.asarray(direction)[None])
        gap = bone_gap(geom, rotations_from_jcs(ang), neck, acet)
        return th[np.argmax(gap <= 0)]

    from dataclasses import replace

    abd, ir90 = ((0, 0, 0), (0, -1, 0)), ((90, 0, 0), (0, 0, 1))
    wide_si = replace(g, neck_half_width_si=g.neck_half_width_si + 0.1)
    wide_ap = replace(g, neck_half_width_ap=g.neck_half_width_ap + 0.1)
    assert first_contact(wide_si, *abd) < first_contact(g, *abd) - 3
    assert first_contact(wide_ap, *abd) == pytest.approx(first_contact(g, *abd), abs=1.0)
    assert first_contact(wide_ap, *ir90) < first_contact(g, *ir90) - 3
    assert first_contact(wide_si, *ir90) == pytest.approx(first_contact(g, *ir90), abs=1.0)


def test_footprints_within_anatomical_bounds():
    fp = footprints_in_use()
    for lig, bounds in FOOTPRINT_BOUNDS.items():
        for key, (lo, hi) in bounds.items():
            assert lo - 1e-9 <= fp[lig][key] <= hi + 1e-9, (lig, key, fp[lig][key])
    for record in calibration_record().get("ensemble", []):
        fp = footprints_in_use(record)
        for lig, bounds in FOOTPRINT_BOUNDS.items():
            for key, (lo, hi) in bounds.items():
                assert lo - 1e-9 <= fp[lig][key] <= hi + 1e-9, (lig, key, fp[lig][key])


def test_every_band_is_slack_at_rest():
    """No pre-tension at neutral: slack ratios >= 1 and no fibre strained in the neutral pose."""
    for record in [None, *calibration_record().get("ensemble", [])]:
        for lig, ratio in slack_ratios(record).items():
            assert SLACK_RATIO_BOUNDS[0] <= ratio <= SLACK_RATIO_BOUNDS[1], lig
    for sex in hc.SEXES:
        res = hc.restraint_torque(hc.default_capsule(sex), [0.0, 0.0, 0.0])
        assert np.all(res.strain <= 1e-12)
        assert np.all(res.force_n == 0.0) and np.all(res.torque_nm == 0.0)


def test_broad_bands_have_several_fibres_spread_over_their_footprints():
    cap = hc.default_capsule()
    assert FIBRE_COUNTS["ischiofemoral"] >= 3 and FIBRE_COUNTS["lateral_iliofemoral"] >= 2
    for lig, n in FIBRE_COUNTS.items():
        fibres = [b for b in cap.bundles if b.ligament == lig]
        assert len(fibres) == n
        if n > 1:
            pel = np.array([b.pelvic_point_mm for b in fibres])
            fem = np.array([b.femoral_point_mm for b in fibres])
            assert np.all(np.linalg.norm(np.diff(pel, axis=0), axis=1) > 1.0), lig
            assert np.all(np.linalg.norm(np.diff(fem, axis=0), axis=1) > 1.0), lig
        k = sum(b.stiffness_n_per_mm for b in fibres)
        assert all(b.stiffness_n_per_mm == pytest.approx(k / n) for b in fibres)


def test_attachment_points_on_correct_side():
    cap = hc.default_capsule()
    r = cap.geometry.head_radius_mm
    for b in cap.bundles:
        p, f = np.array(b.pelvic_point_mm), np.array(b.femoral_point_mm)
        if b.ligament in ("lateral_iliofemoral", "medial_iliofemoral"):
            assert p[0] > 0  # anterior
        if b.ligament == "pubofemoral":
            assert p[0] > 0 and p[1] < 0  # antero-inferior
        if b.ligament == "ischiofemoral":
            assert p[0] < 0  # posterior (ischium)
            assert np.linalg.norm(f) > 1.3 * r  # on the neck, not the head
        if b.ligament == "ligamentum_teres":
            assert np.linalg.norm(f) == pytest.approx(cap.geometry.wrap_radius_mm)
        else:
            assert np.linalg.norm(p) > r  # outside the head


def _frame():
    n = np.array([0.6, -0.6, 0.5])
    n /= np.linalg.norm(n)
    u = np.cross(n, [0.0, 0.0, 1.0])
    u /= np.linalg.norm(u)
    return n, u, np.cross(n, u)


def _random_fibres(seed, nb=40, r=25.0):
    rng = np.random.default_rng(seed)
    n, u, v = _frame()
    p = rng.normal(size=(3, nb))
    p *= (r + rng.uniform(3, 20, nb)) / np.linalg.norm(p, axis=0)
    ang = rng.uniform(-np.pi, np.pi, nb)
    f = (rng.uniform(35, 50, nb) * n[:, None]
         + rng.uniform(17, 22, nb) * (np.cos(ang) * u[:, None] + np.sin(ang) * v[:, None]))
    sig0 = neutral_separation_rad(np.arctan2(v @ p, u @ p), np.arctan2(v @ f, u @ f))
    return p, f, sig0


def test_wrap_never_shorter_than_chord_and_clear_paths_straight():
    r, rc = 25.0, 16.0
    n, u, v = _frame()
    p, f, sig0 = _random_fibres(0)
    ins = insertions(f, r, n, u, v, rc, sig0, np.zeros(p.shape[1], bool))
    res = fibre_paths(p[None], ins.expand(), r, n, u, v, rc)
    assert np.all(res.length_mm[0] >= np.linalg.norm(f - p, axis=0) - 1e-9)
    # far-apart points on the same side of the head, away from the neck: straight
    p1, f1 = np.array([[40.0], [0.0], [0.0]]), np.array([[40.0], [10.0], [0.0]])
    ins = insertions(f1, r, n, u, v, 1.0, np.zeros(1), np.zeros(1, bool))
    assert fibre_paths(p1[None], ins.expand(), r, n, u, v, 1.0).length_mm[0, 0] == (
        pytest.approx(10.0))
    # antipodal points on the sphere (teres-like arc): half a great circle
    p2, f2 = np.array([[r], [0.0], [0.0]]), np.array([[-r], [0.0], [1e-9]])
    ins = insertions(f2, r, n, u, v, 1.0, np.zeros(1), np.ones(1, bool))
    arc = fibre_paths(p2[None], ins.expand(), r, n, u, v, 1.0).length_mm[0, 0]
    assert arc == pytest.approx(math.pi * r, rel=1e-6)


def test_neck_wrap_moment_arms_match_finite_differences():
    r, rc = 25.0, 16.0
    n, u, v = _frame()
    p, f, sig0 = _random_fibres(1)
    ins = insertions(f, r, n, u, v, rc, sig0, np.zeros(p.shape[1], bool)).expand()
    rng = np.random.default_rng(2)
    used_neck = 0
    for _ in range(60):
        w = rng.normal(size=3)
        w /= np.linalg.norm(w)
        th = rng.uniform(-1.0, 1.0)

        def pf(t, w=w):
            return Rotation.from_rotvec(w * t).as_matrix().T @ p

        res = fibre_paths(pf(th)[None], ins, r, n, u, v, rc)
        h = 1e-7
        fd = (fibre_paths(pf(th + h)[None], ins, r, n, u, v, rc).length_mm
              - fibre_paths(pf(th - h)[None], ins, r, n, u, v, rc).length_mm) / (2 * h)
        w_f = Rotation.from_rotvec(w * th).as_matrix().T @ w
        analytic = np.einsum("i,nib->nb", w_f, res.arm_mm)
        assert np.allclose(fd, analytic, atol=1e-4)
        used_neck += int(res.on_neck.sum())
    assert used_neck > 100  # the neck wrap was exercised


def test_drawn_path_has_the_measured_length():
    cap = hc.default_capsule()
    arr = model_arrays(cap)
    rot = rotations_from_jcs(np.deg2rad([[90.0, 0.0, 30.0]]))
    lengths = evaluate(arr, rot)["length"][0, 0]
    n, u, v = arr.neck
    for j, b in enumerate(cap.bundles):
        p_f = rot[0].T @ np.array(b.pelvic_point_mm)
        pts = path_polyline(p_f, np.array(b.femoral_point_mm), arr.wrap_radius_mm, n, u, v,
                            arr.neck_radius_mm, float(arr.sigma0[0, j]), b.on_sphere, 400)
        drawn = np.linalg.norm(np.diff(pts, axis=0), axis=1).sum()
        assert drawn == pytest.approx(lengths[j], rel=2e-3), b.name


@pytest.mark.parametrize("flexion", [0.0, 30.0, 90.0])
def test_ischiofemoral_length_increases_monotonically_with_ir(flexion):
    """No roll-over: the fixed-sense neck wrap keeps every fibre winding as the femur turns
    in. Every ischiofemoral fibre lengthens at every step of internal rotation (the side it
    restrains) up to neck-rim contact; on the external side a fibre at the edge of the fan may
    first shorten, but once it starts to lengthen it never shortens again (a roll-over would)."""
    cap = hc.default_capsule()
    ir = np.linspace(*MONOTONIC_IR_RANGE_DEG, 106)
    poses = np.stack([np.full_like(ir, flexion), np.zeros_like(ir), ir], axis=1)
    # over the physiological range: up to neck-rim contact
    arr = model_arrays(cap)
    gap = bone_gap(cap.geometry, rotations_from_jcs(np.deg2rad(poses)), arr.neck,
                   arr.acetabular_axis)
    poses = poses[: int(np.argmax(gap <= 0)) if (gap <= 0).any() else len(poses)]
    assert len(poses) > 50
    length = hc.restraint_torque(cap, poses).length_mm
    internal = poses[1:, 2] > 0.0
    assert internal.sum() > 20
    for j, b in enumerate(cap.bundles):
        if b.ligament == "ischiofemoral":
            step = np.diff(length[:, j])
            assert np.all(step[internal] > 0), b.name
            rising = step > 0
            first = int(np.argmax(rising))
            assert np.all(rising[first:]), b.name


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
    # central differences with h = 1e-3 deg: truncation error ~1e-6 relative here; smaller steps
    # drown in the path lengths' rounding (arccos of dot products)
    h = 1e-3
    tol = 2e-5 * np.abs(res.torque_nm).max()
    for j in range(3):
        d = np.zeros(3)
        d[j] = h
        lp = hc.restraint_torque(cap, poses + d).length_mm
        lm = hc.restraint_torque(cap, poses - d).length_mm
        dldq = (lp - lm) / (2 * np.deg2rad(h))
        expected = -1e-3 * np.sum(res.force_n * dldq, axis=1)
        assert np.allclose(res.torque_nm[:, j], expected, rtol=0.0, atol=tol)


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
