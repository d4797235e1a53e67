"""The model compared with the evidence, and the course's seed claim tested on it.

Everything here is computed from the model at call time and returned as data (rows of plain
values); the course package renders it. One set of functions serves the lessons and the
validation page:

* :func:`evidence_rows` -- every quantitative evidence row the model can be compared with
  (:mod:`hipcapsule.evidence`), with its split, the model value, the ensemble band and whether
  the published value falls inside the band; :func:`rms_by_study` summarises them, and
  :func:`rms_floor_deg` gives the least RMS error any capsule could reach on the model's bone;
* :func:`direction_rows` -- every qualitative sectioning or restraint finding, and whether the
  model responds in the same direction;
* :func:`stiffness_table` -- each ligament's fitted stiffness next to its published estimates;
* :func:`origin_rows` -- where each ligament arises on the acetabular rim, model against the
  one study that digitised it;
* :func:`release_table` -- IR and ER after cutting each ligament;
* :func:`rom_curves`, :func:`loss_table` -- the six ROMs as one region tightens;
* :func:`claim_order`, :func:`claim_findings` -- the seed claim ("a tight capsule limits
  internal rotation first, then every other motion") with one criterion: a motion is
  **limited** once it has lost more than :data:`LIMITED_LOSS_PCT` percent of its
  normal-capsule value, as the region tightens over its meaningful range
  (:data:`hipcapsule.MEANINGFUL_TIGHTNESS`). Internal rotation is measured seated (90 deg
  flexion) or prone (hip extended, 0 deg), ER seated;
* :func:`first_lost` -- which motion is lost first just past the meaningful range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .anatomy import LIGAMENTS, MAX_TIGHTNESS, REGIONS, STIFFNESS_BOUNDS_N_PER_MM
from .anatomy import STIFFNESS_N_PER_MM as _REFERENCE_STIFFNESS
from .anatomy import tensile_stiffness_range as _tensile
from .calibration import MEANINGFUL_TIGHTNESS
from .calibration.targets import LOST_DEG
from .capsule import Capsule, default_capsule, pelvic_footprint_deg
from .ensemble import members
from .evidence import OBSERVATIONS, SPLIT, Observation
from .evidence import row as _observation
from .rom import (
    DEFAULT_TORQUE_THRESHOLD_NM,
    MOTIONS,
    ROM_START_POSES,
    circumduction,
    jcs_search,
    range_of_motion,
)
from .solver import MotionBatch, model_arrays, search_limits

__all__ = [
    "CLAIM_POSITIONS",
    "LIMITED_LOSS_PCT",
    "NO_CHANGE_DEG",
    "BONY_LIMIT_POSES",
    "DirectionRow",
    "EvidenceRow",
    "StrainRow",
    "claim_findings",
    "claim_order",
    "direction_rows",
    "evidence_rows",
    "OriginRow",
    "bone_floor_deg",
    "first_lost",
    "loss_table",
    "origin_rows",
    "release_table",
    "rms_by_study",
    "rms_floor_deg",
    "rom_curves",
    "stiffness_table",
    "strain_rows",
]

#: A motion counts as limited once it has lost more than this share (%) of its normal value.
LIMITED_LOSS_PCT: float = 10.0

#: Tightness steps of the seed-claim scan over the meaningful range.
CLAIM_STEPS: int = 41

#: A release changes a motion "not at all" if it moves it by less than this (deg); it
#: "increases" a motion if it adds at least this.
NO_CHANGE_DEG: float = 1.0

#: Where internal rotation is measured in the seed-claim analysis: position -> start pose.
CLAIM_POSITIONS = {"seated": (90.0, 0.0, 0.0), "prone": (0.0, 0.0, 0.0)}

#: Percentile band of the evidence comparison (the ensemble's 10th-90th percentile).
BAND_PCT = (10.0, 90.0)

_THR = DEFAULT_TORQUE_THRESHOLD_NM
_NEUTRAL = (0.0, 0.0, 0.0)
_FIBROUS = REGIONS["whole"]


# ----------------------------------------------------------------------------- predictions


def _limits(caps: tuple[Capsule, ...], motion: str, pose, threshold: float,
            bone: bool = True, max_deg: float | None = None) -> np.ndarray:
    """Limit (deg) of one motion from ``pose`` for each capsule (same fibres, any geometry)."""
    direction = np.array([MOTIONS[motion][0]])
    tmax = np.deg2rad([MOTIONS[motion][1] if max_deg is None else max_deg])
    batch = MotionBatch("jcs", np.deg2rad([pose]), direction, tmax)
    out = []
    for cap in caps:
        lim = search_limits(model_arrays(cap), batch, threshold, bone)
        out.append(float(np.rad2deg(lim.angle_rad[0, 0])))
    return np.array(out)


def _ensemble(cap: Capsule) -> tuple[Capsule, ...]:
    """Every ensemble member carrying ``cap``'s modifications."""
    return tuple(cap.modifications_onto(m) for m in members(cap.sex))


def _pose_and_threshold(row: Observation) -> tuple[tuple, float]:
    """A row's start pose (deg; neutral if not stated) and torque (N m; 5 if not stated)."""
    pose = row.start_pose_deg if row.start_pose_deg is not None else _NEUTRAL
    return pose, row.torque_nm if row.torque_nm is not None else _THR


def _predict(row: Observation, caps: tuple[Capsule, ...]) -> np.ndarray:
    """Model value of a quantitative evidence row for each capsule (deg), see
    :data:`PREDICTION_NOTES`."""
    pose, thr = _pose_and_threshold(row)
    if row.quantity == "limit":
        cut = tuple(c.released(list(row.released)) if row.released else c for c in caps)
        return _limits(cut, row.motion, pose, thr)
    if row.quantity == "release_gain":
        cut = tuple(c.released(list(row.released)) for c in caps)
        motions = (("internal_rotation", "external_rotation") if row.motion == "rotation_arc"
                   else (row.motion,))
        return sum(_limits(cut, mo, pose, thr) - _limits(caps, mo, pose, thr) for mo in motions)
    if row.quantity == "soft_tissue_margin":
        if row.start_pose_deg is None:  # "from maximum extension": each hip's own limit
            pose = (-float(range_of_motion(caps[0]).extension), 0.0, 0.0)
            pose = (max(pose[0], -30.0), 0.0, 0.0)
        bone_only = tuple(c.released(list(LIGAMENTS)) for c in caps)
        return (_limits(bone_only, row.motion, pose, _THR, max_deg=150.0)
                - _limits(caps, row.motion, pose, _THR, bone=False, max_deg=150.0))
    raise ValueError(f"row {row.key!r}: no model prediction for quantity {row.quantity!r}")


#: How each kind of quantitative row is predicted (shown on the validation page).
PREDICTION_NOTES = {
    "limit": "limit at the row's torque (5 N m if not stated) from its pose (neutral if not "
             "stated), after the row's releases",
    "release_gain": "limit after the release minus the intact limit, at the row's torque",
    "soft_tissue_margin": "bone-only limit minus the capsule-only limit (5 N m); 'from maximum "
                          "extension' starts at the model's own extension limit",
}


@dataclass(frozen=True)
class EvidenceRow:
    """One quantitative evidence row next to the model.

    Attributes
    ----------
    key, source_key, split, quantity, motion : str
    published, sd : float or None
        Published mean and SD.
    model : float
        Best-fit model value.
    band : tuple of 2 float
        10th-90th percentile over the calibration ensemble.
    pose_stated : bool
        False where the text gives no pose and the model assumed neutral.
    note : str
    """

    key: str
    source_key: str
    split: str
    quantity: str
    motion: str
    published: float
    sd: float | None
    model: float
    band: tuple
    pose_stated: bool
    note: str

    @property
    def error(self) -> float:
        """Model minus published (deg)."""
        return self.model - self.published

    @property
    def inside_band(self) -> bool:
        """True if the published value lies inside the ensemble band."""
        return bool(self.band[0] <= self.published <= self.band[1])


def _angle_rows() -> list[Observation]:
    kinds = ("limit", "release_gain", "soft_tissue_margin")
    return [o for o in OBSERVATIONS if o.kind == "cadaver" and o.quantity in kinds
            and o.value is not None and o.representable and o.unit in (None, "deg")]


def evidence_rows(sex: str = "male") -> list[EvidenceRow]:
    """Every representable cadaver angle of the evidence table (held-out and calibration)
    next to the model's best fit and ensemble band."""
    best = default_capsule(sex)
    ens = members(sex)
    rows = []
    for o in _angle_rows():
        model = float(_predict(o, (best,))[0])
        values = _predict(o, ens)
        lo, hi = np.percentile(values, BAND_PCT)
        rows.append(EvidenceRow(o.key, o.source_key, SPLIT[o.source_key], o.quantity,
                                o.motion, float(o.value), o.sd, model, (float(lo), float(hi)),
                                o.start_pose_deg is not None, o.note))
    return rows


def rms_by_study(rows: list[EvidenceRow]) -> dict[str, dict]:
    """Per study and per split: number of angles, RMS error (deg) and how many published values
    fall inside the ensemble band. Keys: source keys, plus ``"held-out"`` and
    ``"calibration"`` for all rows of that split."""
    groups: dict[str, list[EvidenceRow]] = {}
    for r in rows:
        groups.setdefault(r.source_key, []).append(r)
        groups.setdefault(r.split, []).append(r)
    return {
        name: {
            "n": len(g),
            "rms_deg": float(np.sqrt(np.mean([r.error**2 for r in g]))),
            "inside_band": sum(r.inside_band for r in g),
            "split": g[0].split,
        }
        for name, g in groups.items()
    }


def bone_floor_deg(row: EvidenceRow, sex: str = "male") -> float:
    """Least error (deg) any capsule can leave on ``row``, given the model's bone.

    A ``"limit"`` row is predicted as the first angle where the capsule reaches the torque
    threshold or the neck meets the rim, so no choice of fibres, slack lengths or stiffness
    can put the limit past the bone-only limit (every ligament, the ligamentum teres too,
    released). Where the published angle lies beyond it, the model misses by at least the
    difference. Other quantities (release gains, margins) have no such floor: 0.
    """
    if row.quantity != "limit":
        return 0.0
    pose, thr = _pose_and_threshold(_observation(row.key))
    bone_only = default_capsule(sex).released(list(LIGAMENTS))
    bone_deg = float(_limits((bone_only,), row.motion, pose, thr)[0])
    return max(0.0, row.published - bone_deg)


def rms_floor_deg(rows: list[EvidenceRow], sex: str = "male") -> float:
    """Least RMS error (deg) over ``rows`` that any capsule on the model's bone can reach
    (:func:`bone_floor_deg` of each row; the other rows taken as fitted exactly)."""
    if not rows:
        raise ValueError("rows=[] is empty; give at least one evidence row")
    return float(np.sqrt(np.mean([bone_floor_deg(r, sex) ** 2 for r in rows])))


@dataclass(frozen=True)
class StrainRow:
    """One published ligament strain next to the model's largest fibre strain of that ligament
    at the 5 N m limit of the same motion (fractions; the source's torque is not stated, so
    this is a comparison of magnitudes, not a test)."""

    key: str
    ligament: str
    motion: str
    pose: tuple
    published: float
    model: float


def strain_rows(sex: str = "male") -> list[StrainRow]:
    """Hidaka et al. 2014's cadaver strains next to the model (held-out, compared only).

    The model value is the largest strain of the named ligament's fibres at the model's 5 N m
    limit of the row's motion from the row's pose (neutral where the pose is not stated).
    """
    cap = default_capsule(sex)
    rows = []
    for o in OBSERVATIONS:
        if o.quantity != "strain" or o.value is None or not o.representable:
            continue
        pose = o.start_pose_deg if o.start_pose_deg is not None else _NEUTRAL
        direction = np.array([MOTIONS[o.motion][0]])
        batch = MotionBatch("jcs", np.deg2rad([pose]), direction,
                            np.deg2rad([MOTIONS[o.motion][1]]))
        lim = search_limits(model_arrays(cap), batch, _THR)
        fibres = [j for j, b in enumerate(cap.bundles) if b.ligament == o.ligament]
        rows.append(StrainRow(o.key, o.ligament, o.motion, tuple(pose), o.value / 100.0,
                              float(lim.strain[0, 0, fibres].max())))
    return rows


# ----------------------------------------------------------------------------- directions


@dataclass(frozen=True)
class DirectionRow:
    """One qualitative finding and the model's response.

    Attributes
    ----------
    key, source_key, split, direction : str
    finding : str
        What the source reports, in words.
    model : str
        What the model does, with numbers.
    matches : bool
    """

    key: str
    source_key: str
    split: str
    direction: str
    finding: str
    model: str
    matches: bool


def _gain(cap: Capsule, released, motion: str, pose, thr: float) -> float:
    return float(_limits((cap.released(list(released)),), motion, pose, thr)[0]
                 - _limits((cap,), motion, pose, thr)[0])


def _release_direction(o: Observation, cap: Capsule) -> tuple[str, bool]:
    thr = o.torque_nm if o.torque_nm is not None else _THR
    if o.start_pose_deg is not None:
        poses = [o.start_pose_deg]
    elif o.key == "jo2018-er-adducted":
        poses = [(f, 20.0, 0.0) for f in (60.0, 90.0, 110.0)]
    elif o.key == "jo2018-ir-no-change":
        poses = [(-10.0, 0.0, 0.0), _NEUTRAL]
    elif o.source_key == "martin2008":
        poses = [(f, 0.0, 0.0) for f in (-10.0, 0.0, 30.0)]
    else:
        poses = [_NEUTRAL, (30.0, 0.0, 0.0), (60.0, 0.0, 0.0), (90.0, 0.0, 0.0)]
    if o.motion is None or o.motion == "rotation_arc":
        motions = ["internal_rotation", "external_rotation"]
    elif o.key == "grieshober2016-no-extension-abduction":
        motions = ["extension", "abduction"]
    else:
        motions = [o.motion]
    gains = {(mo, p): _gain(cap, o.released, mo, p if mo not in ("extension", "abduction")
                            else _NEUTRAL, thr)
             for mo in motions for p in poses}
    text = ", ".join(f"{mo.replace('_', ' ')} at {p[0]:g} deg flexion"
                     f"{f', {p[1]:g} deg adduction' if p[1] else ''}: {g:+.1f} deg"
                     for (mo, p), g in gains.items())
    values = np.array(list(gains.values()))
    if o.direction == "increase":
        if o.motion == "rotation_arc" and o.start_pose_deg is None:
            arcs = [sum(gains[(mo, p)] for mo in motions) for p in poses]
            return text, bool(max(arcs) >= NO_CHANGE_DEG)
        return text, bool(np.all(values >= NO_CHANGE_DEG))
    if o.direction == "no_change":
        return text, bool(np.all(np.abs(values) < NO_CHANGE_DEG))
    if o.direction == "larger_in_extension":
        g_ext = gains[(o.motion, poses[0])]
        g_flex = gains[(o.motion, poses[-1])]
        return text, bool(g_ext > g_flex)
    if o.direction == "largest_gain":
        other = "external_rotation" if o.motion == "internal_rotation" else "internal_rotation"
        g_other = np.mean([_gain(cap, o.released, other, p, thr) for p in poses])
        return text + f"; {other.replace('_', ' ')}: {g_other:+.1f} deg (mean)", bool(
            values.mean() >= NO_CHANGE_DEG and values.mean() > g_other)
    if o.direction == "larger_than_medial_iliofemoral":
        g_med = np.mean([_gain(cap, ["medial_iliofemoral"], o.motion, p, thr)
                         for p in poses[1:]])
        g_lat = np.mean([gains[(o.motion, p)] for p in poses[1:]])
        return text + f"; medial arm at 0-30 deg: {g_med:+.1f} deg", bool(g_lat > g_med)
    raise ValueError(f"row {o.key!r}: direction {o.direction!r} has no model check")


def _role_direction(o: Observation, cap: Capsule) -> tuple[str, bool]:
    """Primary / secondary restraint and highest-force findings."""
    from .calibration.targets import PRIMARY_SHARE, measure

    m = measure(cap)
    if o.key == "martin2008-isfl-role" or o.key == "baba2021-isfl-role":
        poses = [(f, 0.0, 0.0) for f in ((-10.0, 0.0, 30.0, 60.0, 90.0)
                                         if o.source_key == "martin2008" else (0.0, 30.0, 60.0))]
        shares = [m.shares(p, "internal_rotation")["ischiofemoral"] for p in poses]
        return ("ischiofemoral share of the IR restraint: "
                + ", ".join(f"{100 * s:.0f} %" for s in shares), bool(min(shares) >= PRIMARY_SHARE))
    if o.key == "martin2008-pfl-role":
        sh = m.shares((-10.0, 0.0, 0.0), "external_rotation")
        top = max(sh, key=sh.get)
        return (f"largest share of the ER restraint at 10 deg extension: {top} "
                f"({100 * sh[top]:.0f} %)", top == "pubofemoral")
    raise ValueError(f"row {o.key!r}: no role check")


#: Poses of "bony limit" findings: row key -> list of (motion, start pose). han2019's
#: "high abduction with flexion" is read as abduction from 90 deg flexion, "high flexion with
#: adduction and internal rotation" as IR from 110 deg flexion and 20 deg adduction; Martin 2013
#: tested adduction with only the ligamentum teres left (pose not stated: from neutral).
BONY_LIMIT_POSES = {
    "han2019-bony-limits": [("abduction", (90.0, 0.0, 0.0)),
                            ("internal_rotation", (110.0, 20.0, 0.0))],
    "martin2013-teres-only-adduction": [("adduction", _NEUTRAL)],
}


def _bony_direction(o: Observation, cap: Capsule) -> tuple[str, bool]:
    cut = cap.released(list(o.released)) if o.released else cap
    parts, ok = [], True
    for motion, pose in BONY_LIMIT_POSES[o.key]:
        direction = np.array([MOTIONS[motion][0]])
        batch = MotionBatch("jcs", np.deg2rad([pose]), direction,
                            np.deg2rad([MOTIONS[motion][1]]))
        lim = search_limits(model_arrays(cut), batch, _THR)
        by = str(lim.limited_by[0, 0])
        from .anatomy import BUNDLES

        what = "bone" if by == "bone" else BUNDLES.get(by, by)
        parts.append(f"{motion.replace('_', ' ')} from {pose[0]:g} deg flexion"
                     f"{f', {pose[1]:g} deg adduction' if pose[1] else ''}: stopped by {what} "
                     f"at {np.rad2deg(lim.angle_rad[0, 0]):.0f} deg")
        ok &= by == "bone"
    return "; ".join(parts), bool(ok)


def direction_rows(sex: str = "male") -> list[DirectionRow]:
    """Every representable qualitative sectioning, restraint or bony-limit finding
    (calibration and held-out) and whether the best-fit model responds in the same
    direction."""
    cap = default_capsule(sex)
    rows = []
    for o in OBSERVATIONS:
        if not o.representable or o.kind != "cadaver" or o.direction is None:
            continue
        if o.quantity == "release_gain":
            model, ok = _release_direction(o, cap)
        elif o.key in ("martin2008-isfl-role", "baba2021-isfl-role", "martin2008-pfl-role"):
            model, ok = _role_direction(o, cap)
        elif o.key in BONY_LIMIT_POSES:
            model, ok = _bony_direction(o, cap)
        else:
            continue
        finding = o.note or o.quote
        rows.append(DirectionRow(o.key, o.source_key, SPLIT[o.source_key], o.direction,
                                 finding, model, ok))
    return rows


def stiffness_table(capsule: Capsule | None = None) -> list[dict]:
    """Each capsular ligament's stiffness (N/mm) next to its published estimates.

    Rows: ``ligament``, ``slack_length_mm`` (mean over its fibres), ``model`` (in use, all
    fibres together), ``reference_default``, ``tensile_low``/``tensile_mean``/``tensile_high``
    (``E A / L`` at that slack length, :func:`hipcapsule.anatomy.tensile_stiffness_range`),
    ``bound_low``/``bound_high`` (calibration bounds) and ``times_tensile_high``
    (model / tensile_high).
    """
    cap = default_capsule() if capsule is None else capsule
    rows = []
    for lig in _FIBROUS:
        fibres = [b for b in cap.bundles if b.ligament == lig]
        slack = float(np.mean([b.slack_length_mm for b in fibres]))
        k = float(sum(b.stiffness_n_per_mm for b in fibres))
        lo, mean, hi = _tensile(lig, slack)
        rows.append({
            "ligament": lig,
            "slack_length_mm": slack,
            "model": k,
            "reference_default": _REFERENCE_STIFFNESS[lig],
            "tensile_low": lo, "tensile_mean": mean, "tensile_high": hi,
            "bound_low": STIFFNESS_BOUNDS_N_PER_MM[lig][0],
            "bound_high": STIFFNESS_BOUNDS_N_PER_MM[lig][1],
            "times_tensile_high": k / hi,
        })
    return rows


#: Model ligaments behind a ligament name of a footprint source (one iliofemoral origin).
SOURCE_LIGAMENTS = {"iliofemoral": ("lateral_iliofemoral", "medial_iliofemoral"),
                    "pubofemoral": ("pubofemoral",), "ischiofemoral": ("ischiofemoral",)}


@dataclass(frozen=True)
class OriginRow:
    """A ligament's pelvic origin on the rim's clock face: the model's and a study's.

    Arcs are (start, end) in degrees from 12 o'clock towards the front (30 deg per hour). The
    model **agrees** when the centre of its arc lies inside the published mean arc.
    """

    key: str
    source_key: str
    split: str
    ligament: str
    model_deg: tuple[float, float]
    published_deg: tuple[float, float]
    overlap_deg: float
    agrees: bool


def origin_rows(footprints: dict | None = None) -> list[OriginRow]:
    """Every pelvic-origin row of the evidence table against the model's footprints
    (default: the calibrated ones in use; ``footprints`` as for
    :func:`hipcapsule.capsule.pelvic_footprint_deg`)."""
    rows = []
    for o in OBSERVATIONS:
        if o.quantity != "footprint_position" or o.interval is None or o.unit != "deg":
            continue
        a, b = pelvic_footprint_deg(SOURCE_LIGAMENTS[o.ligament], footprints)
        lo, hi = o.interval
        rows.append(OriginRow(o.key, o.source_key, SPLIT[o.source_key], o.ligament, (a, b),
                              (lo, hi), max(0.0, min(b, hi) - max(a, lo)),
                              lo <= 0.5 * (a + b) <= hi))
    return rows


def release_table(capsule: Capsule | None = None, flexion_deg=(0.0, 30.0, 90.0),
                  motion: str = "internal_rotation") -> dict:
    """``motion`` (deg) at each flexion for the intact capsule and after each single release.

    Returns
    -------
    dict
        ``{"intact": ndarray (k,), ligament: ndarray (k,), ...}``; gains are the differences.
    """
    cap = default_capsule() if capsule is None else capsule
    f = np.asarray(flexion_deg, dtype=float)
    start = np.stack([f, np.zeros_like(f), np.zeros_like(f)], axis=1)
    motions = [motion] * len(f)
    out = {"intact": np.rad2deg(jcs_search(model_arrays(cap), motions, start, _THR)
                                .angle_rad[0])}
    for lig in LIGAMENTS:
        out[lig] = np.rad2deg(jcs_search(model_arrays(cap.released(lig)), motions, start, _THR)
                              .angle_rad[0])
    return out


def _claim_motions(position: str):
    """Motions and start poses of the seed-claim analysis (IR measured in ``position``)."""
    motions = list(MOTIONS)
    start = [ROM_START_POSES[m] for m in motions]
    start[motions.index("internal_rotation")] = CLAIM_POSITIONS[position]
    return motions, np.array(start)


def rom_curves(region: str, tightness, sex: str = "male",
               position: str = "seated") -> dict[str, np.ndarray]:
    """The six ROM limits (deg) as ``region`` is tightened.

    Parameters
    ----------
    region : str
        A key of :data:`hipcapsule.REGIONS`.
    tightness : array_like, shape (n,)
        Tightness values in [0, 0.5].
    sex : {"male", "female"}
    position : {"seated", "prone"}
        Where internal rotation is measured (:data:`CLAIM_POSITIONS`).

    Returns
    -------
    dict
        Motion (keys of :data:`hipcapsule.MOTIONS`) -> ndarray of shape (n,).
    """
    base = default_capsule(sex)
    motions, start = _claim_motions(position)
    t = np.atleast_1d(np.asarray(tightness, dtype=float))
    arr = model_arrays(base)
    mask = np.array([b.ligament in REGIONS[region] for b in base.bundles])
    slack = arr.slack_mm * (1.0 - t[:, None] * mask[None, :])
    from dataclasses import replace

    arr = replace(arr, slack_mm=slack, stiffness=np.broadcast_to(arr.stiffness, slack.shape))
    curves = np.rad2deg(jcs_search(arr, motions, start, _THR).angle_rad)
    return {m: curves[:, j] for j, m in enumerate(motions)}


def loss_table(region: str, tightness: float, sex: str = "male",
               position: str = "seated") -> list[dict]:
    """Each motion's normal limit, limit at ``tightness`` of ``region``, loss in deg and %."""
    curves = rom_curves(region, [0.0, tightness], sex, position)
    rows = []
    for m, c in curves.items():
        loss = c[0] - c[1]
        rows.append({
            "motion": m,
            "normal_deg": float(c[0]),
            "tight_deg": float(c[1]),
            "loss_deg": float(loss),
            "loss_pct": float(100.0 * loss / c[0]) if c[0] > 0 else 0.0,
        })
    return rows


def claim_order(region: str, sex: str = "male", n_steps: int = CLAIM_STEPS,
                position: str = "seated") -> list[dict]:
    """When each motion becomes limited as ``region`` tightens over its meaningful range.

    Tightness is scanned on ``n_steps`` even steps from 0 to the end of the region's meaningful
    range; a motion is limited once it has lost more than :data:`LIMITED_LOSS_PCT` percent.
    Internal rotation is measured in ``position`` (:data:`CLAIM_POSITIONS`).

    Returns
    -------
    list of dict
        One row per motion, sorted by ``first_limited_at`` (motions never limited last):
        ``motion``, ``normal_deg``, ``end_deg`` (at the end of the range), ``loss_pct`` (at the
        end), ``first_limited_at`` (tightness, or None), ``limited_by`` (ligament name,
        ``"bone"`` or ``"none"``, at the end).
    """
    t_max = MEANINGFUL_TIGHTNESS[region][1]
    t_grid = np.linspace(0.0, t_max, n_steps)
    curves = rom_curves(region, t_grid, sex, position)
    motions, start = _claim_motions(position)
    end_cap = default_capsule(sex).tightened(float(t_grid[-1]), ligaments=REGIONS[region])
    end_by = jcs_search(model_arrays(end_cap), motions, start, _THR).limited_by[0]
    from .anatomy import BUNDLES

    end_lig = {m: BUNDLES.get(str(b), str(b)) for m, b in zip(motions, end_by, strict=True)}
    rows = []
    for m, values in curves.items():
        normal = values[0]
        lost_pct = 100.0 * (normal - values) / normal if normal > 0 else np.zeros_like(values)
        hit = np.nonzero(lost_pct > LIMITED_LOSS_PCT)[0]
        rows.append({
            "motion": m,
            "normal_deg": float(normal),
            "end_deg": float(values[-1]),
            "loss_pct": float(lost_pct[-1]),
            "first_limited_at": float(t_grid[hit[0]]) if hit.size else None,
            "limited_by": end_lig[m],
        })
    rows.sort(key=lambda r: (r["first_limited_at"] is None, r["first_limited_at"] or 0.0))
    return rows


def claim_findings(region: str, sex: str = "male", position: str = "seated") -> dict:
    """What the seed-claim test finds for one region (:func:`claim_order` summarised).

    Returns
    -------
    dict
        ``region``; ``position``; ``tightness_max`` (end of the meaningful range); ``order``:
        motions in the order they become limited; ``never``: motions never limited;
        ``ir_first``: whether seated internal rotation is limited first; ``all_limited``:
        whether every motion is limited by the end of the range; ``ir_stopped_by``: what
        stops seated IR at the end;
        ``solid_angle_normal_sr`` and ``solid_angle_tight_sr`` (circumduction envelope).
    """
    rows = claim_order(region, sex, position=position)
    order = [r["motion"] for r in rows if r["first_limited_at"] is not None]
    base = default_capsule(sex)
    t_max = MEANINGFUL_TIGHTNESS[region][1]
    tight = base.tightened(t_max, ligaments=REGIONS[region])
    return {
        "region": region,
        "position": position,
        "tightness_max": t_max,
        "order": order,
        "never": [r["motion"] for r in rows if r["first_limited_at"] is None],
        "ir_first": bool(order) and order[0] == "internal_rotation",
        "all_limited": len(order) == len(rows),
        "ir_stopped_by": next(r["limited_by"] for r in rows if r["motion"] == "internal_rotation"),
        "solid_angle_normal_sr": float(circumduction(base).solid_angle_sr),
        "solid_angle_tight_sr": float(circumduction(tight).solid_angle_sr),
    }


def first_lost(region: str, sex: str = "male", step: float = 0.001) -> list[str]:
    """Motions lost entirely (limit below ``LOST_DEG``) first, just past the meaningful range.

    Tightness is raised from the end of the meaningful range in ``step`` increments until a
    motion is lost; returns those motions (empty if none is lost up to the largest tightness).
    """
    t = MEANINGFUL_TIGHTNESS[region][1]
    while t <= MAX_TIGHTNESS + 1e-12:
        curves = rom_curves(region, [t], sex)
        lost = [m for m, c in curves.items() if c[0] < LOST_DEG]
        if lost:
            return lost
        t += step
    return []
