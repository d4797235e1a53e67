"""Explorer 3 state: every fibre's drawn 3-D path, strain and length at one pose and tightness,
the bone the model uses (head, elliptical neck, bony rim) and the rotation limits there.

Every fibre is drawn along the path the model measures: :func:`hipcapsule.wrapping.path_polyline`
with the model's own arrays (:func:`hipcapsule.solver.model_arrays`), so the drawn length is the
model length. A fibre runs straight, over the head sphere, or winds around the neck cylinder
with the winding sense it has at the neutral pose (the four ischiofemoral fibres wind over the
back of the neck and never roll over to the front). The neck is drawn as the model's bony
cross-section (an ellipse, wider superior-inferior than front-to-back), the acetabular rim as the
circle at :attr:`~hipcapsule.Geometry.rim_polar_deg` from the socket's opening axis, and contact
between them is :func:`hipcapsule.geometry.bone_gap` (< 0 = contact). Fibres wrap the neck as a
circular cylinder of the neck's mean half-width plus the capsule thickness (the model's
simplification), so on the drawing they sit just off the oval neck.

Strains and lengths come from :func:`hipcapsule.restraint_torque`; limits from
:func:`hipcapsule.rotation_limits` (with the ensemble band); the bony limit is the same query for
the capsule with every ligament cut (only the neck-rim contact is left).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from hipcapsule import (
    BUNDLES,
    LIGAMENTS,
    REGIONS,
    default_capsule,
    motion_limit,
    restraint_torque,
    rotation_limits,
)
from hipcapsule.capsule import Capsule
from hipcapsule.forces import TOE_STRAIN
from hipcapsule.geometry import acetabular_axis, bone_gap, rotations_from_jcs
from hipcapsule.solver import evaluate, model_arrays
from hipcapsule.wrapping import path_polyline

__all__ = [
    "N_POINTS",
    "JointState",
    "cup_radius_mm",
    "fibre_paths",
    "first_taut_in_ir",
    "joint_state",
    "neck_outline",
    "on_neck",
    "rim_circle",
    "rotation_stops",
    "settings_state",
    "wrap_words",
]

#: Points along each drawn fibre (the drawn length matches the model length at any count).
N_POINTS = 12

#: Neck rings, in head radii from the head centre along the neck axis (head-neck junction to
#: beyond the femoral insertions), and the end of the shaft stub.
NECK_RINGS_R = (0.75, 1.2, 1.65, 2.1)
SHAFT_STUB_R = 1.4

#: The socket (cup and rim) is drawn this far outside the wrapping sphere (mm), so that the
#: fibres on the head show inside it.
CUP_OFFSET_MM = 1.5


def _capsule(tightness: float, sex: str) -> Capsule:
    normal = default_capsule(sex)
    return normal.tightened(tightness, ligaments=REGIONS["whole"]) if tightness else normal


def _rotation(pose_deg) -> np.ndarray:
    return rotations_from_jcs(np.deg2rad(np.asarray(pose_deg, dtype=float).reshape(1, 3)))[0]


def fibre_paths(capsule: Capsule, pose_deg, n_points: int = N_POINTS) -> dict[str, np.ndarray]:
    """Drawn 3-D path of every fibre at one pose (pelvis frame, mm).

    Parameters
    ----------
    capsule : Capsule
    pose_deg : array_like, shape (3,)
        Flexion, adduction, internal rotation (deg).
    n_points : int
        Points per path, from the pelvic attachment to the femoral one.

    Returns
    -------
    dict
        Fibre name -> ndarray (n_points, 3): the path :func:`hipcapsule.wrapping.path_polyline`
        gives in the femur frame, turned into the pelvis frame.
    """
    rot = _rotation(pose_deg)
    arr = model_arrays(capsule)
    n_ax, u, v = arr.neck
    out = {}
    for j, b in enumerate(capsule.bundles):
        p_f = rot.T @ np.asarray(b.pelvic_point_mm)
        pts = path_polyline(p_f, np.asarray(b.femoral_point_mm), arr.wrap_radius_mm, n_ax, u, v,
                            arr.neck_radius_mm, float(arr.sigma0[0, j]), b.on_sphere, n_points)
        out[b.name] = pts @ rot.T
    return out


def neck_outline(capsule: Capsule, rot: np.ndarray, n_ring: int = 16) -> np.ndarray:
    """The femoral neck as the model's elliptical cross-section, and a shaft stub (pelvis frame).

    Rings at :data:`NECK_RINGS_R` along the neck axis with the model's half-widths
    (``neck_half_width_si`` superior-inferior, ``neck_half_width_ap`` front-to-back, in head
    radii), four lines along the neck and a stub of the shaft; NaN-separated, shape (k, 3).
    """
    g = capsule.geometry
    big_r = g.head_radius_mm
    n_ax, sup, ant = model_arrays(capsule).neck
    ang = np.linspace(0.0, 2 * np.pi, n_ring + 1)
    ring = big_r * (g.neck_half_width_si * np.cos(ang)[:, None] * sup
                    + g.neck_half_width_ap * np.sin(ang)[:, None] * ant)
    parts = [s * big_r * n_ax + ring for s in NECK_RINGS_R]
    lo, hi = NECK_RINGS_R[0] * big_r * n_ax, NECK_RINGS_R[-1] * big_r * n_ax
    for k in range(0, n_ring, n_ring // 4):
        parts.append(np.array([lo + ring[k], hi + ring[k]]))
    parts.append(np.array([hi, hi + np.array([0.0, -SHAFT_STUB_R * big_r, 0.0])]))
    pts = []
    for part in parts:
        pts += [part, np.full((1, 3), np.nan)]
    return np.vstack(pts[:-1]) @ rot.T


def cup_radius_mm(capsule: Capsule) -> float:
    """Radius (mm) at which the socket and its rim are drawn."""
    return capsule.geometry.wrap_radius_mm + CUP_OFFSET_MM


def rim_circle(capsule: Capsule, n: int = 48) -> np.ndarray:
    """The bony acetabular rim: the circle at ``rim_polar_deg`` from the socket's opening axis,
    drawn at :func:`cup_radius_mm` (pelvis frame, mm), closed, shape (n + 1, 3)."""
    g = capsule.geometry
    a = acetabular_axis(g)
    e1 = np.cross(a, [0.0, 0.0, 1.0])
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(a, e1)
    polar = math.radians(g.rim_polar_deg)
    lon = np.linspace(0.0, 2 * np.pi, n + 1)
    dirs = (math.cos(polar) * a[None]
            + math.sin(polar) * (np.cos(lon)[:, None] * e1 + np.sin(lon)[:, None] * e2))
    return cup_radius_mm(capsule) * dirs


def on_neck(capsule: Capsule, pose_deg) -> dict[str, bool]:
    """Fibre -> True where the neck wrap sets its length at this pose (it winds around the
    neck), False where it runs straight or over the head (:func:`hipcapsule.solver.evaluate`)."""
    ev = evaluate(model_arrays(capsule), _rotation(pose_deg)[None])
    return dict(zip(capsule.bundle_names, map(bool, ev["paths"].on_neck[0, 0]), strict=True))


def wrap_words(capsule: Capsule, pose_deg, ligament: str = "ischiofemoral") -> str:
    """Where a ligament's fibres lie at a pose, in words ("all four wind around the back of
    the neck", "all four lie on the back of the head", "one winds ... and three lie ...")."""
    flags = [v for k, v in on_neck(capsule, pose_deg).items() if BUNDLES[k] == ligament]
    n, k = len(flags), sum(flags)
    words = {1: "one", 2: "two", 3: "three", 4: "four"}
    every = "both" if n == 2 else f"all {words.get(n, n)}"
    if k == n:
        return f"{every} wind around the back of the neck"
    if k == 0:
        return f"{every} lie on the back of the head"
    return f"{words.get(k, k)} wind around the neck and {words.get(n - k, n - k)} lie on the head"


def _bone_gap(capsule: Capsule, rot: np.ndarray) -> float:
    arr = model_arrays(capsule)
    return float(bone_gap(capsule.geometry, rot[None], arr.neck, arr.acetabular_axis)[0])


@dataclass(frozen=True)
class JointState:
    """Everything the 3-D view shows at one pose and tightness.

    Attributes
    ----------
    pose_deg : tuple of 3 float
    tightness : float
        Whole-capsule tightness (the ligamentum teres is not tightened).
    strain : dict
        Fibre -> strain (fraction) from :func:`hipcapsule.restraint_torque`.
    length_mm, normal_slack_mm : dict
        Fibre -> model path length and slack length of the untightened fibre (mm).
    paths : dict
        Fibre -> drawn polyline (k, 3) in mm (pelvis frame).
    neck : ndarray (k, 3)
        Neck and shaft outline (NaN-separated, pelvis frame).
    bone_gap : float
        :func:`hipcapsule.geometry.bone_gap` at this pose (< 0: the neck meets the rim).
    """

    pose_deg: tuple
    tightness: float
    strain: dict
    length_mm: dict
    normal_slack_mm: dict
    paths: dict
    neck: np.ndarray
    bone_gap: float

    @property
    def bone_contact(self) -> bool:
        """True if the neck meets the bony rim (the model's bony limit)."""
        return self.bone_gap < 0.0


def joint_state(pose_deg=(0.0, 0.0, 0.0), tightness: float = 0.0, sex: str = "male",
                n_points: int = N_POINTS) -> JointState:
    """Model state of the 3-D view (see :class:`JointState`).

    Parameters
    ----------
    pose_deg : array_like, shape (3,)
        Flexion, adduction, internal rotation (deg).
    tightness : float
        Whole-capsule tightness (the ligamentum teres is not tightened).
    sex : {"male", "female"}
    n_points : int
        Points per drawn fibre.
    """
    normal = default_capsule(sex)
    cap = _capsule(tightness, sex)
    pose = tuple(float(v) for v in np.asarray(pose_deg, dtype=float).reshape(3))
    res = restraint_torque(cap, np.array([pose]))
    rot = _rotation(pose)
    names = cap.bundle_names
    return JointState(
        pose_deg=pose,
        tightness=float(tightness),
        strain={n: float(res.strain[0, j]) for j, n in enumerate(names)},
        length_mm={n: float(res.length_mm[0, j]) for j, n in enumerate(names)},
        normal_slack_mm={b.name: b.slack_length_mm for b in normal.bundles},
        paths=fibre_paths(cap, pose, n_points),
        neck=neck_outline(cap, rot),
        bone_gap=_bone_gap(cap, rot),
    )


def rotation_stops(flexion_deg: float = 0.0, adduction_deg: float = 0.0,
                   tightness: float = 0.0, sex: str = "male", band: bool = True) -> dict:
    """Where internal and external rotation stop from this flexion and adduction.

    Returns
    -------
    dict
        ``ir``, ``er`` (deg, limits at 5 N m or neck-rim contact), ``ir_by``, ``er_by`` (fibre
        name, "bone" or "none"), ``ir_band``, ``er_band`` (10th-90th percentile over the
        calibration ensemble, deg; omitted with ``band=False``), ``bone_ir`` (deg of internal
        rotation at which the neck meets the rim, found with every ligament cut; the search
        maximum if it never does), ``bone_found`` (False if it never does) and ``margin``
        (``bone_ir - ir``: how far before bone the soft tissues stop internal rotation, 0 when
        bone stops it; None if the neck never reaches the rim).
    """
    lim = rotation_limits(_capsule(tightness, sex), flexion_deg, -adduction_deg, band=band)
    bone = motion_limit(default_capsule(sex).released(list(LIGAMENTS)), "internal_rotation",
                        flexion_deg, adduction_deg)
    out = {
        "ir": float(lim.ir[0]), "er": float(lim.er[0]),
        "ir_by": lim.ir_limited_by_bundle[0], "er_by": lim.er_limited_by_bundle[0],
        "bone_ir": bone.angle_deg, "bone_found": bone.limited_by == "bone",
    }
    out["margin"] = out["bone_ir"] - out["ir"] if out["bone_found"] else None
    if band:
        out["ir_band"] = tuple(float(x) for x in lim.ir_band[0])
        out["er_band"] = tuple(float(x) for x in lim.er_band[0])
    return out


def first_taut_in_ir(
    flexion_deg: float = 0.0, tightness: float = 0.0, sex: str = "male", max_ir_deg: float = 60.0
) -> tuple[str, float]:
    """The fibre that tightens first as the hip turns inwards from neutral rotation.

    "Tightens" means its strain reaches the end of the toe region (:data:`TOE_STRAIN`, where
    the crimped fibres have straightened and the fibre turns stiff). Only fibres whose strain
    rises over the scan (0 deg to ``max_ir_deg`` IR) count; a fibre already past the toe
    region at 0 deg counts at 0 deg (the most strained first).

    Returns
    -------
    (fibre name, IR angle in deg); ("none", inf) if no fibre tightens in the scan.
    """
    cap = _capsule(tightness, sex)
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
    tightness): strain per fibre, the pose, the tightness, whether bone touches, and where
    rotation stops from this flexion and adduction (with the ensemble band)."""
    st = joint_state((flexion, adduction, rotation), tightness, sex)
    return {"strain": dict(st.strain), "pose_deg": st.pose_deg, "tightness": st.tightness,
            "bone_contact": st.bone_contact,
            **rotation_stops(flexion, adduction, tightness, sex)}
