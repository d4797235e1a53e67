"""Vectorised evaluation of band lengths, forces, torques and motion limits.

Everything here works on batches: a query builds one array of poses for all motions and all
grid angles and evaluates it in a single numpy pass. A limit search evaluates a coarse grid
(``COARSE_POINTS`` angles from 0 to the motion's search maximum), finds each motion's first
grid crossing of the torque threshold or of bony contact, re-samples the bracketing interval
with ``FINE_POINTS`` angles (again one batch), and interpolates linearly.

Internal angles are radians.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .capsule import Capsule
from .forces import blankevoort_force
from .geometry import acetabular_axis, jcs_axes, neck_axis, rotations_about_axes, rotations_from_jcs
from .wrapping import path_constants, path_lengths

__all__ = ["COARSE_POINTS", "FINE_POINTS", "MotionBatch", "ModelArrays", "model_arrays"]

COARSE_POINTS = 19
FINE_POINTS = 8


@dataclass(frozen=True)
class ModelArrays:
    """Derived arrays of a capsule (cached per capsule)."""

    pelvic: np.ndarray  # (3, nb)
    moving: np.ndarray  # (nb, 3) femur-frame F or via point
    extra_mm: np.ndarray  # (nb,) constant femur-fixed length
    slack_mm: np.ndarray  # (nb,) effective slack
    stiffness: np.ndarray  # (nb,) 0 if released
    wrap_radius_mm: float
    neck_axis: np.ndarray  # (3,) femur frame
    acetabular_axis: np.ndarray  # (3,) pelvis frame
    cos_clearance: float
    names: tuple[str, ...]
    path_constants: tuple  # see hipcapsule.wrapping.path_constants


@lru_cache(maxsize=256)
def model_arrays(cap: Capsule) -> ModelArrays:
    """Return (and cache) the numpy arrays the solver needs for ``cap``."""
    geom = cap.geometry
    moving = [b.femoral_point_mm if b.via_point_mm is None else b.via_point_mm for b in cap.bundles]
    extra = [b.neck_wrap_mm for b in cap.bundles]
    arr = ModelArrays(
        pelvic=np.array([b.pelvic_point_mm for b in cap.bundles]).T.copy(),
        moving=np.array(moving),
        extra_mm=np.array(extra),
        slack_mm=np.array([b.effective_slack_length_mm for b in cap.bundles]),
        stiffness=np.array([0.0 if b.released else b.stiffness_n_per_mm for b in cap.bundles]),
        wrap_radius_mm=geom.wrap_radius_mm,
        neck_axis=neck_axis(geom),
        acetabular_axis=acetabular_axis(geom),
        cos_clearance=float(np.cos(geom.bony_clearance_rad)),
        names=cap.bundle_names,
        path_constants=path_constants(
            np.array([b.pelvic_point_mm for b in cap.bundles]).T,
            np.linalg.norm(np.array(moving), axis=1),
            geom.wrap_radius_mm,
        ),
    )
    for a in (arr.pelvic, arr.moving, arr.extra_mm, arr.slack_mm, arr.stiffness):
        a.setflags(write=False)
    return arr


def evaluate(arr: ModelArrays, rot: np.ndarray, omega: np.ndarray | None = None):
    """Band state at poses ``rot``.

    Parameters
    ----------
    arr : ModelArrays
    rot : ndarray, shape (n, 3, 3)
        Femur-to-pelvis rotation matrices.
    omega : ndarray, shape (n, 3), optional
        Motion axis per pose (pelvis frame, unit angular velocity per radian of the motion).

    Returns
    -------
    dict with ``length`` (n, nb) mm, ``force`` (n, nb) N, ``strain`` (n, nb), ``cross``
    (n, 3, nb), ``den`` (n, nb), ``bone`` (n,) = cos(neck-acetabulum angle) - cos(clearance)
    (< 0 means neck-rim contact) and, if ``omega`` is given, ``contrib`` (n, nb): each band's
    restraining torque about ``omega`` (N m, positive = opposing the motion), and ``torque``
    (n,) their sum.
    """
    moving = np.matmul(rot, arr.moving.T)  # (n, 3, nb)
    length, cross, den = path_lengths(arr.pelvic, moving, arr.wrap_radius_mm, arr.path_constants)
    length = length + arr.extra_mm
    force, strain = blankevoort_force(length, arr.slack_mm, arr.stiffness)
    neck_world = rot @ arr.neck_axis  # (n, 3)
    bone = neck_world @ arr.acetabular_axis - arr.cos_clearance
    out = {
        "length": length,
        "force": force,
        "strain": strain,
        "cross": cross,
        "den": den,
        "bone": bone,
    }
    if omega is not None:
        # dL/dtheta = -(w . (M x P)) / den ; restraining torque = T dL/dtheta (mm -> m)
        dldt = -np.einsum("ni,nib->nb", omega, cross) / den
        contrib = 1e-3 * force * dldt
        out["contrib"] = contrib
        # only bands stretched by the motion resist it (see hipcapsule.rom docs)
        out["torque"] = np.maximum(contrib, 0.0).sum(axis=1)
    return out


@dataclass(frozen=True)
class MotionBatch:
    """A batch of motions starting from base poses.

    ``kind`` "jcs": pose(theta) = base + theta * direction in JCS angle space (rad).
    ``kind`` "swing": rotation by theta about a fixed pelvis-frame axis ``direction`` from
    the base pose (only the neutral base is used).
    """

    kind: str
    base_rad: np.ndarray  # (m, 3)
    direction: np.ndarray  # (m, 3)
    theta_max_rad: np.ndarray  # (m,)


def _poses(batch: MotionBatch, theta: np.ndarray):
    """Rotations and motion axes for angles ``theta`` (m, g) -> (m*g, 3, 3), (m*g, 3)."""
    m, g = theta.shape
    if batch.kind == "jcs":
        ang = batch.base_rad[:, None, :] + theta[:, :, None] * batch.direction[:, None, :]
        ang = ang.reshape(m * g, 3)
        rot = rotations_from_jcs(ang)
        axes = jcs_axes(ang, rot)
        dirs = np.repeat(batch.direction, g, axis=0)
        omega = np.einsum("nj,nji->ni", dirs, axes)
    else:
        axis = np.repeat(batch.direction, g, axis=0)
        rot = rotations_about_axes(axis, theta.reshape(-1))
        omega = axis
    return rot, omega


_GRID_CACHE: dict = {}
_GRID_CACHE_SIZE = 64


def _coarse_poses(batch: MotionBatch, theta: np.ndarray):
    """:func:`_poses` for the coarse grid, cached by motion batch (capsule-independent)."""
    key = (
        batch.kind,
        batch.base_rad.tobytes(),
        batch.direction.tobytes(),
        batch.theta_max_rad.tobytes(),
    )
    hit = _GRID_CACHE.get(key)
    if hit is None:
        hit = _poses(batch, theta)
        for a in hit:
            a.setflags(write=False)
        if len(_GRID_CACHE) >= _GRID_CACHE_SIZE:
            _GRID_CACHE.pop(next(iter(_GRID_CACHE)))
        _GRID_CACHE[key] = hit
    return hit


def _first_crossing(theta: np.ndarray, g_lig: np.ndarray, g_bone: np.ndarray):
    """First crossing of ``g_lig >= 0`` or ``g_bone <= 0`` along axis 1.

    Returns index k (m,) of the first hit sample (-1 if none), the interpolated angle (m,)
    and a flag (m,) True if bone is the first.
    """
    hit = (g_lig >= 0.0) | (g_bone <= 0.0)
    any_hit = hit.any(axis=1)
    k = np.where(any_hit, hit.argmax(axis=1), -1)
    rows = np.arange(theta.shape[0])
    kk = np.maximum(k, 1)
    t0 = theta[rows, kk - 1]
    t1 = theta[rows, kk]
    gl0, gl1 = g_lig[rows, kk - 1], g_lig[rows, kk]
    gb0, gb1 = g_bone[rows, kk - 1], g_bone[rows, kk]
    with np.errstate(divide="ignore", invalid="ignore"):
        fl = np.where(gl1 >= 0.0, np.clip(-gl0 / (gl1 - gl0), 0.0, 1.0), np.inf)
        fb = np.where(gb1 <= 0.0, np.clip(gb0 / (gb0 - gb1), 0.0, 1.0), np.inf)
    frac = np.minimum(fl, fb)
    frac = np.where(np.isfinite(frac), frac, 1.0)
    angle = t0 + frac * (t1 - t0)
    is_bone = fb < fl
    at_zero = k == 0
    angle = np.where(at_zero, theta[:, 0], angle)
    is_bone = np.where(at_zero, g_bone[:, 0] <= 0.0, is_bone)
    angle = np.where(k < 0, theta[:, -1], angle)
    return k, angle, is_bone


def search_limits(arr: ModelArrays, batch: MotionBatch, threshold_nm: float):
    """Limit angle (rad), limiting structure and band strains for each motion of ``batch``.

    Returns
    -------
    angle_rad : ndarray (m,)
        Limit angle (the search maximum if nothing stops the motion).
    limited_by : list of str
        Bundle name, "bone", or "none".
    strain : ndarray (m, nb)
        Band strains at the limit.
    torque_nm : ndarray (m,)
        Restraining torque at the limit sample.
    """
    m = batch.base_rad.shape[0]
    s = np.linspace(0.0, 1.0, COARSE_POINTS)
    theta = batch.theta_max_rad[:, None] * s[None, :]
    rot, omega = _coarse_poses(batch, theta)
    ev = evaluate(arr, rot, omega)
    g_lig = ev["torque"].reshape(m, -1) - threshold_nm
    g_bone = ev["bone"].reshape(m, -1)
    k, _, _ = _first_crossing(theta, g_lig, g_bone)
    # refine inside the bracketing interval
    rows = np.arange(m)
    kk = np.clip(k, 1, COARSE_POINTS - 1)
    lo = np.where(k <= 0, theta[rows, np.where(k == 0, 0, -1)], theta[rows, kk - 1])
    hi = np.where(k <= 0, lo, theta[rows, kk])
    sf = np.linspace(0.0, 1.0, FINE_POINTS)
    theta_f = lo[:, None] + (hi - lo)[:, None] * sf[None, :]
    rot_f, omega_f = _poses(batch, theta_f)
    ev_f = evaluate(arr, rot_f, omega_f)
    gl_f = ev_f["torque"].reshape(m, -1) - threshold_nm
    gb_f = ev_f["bone"].reshape(m, -1)
    kf, angle, is_bone = _first_crossing(theta_f, gl_f, gb_f)
    # a motion stopped at the start of its coarse grid, or never stopped
    kf = np.where(kf < 0, FINE_POINTS - 1, kf)
    nb = arr.slack_mm.shape[0]
    contrib = ev_f["contrib"].reshape(m, FINE_POINTS, nb)[rows, kf]
    strain = ev_f["strain"].reshape(m, FINE_POINTS, nb)[rows, kf]
    torque = ev_f["torque"].reshape(m, FINE_POINTS)[rows, kf]
    best = contrib.argmax(axis=1)
    names = np.array(arr.names + ("bone", "none"))
    idx = np.where(is_bone, nb, best)
    stopped = (k >= 0) & ((gl_f[rows, kf] >= 0) | (gb_f[rows, kf] <= 0))
    idx = np.where(stopped | is_bone, idx, nb + 1)
    return angle, names[idx].tolist(), strain, torque
