"""The model compared with published values, and the course's seed claim tested on it.

Everything here is computed from the model at call time and returned as data (rows of plain
values); the course package renders it. One set of functions serves the lessons and the
validation page:

* :func:`target_table` -- each published value we compare with, the accepted band, the model,
  whether the value was a calibration target (then agreement is a consistency check, not
  independent evidence) and whether the model is inside the band;
* :func:`stiffness_table` -- each band's fitted stiffness next to its published estimates;
* :func:`release_table` -- IR after cutting each ligament (cutting studies);
* :func:`rom_curves`, :func:`loss_table` -- the six ROMs as one region tightens;
* :func:`claim_order`, :func:`claim_findings` -- the seed claim ("a tight capsule limits
  internal rotation first, then every other motion") with one criterion: a motion is
  **limited** once it has lost more than :data:`LIMITED_LOSS_PCT` percent of its
  normal-capsule value, as the region tightens over its meaningful range
  (:data:`hipcapsule.MEANINGFUL_TIGHTNESS`); IR and ER are the seated (90 deg flexion) values;
* :func:`first_lost` -- which motion is lost first just past the meaningful range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .anatomy import (
    LIGAMENTS,
    MAX_TIGHTNESS,
    REGIONS,
    STIFFNESS_BOUNDS_N_PER_MM,
    STIFFNESS_N_PER_MM,
)
from .anatomy import tensile_stiffness_range as _tensile
from .calibration import MEANINGFUL_TIGHTNESS
from .calibration.targets import EXTRA_TARGETS, FIT_TARGETS, LOST_DEG, STRAIN_CAP
from .capsule import Capsule, default_capsule
from .published import (
    CADAVER_LIMITS,
    ROTATIONAL_STIFFNESS_NM_PER_DEG,
    UNRESISTED_ARC_DEG,
    WOMEN_EXTRA_IR_DEG,
    norm_for,
    rotation_for_position,
)
from .rom import (
    ARC_FLEXIONS_DEG,
    DEFAULT_TORQUE_THRESHOLD_NM,
    MOTIONS,
    ROM_START_POSES,
    UNRESISTED_NM,
    circumduction,
    jcs_limits,
    range_of_motion,
    rotational_stiffness_nm_per_deg,
    unresisted_arc_deg,
)

__all__ = [
    "APPROX_BAND_DEG",
    "LIMITED_LOSS_PCT",
    "MEASUREMENT_SD_DEG",
    "ROW_KINDS",
    "TargetRow",
    "claim_findings",
    "claim_order",
    "first_lost",
    "loss_table",
    "release_table",
    "rom_curves",
    "stiffness_table",
    "target_table",
]

#: A motion counts as limited once it has lost more than this share (%) of its normal value.
LIMITED_LOSS_PCT: float = 10.0

#: Half-width (deg) of the band around a value published as a single approximate number.
APPROX_BAND_DEG: float = 10.0

#: Widening (deg) of a clinical norm range: one typical goniometer SD (our choice).
MEASUREMENT_SD_DEG: float = 5.0

#: Tightness steps of the seed-claim scan over the meaningful range.
CLAIM_STEPS: int = 41

#: Kinds of rows in :func:`target_table`: what the published value measures.
ROW_KINDS = {
    "cadaver": "cadaver capsule at 5 N m (what the model represents)",
    "clinical": "living subjects, muscles and soft tissue included (a weaker comparison)",
    "model": "a model property checked against our own ceiling",
}

_THR = DEFAULT_TORQUE_THRESHOLD_NM


@dataclass(frozen=True)
class TargetRow:
    """One row of :func:`target_table` (``low``/``high``/``model`` in ``unit``)."""

    quantity: str
    target: str
    low: float
    high: float
    model: float
    unit: str
    source: str
    fitted: bool
    kind: str = "cadaver"

    @property
    def ok(self) -> bool:
        """True if the model value lies in [low, high]."""
        return bool(self.low <= self.model <= self.high)


def _limit(cap: Capsule, motion: str, start, threshold: float = _THR) -> float:
    return float(jcs_limits(cap, [motion], np.array([start], dtype=float), threshold)[0][0])


def _fitted(motion: str, flexion_deg: float) -> bool:
    return any(t[0] == motion and t[1][0] == flexion_deg for t in FIT_TARGETS)


def _g(value: float) -> str:
    return f"{value:g}"


def _cadaver_rows(cap: Capsule) -> list[TargetRow]:
    rows = []
    for c in CADAVER_LIMITS:
        name = c.motion.replace("internal_rotation", "IR").replace("external_rotation", "ER")
        where = "from neutral" if c.start_flexion_deg == 0 else (
            f"at {c.start_flexion_deg:.0f} deg flexion")
        if c.sd_deg is None:
            target = f"{_g(c.limit_deg)} (approx.)"
            low, high = c.limit_deg - APPROX_BAND_DEG, c.limit_deg + APPROX_BAND_DEG
        else:
            target = f"{_g(c.limit_deg)} +/- {_g(c.sd_deg)}"
            low, high = c.limit_deg - c.sd_deg, c.limit_deg + c.sd_deg
        model = _limit(cap, c.motion, (c.start_flexion_deg, 0.0, 0.0))
        rows.append(TargetRow(f"{name} {where}", target, low, high, model, "deg", c.source_key,
                              _fitted(c.motion, c.start_flexion_deg)))
    return rows


def _clinical_rotation_row(motion: str, label: str, rom) -> TargetRow:
    seated = rotation_for_position("seated")
    mean = getattr(seated, f"{motion}_deg")
    norm = norm_for(motion)
    values = (mean, norm.low_deg, norm.high_deg)
    span = f"{_g(norm.low_deg)}-{_g(norm.high_deg)}" if norm.low_deg != norm.high_deg else (
        f"~{_g(norm.low_deg)}")
    return TargetRow(
        f"seated {label} (90 deg flexion)", f"{_g(mean)} seated; {span}",
        min(values) - MEASUREMENT_SD_DEG, max(values) + MEASUREMENT_SD_DEG,
        getattr(rom, motion), "deg", f"{seated.source_key}, {norm.source_key}",
        _fitted(motion, seated.hip_flexion_deg), "clinical")


def _clinical_norm_row(motion: str, quantity: str, rom) -> TargetRow:
    norm = norm_for(motion)
    return TargetRow(quantity, f"~{_g(norm.typical_deg)}", norm.typical_deg - APPROX_BAND_DEG,
                     norm.typical_deg + APPROX_BAND_DEG, getattr(rom, motion), "deg",
                     norm.source_key, _fitted(motion, 0.0), "clinical")


def target_table(capsule: Capsule | None = None) -> list[TargetRow]:
    """Published targets vs the model (default: male capsule at 5 N m).

    Bands: mean +/- SD where an SD is published; +/- :data:`APPROX_BAND_DEG` where the source
    gives a single approximate value (a loose band for a line-of-action model); clinical norm
    ranges widened by :data:`MEASUREMENT_SD_DEG`. ``kind`` (:data:`ROW_KINDS`) says whether the
    published value is a cadaver capsule measurement or a clinical norm from living subjects.
    """
    cap = default_capsule() if capsule is None else capsule
    rom = range_of_motion(cap)
    rows = _cadaver_rows(cap)
    ir30, er30 = rows[0], rows[1]
    cad = {c.motion: c for c in CADAVER_LIMITS}
    arc_target = cad["internal_rotation"].limit_deg + cad["external_rotation"].limit_deg
    rows.insert(2, TargetRow(
        "rotation arc (IR + ER) at 30 deg flexion", f"{_g(arc_target)} (approx.)",
        arc_target - 2 * APPROX_BAND_DEG, arc_target + 2 * APPROX_BAND_DEG,
        ir30.model + er30.model, "deg", ir30.source, ir30.fitted and er30.fitted))
    extra_fitted = {name for name, *_ in EXTRA_TARGETS}
    arc_mean, arc_sd = UNRESISTED_ARC_DEG
    k_mean, k_sd = ROTATIONAL_STIFFNESS_NM_PER_DEG
    flex = f"{ARC_FLEXIONS_DEG[0]:.0f}-{ARC_FLEXIONS_DEG[-1]:.0f}"
    rows += [
        TargetRow(f"max unresisted rotation arc ({UNRESISTED_NM:g} N m), {flex} deg flexion",
                  f"up to {_g(arc_mean)} +/- {_g(arc_sd)}", arc_mean - arc_sd, arc_mean + arc_sd,
                  unresisted_arc_deg(cap), "deg", "vanarkel2015",
                  "unresisted_arc" in extra_fitted),
        TargetRow("rotational stiffness at the 30 deg-flexion IR/ER limits",
                  f"{_g(k_mean)} +/- {_g(k_sd)}", k_mean - k_sd, k_mean + k_sd,
                  float(np.mean(rotational_stiffness_nm_per_deg(cap, 30.0))), "N m/deg",
                  "vanarkel2015", "rotational_stiffness" in extra_fitted),
        _clinical_rotation_row("internal_rotation", "IR", rom),
        _clinical_rotation_row("external_rotation", "ER", rom),
        _clinical_norm_row("flexion", "flexion", rom),
        _clinical_norm_row("abduction", "abduction from neutral", rom),
        _clinical_norm_row("adduction", "adduction from neutral", rom),
    ]
    fem = range_of_motion(default_capsule("female"))
    male = range_of_motion(default_capsule("male"))
    lo, hi = WOMEN_EXTRA_IR_DEG
    rows.append(TargetRow("seated IR, women minus men", f"{_g(lo)}-{_g(hi)} more in women", lo,
                          hi, fem.internal_rotation - male.internal_rotation, "deg",
                          "kouyoumdjian2012", False, "clinical"))
    strains = [max(v.values()) for v in rom.strain_at_limit.values()]
    rows.append(TargetRow("largest band strain at any of the six limits",
                          f"< {STRAIN_CAP:.0%} (ceiling)", 0.0, STRAIN_CAP, max(strains),
                          "strain", "our ceiling; cf. schleifenbaum2016, hewitt2002", False,
                          "model"))
    return rows


def stiffness_table(capsule: Capsule | None = None) -> list[dict]:
    """Each band's stiffness (N/mm) next to its published estimates.

    Rows: ``bundle``, ``slack_length_mm``, ``model`` (in use), ``reference_default``,
    ``tensile_low``/``tensile_mean``/``tensile_high`` (``E A / L`` at the model's slack length,
    :func:`hipcapsule.anatomy.tensile_stiffness_range`), ``bound_low``/``bound_high``
    (calibration bounds) and ``times_tensile_high`` (model / tensile_high). The ligamentum
    teres (no published data, not calibrated) has None for the estimates and bounds.
    """
    cap = default_capsule() if capsule is None else capsule
    rows = []
    for b in cap.bundles:
        row = {
            "bundle": b.name,
            "slack_length_mm": b.slack_length_mm,
            "model": b.stiffness_n_per_mm,
            "reference_default": STIFFNESS_N_PER_MM[b.name],
            "tensile_low": None, "tensile_mean": None, "tensile_high": None,
            "bound_low": None, "bound_high": None, "times_tensile_high": None,
        }
        if b.name in STIFFNESS_BOUNDS_N_PER_MM:
            lo, mean, hi = _tensile(b.name, b.slack_length_mm)
            row.update(
                tensile_low=lo, tensile_mean=mean, tensile_high=hi,
                bound_low=STIFFNESS_BOUNDS_N_PER_MM[b.name][0],
                bound_high=STIFFNESS_BOUNDS_N_PER_MM[b.name][1],
                times_tensile_high=b.stiffness_n_per_mm / hi,
            )
        rows.append(row)
    return rows


def release_table(capsule: Capsule | None = None, flexion_deg=(0.0, 30.0, 90.0)) -> dict:
    """IR (deg) at each flexion angle for the intact capsule and after each single release.

    Returns
    -------
    dict
        ``{"intact": ndarray (k,), ligament: ndarray (k,), ...}``; IR gains are the differences.
    """
    cap = default_capsule() if capsule is None else capsule
    f = np.asarray(flexion_deg, dtype=float)
    start = np.stack([f, np.zeros_like(f), np.zeros_like(f)], axis=1)
    motions = ["internal_rotation"] * len(f)
    out = {"intact": jcs_limits(cap, motions, start, _THR)[0]}
    for lig in LIGAMENTS:
        out[lig] = jcs_limits(cap.released(lig), motions, start, _THR)[0]
    return out


def rom_curves(region: str, tightness, sex: str = "male") -> dict[str, np.ndarray]:
    """The six ROM limits (deg) as ``region`` is tightened.

    Parameters
    ----------
    region : str
        A key of :data:`hipcapsule.REGIONS`.
    tightness : array_like, shape (n,)
        Tightness values in [0, 0.5].
    sex : {"male", "female"}

    Returns
    -------
    dict
        Motion (keys of :data:`hipcapsule.MOTIONS`) -> ndarray of shape (n,).
    """
    base = default_capsule(sex)
    motions = list(MOTIONS)
    start = np.array([ROM_START_POSES[m] for m in motions])
    t = np.atleast_1d(np.asarray(tightness, dtype=float))
    curves = np.empty((len(t), len(motions)))
    for i, value in enumerate(t):
        cap = base.tightened(float(value), ligaments=REGIONS[region])
        curves[i] = jcs_limits(cap, motions, start, _THR)[0]
    return {m: curves[:, j] for j, m in enumerate(motions)}


def loss_table(region: str, tightness: float, sex: str = "male") -> list[dict]:
    """Each motion's normal limit, limit at ``tightness`` of ``region``, loss in deg and %."""
    curves = rom_curves(region, [0.0, tightness], sex)
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


def claim_order(region: str, sex: str = "male", n_steps: int = CLAIM_STEPS) -> list[dict]:
    """When each motion becomes limited as ``region`` tightens over its meaningful range.

    Tightness is scanned on ``n_steps`` even steps from 0 to the end of the region's meaningful
    range; a motion is limited once it has lost more than :data:`LIMITED_LOSS_PCT` percent.

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
    curves = rom_curves(region, t_grid, sex)
    end = range_of_motion(default_capsule(sex).tightened(float(t_grid[-1]),
                                                         ligaments=REGIONS[region]))
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
            "limited_by": end.limited_by[m],
        })
    rows.sort(key=lambda r: (r["first_limited_at"] is None, r["first_limited_at"] or 0.0))
    return rows


def claim_findings(region: str, sex: str = "male") -> dict:
    """What the seed-claim test finds for one region (:func:`claim_order` summarised).

    Returns
    -------
    dict
        ``region``; ``tightness_max`` (end of the meaningful range); ``order``: motions in the
        order they become limited; ``never``: motions never limited; ``ir_first``: whether
        seated internal rotation is limited first; ``all_limited``: whether every motion is
        limited by the end of the range; ``ir_stopped_by``: what stops seated IR at the end;
        ``solid_angle_normal_sr`` and ``solid_angle_tight_sr`` (circumduction envelope).
    """
    rows = claim_order(region, sex)
    order = [r["motion"] for r in rows if r["first_limited_at"] is not None]
    base = default_capsule(sex)
    t_max = MEANINGFUL_TIGHTNESS[region][1]
    tight = base.tightened(t_max, ligaments=REGIONS[region])
    return {
        "region": region,
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
