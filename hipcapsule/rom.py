"""Public range-of-motion queries: ROM, rotation limits, circumduction, restraint torque.

Limit definition (van Arkel et al. 2015, {cite}`vanarkel2015`): moving from a start pose along
one motion, the limit is the first angle at which the capsule's restraining torque about the
motion axis reaches ``torque_threshold_nm`` (default 5 N m), or the femoral neck meets the
acetabular rim (``limited_by == "bone"``), whichever comes first. If nothing stops the motion
inside the search range the search maximum is returned with ``limited_by == "none"``.

The restraining torque about a motion is the generalised force of the band tensions on that
motion's coordinate: the sum over bands of tension x d(length)/d(angle) (virtual work), taken
over the bands that the motion stretches (positive terms only). A band that is already taut at
the start pose and shortens during the motion would push the femur along; the model treats it
as unloading instead. This is an assumption: every motion is measured from the anatomical
neutral pose rather than from the capsule's own equilibrium pose, and with it a tighter band can
never make a motion larger, so every limit is non-increasing in tightness. (The full net torque,
including assisting bands, is what :func:`restraint_torque` returns.)

Conventions: angles in degrees at this API, positive magnitudes for all limits. ``abduction``
and ``adduction`` in :func:`range_of_motion` are measured at 0 deg flexion, ``flexion`` and
``extension`` at 0 deg adduction, and internal/external rotation at 90 deg flexion (the seated
clinical test). :func:`motion_limit` and :func:`rotation_limits` take any start pose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ._checks import (
    check_angles_deg,
    check_choice,
    check_in_range,
    check_poses_deg,
    check_positive,
    check_real_array,
)
from .anatomy import BUNDLES
from .capsule import Capsule
from .geometry import jcs_axes, rotations_from_jcs
from .published import CAPSULE_LIMIT_TORQUE_NM, TENSILE_TEST_STRAIN
from .solver import Limits, ModelArrays, MotionBatch, evaluate, model_arrays, search_limits

__all__ = [
    "DEFAULT_BAND_PCT",
    "MOTIONS",
    "STRAIN_FAILURE",
    "STRAIN_HIGH",
    "DEFAULT_TORQUE_THRESHOLD_NM",
    "Envelope",
    "MotionLimit",
    "RangeOfMotion",
    "RotationLimits",
    "TorqueResult",
    "circumduction",
    "direction_limit",
    "motion_limit",
    "range_of_motion",
    "restraint_torque",
    "rotation_limits",
    "rotational_stiffness_nm_per_deg",
    "strain_flag",
    "unresisted_arc_deg",
]

#: Default ROM torque threshold (N m), van Arkel et al. 2015.
DEFAULT_TORQUE_THRESHOLD_NM = CAPSULE_LIMIT_TORQUE_NM

#: Motion name -> (direction in JCS angle space (flexion, adduction, IR), search max in deg).
MOTIONS = {
    "flexion": ((1.0, 0.0, 0.0), 150.0),
    "extension": ((-1.0, 0.0, 0.0), 60.0),
    "abduction": ((0.0, -1.0, 0.0), 90.0),
    "adduction": ((0.0, 1.0, 0.0), 70.0),
    "internal_rotation": ((0.0, 0.0, 1.0), 90.0),
    "external_rotation": ((0.0, 0.0, -1.0), 90.0),
}

#: Start poses (flexion, adduction, IR in deg) used by :func:`range_of_motion`.
ROM_START_POSES = {
    "flexion": (0.0, 0.0, 0.0),
    "extension": (0.0, 0.0, 0.0),
    "abduction": (0.0, 0.0, 0.0),
    "adduction": (0.0, 0.0, 0.0),
    "internal_rotation": (90.0, 0.0, 0.0),
    "external_rotation": (90.0, 0.0, 0.0),
}


#: Valid start-pose ranges (deg) of flexion, adduction and internal rotation for the limit
#: queries.
START_RANGE_DEG = ((-30.0, 120.0), (-45.0, 45.0), (-45.0, 45.0))


def _ligament(bundle_or_other: str) -> str:
    """Ligament-level name of a bundle; "bone" and "none" pass through."""
    return BUNDLES.get(bundle_or_other, bundle_or_other)


def _threshold(value) -> float:
    return check_positive("torque_threshold_nm", value, 100.0)


def _check_capsule(cap) -> Capsule:
    if not isinstance(cap, Capsule):
        raise ValueError(f"capsule={cap!r} is not a hipcapsule.Capsule")
    return cap


def _jcs_batch(motions: list[str], start_deg: np.ndarray) -> MotionBatch:
    direction = np.array([MOTIONS[m][0] for m in motions])
    tmax = np.deg2rad([MOTIONS[m][1] for m in motions])
    return MotionBatch("jcs", np.deg2rad(start_deg), direction, tmax)


def jcs_search(arr: ModelArrays, motions: list[str], start_deg: np.ndarray,
               threshold_nm: float, bone: bool = True) -> Limits:
    """:func:`hipcapsule.solver.search_limits` for JCS motions (no validation; fast path)."""
    return search_limits(arr, _jcs_batch(motions, start_deg), threshold_nm, bone)


def jcs_limits(
    cap: Capsule,
    motions: list[str],
    start_deg: np.ndarray,
    threshold_nm: float,
):
    """Limits of JCS motions (no input validation; internal/fast path).

    Parameters
    ----------
    cap : Capsule
    motions : list of str, length m
    start_deg : ndarray, shape (m, 3)
        Start poses (deg).
    threshold_nm : float

    Returns
    -------
    angle_deg (m,), limited_by list, strain (m, nb), torque (m,)
    """
    lim = jcs_search(model_arrays(cap), motions, start_deg, threshold_nm)
    return (np.rad2deg(lim.angle_rad[0]), lim.limited_by[0].tolist(), lim.strain[0],
            lim.torque_nm[0])


#: Strain (fraction) above which a limit is flagged "high": far below what the tensile tests
#: reached (:data:`STRAIN_FAILURE`), a conservative bound of our choice.
STRAIN_HIGH = 0.30

#: Strain (fraction) at which the tested capsular ligaments failed: the smallest mean of
#: schleifenbaum2016 (:data:`hipcapsule.published.TENSILE_TEST_STRAIN`). A limit reached with a
#: fibre beyond it is flagged "failure": the model's number is not physical there.
STRAIN_FAILURE = TENSILE_TEST_STRAIN


def strain_flag(max_strain: float) -> str:
    """"failure" above :data:`STRAIN_FAILURE`, "high" above :data:`STRAIN_HIGH`, else ""."""
    if max_strain > STRAIN_FAILURE:
        return "failure"
    if max_strain > STRAIN_HIGH:
        return "high"
    return ""


#: Default uncertainty band of ROM queries: 10th to 90th percentile over the calibration
#: ensemble (:mod:`hipcapsule.ensemble`).
DEFAULT_BAND_PCT = (10.0, 90.0)


def _check_band(band):
    """``None``, ``True`` (the default band) or a (low, high) percentile pair."""
    if band is None or band is False:
        return None
    if band is True:
        return DEFAULT_BAND_PCT
    try:
        lo, hi = band
    except (TypeError, ValueError):
        raise ValueError(
            f"band={band!r} is not None, True or a (low, high) pair of percentiles in [0, 100]"
        ) from None
    lo = check_in_range("band[0]", lo, 0.0, 100.0)
    hi = check_in_range("band[1]", hi, lo, 100.0)
    return (lo, hi)


def _band(cap: Capsule, motions, start, thr, band) -> np.ndarray | None:
    """(m, 2) percentile band of JCS limits (deg) over the ensemble, or None."""
    if band is None:
        return None
    from .ensemble import ensemble_arrays_for

    lim = search_limits(ensemble_arrays_for(cap), _jcs_batch(motions, start).coarse(), thr)
    return np.percentile(np.rad2deg(lim.angle_rad), band, axis=0).T


#: Flexion angles (deg) over which the unresisted rotation arc is evaluated (mid-range
#: positions).
ARC_FLEXIONS_DEG = (0.0, 15.0, 30.0, 45.0, 60.0)

#: Torque (N m) below which rotation counts as unresisted (our choice).
UNRESISTED_NM = 0.5

_ARC_START = np.array([[f, 0.0, 0.0] for f in ARC_FLEXIONS_DEG] * 2)
_ARC_MOTIONS = ["internal_rotation"] * len(ARC_FLEXIONS_DEG) + ["external_rotation"] * len(
    ARC_FLEXIONS_DEG
)
_STIFF_START = np.array([[30.0, 0.0, 0.0]] * 2)
_STIFF_MOTIONS = ["internal_rotation", "external_rotation"]


def unresisted_arc_deg(cap: Capsule) -> float:
    """Widest IR + ER arc (deg) at :data:`UNRESISTED_NM` over :data:`ARC_FLEXIONS_DEG`.

    Internal fast path (no input validation), used by the calibration and the analysis.
    """
    ang = jcs_limits(cap, _ARC_MOTIONS, _ARC_START, UNRESISTED_NM)[0]
    n = len(ARC_FLEXIONS_DEG)
    return float((ang[:n] + ang[n:]).max())


def rotational_stiffness_nm_per_deg(cap: Capsule, flexion_deg: float = 30.0) -> tuple[float, float]:
    """IR and ER torque-angle slopes (N m/deg) at the 5 N m limits at ``flexion_deg``.

    The slope is 1 N m over the angle between the 4.5 and 5.5 N m limits (inf if equal).
    Internal fast path (no input validation).
    """
    start = _STIFF_START.copy()
    start[:, 0] = flexion_deg
    lo = jcs_limits(cap, _STIFF_MOTIONS, start, DEFAULT_TORQUE_THRESHOLD_NM - 0.5)[0]
    hi = jcs_limits(cap, _STIFF_MOTIONS, start, DEFAULT_TORQUE_THRESHOLD_NM + 0.5)[0]
    d = hi - lo
    with np.errstate(divide="ignore"):
        s = np.where(d > 0, 1.0 / np.where(d > 0, d, 1.0), np.inf)
    return float(s[0]), float(s[1])


@dataclass(frozen=True)
class RangeOfMotion:
    """Six limits (deg, positive) and what stopped each.

    Attributes
    ----------
    flexion, extension, abduction, adduction, internal_rotation, external_rotation : float
        Limits in degrees (IR/ER at 90 deg flexion; others from neutral).
    limited_by : dict
        Motion -> ligament name (:data:`hipcapsule.LIGAMENTS`), "bone" or "none".
    limited_by_bundle : dict
        Motion -> bundle name (e.g. "ischiofemoral_inferior"), "bone" or "none".
    strain_at_limit : dict
        Motion -> {fibre: strain at the limit}.
    torque_slope_nm_per_deg : dict
        Motion -> slope of the capsule's restraining torque at the limit (N m/deg). A small
        slope means an ill-conditioned limit: a small change of stiffness or threshold moves
        it far. For a bone limit it is the capsule's slope where bone stops the motion.
    band_deg : dict or None
        Motion -> (low, high) percentile band over the calibration ensemble (deg), if a band
        was asked for.
    strain_flag : dict
        Motion -> :func:`strain_flag` of the largest fibre strain at the limit.
    torque_threshold_nm : float
    """

    flexion: float
    extension: float
    abduction: float
    adduction: float
    internal_rotation: float
    external_rotation: float
    limited_by: dict = field(default_factory=dict)
    limited_by_bundle: dict = field(default_factory=dict)
    strain_at_limit: dict = field(default_factory=dict)
    torque_slope_nm_per_deg: dict = field(default_factory=dict)
    band_deg: dict | None = None
    strain_flag: dict = field(default_factory=dict)
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM

    def as_dict(self) -> dict[str, float]:
        """Motion -> limit (deg)."""
        return {m: getattr(self, m) for m in MOTIONS}


_ROM_MOTIONS = list(MOTIONS)
_ROM_START = np.array([ROM_START_POSES[m] for m in MOTIONS])


@lru_cache(maxsize=512)
def _rom_cached(cap: Capsule, threshold: float, band) -> RangeOfMotion:
    lim = jcs_search(model_arrays(cap), _ROM_MOTIONS, _ROM_START, threshold)
    ang = np.rad2deg(lim.angle_rad[0])
    by = lim.limited_by[0].tolist()
    names = cap.bundle_names
    bands = _band(cap, _ROM_MOTIONS, _ROM_START, threshold, band)
    return RangeOfMotion(
        **{m: float(a) for m, a in zip(_ROM_MOTIONS, ang, strict=True)},
        limited_by={m: _ligament(b) for m, b in zip(_ROM_MOTIONS, by, strict=True)},
        limited_by_bundle=dict(zip(_ROM_MOTIONS, by, strict=True)),
        strain_at_limit={
            m: dict(zip(names, map(float, s), strict=True))
            for m, s in zip(_ROM_MOTIONS, lim.strain[0], strict=True)
        },
        torque_slope_nm_per_deg=dict(
            zip(_ROM_MOTIONS, map(float, np.deg2rad(lim.slope_nm_per_rad[0])), strict=True)
        ),
        band_deg=None if bands is None else {
            m: (float(lo), float(hi)) for m, (lo, hi) in zip(_ROM_MOTIONS, bands, strict=True)
        },
        strain_flag={m: strain_flag(float(s.max()))
                     for m, s in zip(_ROM_MOTIONS, lim.strain[0], strict=True)},
        torque_threshold_nm=threshold,
    )


def range_of_motion(
    capsule: Capsule,
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
    band=None,
) -> RangeOfMotion:
    """Six clinical ROM limits of ``capsule``.

    Parameters
    ----------
    capsule : Capsule
    torque_threshold_nm : float, default 5
        Restraining torque (N m) that defines a limit, in (0, 100].
    band : None, True or (low, high)
        Also compute the percentile band (default 10th-90th with ``True``) of every limit over
        the calibration ensemble, each member carrying this capsule's tightening, releases and
        stiffness changes (:mod:`hipcapsule.ensemble`).

    Returns
    -------
    RangeOfMotion
        Flexion/extension and abduction/adduction from neutral, IR/ER at 90 deg flexion.
    """
    return _rom_cached(_check_capsule(capsule), _threshold(torque_threshold_nm),
                       _check_band(band))


@dataclass(frozen=True)
class MotionLimit:
    """One motion limit.

    Attributes
    ----------
    motion : str
    start_deg : tuple of 3 float
        Start pose (flexion, adduction, IR) in deg.
    angle_deg : float
        Limit, deg from the start pose (positive).
    limited_by : str
        Ligament name, "bone" or "none".
    limited_by_bundle : str
        Bundle name, "bone" or "none".
    strain_at_limit : dict
        Fibre -> strain.
    torque_slope_nm_per_deg : float
        Slope of the restraining torque at the limit (N m/deg), see :class:`RangeOfMotion`.
    band_deg : tuple of 2 float or None
        Ensemble percentile band (deg), if asked for.
    strain_flag : str
        :func:`strain_flag` of the largest fibre strain at the limit.
    """

    motion: str
    start_deg: tuple
    angle_deg: float
    limited_by: str
    limited_by_bundle: str
    strain_at_limit: dict
    torque_slope_nm_per_deg: float = float("nan")
    band_deg: tuple | None = None
    strain_flag: str = ""


def motion_limit(
    capsule: Capsule,
    motion: str,
    flexion_deg: float = 0.0,
    adduction_deg: float = 0.0,
    internal_rotation_deg: float = 0.0,
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
    band=None,
) -> MotionLimit:
    """Limit of one motion from any start pose.

    Parameters
    ----------
    capsule : Capsule
    motion : str
        One of :data:`MOTIONS`.
    flexion_deg, adduction_deg, internal_rotation_deg : float
        Start pose in deg (flexion in [-30, 120], adduction in [-45, 45], IR in [-45, 45]).
    torque_threshold_nm : float
    band : None, True or (low, high)
        Ensemble percentile band, as in :func:`range_of_motion`.
    """
    cap = _check_capsule(capsule)
    check_choice("motion", motion, tuple(MOTIONS))
    f = check_in_range("flexion_deg", flexion_deg, *START_RANGE_DEG[0])
    a = check_in_range("adduction_deg", adduction_deg, *START_RANGE_DEG[1])
    r = check_in_range("internal_rotation_deg", internal_rotation_deg, *START_RANGE_DEG[2])
    thr = _threshold(torque_threshold_nm)
    bnd = _check_band(band)
    start = np.array([[f, a, r]])
    lim = jcs_search(model_arrays(cap), [motion], start, thr)
    bands = _band(cap, [motion], start, thr, bnd)
    return _motion_limit(motion, (f, a, r), cap, lim,
                         None if bands is None else tuple(map(float, bands[0])))


def _motion_limit(motion, start, cap, lim: Limits, band) -> MotionLimit:
    by = str(lim.limited_by[0, 0])
    return MotionLimit(
        motion=motion,
        start_deg=tuple(float(v) for v in start),
        angle_deg=float(np.rad2deg(lim.angle_rad[0, 0])),
        limited_by=_ligament(by),
        limited_by_bundle=by,
        strain_at_limit=dict(zip(cap.bundle_names, map(float, lim.strain[0, 0]), strict=True)),
        torque_slope_nm_per_deg=float(np.deg2rad(lim.slope_nm_per_rad[0, 0])),
        band_deg=band,
        strain_flag=strain_flag(float(lim.strain[0, 0].max())),
    )


def direction_limit(
    capsule: Capsule,
    direction,
    start_deg=(0.0, 0.0, 0.0),
    max_deg: float = 150.0,
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
) -> MotionLimit:
    """Limit of a motion along any direction in JCS angle space.

    Parameters
    ----------
    capsule : Capsule
    direction : array_like, shape (3,)
        Direction of travel in (flexion, adduction, internal rotation) angle space; it is
        normalised, so ``(1, 0, 1)`` moves 0.707 deg of flexion and of IR per degree.
    start_deg : array_like, shape (3,)
        Start pose (deg): flexion in [-30, 120], adduction and IR in [-45, 45].
    max_deg : float
        Search range (deg along the normalised direction), in (0, 180].
    torque_threshold_nm : float

    Returns
    -------
    MotionLimit
        ``motion`` is "direction"; the restraining torque is the generalised force along the
        direction (sum of the JCS generalised forces weighted by its components).
    """
    cap = _check_capsule(capsule)
    d = check_real_array("direction", direction)
    if d.shape != (3,):
        raise ValueError(f"direction has shape {d.shape}; expected (3,)")
    if not np.isfinite(d).all():
        raise ValueError(f"direction={tuple(d)} contains NaN or inf; expected finite numbers")
    scale = float(np.abs(d).max())
    if scale == 0.0:
        raise ValueError("direction=(0, 0, 0) is not a direction; give a non-zero 3-vector")
    d = d / scale  # no overflow in the norm for huge components, no underflow for tiny ones
    unit = d / float(np.linalg.norm(d))
    s = check_real_array("start_deg", start_deg)
    if s.shape != (3,):
        raise ValueError(f"start_deg has shape {s.shape}; expected (3,)")
    f, a, r = (
        check_in_range(f"start_deg[{i}]", float(s[i]), *START_RANGE_DEG[i]) for i in range(3)
    )
    tmax = check_positive("max_deg", max_deg, 180.0)
    thr = _threshold(torque_threshold_nm)
    batch = MotionBatch(
        "jcs",
        np.deg2rad([[f, a, r]]),
        unit[None, :],
        np.deg2rad([tmax]),
    )
    return _motion_limit("direction", (f, a, r), cap, search_limits(model_arrays(cap), batch, thr),
                         None)


@dataclass(frozen=True)
class RotationLimits:
    """IR and ER limits (deg, positive) at a set of flexion angles.

    Attributes
    ----------
    flexion_deg, abduction_deg : ndarray, shape (n,)
    ir, er : ndarray, shape (n,)
    ir_limited_by, er_limited_by : tuple of str, length n
        Ligament names, "bone" or "none".
    ir_limited_by_bundle, er_limited_by_bundle : tuple of str, length n
        Fibre names, "bone" or "none".
    ir_slope, er_slope : ndarray, shape (n,)
        Restraining-torque slopes at the limits (N m/deg).
    ir_band, er_band : ndarray, shape (n, 2), or None
        Ensemble percentile bands (deg), if asked for.
    """

    flexion_deg: np.ndarray
    abduction_deg: np.ndarray
    ir: np.ndarray
    er: np.ndarray
    ir_limited_by: tuple
    er_limited_by: tuple
    ir_limited_by_bundle: tuple = ()
    er_limited_by_bundle: tuple = ()
    ir_slope: np.ndarray | None = None
    er_slope: np.ndarray | None = None
    ir_band: np.ndarray | None = None
    er_band: np.ndarray | None = None


def rotation_limits(
    capsule: Capsule,
    flexion_deg=(0.0, 30.0, 90.0),
    abduction_deg=0.0,
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
    band=None,
) -> RotationLimits:
    """Internal and external rotation limits at given flexion (and abduction) angles.

    Parameters
    ----------
    capsule : Capsule
    flexion_deg : float or array_like, shape (n,)
        Flexion angles in [-30, 120] deg.
    abduction_deg : float or array_like, shape (n,)
        Abduction in [-45, 45] deg (broadcast against ``flexion_deg``).
    torque_threshold_nm : float
    band : None, True or (low, high)
        Ensemble percentile band, as in :func:`range_of_motion`.

    Returns
    -------
    RotationLimits
        Arrays of shape (n,).
    """
    cap = _check_capsule(capsule)
    f = check_angles_deg("flexion_deg", flexion_deg, *START_RANGE_DEG[0])
    a = check_angles_deg("abduction_deg", abduction_deg, *START_RANGE_DEG[1])
    try:
        f, a = np.broadcast_arrays(f, a)
    except ValueError:
        raise ValueError(
            f"abduction_deg has shape {a.shape}; expected a scalar or shape {f.shape}"
        ) from None
    thr = _threshold(torque_threshold_nm)
    return _rotation_limits(cap, f, a, thr, _check_band(band))


def _rotation_limits(cap, f, a, thr, band=None) -> RotationLimits:
    n = f.size
    start = np.stack([f, -a, np.zeros(n)], axis=1)
    motions = ["internal_rotation"] * n + ["external_rotation"] * n
    starts = np.concatenate([start, start])
    lim = jcs_search(model_arrays(cap), motions, starts, thr)
    ang = np.rad2deg(lim.angle_rad[0])
    by = lim.limited_by[0].tolist()
    slope = np.deg2rad(lim.slope_nm_per_rad[0])
    bands = _band(cap, motions, starts, thr, band)
    return RotationLimits(
        flexion_deg=f.copy(),
        abduction_deg=a.copy(),
        ir=ang[:n],
        er=ang[n:],
        ir_limited_by=tuple(_ligament(b) for b in by[:n]),
        er_limited_by=tuple(_ligament(b) for b in by[n:]),
        ir_limited_by_bundle=tuple(by[:n]),
        er_limited_by_bundle=tuple(by[n:]),
        ir_slope=slope[:n],
        er_slope=slope[n:],
        ir_band=None if bands is None else bands[:n],
        er_band=None if bands is None else bands[n:],
    )


@dataclass(frozen=True)
class Envelope:
    """Circumduction envelope: boundary of reachable femoral-axis directions.

    Attributes
    ----------
    azimuth_deg : ndarray, shape (n,)
        Swing direction: 0 flexion, 90 adduction, 180 extension, 270 abduction.
    limit_deg : ndarray, shape (n,)
        Swing angle of the femoral axis at the limit.
    directions : ndarray, shape (n, 3)
        Unit femoral-axis (hip-to-knee) directions at the limit, pelvis frame.
    limited_by : tuple of str
        Ligament names, "bone" or "none".
    solid_angle_sr : float
        Solid angle enclosed by the boundary (sr).
    slope_nm_per_deg : ndarray, shape (n,)
        Restraining-torque slopes at the limits (N m/deg).
    band_deg : ndarray, shape (n, 2), or None
        Ensemble percentile band of ``limit_deg`` (deg), if asked for.
    near_miss_nm : ndarray, shape (n,), or None
        Highest local peak of the restraining torque before each limit (N m; 0 if the torque
        only rises): a swing about a fixed axis can pass round a ligament, whose torque then
        peaks and falls. A peak just under the threshold in one direction and just over it in
        the next makes the envelope jump between them.
    """

    azimuth_deg: np.ndarray
    limit_deg: np.ndarray
    directions: np.ndarray
    limited_by: tuple
    solid_angle_sr: float
    slope_nm_per_deg: np.ndarray | None = None
    band_deg: np.ndarray | None = None
    near_miss_nm: np.ndarray | None = None


def _solid_angle(directions: np.ndarray, centre: np.ndarray) -> float:
    v1 = directions
    v2 = np.roll(directions, -1, axis=0)
    triple = np.einsum("i,ni->n", centre, np.cross(v1, v2))
    den = 1.0 + v1 @ centre + v2 @ centre + np.einsum("ni,ni->n", v1, v2)
    return float(np.abs(np.sum(2.0 * np.arctan2(triple, den))))


@lru_cache(maxsize=64)
def _swing_axes(n: int) -> tuple[np.ndarray, np.ndarray]:
    psi = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    axes = np.stack([np.sin(psi), np.zeros(n), np.cos(psi)], axis=1)
    axes.setflags(write=False)
    return psi, axes


def circumduction(
    capsule: Capsule,
    n_directions: int = 72,
    torque_threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
    band=None,
) -> Envelope:
    """Reachable envelope of the femoral axis, swinging from neutral in ``n_directions``.

    Each direction is a rotation about a fixed horizontal pelvic axis (no added axial twist);
    the limit follows the same torque/bone rule as the other motions.

    Parameters
    ----------
    capsule : Capsule
    n_directions : int, in [8, 720]
    torque_threshold_nm : float
    band : None, True or (low, high)
        Ensemble percentile band, as in :func:`range_of_motion`.
    """
    cap = _check_capsule(capsule)
    if isinstance(n_directions, bool) or not isinstance(n_directions, int | np.integer):
        raise ValueError(f"n_directions={n_directions!r} is not an integer in [8, 720]")
    if not 8 <= n_directions <= 720:
        raise ValueError(f"n_directions={n_directions} is outside [8, 720]")
    thr = _threshold(torque_threshold_nm)
    return _circumduction(cap, int(n_directions), thr, _check_band(band))


def _circumduction(cap: Capsule, n: int, thr: float, band=None) -> Envelope:
    psi, axes = _swing_axes(n)
    batch = MotionBatch("swing", np.zeros((n, 3)), axes, np.full(n, np.deg2rad(150.0)))
    lim = search_limits(model_arrays(cap), batch, thr)
    ang, by = lim.angle_rad[0], lim.limited_by[0].tolist()
    bands = None
    if band is not None:
        from .ensemble import ensemble_arrays_for

        ens = search_limits(ensemble_arrays_for(cap), batch.coarse(), thr)
        bands = np.percentile(np.rad2deg(ens.angle_rad), band, axis=0).T
    # femoral axis -Y rotated by ang about axes (Rodrigues; axis is perpendicular to -Y)
    down = np.array([0.0, -1.0, 0.0])
    c, s = np.cos(ang)[:, None], np.sin(ang)[:, None]
    dirs = c * down + s * np.cross(axes, down)
    return Envelope(
        azimuth_deg=np.rad2deg(psi),
        limit_deg=np.rad2deg(ang),
        directions=dirs,
        limited_by=tuple(_ligament(b) for b in by),
        solid_angle_sr=_solid_angle(dirs, down),
        slope_nm_per_deg=np.deg2rad(lim.slope_nm_per_rad[0]),
        band_deg=bands,
        near_miss_nm=lim.near_miss_nm[0],
    )


@dataclass(frozen=True)
class TorqueResult:
    """Capsular torque and band state at a batch of poses.

    Attributes
    ----------
    torque_nm : ndarray, shape (n, 3)
        Torque the capsule applies to the femur, as generalised forces on the JCS angles
        (flexion, adduction, internal rotation): positive pushes towards the positive angle,
        so a band resisting internal rotation gives a negative third component.
    force_n : ndarray, shape (n, nb)
        Band tensions (N).
    strain : ndarray, shape (n, nb)
        Band strains (negative = slack).
    length_mm : ndarray, shape (n, nb)
        Band path lengths (mm).
    bundle_names : tuple of str, length nb
    """

    torque_nm: np.ndarray
    force_n: np.ndarray
    strain: np.ndarray
    length_mm: np.ndarray
    bundle_names: tuple

    def force_by_ligament(self) -> dict[str, np.ndarray]:
        """Ligament name -> summed band tension (N), each of shape (n,)."""
        out: dict[str, np.ndarray] = {}
        for j, name in enumerate(self.bundle_names):
            lig = BUNDLES[name]
            out[lig] = out.get(lig, 0.0) + self.force_n[:, j]
        return out


def restraint_torque(capsule: Capsule, poses_deg) -> TorqueResult:
    """Capsular restraint torque at poses.

    Parameters
    ----------
    capsule : Capsule
    poses_deg : array_like, shape (n, 3) or (3,)
        Flexion, adduction, internal rotation (deg); flexion in [-60, 150], adduction in
        [-90, 90], IR in [-120, 120].

    Returns
    -------
    TorqueResult
    """
    cap = _check_capsule(capsule)
    poses = check_poses_deg("poses_deg", poses_deg)
    ang = np.deg2rad(poses)
    rot = rotations_from_jcs(ang)
    arr = model_arrays(cap)
    ev = evaluate(arr, rot)
    ev = {"force": ev["force"][:, 0], "strain": ev["strain"][:, 0],
          "length": ev["length"][:, 0], "arm": ev["paths"].arm_mm[:, 0]}
    # torque on the femur about the centre: -sum T m (femur frame) -> pelvis frame
    tau_f = -1e-3 * np.einsum("nb,nib->ni", ev["force"], ev["arm"])
    tau = np.einsum("nij,nj->ni", rot, tau_f)
    axes = jcs_axes(ang, rot)
    gen = np.einsum("nji,ni->nj", axes, tau)
    return TorqueResult(
        torque_nm=gen,
        force_n=ev["force"],
        strain=ev["strain"],
        length_mm=ev["length"],
        bundle_names=cap.bundle_names,
    )
