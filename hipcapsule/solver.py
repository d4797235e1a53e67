"""Vectorised evaluation of fibre lengths, forces, torques and motion limits.

Everything here works on batches: a query builds one array of poses for all motions and all
grid angles and evaluates it in a single numpy pass, for one capsule or for every member of a
calibration ensemble at once (:func:`ensemble_arrays`).

Limit search
------------
Each motion is sampled every ``GRID_STEP_DEG`` from 0 to its search maximum (the same step
for every motion and batch). A fibre's path length and its rate of change along the motion depend
only on the bone geometry and the attachment points, not on slack length or stiffness, so they are
computed once per (geometry, motion batch) and kept in a :class:`PathTable` (cached). A query
then applies the force law to the table, sums the restraining torque, finds each motion's first
grid sample where the torque reaches the threshold or the neck meets the rim, and interpolates
linearly inside that interval. Tightening, releasing or stiffening a capsule therefore costs
only the force law; a new geometry (another ensemble member, a calibration step) builds its
table first. The restraint-torque slope at the limit is the torque change over that interval.
The method does not depend on what is cached: a table is the same whichever way it was built.

Internal angles are radians.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .capsule import Capsule
from .forces import blankevoort_force
from .geometry import (
    Geometry,
    acetabular_axis,
    bone_gap,
    jcs_axes,
    neck_frame,
    rotations_about_axes,
    rotations_from_jcs,
)
from .wrapping import Insertions, fibre_paths, insertions, neutral_separation_rad

__all__ = [
    "GRID_STEP_DEG",
    "Limits",
    "PathTable",
    "ModelArrays",
    "MotionBatch",
    "ensemble_arrays",
    "evaluate",
    "geometry_key",
    "model_arrays",
    "path_table",
    "search_limits",
]


@dataclass(frozen=True)
class ModelArrays:
    """Derived arrays of one capsule or of a stack of ``M`` capsules with the same fibres and
    geometry (cached per capsule).

    Attributes
    ----------
    pelvic : ndarray, shape (M, 3, nb)
        Pelvic points (pelvis frame, mm).
    femoral : ndarray, shape (M, 3, nb)
        Femoral insertions (femur frame, mm).
    sigma0 : ndarray, shape (M, nb)
        Neutral neck-winding angle of every fibre (rad).
    slack_mm, stiffness : ndarray, shape (M, nb) or (K, nb)
        Effective slack lengths (mm) and stiffness (N/mm; 0 if released). With one geometry
        (``M`` = 1) they may have ``K`` rows: ``K`` variants of the same capsule (e.g. a
        tightness profile) evaluated against one path table.
    on_sphere : ndarray of bool, shape (nb,)
    wrap_radius_mm, neck_radius_mm : float
    neck : ndarray, shape (3, 3)
        Rows: neck axis, superior and anterior radial directions (femur frame).
    acetabular_axis : ndarray, shape (3,)
    geometry : Geometry
    names : tuple of str
    insertions : Insertions
        Pose-independent insertion terms, shape (M, nb) each.
    """

    pelvic: np.ndarray
    femoral: np.ndarray
    sigma0: np.ndarray
    slack_mm: np.ndarray
    stiffness: np.ndarray
    on_sphere: np.ndarray
    wrap_radius_mm: float
    neck_radius_mm: float
    neck: np.ndarray
    acetabular_axis: np.ndarray
    geometry: Geometry
    names: tuple[str, ...]
    insertions: Insertions

    @property
    def members(self) -> int:
        """Number of stacked capsules ``M``."""
        return self.pelvic.shape[0]


def _stack(caps: tuple[Capsule, ...]) -> ModelArrays:
    geom = caps[0].geometry
    names = caps[0].bundle_names
    for c in caps[1:]:
        if c.geometry != geom or c.bundle_names != names:
            raise ValueError("stacked capsules must share geometry and fibres")
    n, u, v = neck_frame(geom)
    pel = np.array([[b.pelvic_point_mm for b in c.bundles] for c in caps]).transpose(0, 2, 1)
    fem = np.array([[b.femoral_point_mm for b in c.bundles] for c in caps]).transpose(0, 2, 1)
    sigma0 = neutral_separation_rad(
        np.arctan2(np.einsum("i,mib->mb", v, pel), np.einsum("i,mib->mb", u, pel)),
        np.arctan2(np.einsum("i,mib->mb", v, fem), np.einsum("i,mib->mb", u, fem)),
    )
    on_sphere = np.array([b.on_sphere for b in caps[0].bundles])
    arr = ModelArrays(
        insertions=insertions(fem, geom.wrap_radius_mm, n, u, v, geom.neck_wrap_radius_mm,
                              sigma0, on_sphere),
        pelvic=np.ascontiguousarray(pel),
        femoral=np.ascontiguousarray(fem),
        sigma0=sigma0,
        slack_mm=np.array([[b.effective_slack_length_mm for b in c.bundles] for c in caps]),
        stiffness=np.array(
            [[0.0 if b.released else b.stiffness_n_per_mm for b in c.bundles] for c in caps]
        ),
        on_sphere=on_sphere,
        wrap_radius_mm=geom.wrap_radius_mm,
        neck_radius_mm=geom.neck_wrap_radius_mm,
        neck=np.stack([n, u, v]),
        acetabular_axis=acetabular_axis(geom),
        geometry=geom,
        names=names,
    )
    for a in (arr.pelvic, arr.femoral, arr.sigma0, arr.slack_mm, arr.stiffness, arr.on_sphere,
              arr.neck):
        a.setflags(write=False)
    return arr


@lru_cache(maxsize=256)
def model_arrays(cap: Capsule) -> ModelArrays:
    """Return (and cache) the numpy arrays the solver needs for ``cap`` (``M`` = 1)."""
    return _stack((cap,))


@lru_cache(maxsize=32)
def ensemble_arrays(caps: tuple[Capsule, ...]) -> ModelArrays:
    """Return (and cache) the stacked arrays of several capsules (same geometry and fibres)."""
    return _stack(tuple(caps))


def evaluate(arr: ModelArrays, rot: np.ndarray, omega: np.ndarray | None = None,
             member: np.ndarray | None = None):
    """Fibre state at poses ``rot``.

    Parameters
    ----------
    arr : ModelArrays
    rot : ndarray, shape (n, 3, 3)
        Femur-to-pelvis rotation matrices.
    omega : ndarray, shape (n, 3), optional
        Motion axis per pose (pelvis frame, unit angular velocity per radian of the motion).
    member : ndarray of int, shape (n,), optional
        Evaluate pose ``i`` for stacked capsule ``member[i]`` only. Default: every pose for
        every stacked capsule.

    Returns
    -------
    dict
        ``length``, ``force`` (N) and ``strain`` with leading shape (n, M) (or (n,) with
        ``member``) and fibres last; ``paths`` (the :class:`~hipcapsule.wrapping.FibrePaths`,
        with the moment arms); ``bone`` (n,), the bony clearance
        (:func:`hipcapsule.geometry.bone_gap`, < 0 means neck-rim contact); and, if
        ``omega`` is given, ``contrib`` (each fibre's restraining torque about ``omega``, N m,
        positive = opposing the motion) and ``torque`` (their positive sum).
    """
    rot_t = np.swapaxes(rot, 1, 2)
    if member is None:
        pel = np.einsum("nij,mjb->nmib", rot_t, arr.pelvic)
        ins = arr.insertions.expand()
        slack, stiff = arr.slack_mm[None], arr.stiffness[None]
    else:
        pel = np.einsum("nij,njb->nib", rot_t, arr.pelvic[member])
        ins = arr.insertions.take(member)
        slack, stiff = arr.slack_mm[member], arr.stiffness[member]
    n_ax, u, v = arr.neck
    res = fibre_paths(pel, ins, arr.wrap_radius_mm, n_ax, u, v, arr.neck_radius_mm)
    force, strain = blankevoort_force(res.length_mm, slack, stiff)
    bone = bone_gap(arr.geometry, rot, arr.neck, arr.acetabular_axis)
    out = {"length": res.length_mm, "force": force, "strain": strain, "paths": res,
           "bone": bone}
    if omega is not None:
        w_f = np.einsum("nij,nj->ni", rot_t, omega)
        mx, my, mz = res.arm_xyz
        shape = (-1,) + (1,) * (mx.ndim - 1)
        dldt = (w_f[:, 0].reshape(shape) * mx + w_f[:, 1].reshape(shape) * my
                + w_f[:, 2].reshape(shape) * mz)
        contrib = 1e-3 * force * dldt
        out["contrib"] = contrib
        # only fibres stretched by the motion resist it (see hipcapsule.rom docs)
        out["torque"] = np.maximum(contrib, 0.0).sum(axis=-1)
    return out


@dataclass(frozen=True)
class MotionBatch:
    """A batch of motions starting from base poses.

    ``kind`` "jcs": pose(theta) = base + theta * direction in JCS angle space (rad).
    ``kind`` "swing": rotation by theta about a fixed pelvis-frame axis ``direction`` from
    the neutral pose (``base_rad`` is ignored).
    """

    kind: str
    base_rad: np.ndarray  # (m, 3)
    direction: np.ndarray  # (m, 3)
    theta_max_rad: np.ndarray  # (m,)

    def tiled(self, times: int) -> MotionBatch:
        """The batch repeated ``times`` times (member-major rows for an ensemble)."""
        return MotionBatch(self.kind, np.tile(self.base_rad, (times, 1)),
                           np.tile(self.direction, (times, 1)),
                           np.tile(self.theta_max_rad, times))


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


#: Largest spacing (deg) of the limit-search grid along any motion.
GRID_STEP_DEG = 1.25


def _grid(batch: MotionBatch) -> np.ndarray:
    """Search angles (m, g): every :data:`GRID_STEP_DEG` from 0 to each motion's maximum.

    The step is the same for every motion and every batch, so a limit does not depend on which
    other motions are searched with it; a motion with a smaller maximum repeats its maximum at
    the end of the row (those samples change nothing).
    """
    step = np.deg2rad(GRID_STEP_DEG)
    g = int(np.ceil(batch.theta_max_rad.max() / step - 1e-9)) + 1
    return np.minimum(np.arange(g)[None, :] * step, batch.theta_max_rad[:, None])


@dataclass(frozen=True)
class PathTable:
    """Fibre lengths and their rates along every motion of a batch, on the search grid.

    Attributes
    ----------
    theta : ndarray, shape (m, g)
        Grid angles (rad).
    length_mm, dldt_mm : ndarray, shape (M, m, g, nb)
        Path lengths (mm) and d(length)/d(angle) (mm/rad) for each stacked capsule.
    bone : ndarray, shape (m, g)
        cos(neck-acetabulum angle) - cos(clearance) (< 0: neck-rim contact).
    """

    theta: np.ndarray
    length_mm: np.ndarray
    dldt_mm: np.ndarray
    bone: np.ndarray


def _batch_key(batch: MotionBatch) -> tuple:
    return (batch.kind, batch.base_rad.tobytes(), batch.direction.tobytes(),
            batch.theta_max_rad.tobytes())


def geometry_key(arr: ModelArrays) -> tuple:
    """Hashable key of everything a :class:`PathTable` depends on (not slack, not stiffness)."""
    return (arr.pelvic.tobytes(), arr.femoral.tobytes(), arr.sigma0.tobytes(),
            arr.on_sphere.tobytes(), arr.wrap_radius_mm, arr.neck_radius_mm, arr.neck.tobytes(),
            arr.acetabular_axis.tobytes(), arr.geometry)


def _build_table(arr: ModelArrays, batch: MotionBatch) -> PathTable:
    theta = _grid(batch)
    m, g = theta.shape
    rot, omega = _poses(batch, theta)
    rot_t = np.swapaxes(rot, 1, 2)
    pel = np.matmul(rot_t[:, None], arr.pelvic[None])  # (m*g, M, 3, nb)
    n_ax, u, v = arr.neck
    res = fibre_paths(pel, arr.insertions.expand(), arr.wrap_radius_mm, n_ax, u, v,
                      arr.neck_radius_mm)
    w_f = np.einsum("nij,nj->ni", rot_t, omega)[:, None, :, None]
    mx, my, mz = res.arm_xyz
    dldt = w_f[:, :, 0] * mx + w_f[:, :, 1] * my + w_f[:, :, 2] * mz
    n_mem, nb = arr.members, arr.slack_mm.shape[1]

    def per_member(x):
        return np.ascontiguousarray(x.reshape(m, g, n_mem, nb).transpose(2, 0, 1, 3))

    bone = bone_gap(arr.geometry, rot, arr.neck, arr.acetabular_axis).reshape(m, g)
    table = PathTable(theta, per_member(res.length_mm), per_member(dldt), bone)
    for x in (table.theta, table.length_mm, table.dldt_mm, table.bone):
        x.setflags(write=False)
    return table


_TABLES: dict = {}
_TABLE_CACHE_SIZE = 96


def path_table(arr: ModelArrays, batch: MotionBatch) -> PathTable:
    """The :class:`PathTable` of ``arr``'s geometry along ``batch`` (built or from the cache)."""
    key = (geometry_key(arr), _batch_key(batch))
    hit = _TABLES.get(key)
    if hit is None:
        hit = _build_table(arr, batch)
        if len(_TABLES) >= _TABLE_CACHE_SIZE:
            _TABLES.pop(next(iter(_TABLES)))
        _TABLES[key] = hit
    return hit


def _first_crossing(theta: np.ndarray, g_lig: np.ndarray, g_bone: np.ndarray):
    """First crossing of ``g_lig >= 0`` or ``g_bone <= 0`` along the last axis.

    ``theta`` (r, g) or broadcastable; ``g_lig``, ``g_bone`` (..., r, g). Returns the index k
    of the first hit sample (-1 if none), the interpolated angle and a flag, True if bone is
    the first, each of shape (..., r).
    """
    hit = (g_lig >= 0.0) | (g_bone <= 0.0)
    any_hit = hit.any(axis=-1)
    k = np.where(any_hit, hit.argmax(axis=-1), -1)
    kk = np.maximum(k, 1)[..., None]
    theta = np.broadcast_to(theta, g_lig.shape)

    def at(x, idx):
        return np.take_along_axis(x, idx, axis=-1)[..., 0]

    t0, t1 = at(theta, kk - 1), at(theta, kk)
    gl0, gl1 = at(g_lig, kk - 1), at(g_lig, kk)
    gb0, gb1 = at(g_bone, kk - 1), at(g_bone, kk)
    with np.errstate(divide="ignore", invalid="ignore"):
        fl = np.where(gl1 >= 0.0, np.clip(-gl0 / (gl1 - gl0), 0.0, 1.0), np.inf)
        fb = np.where(gb1 <= 0.0, np.clip(gb0 / (gb0 - gb1), 0.0, 1.0), np.inf)
    frac = np.minimum(fl, fb)
    frac = np.where(np.isfinite(frac), frac, 1.0)
    angle = t0 + frac * (t1 - t0)
    is_bone = fb < fl
    at_zero = k == 0
    angle = np.where(at_zero, theta[..., 0], angle)
    is_bone = np.where(at_zero, g_bone[..., 0] <= 0.0, is_bone)
    angle = np.where(k < 0, theta[..., -1], angle)
    return k, angle, is_bone, frac


@dataclass(frozen=True)
class Limits:
    """Limits of a motion batch for every stacked capsule (arrays of leading shape (M, m)).

    Attributes
    ----------
    angle_rad : ndarray, shape (M, m)
        Limit angle (the search maximum if nothing stops the motion).
    limited_by : ndarray of str, shape (M, m)
        Fibre name, "bone" or "none".
    strain : ndarray, shape (M, m, nb)
        Fibre strains at the limit (interpolated).
    torque_nm : ndarray, shape (M, m)
        Restraining torque at the limit (interpolated; the threshold for a ligament limit).
    slope_nm_per_rad : ndarray, shape (M, m)
        Slope of the restraining torque over the grid interval of the limit (N m/rad); for a
        bone limit, the capsule's slope there.
    contrib_nm, force_n : ndarray, shape (M, m, nb)
        Each fibre's restraining torque (N m) and tension (N) at the limit (interpolated).
    near_miss_nm : ndarray, shape (M, m)
        The highest local peak of the restraining torque before the limit (N m; 0 if the
        torque only rises). A peak just below the threshold makes the limit jump when a small
        change lifts it over: the calibration keeps these peaks well below the threshold.
    """

    angle_rad: np.ndarray
    limited_by: np.ndarray
    strain: np.ndarray
    torque_nm: np.ndarray
    slope_nm_per_rad: np.ndarray
    contrib_nm: np.ndarray
    force_n: np.ndarray
    near_miss_nm: np.ndarray


def search_limits(arr: ModelArrays, batch: MotionBatch, threshold_nm: float,
                  bone: bool = True) -> Limits:
    """Limit angle, limiting structure, strains, torque and torque slope of every motion of
    ``batch`` for every capsule stacked in ``arr`` (see the module docs for the method).

    With ``bone=False`` the neck-rim contact is ignored (the capsule-only limit, used to
    measure how far before bone the capsule stops a motion).
    """
    table = path_table(arr, batch)
    slack = arr.slack_mm[:, None, None, :]
    force, strain = blankevoort_force(table.length_mm, slack, arr.stiffness[:, None, None, :])
    contrib = 1e-3 * force * table.dldt_mm
    # only fibres stretched by the motion resist it (see hipcapsule.rom docs)
    torque = np.maximum(contrib, 0.0).sum(axis=-1)  # (M, m, g)
    g_bone = np.broadcast_to(table.bone if bone else np.ones_like(table.bone), torque.shape)
    k, angle, is_bone, frac = _first_crossing(table.theta, torque - threshold_nm, g_bone)
    kk = np.maximum(k, 1)
    k0 = np.where(k < 0, table.theta.shape[1] - 1, np.where(k == 0, 0, kk - 1))
    k1 = np.where(k < 0, table.theta.shape[1] - 1, np.where(k == 0, 0, kk))
    w = np.where(k > 0, frac, 0.0)[..., None]

    def at(x, idx):  # x (M, m, g, nb) at grid index idx (M, m) -> (M, m, nb)
        return np.take_along_axis(x, idx[..., None, None], axis=2)[:, :, 0]

    def interp(x):
        return (1.0 - w) * at(x, k0) + w * at(x, k1)

    contrib_l, strain_l, force_l = interp(contrib), interp(strain), interp(force)
    tq0 = np.take_along_axis(torque, kk[..., None] - 1, axis=-1)[..., 0]
    tq1 = np.take_along_axis(torque, kk[..., None], axis=-1)[..., 0]
    theta = np.broadcast_to(table.theta, torque.shape)
    dth = (np.take_along_axis(theta, kk[..., None], axis=-1)
           - np.take_along_axis(theta, kk[..., None] - 1, axis=-1))[..., 0]
    slope = np.where(dth > 0, (tq1 - tq0) / np.where(dth > 0, dth, 1.0), 0.0)
    g = torque.shape[-1]
    peak = (torque[..., 1:-1] > torque[..., :-2]) & (torque[..., 1:-1] >= torque[..., 2:])
    before = np.arange(1, g - 1) < np.where(k < 0, g, k)[..., None]
    near_miss = np.where(peak & before, torque[..., 1:-1], 0.0).max(axis=-1)
    nb = arr.slack_mm.shape[1]
    names = np.array(arr.names + ("bone", "none"))
    idx = np.where(is_bone, nb, contrib_l.argmax(axis=-1))
    idx = np.where(k < 0, nb + 1, idx)
    return Limits(
        angle_rad=angle,
        limited_by=names[idx],
        strain=strain_l,
        torque_nm=((1.0 - w[..., 0]) * np.take_along_axis(torque, k0[..., None], axis=-1)[..., 0]
                   + w[..., 0] * np.take_along_axis(torque, k1[..., None], axis=-1)[..., 0]),
        slope_nm_per_rad=slope,
        contrib_nm=contrib_l,
        force_n=force_l,
        near_miss_nm=near_miss,
    )
