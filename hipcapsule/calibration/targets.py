"""What the calibration fits: the calibration split of :mod:`hipcapsule.evidence`, turned into
model measures and scaled residuals, plus the model-side limits the fit respects.

Only rows whose study is on the ``"calibration"`` side of :data:`hipcapsule.evidence.SPLIT`
are used; the held-out studies are never evaluated here (tested). Those rows give one number
each for the unresisted rotation arc and the rotational stiffness, and otherwise directions
(which motion a release frees, where the mid-slack point lies, which ligament is the primary
restraint); they give **no per-position limit angle**, so the fit is weakly identified and is
kept as an ensemble (:mod:`hipcapsule.ensemble`).

Each term below names the evidence row it encodes. A direction becomes a one-sided (hinge)
residual: zero when the model agrees by at least the stated margin, growing linearly beyond.
Scales are our choices (stated with each constant), so one unit of residual is "clearly
wrong". Model-side limits (no single release frees a motion to the search limit, strain
ceilings, well-conditioned limits, seated IR stopped by the capsule before bone) are hinge
terms too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..anatomy import LIGAMENTS, REGIONS
from ..capsule import Capsule
from ..evidence import OBSERVATIONS, SPLIT, Observation
from ..rom import DEFAULT_TORQUE_THRESHOLD_NM, MOTIONS, ROM_START_POSES, UNRESISTED_NM, jcs_search
from ..solver import MotionBatch, ensemble_arrays, search_limits

__all__ = [
    "ARC_FLEXIONS_DEG",
    "LOST_DEG",
    "MARTIN_FLEXIONS_DEG",
    "MONOTONIC_IR_RANGE_DEG",
    "ROTATION_FLEXIONS_DEG",
    "SLOPE_MIN_NM_PER_DEG",
    "STRAIN_CAP",
    "STRAIN_FIT_CAP",
    "Measures",
    "calibration_rows",
    "measure",
    "residuals",
]

_CAPSULAR = REGIONS["whole"]


def calibration_rows() -> tuple[Observation, ...]:
    """Evidence rows the fit may use (calibration split, representable by the model)."""
    return tuple(o for o in OBSERVATIONS if SPLIT[o.source_key] == "calibration"
                 and o.representable)


def _row(key: str) -> Observation:
    for o in calibration_rows():
        if o.key == key:
            return o
    raise KeyError(f"calibration evidence row {key!r} not found")


# ----------------------------------------------------------------------------- the grid

#: Mid-range flexions (deg) over which the widest unresisted arc is taken (vanarkel2015: "in
#: mid-flexion and mid-ab/adduction").
ARC_FLEXIONS_DEG = (0.0, 15.0, 30.0, 45.0, 60.0)

#: Flexions (deg) at which IR and ER limits, slopes, mid-slack points and restraint shares are
#: evaluated (from 10 deg of extension to the seated position).
ROTATION_FLEXIONS_DEG = (-10.0, 0.0, 30.0, 60.0, 90.0)

#: Positions of Martin et al. 2008's sectioning (30 deg flexion to 10 deg extension).
MARTIN_FLEXIONS_DEG = (-10.0, 0.0, 30.0)

#: Adductions (deg) of the restraint-role grid (with :data:`ROTATION_FLEXIONS_DEG`).
ROLE_ADDUCTIONS_DEG = (-20.0, 0.0, 20.0)

#: Positions at which the unresisted arc must be near zero (vanarkel2015-slack-near-zero), as
#: fractions of the model's own flexion, extension, abduction and adduction limits.
NEAR_LIMIT_FRACTION = 0.8

# ----------------------------------------------------------------------------- scales, margins

#: Residual scale of the widest arc (deg): half the published SD, so the fit aims at the middle.
ARC_SCALE_DEG = 5.0
#: Residual scale of the mean rotational stiffness (N m/deg): half the published SD.
STIFFNESS_SCALE = 0.15
#: "Near-zero" unresisted arc towards the limits: at most this (deg), scale 5 deg.
NEAR_ZERO_ARC_DEG = 10.0
#: Mid-slack point "in IR" / "in ER": at least this far from neutral rotation (deg).
MIDSLACK_MARGIN_DEG = 2.0
#: A release "gains" a motion when it adds at least this (deg).
GAIN_MIN_DEG = 1.0
#: Share of the restraining torque that makes a ligament the primary restraint.
PRIMARY_SHARE = 0.5
#: A single release must leave every motion this far (deg) inside its search range.
SEARCH_MARGIN_DEG = 3.0
#: Smallest restraint-torque slope at a limit (N m/deg): with it a +-10 % stiffness change
#: (about +-0.5 N m at the limit) moves the limit by at most ~3 deg.
SLOPE_MIN_NM_PER_DEG = 0.15

#: Stability cases: every capsular stiffness, then each ligament's, scaled by 0.9 and 1.1, and
#: the torque threshold moved by -0.1 and +0.1 N m; no ROM may move by more than
#: :data:`STABILITY_MAX_DEG` (the fit aims at :data:`STABILITY_FIT_DEG`).
STIFFNESS_FACTORS = (0.9, 1.1)
THRESHOLD_SHIFTS_NM = (-0.1, 0.1)
STABILITY_MAX_DEG = 5.0
STABILITY_FIT_DEG = 4.0

#: Change of slope (deg per 30 deg of flexion) of the IR and ER limits along flexion that is
#: free; beyond it the smoothness term grows (our choice).
SMOOTH_FREE_DEG = 10.0

#: Torque peaks before a limit must stay below this fraction of the threshold (our choice).
NEAR_MISS_FRACTION = 0.8
#: Directions of the circumduction envelope whose torque peaks the fit checks.
ENVELOPE_DIRECTIONS = 36

#: Strain ceiling for a fibre at a limit (our choice, far below the ~130 % the tensile tests of
#: schleifenbaum2016 reached before failure, so a conservative bound); limits with a fibre
#: above it are flagged.
STRAIN_CAP = 0.30
#: The fit penalises strains above this (a little below the ceiling).
STRAIN_FIT_CAP = 0.27

#: A motion counts as lost when its limit is below this angle (deg).
LOST_DEG = 1.0

#: Internal rotation range (deg) over which every ischiofemoral fibre's length must rise
#: (tested: no roll-over of the wrap).
MONOTONIC_IR_RANGE_DEG = (-45.0, 60.0)

# ----------------------------------------------------------------------------- batches

_ROM = list(MOTIONS)
_ROM_START = [ROM_START_POSES[m] for m in _ROM]
_ROT = [(f, 0.0, 0.0) for f in ROTATION_FLEXIONS_DEG]
_ROLE = [(f, a, 0.0) for f in ROTATION_FLEXIONS_DEG for a in ROLE_ADDUCTIONS_DEG]
_FADIR = (90.0, 20.0, 0.0)  # vanarkel2021: flexion, adduction, internal rotation
_EXT_ADD = (-10.0, 20.0, 0.0)  # vanarkel2021: extension with adduction

#: The 5 N m batch: the six ROMs, then IR and ER at every role-grid pose (which contains the
#: rotation flexions at zero adduction, FADIR and extension-adduction). The single releases are
#: evaluated on its first :data:`_N_RELEASE` motions only (the ROMs, IR and ER at the rotation
#: flexions, and ER in FADIR).
_LEAD = _ROT + [_FADIR]
_M5 = _ROM + ["internal_rotation", "external_rotation"] * len(_LEAD) + [
    mo for p in _ROLE if p not in _LEAD for mo in ("internal_rotation", "external_rotation")]
_S5 = np.array(_ROM_START + [p for p in _LEAD for _ in range(2)]
               + [p for p in _ROLE if p not in _LEAD for _ in range(2)])
_N_RELEASE = len(_ROM) + 2 * len(_LEAD)
_ARC_POSES = sorted({(f, 0.0, 0.0) for f in (*ARC_FLEXIONS_DEG, *ROTATION_FLEXIONS_DEG)})


_INDEX = {(tuple(float(v) for v in p), m): i
          for i, (m, p) in enumerate(zip(_M5, _S5, strict=True)) if i >= len(_ROM)}


def _index(pose, motion) -> int:
    return _INDEX[(tuple(float(v) for v in pose), motion)]


_RELEASES = (*_CAPSULAR, "ligamentum_teres")


@dataclass(frozen=True)
class Measures:
    """Everything the objective (and the validation page) reads off one parameter set.

    Attributes
    ----------
    rom_deg, rom_slope : ndarray, shape (6,)
        The six ROM limits (deg) and their torque slopes (N m/deg).
    rom_by : tuple of str
        Limiting fibre, "bone" or "none".
    limit_deg : ndarray, shape (1 + 5, m)
        Limits of the 5 N m batch for the intact capsule (row 0) and each single release
        (:data:`_RELEASES` order; NaN beyond the release batch).
    share : ndarray, shape (m, nl)
        Intact: each ligament's share of the restraining torque at each limit.
    force_share : ndarray, shape (m, nl)
        Intact: each ligament's share of the summed fibre tension at each limit.
    by : ndarray of str, shape (m,)
        Intact: limiting fibre, "bone" or "none".
    slope : ndarray, shape (m,)
        Intact torque slopes (N m/deg).
    max_strain : ndarray, shape (m,)
        Intact: largest fibre strain at each limit.
    arc_ir, arc_er : dict
        Pose -> IR / ER at :data:`hipcapsule.rom.UNRESISTED_NM` (deg).
    near_limit_arc : ndarray, shape (4,)
        Unresisted arc at :data:`NEAR_LIMIT_FRACTION` of the flexion, extension, abduction and
        adduction limits.
    seated_margin_deg : float
        Bone limit minus capsule-only limit of seated IR (deg; > 0: the capsule stops first).
    extension_margin_deg : float
        The same for IR from the model's own extension limit (searched to 150 deg).
    perturbed_rom_deg : ndarray, shape (k, 6)
        The six ROMs under each :data:`STABILITY_CASES` perturbation.
    near_miss_nm : ndarray, shape (m + n_env,)
        Highest torque peak before each limit of the 5 N m batch and of the
        :data:`ENVELOPE_DIRECTIONS`-direction circumduction envelope (N m).
    envelope_deg : ndarray, shape (n_env,)
        The envelope's limits (deg).
    female_seated_margin_deg : float
        :attr:`seated_margin_deg` of the female hip built from the same parameters (NaN if it
        was not measured).
    """

    rom_deg: np.ndarray
    rom_slope: np.ndarray
    rom_by: tuple
    limit_deg: np.ndarray
    share: np.ndarray
    force_share: np.ndarray
    by: np.ndarray
    slope: np.ndarray
    max_strain: np.ndarray
    arc_ir: dict
    arc_er: dict
    near_limit_arc: np.ndarray
    seated_margin_deg: float
    extension_margin_deg: float
    perturbed_rom_deg: np.ndarray
    near_miss_nm: np.ndarray
    envelope_deg: np.ndarray
    female_seated_margin_deg: float = float("nan")

    def limit(self, pose, motion, release: str | None = None) -> float:
        """Limit (deg) of ``motion`` from ``pose`` (intact, or after one release)."""
        row = 0 if release is None else 1 + _RELEASES.index(release)
        return float(self.limit_deg[row, _index(pose, motion)])

    def gain(self, release: str, pose, motion) -> float:
        """Limit after ``release`` minus intact limit (deg)."""
        return self.limit(pose, motion, release) - self.limit(pose, motion)

    def shares(self, pose, motion) -> dict[str, float]:
        """Ligament -> share of the restraining torque at that intact limit."""
        return dict(zip(LIGAMENTS, self.share[_index(pose, motion)], strict=True))

    def force_shares(self, pose, motion) -> dict[str, float]:
        """Ligament -> share of the fibre tension at that intact limit."""
        return dict(zip(LIGAMENTS, self.force_share[_index(pose, motion)], strict=True))

    def arc(self, pose) -> float:
        """Unresisted IR + ER arc at ``pose`` (deg)."""
        return self.arc_ir[tuple(pose)] + self.arc_er[tuple(pose)]

    def midslack(self, pose) -> float:
        """Mid-slack point (deg of IR, negative = ER) of the unresisted arc at ``pose``."""
        return 0.5 * (self.arc_ir[tuple(pose)] - self.arc_er[tuple(pose)])


def _ligament_matrix(cap: Capsule) -> np.ndarray:
    """(nb, nl) 0/1 matrix mapping fibres to ligaments."""
    return np.array([[b.ligament == lig for lig in LIGAMENTS] for b in cap.bundles], float)


def _seated_margin(cap: Capsule, threshold_nm: float) -> float:
    """Bone-only minus capsule-only seated IR limit (deg)."""
    start = np.array([ROM_START_POSES["internal_rotation"]])
    soft = jcs_search(ensemble_arrays((cap,)), ["internal_rotation"], start, threshold_nm,
                      bone=False).angle_rad[0, 0]
    bony = jcs_search(ensemble_arrays((cap.released(list(LIGAMENTS)),)), ["internal_rotation"],
                      start, threshold_nm).angle_rad[0, 0]
    return float(np.rad2deg(bony - soft))


def measure(cap: Capsule, threshold_nm: float = DEFAULT_TORQUE_THRESHOLD_NM,
            female: Capsule | None = None) -> Measures:
    """Compute :class:`Measures` of the intact capsule ``cap`` and its single releases (and
    the seated IR margin of ``female``, the same parameters on the female geometry)."""
    base = ensemble_arrays((cap,))
    lim = jcs_search(base, _M5, _S5, threshold_nm)
    released = ensemble_arrays(tuple(cap.released(lig) for lig in _RELEASES))
    rel = jcs_search(released, _M5[:_N_RELEASE], _S5[:_N_RELEASE], threshold_nm)
    ang = np.full((1 + len(_RELEASES), len(_M5)), np.nan)
    ang[0] = np.rad2deg(lim.angle_rad[0])
    ang[1:, :_N_RELEASE] = np.rad2deg(rel.angle_rad)
    lig_m = _ligament_matrix(cap)
    contrib = np.maximum(lim.contrib_nm[0], 0.0) @ lig_m
    share = contrib / np.maximum(contrib.sum(axis=1, keepdims=True), 1e-12)
    force = lim.force_n[0] @ lig_m
    force_share = force / np.maximum(force.sum(axis=1, keepdims=True), 1e-12)
    n_rom = len(_ROM)
    rom = ang[0, :n_rom]
    # unresisted arcs and near-limit arcs (0.5 N m)
    near = [(NEAR_LIMIT_FRACTION * rom[0], 0.0, 0.0), (-NEAR_LIMIT_FRACTION * rom[1], 0.0, 0.0),
            (0.0, -NEAR_LIMIT_FRACTION * rom[2], 0.0), (0.0, NEAR_LIMIT_FRACTION * rom[3], 0.0)]
    near = [(min(f, 120.0), max(min(a, 45.0), -45.0), r) for f, a, r in near]
    poses = _ARC_POSES + near
    m_arc = ["internal_rotation", "external_rotation"] * len(poses)
    s_arc = np.array([p for p in poses for _ in range(2)])
    a05 = np.rad2deg(jcs_search(base, m_arc, s_arc, UNRESISTED_NM).angle_rad[0])
    ir05, er05 = a05[0::2], a05[1::2]
    n_arc = len(_ARC_POSES)
    # soft-tissue margins of IR (han2019): bone-only limit minus capsule-only limit
    ir_dir = np.array([MOTIONS["internal_rotation"][0]] * 2)
    starts = np.deg2rad([ROM_START_POSES["internal_rotation"],
                         (-max(min(rom[1], 30.0), 0.0), 0.0, 0.0)])
    batch = MotionBatch("jcs", starts, ir_dir, np.deg2rad([150.0, 150.0]))
    soft = np.rad2deg(search_limits(base, batch, threshold_nm, bone=False).angle_rad[0])
    bony = ensemble_arrays((cap.released(list(LIGAMENTS)),))
    bone_only = np.rad2deg(search_limits(bony, batch, threshold_nm).angle_rad[0])
    margins = bone_only - soft
    # stability: stiffness rows on the same path table, then the threshold shifted
    lig_rows = [None, *_CAPSULAR]
    factors = []
    for f in STIFFNESS_FACTORS:
        for lig in lig_rows:
            factors.append([f if (lig is None and b.ligament in _CAPSULAR) or b.ligament == lig
                            else 1.0 for b in cap.bundles])
    factors = np.array(factors)
    stiff_var = replace(base, slack_mm=np.broadcast_to(base.slack_mm, factors.shape),
                        stiffness=base.stiffness * factors)
    rom_start = np.array(_ROM_START)
    pert = [np.rad2deg(jcs_search(stiff_var, _ROM, rom_start, threshold_nm).angle_rad)]
    for d in THRESHOLD_SHIFTS_NM:
        pert.append(np.rad2deg(jcs_search(base, _ROM, rom_start, threshold_nm + d).angle_rad))
    # the circumduction envelope (swings from neutral)
    psi = np.linspace(0.0, 2.0 * np.pi, ENVELOPE_DIRECTIONS, endpoint=False)
    axes = np.stack([np.sin(psi), np.zeros_like(psi), np.cos(psi)], axis=1)
    env = search_limits(base, MotionBatch("swing", np.zeros((len(psi), 3)), axes,
                                          np.full(len(psi), np.deg2rad(150.0))), threshold_nm)
    slope = np.deg2rad(lim.slope_nm_per_rad[0])
    return Measures(
        rom_deg=rom,
        rom_slope=slope[:n_rom],
        rom_by=tuple(lim.limited_by[0, :n_rom]),
        limit_deg=ang,
        share=share,
        force_share=force_share,
        by=lim.limited_by[0],
        slope=slope,
        max_strain=lim.strain[0].max(axis=1),
        arc_ir={p: float(v) for p, v in zip(_ARC_POSES, ir05[:n_arc], strict=True)},
        arc_er={p: float(v) for p, v in zip(_ARC_POSES, er05[:n_arc], strict=True)},
        near_limit_arc=ir05[n_arc:] + er05[n_arc:],
        seated_margin_deg=float(margins[0]),
        extension_margin_deg=float(margins[1]),
        perturbed_rom_deg=np.concatenate(pert),
        near_miss_nm=np.concatenate([lim.near_miss_nm[0], env.near_miss_nm[0]]),
        envelope_deg=np.rad2deg(env.angle_rad[0]),
        female_seated_margin_deg=(float("nan") if female is None
                                  else _seated_margin(female, threshold_nm)),
    )


def _hinge(x) -> np.ndarray:
    return np.maximum(np.atleast_1d(np.asarray(x, dtype=float)), 0.0)


def residuals(m: Measures) -> dict[str, np.ndarray]:
    """Scaled residuals of every calibration term, keyed by evidence row (or model limit)."""
    r: dict[str, np.ndarray] = {}
    # --- vanarkel2015: widest unresisted arc, mean stiffness, slack pattern
    arc = _row("vanarkel2015-unresisted-arc")
    widest = max(m.arc((f, 0.0, 0.0)) for f in ARC_FLEXIONS_DEG)
    r[arc.key] = np.array([(widest - arc.value) / ARC_SCALE_DEG])
    stiff = _row("vanarkel2015-stiffness")
    rot_idx = [_index(p, mo) for p in _ROT for mo in ("internal_rotation", "external_rotation")]
    capsule_limited = [i for i in rot_idx if m.by[i] not in ("bone", "none")]
    mean_slope = float(np.mean(m.slope[capsule_limited])) if capsule_limited else 0.0
    r[stiff.key] = np.array([(min(mean_slope, 5.0) - stiff.value) / STIFFNESS_SCALE])
    r["vanarkel2015-slack-near-zero"] = _hinge(m.near_limit_arc - NEAR_ZERO_ARC_DEG) / 5.0
    mids = np.array([m.midslack(p) for p in _ROT])
    r["vanarkel2015-midslack-extension"] = _hinge(MIDSLACK_MARGIN_DEG - mids[:2]) / 2.0
    r["vanarkel2015-midslack-flexion"] = _hinge(mids[-1] + MIDSLACK_MARGIN_DEG) / 2.0
    r["vanarkel2015-fig3-envelope"] = _hinge(np.diff(mids)) / 2.0
    # --- martin2008: single releases between 10 deg extension and 30 deg flexion
    poses = [(f, 0.0, 0.0) for f in MARTIN_FLEXIONS_DEG]
    ir, er = "internal_rotation", "external_rotation"
    g = {lig: {mo: np.array([m.gain(lig, p, mo) for p in poses]) for mo in (ir, er)}
         for lig in _CAPSULAR}
    others = [lig for lig in _CAPSULAR if lig != "ischiofemoral"]
    best_other_ir = np.max([g[lig][ir] for lig in others], axis=0)
    r["martin2008-isfl-ir"] = _hinge(best_other_ir + GAIN_MIN_DEG - g["ischiofemoral"][ir]) / 2.0
    for key, lig in (("martin2008-pfl-er", "pubofemoral"),
                     ("martin2008-mifl-er", "medial_iliofemoral"),
                     ("martin2008-lifl-er", "lateral_iliofemoral")):
        gain_er = g[lig][er].mean()
        r[key] = np.concatenate([_hinge(GAIN_MIN_DEG - gain_er),
                                 _hinge(g[lig][ir].mean() - gain_er) / 2.0])
    r["martin2008-pfl-er-extension"] = _hinge(
        g["pubofemoral"][er][2] - g["pubofemoral"][er][0] + 0.5)
    r["martin2008-lifl-er-flexion"] = _hinge(
        g["medial_iliofemoral"][er][1:] - g["lateral_iliofemoral"][er][1:] + 0.5)
    r["martin2008-lifl-ir-extension"] = np.concatenate([
        _hinge(GAIN_MIN_DEG - g["lateral_iliofemoral"][ir][0]),
        _hinge(g["lateral_iliofemoral"][ir][2] - g["lateral_iliofemoral"][ir][0])])
    isfl_share = np.array([m.shares(p, ir)["ischiofemoral"] for p in _ROT])
    r["martin2008-isfl-role"] = _hinge(PRIMARY_SHARE - isfl_share) / 0.1
    pfl = m.shares((-10.0, 0.0, 0.0), er)
    r["martin2008-pfl-role"] = _hinge(
        max(v for k, v in pfl.items() if k != "pubofemoral") - pfl["pubofemoral"] + 0.05) / 0.1
    # --- vanarkel2015bjj: roles over the position grid
    role_idx = [_index(p, mo) for p in _ROLE for mo in (ir, er)]
    sh = m.share[role_idx]
    r["vanarkel2015bjj-each-primary"] = _hinge(
        PRIMARY_SHARE - sh[:, :len(_CAPSULAR)].max(axis=0)) / 0.1
    lifl, isfl = LIGAMENTS.index("lateral_iliofemoral"), LIGAMENTS.index("ischiofemoral")
    r["vanarkel2015bjj-two-thirds"] = _hinge(0.5 - (sh[:, lifl] + sh[:, isfl]).mean()) / 0.1
    teres = LIGAMENTS.index("ligamentum_teres")
    exempt = _index(_FADIR, er)
    rest = [i for i in role_idx if i != exempt]
    r["vanarkel2015bjj-teres-secondary"] = np.concatenate([
        _hinge(m.share[rest, teres].max() - PRIMARY_SHARE) / 0.1,
        _hinge(0.5 - m.gain("ligamentum_teres", _FADIR, er)) / 0.5])
    # --- vanarkel2021: which ligament carries the highest force
    fs = [m.force_shares(_EXT_ADD, mo) for mo in (ir, er)]
    r["vanarkel2021-ifl-force"] = np.array([
        max(_hinge(max(v for k, v in f.items() if k not in ("lateral_iliofemoral",
                                                             "medial_iliofemoral"))
                   - f["lateral_iliofemoral"] - f["medial_iliofemoral"])[0], 0.0) / 0.1
        for f in fs])
    fa = m.force_shares(_FADIR, ir)
    r["vanarkel2021-isfl-force"] = _hinge(
        max(v for k, v in fa.items() if k != "ischiofemoral") - fa["ischiofemoral"]) / 0.1
    # --- model-side limits
    search_max = np.array([MOTIONS[mo][1] for mo in _M5[:_N_RELEASE]])
    r["secondary-restraints"] = (_hinge(m.limit_deg[1:, :_N_RELEASE]
                                        - (search_max - SEARCH_MARGIN_DEG)).ravel() / 1.0)
    # --- han2019: the capsule stops IR a few degrees before bone in flexion, far before it in
    # extension (target the published means, scale half the SD)
    for key, model in (("han2019-margin-ir-flexion90",
                        [m.seated_margin_deg, m.female_seated_margin_deg]),
                       ("han2019-margin-ir-extension", [m.extension_margin_deg])):
        row = _row(key)
        values = np.array([v for v in model if np.isfinite(v)])
        r[key] = (values - row.value) / (0.5 * row.sd)
    r["strain-cap"] = _hinge(m.max_strain - STRAIN_FIT_CAP) / 0.05
    # limits change smoothly with position (our choice): second differences of IR and ER over
    # the rotation flexions, per 30 deg, scale 10 deg
    f = np.array(ROTATION_FLEXIONS_DEG)
    for mo in (ir, er):
        y = np.array([m.limit((x, 0.0, 0.0), mo) for x in f])
        d1 = np.diff(y) / np.diff(f) * 30.0
        r[f"smooth-{mo}"] = _hinge(np.abs(np.diff(d1)) - SMOOTH_FREE_DEG) / 10.0
    # no torque peak just below the threshold before a limit: a small change would lift it
    # over and make the limit jump (this is what keeps the envelope continuous)
    r["no-near-miss"] = _hinge(m.near_miss_nm - NEAR_MISS_FRACTION * DEFAULT_TORQUE_THRESHOLD_NM
                               ) / 0.5
    r["stability"] = (_hinge(np.abs(m.perturbed_rom_deg - m.rom_deg[None]) - STABILITY_FIT_DEG)
                      .ravel() / 1.0)
    cap_lim = np.array([b not in ("bone", "none") for b in m.by])
    r["well-conditioned"] = _hinge(np.where(cap_lim, SLOPE_MIN_NM_PER_DEG - m.slope, 0.0)) / 0.05
    return r
