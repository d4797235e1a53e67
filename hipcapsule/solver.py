"""Vectorised evaluation of fibre lengths, forces, torques and motion limits.

Everything here works on batches: a query builds one array of poses for all motions and all
grid angles and evaluates it in a single numpy pass, for one capsule or for every member of a
calibration ensemble at once (:func:`ensemble_arrays`).

Limit search
------------
Each motion is sampled every ``GRID_STEP_DEG`` from 0 to its search maximum (the same step
for every motion and batch; ensemble bands use ``BAND_GRID_STEP_DEG``). A fibre's path length
and its rate of change along the motion depend only on the bone geometry and the attachment
points, not on slack length or stiffness, so they are kept per (geometry, motion batch) in a
:class:`PathTable` (cached). A query applies the force law to the table, sums the restraining
torque, finds each motion's first grid sample where the torque reaches the threshold or the
neck meets the rim, and interpolates linearly inside that interval. The table is filled lazily
from angle 0, a few samples at a time, until every motion's limit is found for every stacked
capsule, so a motion that stops early costs only the samples up to its stop. Tightening,
releasing or stiffening a capsule therefore costs the force law (and any samples a looser
capsule needs beyond those already filled); a new geometry (another ensemble member, a
calibration step) fills its own table. The restraint-torque slope at the limit is the torque
change over that interval. The method does not depend on what is cached: every sample is
computed the same way whenever it is filled, so the answer is the one a full table gives.

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
    "BAND_GRID_STEP_DEG",
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


#: Spacing (deg) of the limit-search grid along every motion.
GRID_STEP_DEG = 1.25

#: Spacing (deg) of the grid on which ensemble bands are searched (:mod:`hipcapsule.ensemble`):
#: twice :data:`GRID_STEP_DEG`, which halves the cost of a band (40 members). Over flexion,
#: adduction and tightness the IR/ER band edges move by less than 0.25 deg (measured 0.15 deg;
#: ``tests/hipcapsule/test_calibration.py``): the torque is interpolated over 2.5 deg instead
#: of 1.25 deg.
BAND_GRID_STEP_DEG = 2.5


@dataclass(frozen=True)
class MotionBatch:
    """A batch of motions starting from base poses.

    ``kind`` "jcs": pose(theta) = base + theta * direction in JCS angle space (rad).
    ``kind`` "swing": rotation by theta about a fixed pelvis-frame axis ``direction`` from
    the neutral pose (``base_rad`` is ignored). ``step_deg`` is the search-grid spacing.
    """

    kind: str
    base_rad: np.ndarray  # (m, 3)
    direction: np.ndarray  # (m, 3)
    theta_max_rad: np.ndarray  # (m,)
    step_deg: float = GRID_STEP_DEG

    def tiled(self, times: int) -> MotionBatch:
        """The batch repeated ``times`` times (member-major rows for an ensemble)."""
        return MotionBatch(self.kind, np.tile(self.base_rad, (times, 1)),
                           np.tile(self.direction, (times, 1)),
                           np.tile(self.theta_max_rad, times), self.step_deg)

    def coarse(self, step_deg: float = BAND_GRID_STEP_DEG) -> MotionBatch:
        """The same motions searched every ``step_deg`` (for ensemble bands)."""
        return MotionBatch(self.kind, self.base_rad, self.direction, self.theta_max_rad,
                           step_deg)


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


def _grid(batch: MotionBatch) -> np.ndarray:
    """Search angles (m, g): every ``batch.step_deg`` from 0 to each motion's maximum.

    The step is the same for every motion and every batch, so a limit does not depend on which
    other motions are searched with it; a motion with a smaller maximum repeats its maximum at
    the end of the row (those samples change nothing).
    """
    step = np.deg2rad(batch.step_deg)
    g = int(np.ceil(batch.theta_max_rad.max() / step - 1e-9)) + 1
    return np.minimum(np.arange(g)[None, :] * step, batch.theta_max_rad[:, None])


class PathTable:
    """Fibre lengths and their rates along every motion of a batch, on the search grid.

    A table is filled lazily, motion by motion from angle 0: :func:`search_limits` asks for
    more grid samples of a motion only until every stacked capsule's limit on it is found, so
    a motion stopped at 30 deg of a 90 deg search costs about a third of its grid. Every sample
    is computed the same way whenever it is filled, so a search gives the same numbers whatever
    the table held before.

    Attributes
    ----------
    theta : ndarray, shape (m, g)
        Grid angles (rad).
    length_mm, dldt_mm : ndarray, shape (M, m, g, nb)
        Path lengths (mm) and d(length)/d(angle) (mm/rad) for each stacked capsule; samples
        at and beyond ``filled`` are 0 (not yet computed).
    bone : ndarray, shape (m, g)
        cos(neck-acetabulum angle) - cos(clearance) (< 0: neck-rim contact), every sample.
    filled : ndarray of int, shape (m,)
        Grid samples computed so far along each motion (from angle 0).
    """

    __slots__ = ("_arr", "_poses", "bone", "dldt_mm", "filled", "length_mm", "theta")

    def __init__(self, arr: ModelArrays, batch: MotionBatch) -> None:
        self.theta, rot, rot_t, w_f = _pose_grid(batch)
        m, g = self.theta.shape
        n_mem, nb = arr.members, arr.slack_mm.shape[1]
        self.length_mm = np.zeros((n_mem, m, g, nb))
        self.dldt_mm = np.zeros((n_mem, m, g, nb))
        self.bone = bone_gap(arr.geometry, rot, arr.neck, arr.acetabular_axis).reshape(m, g)
        self.filled = np.zeros(m, dtype=int)
        self._arr = arr
        self._poses = (rot_t, w_f)

    def fill(self, upto: np.ndarray) -> None:
        """Compute the samples of motion ``i`` up to index ``upto[i]`` (exclusive)."""
        upto = np.minimum(np.asarray(upto, dtype=int), self.theta.shape[1])
        need = np.maximum(upto - self.filled, 0)
        if not need.any():
            return
        rows = np.repeat(np.arange(len(upto)), need)
        cols = np.concatenate([np.arange(f, f + n) for f, n in zip(self.filled, need, strict=True)])
        arr = self._arr
        rot_t, w_f = self._poses
        g = self.theta.shape[1]
        flat = rows * g + cols
        n_ax, u, v = arr.neck
        ins = arr.insertions.expand()
        step = max(1, BLOCK_ELEMENTS // (arr.members * arr.slack_mm.shape[1]))
        for start in range(0, flat.size, step):
            idx = flat[start:start + step]
            pel = np.matmul(rot_t[idx, None], arr.pelvic[None])  # (k, M, 3, nb)
            res = fibre_paths(pel, ins, arr.wrap_radius_mm, n_ax, u, v, arr.neck_radius_mm)
            mx, my, mz = res.arm_xyz
            w = w_f[idx]
            r, c = rows[start:start + step], cols[start:start + step]
            self.length_mm[:, r, c] = np.swapaxes(res.length_mm, 0, 1)
            self.dldt_mm[:, r, c] = np.swapaxes(w[:, 0, None, None] * mx + w[:, 1, None, None] * my
                                                + w[:, 2, None, None] * mz, 0, 1)
        self.filled = np.maximum(self.filled, upto)

    def fill_all(self) -> PathTable:
        """Compute every sample; return the table."""
        self.fill(np.full(self.theta.shape[0], self.theta.shape[1]))
        return self


def _batch_key(batch: MotionBatch) -> tuple:
    return (batch.kind, batch.base_rad.tobytes(), batch.direction.tobytes(),
            batch.theta_max_rad.tobytes(), batch.step_deg)


def geometry_key(arr: ModelArrays) -> tuple:
    """Hashable key of everything a :class:`PathTable` depends on (not slack, not stiffness)."""
    return (arr.pelvic.tobytes(), arr.femoral.tobytes(), arr.sigma0.tobytes(),
            arr.on_sphere.tobytes(), arr.wrap_radius_mm, arr.neck_radius_mm, arr.neck.tobytes(),
            arr.acetabular_axis.tobytes(), arr.geometry)


#: A search fills each motion's path table in steps of ``1/FILL_PARTS`` of its grid (at least
#: ``FILL_MIN_SAMPLES`` samples), stopping once every stacked capsule's limit is found.
FILL_PARTS = 6
FILL_MIN_SAMPLES = 8

#: Fibre states (pose x member x fibre) per block of a path-table fill. Blocks this small keep
#: numpy's temporaries in the CPU cache: measured 2.8x faster than one block for the 40-member
#: band along IR and ER (146 poses), and the same numbers element for element.
BLOCK_ELEMENTS = 8192

_POSES: dict = {}
_POSE_CACHE_SIZE = 256


def _pose_grid(batch: MotionBatch):
    """Grid angles (m, g), rotations (m*g, 3, 3), their transposes and the motion axes in the
    femur frame (m*g, 3) of ``batch`` (cached: they do not depend on the capsule)."""
    key = _batch_key(batch)
    hit = _POSES.get(key)
    if hit is None:
        theta = _grid(batch)
        rot, omega = _poses(batch, theta)
        rot_t = np.swapaxes(rot, 1, 2)
        w_f = np.einsum("nij,nj->ni", rot_t, omega)
        hit = (theta, rot, np.ascontiguousarray(rot_t), w_f)
        for x in hit:
            x.setflags(write=False)
        if len(_POSES) >= _POSE_CACHE_SIZE:
            _POSES.pop(next(iter(_POSES)))
        _POSES[key] = hit
    return hit


_TABLES: dict = {}
_TABLE_CACHE_SIZE = 96


def path_table(arr: ModelArrays, batch: MotionBatch) -> PathTable:
    """The :class:`PathTable` of ``arr``'s geometry along ``batch`` (new, or from the cache with
    the samples earlier searches filled)."""
    key = (geometry_key(arr), _batch_key(batch))
    hit = _TABLES.get(key)
    if hit is None:
        hit = PathTable(arr, batch)
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


def _torque(arr: ModelArrays, table: PathTable, g: int) -> np.ndarray:
    """Restraining torque (M, m, g) over the first ``g`` samples of every motion, computed in
    cache-sized blocks of members and motions (see :data:`BLOCK_ELEMENTS`)."""
    m = table.length_mm.shape[1]
    # the table's members, or force-law variants stacked on one geometry (slack (M, nb))
    n_mem = max(table.length_mm.shape[0], arr.slack_mm.shape[0], arr.stiffness.shape[0])
    nb = arr.slack_mm.shape[1]
    out = np.empty((n_mem, m, g))
    rows_step = max(1, BLOCK_ELEMENTS // (g * nb))
    mem_step = max(1, BLOCK_ELEMENTS // (min(rows_step, m) * g * nb))

    def part(x, mems):  # members ``mems`` of x, unless x is shared by every member
        return x if x.shape[0] == 1 else x[mems]

    for i in range(0, n_mem, mem_step):
        mems = slice(i, i + mem_step)
        slack = part(arr.slack_mm, mems)[:, None, None, :]
        stiff = part(arr.stiffness, mems)[:, None, None, :]
        length, dldt = part(table.length_mm, mems), part(table.dldt_mm, mems)
        for j in range(0, m, rows_step):
            rows = slice(j, j + rows_step)
            force, _ = blankevoort_force(length[:, rows, :g], slack, stiff)
            contrib = 1e-3 * force * dldt[:, rows, :g]
            # only fibres stretched by the motion resist it (see hipcapsule.rom docs)
            out[mems, rows] = np.maximum(contrib, 0.0).sum(axis=-1)
    return out


def search_limits(arr: ModelArrays, batch: MotionBatch, threshold_nm: float,
                  bone: bool = True) -> Limits:
    """Limit angle, limiting structure, strains, torque and torque slope of every motion of
    ``batch`` for every capsule stacked in ``arr`` (see the module docs for the method).

    With ``bone=False`` the neck-rim contact is ignored (the capsule-only limit, used to
    measure how far before bone the capsule stops a motion).
    """
    table = path_table(arr, batch)
    m, g_all = table.theta.shape
    chunk = max(FILL_MIN_SAMPLES, -(-g_all // FILL_PARTS))
    if table.filled.min() == 0:
        table.fill(np.full(m, min(chunk, g_all)))
    while True:
        # the search runs over the samples filled so far (unfilled ones are 0: no torque)
        g = int(table.filled.max())
        theta = table.theta[:, :g]
        torque = _torque(arr, table, g)  # (M, m, g)
        g_bone = np.broadcast_to(table.bone[:, :g] if bone else np.ones((m, g)), torque.shape)
        # a motion is settled once every capsule's first hit lies in its filled samples
        hit = (torque >= threshold_nm) | (g_bone <= 0.0)
        hit &= np.arange(g) < table.filled[:, None]
        open_rows = ~hit.any(axis=-1).all(axis=0) & (table.filled < g_all)
        if not open_rows.any():
            break
        table.fill(np.where(open_rows, table.filled + chunk, table.filled))
    k, angle, is_bone, frac = _first_crossing(theta, torque - threshold_nm, g_bone)
    kk = np.maximum(k, 1)
    k0 = np.where(k < 0, g - 1, np.where(k == 0, 0, kk - 1))
    k1 = np.where(k < 0, g - 1, np.where(k == 0, 0, kk))
    w = np.where(k > 0, frac, 0.0)[..., None]

    def state_at(idx):  # force, strain, contrib (M, m, nb) at grid index idx (M, m)
        def at(x):
            return np.take_along_axis(x, idx[..., None, None], axis=2)[:, :, 0]

        force, strain = blankevoort_force(at(table.length_mm), arr.slack_mm[:, None],
                                          arr.stiffness[:, None])
        return force, strain, 1e-3 * force * at(table.dldt_mm)

    (f0, s0, c0), (f1, s1, c1) = state_at(k0), state_at(k1)
    contrib_l, strain_l, force_l = ((1.0 - w) * c0 + w * c1, (1.0 - w) * s0 + w * s1,
                                    (1.0 - w) * f0 + w * f1)
    tq0 = np.take_along_axis(torque, kk[..., None] - 1, axis=-1)[..., 0]
    tq1 = np.take_along_axis(torque, kk[..., None], axis=-1)[..., 0]
    theta = np.broadcast_to(theta, torque.shape)
    dth = (np.take_along_axis(theta, kk[..., None], axis=-1)
           - np.take_along_axis(theta, kk[..., None] - 1, axis=-1))[..., 0]
    slope = np.where(dth > 0, (tq1 - tq0) / np.where(dth > 0, dth, 1.0), 0.0)
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
