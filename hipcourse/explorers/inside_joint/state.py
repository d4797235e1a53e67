"""Explorer 3 state: each band's drawn 3-D path, strain and length at one pose and tightness.

The femoral head is a sphere, and each capsular band is drawn along the path the model
measures: a tangent from its pelvic point onto the wrapping sphere, a great-circle arc over the
head, a tangent to its femur-fixed point, and for the spiralling ischiofemoral bands a helix
over the neck from the via point to the insertion (see :mod:`hipcapsule.wrapping`). Strains
come from :func:`hipcapsule.restraint_torque`; the drawn polyline is geometry only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from hipcapsule import REGIONS, default_capsule, restraint_torque
from hipcapsule.capsule import Capsule
from hipcapsule.forces import TOE_STRAIN
from hipcapsule.geometry import acetabular_axis, neck_axis, rotations_from_jcs

__all__ = ["JointState", "bundle_paths", "first_taut_in_ir", "joint_state", "settings_state"]


def _wrap_polyline(p: np.ndarray, m: np.ndarray, r: float, n_arc: int) -> np.ndarray:
    """Shortest path P -> M around a sphere of radius ``r`` at the origin (both outside or on it).

    Tangent from P, great-circle arc, tangent to M, in the plane through O, P and M (the same
    construction as :func:`hipcapsule.wrapping.path_lengths`). Returns points (k, 3).
    """
    pn, mn = np.linalg.norm(p), np.linalg.norm(m)
    e1 = p / pn
    perp = m - (m @ e1) * e1
    e2 = perp / max(np.linalg.norm(perp), 1e-12)
    gamma = math.acos(max(-1.0, min(1.0, float(m @ p) / (pn * mn))))
    a_p = math.acos(min(r / pn, 1.0))
    a_m = math.acos(min(r / mn, 1.0))
    phi = np.linspace(a_p, gamma - a_m, n_arc)
    arc = r * (np.cos(phi)[:, None] * e1 + np.sin(phi)[:, None] * e2)
    return np.vstack([p, arc, m])


def _helix(v: np.ndarray, f: np.ndarray, axis: np.ndarray, n: int) -> np.ndarray:
    """Helix over the neck from via point ``v`` to insertion ``f`` (femur frame), (n, 3).

    Axial position, radius and azimuth about the neck ``axis`` change linearly, as in the
    constant neck-wrap length of :mod:`hipcapsule.ligaments`.
    """
    av, af = v @ axis, f @ axis
    rv, rf = v - av * axis, f - af * axis
    u = rv / np.linalg.norm(rv)
    w = np.cross(axis, u)
    dphi = math.atan2(rf @ w, rf @ u)
    s = np.linspace(0.0, 1.0, n)[:, None]
    rad = (1 - s) * np.linalg.norm(rv) + s * np.linalg.norm(rf)
    ang = s * dphi
    return (av + s * (af - av)) * axis + rad * (np.cos(ang) * u + np.sin(ang) * w)


def bundle_paths(
    capsule: Capsule, pose_deg, n_arc: int = 8, n_helix: int = 5
) -> dict[str, np.ndarray]:
    """Drawn 3-D path of every bundle at one pose (pelvis frame, mm).

    Parameters
    ----------
    capsule : Capsule
    pose_deg : array_like, shape (3,)
        Flexion, adduction, internal rotation (deg).
    n_arc, n_helix : int
        Points on the arc over the head and on the helix over the neck.

    Returns
    -------
    dict
        Bundle name -> ndarray (k, 3), from the pelvic point to the femoral insertion. A band
        whose model length is its straight length is drawn as a straight segment; otherwise it
        wraps the sphere (the model's own decision, read from
        :func:`hipcapsule.restraint_torque`).
    """
    pose = np.asarray(pose_deg, dtype=float).reshape(1, 3)
    res = restraint_torque(capsule, pose)
    rot = rotations_from_jcs(np.deg2rad(pose))[0]
    r = capsule.geometry.wrap_radius_mm
    n_axis = neck_axis(capsule.geometry)
    out = {}
    for j, b in enumerate(capsule.bundles):
        p = np.asarray(b.pelvic_point_mm)
        end = b.femoral_point_mm if b.via_point_mm is None else b.via_point_mm
        m = rot @ np.asarray(end)
        head_part = res.length_mm[0, j] - b.neck_wrap_mm
        if head_part > np.linalg.norm(m - p) + 1e-6:
            pts = _wrap_polyline(p, m, r, n_arc)
        else:
            pts = np.vstack([p, m])
        if b.via_point_mm is not None:
            via, fem = np.asarray(b.via_point_mm), np.asarray(b.femoral_point_mm)
            hel = _helix(via, fem, n_axis, n_helix)
            pts = np.vstack([pts, (rot @ hel.T).T[1:]])
        out[b.name] = pts
    return out


def _neck_wire(capsule: Capsule, rot: np.ndarray, n_ring: int = 12) -> np.ndarray:
    """Wireframe of the femoral neck and a shaft stub (pelvis frame), NaN-separated (k, 3)."""
    g = capsule.geometry
    big_r = g.head_radius_mm
    n = neck_axis(g)
    up = np.array([0.0, 1.0, 0.0]) - n[1] * n
    up /= np.linalg.norm(up)
    side = np.cross(n, up)
    rad = g.neck_radius_ratio * big_r
    ang = np.linspace(0.0, 2 * np.pi, n_ring + 1)
    ring = np.cos(ang)[:, None] * up + np.sin(ang)[:, None] * side
    parts = []
    for s in (0.75, 1.3, 1.85):  # rings along the neck (head radii from the centre)
        parts.append(s * big_r * n + rad * (1.0 + 0.25 * (s - 0.75)) * ring)
    for k in range(0, n_ring, 3):  # four lines along the neck
        parts.append(np.array([0.75 * big_r * n + rad * ring[k],
                               1.85 * big_r * n + rad * 1.275 * ring[k]]))
    base = 2.3 * big_r * n
    parts.append(np.array([np.zeros(3), base, base + np.array([0.0, -1.4 * big_r, 0.0])]))
    pts = []
    for part in parts:
        pts.append(part)
        pts.append(np.full((1, 3), np.nan))
    femur = np.vstack(pts[:-1])
    return (rot @ femur.T).T


def _bone_contact(capsule: Capsule, rot: np.ndarray) -> bool:
    """True if the neck meets the effective acetabular rim (the model's bony limit)."""
    g = capsule.geometry
    cos_angle = float((rot @ neck_axis(g)) @ acetabular_axis(g))
    return cos_angle < math.cos(g.bony_clearance_rad)


@dataclass(frozen=True)
class JointState:
    """Everything the 3-D view shows at one pose and tightness.

    Attributes
    ----------
    pose_deg : tuple of 3 float
    tightness : float
        Whole-capsule tightness.
    strain : dict
        Bundle -> strain (fraction) from :func:`hipcapsule.restraint_torque`.
    length_mm, normal_slack_mm : dict
        Bundle -> model path length and slack length of the untightened band (mm).
    paths : dict
        Bundle -> drawn polyline (k, 3) in mm.
    femur_wire : ndarray (k, 3)
        Neck wireframe (NaN-separated).
    bone_contact : bool
    """

    pose_deg: tuple
    tightness: float
    strain: dict
    length_mm: dict
    normal_slack_mm: dict
    paths: dict
    femur_wire: np.ndarray
    bone_contact: bool


def joint_state(
    pose_deg=(0.0, 0.0, 0.0), tightness: float = 0.0, sex: str = "male", n_arc: int = 8
) -> JointState:
    """Model state of the 3-D view (see :class:`JointState`).

    Parameters
    ----------
    pose_deg : array_like, shape (3,)
        Flexion, adduction, internal rotation (deg).
    tightness : float
        Whole-capsule tightness (the ligamentum teres is not tightened).
    sex : {"male", "female"}
    n_arc : int
        Points on each arc over the head.
    """
    normal = default_capsule(sex)
    cap = normal.tightened(tightness, ligaments=REGIONS["whole"]) if tightness else normal
    pose = tuple(float(v) for v in np.asarray(pose_deg, dtype=float).reshape(3))
    res = restraint_torque(cap, np.array([pose]))
    rot = rotations_from_jcs(np.deg2rad(np.array([pose])))[0]
    names = cap.bundle_names
    return JointState(
        pose_deg=pose,
        tightness=float(tightness),
        strain={n: float(res.strain[0, j]) for j, n in enumerate(names)},
        length_mm={n: float(res.length_mm[0, j]) for j, n in enumerate(names)},
        normal_slack_mm={b.name: b.slack_length_mm for b in normal.bundles},
        paths=bundle_paths(cap, pose, n_arc=n_arc),
        femur_wire=_neck_wire(cap, rot),
        bone_contact=_bone_contact(cap, rot),
    )


def first_taut_in_ir(
    flexion_deg: float = 0.0, tightness: float = 0.0, sex: str = "male", max_ir_deg: float = 60.0
) -> tuple[str, float]:
    """The band that tightens first as the hip turns inwards from neutral rotation.

    "Tightens" means its strain reaches the end of the toe region (:data:`TOE_STRAIN`, where
    the crimped fibres have straightened and the band turns stiff). Only bands whose strain
    rises over the scan (0 deg to ``max_ir_deg`` IR) count; a band already past the toe region
    at 0 deg counts at 0 deg (the most strained first).

    Returns
    -------
    (bundle name, IR angle in deg); ("none", inf) if no band tightens in the scan.
    """
    normal = default_capsule(sex)
    cap = normal.tightened(tightness, ligaments=REGIONS["whole"]) if tightness else normal
    ir = np.arange(0.0, max_ir_deg + 0.25, 0.5)
    poses = np.stack([np.full_like(ir, flexion_deg), np.zeros_like(ir), ir], axis=1)
    strain = restraint_torque(cap, poses).strain
    best = ("none", math.inf, -math.inf)
    for j, name in enumerate(cap.bundle_names):
        s = strain[:, j]
        if s[-1] <= s[0] + 0.005:
            continue  # not stretched by internal rotation
        hit = np.nonzero(s >= TOE_STRAIN)[0]
        if hit.size == 0:
            continue
        angle = float(ir[hit[0]])
        if (angle, -s[0]) < (best[1], -best[2]):
            best = (name, angle, float(s[0]))
    return best[0], best[1]


def settings_state(rotation: float = 0.0, flexion: float = 0.0, tightness: float = 0.0,
                   adduction: float = 0.0, sex: str = "male") -> dict:
    """What explorer 3 shows for one setting (rotation, flexion, adduction in deg; whole-capsule
    tightness): strain per bundle, the pose, the tightness and whether bone touches."""
    st = joint_state((flexion, adduction, rotation), tightness, sex)
    return {"strain": dict(st.strain), "pose_deg": st.pose_deg, "tightness": st.tightness,
            "bone_contact": st.bone_contact}
