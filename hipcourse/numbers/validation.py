"""Numbers in the prose of the model validation page (``book/model_validation.md``).

Everything is computed from :mod:`hipcapsule` (and the page's tables, :mod:`hipcourse.tables`)
when the page is built. The verdict texts (``*_VERDICT``) say "is met" or "is not met" and are
computed from the same numbers they sit next to.
"""

from __future__ import annotations

import numpy as np

import hipcapsule as hc
from hipcapsule import analysis, ensemble, evidence, published, rom
from hipcapsule.anatomy import FIBRE_COUNTS, FOOTPRINT_BOUNDS, clock_deg
from hipcapsule.calibration import calibration_record, slack_ratios
from hipcapsule.calibration.targets import (
    SLOPE_MIN_NM_PER_DEG,
    STABILITY_MAX_DEG,
)

from .. import style, tables
from . import Prose, exported, num
from .common import *  # noqa: F403 (re-exported: the page quotes them)

#: The course's targets for the model (issue 10): held-out RMS error at most this (deg).
RMS_TARGET_DEG = 6.0


def _verdict(ok: bool) -> Prose:
    return Prose("is met" if ok else "is not met")


def _words(items) -> Prose:
    return Prose(style.word_list(items))


# --- the model -----------------------------------------------------------------------------

#: Ligaments and fibres of the model.
N_LIGAMENTS = num(len(FIBRE_COUNTS))
N_FIBRES = num(sum(FIBRE_COUNTS.values()))
#: Fibres of the ischiofemoral ligament (the broadest fan).
ISCHIOFEMORAL_FIBRES = num(FIBRE_COUNTS["ischiofemoral"])
#: Smallest fitted slack length / neutral length over the ligaments (>= 1: no pre-tension).
SLACK_RATIO_MIN = num(min(slack_ratios().values()), 2)
#: Largest restraint torque of the normal capsule in the neutral pose (N m).
NEUTRAL_TORQUE_NM = num(float(np.abs(hc.restraint_torque(hc.default_capsule(),
                                                          [0.0, 0.0, 0.0]).torque_nm).max()), 1)
#: Parameters the calibration fits: slack ratios, stiffnesses and footprint centres.
_rec = calibration_record()
N_FIT_PARAMETERS = num(len(_rec.get("slack_ratio", {})) + len(_rec.get("stiffness_n_per_mm", {}))
                       + sum(len(v) for v in _rec.get("footprints", {}).values()))
#: Fewest members the calibration ensemble must have (the members and the band's
#: percentiles are shared numbers: ENSEMBLE_MEMBERS, BAND_LOW_PCT, BAND_HIGH_PCT).
ENSEMBLE_MIN = num(ensemble.MIN_MEMBERS)

# --- the evidence and its split ------------------------------------------------------------

_STUDIES = {side: sorted(k for k, s in evidence.SPLIT.items() if s == side)
            for side in evidence.SPLITS}
#: Rows of the evidence table and studies on each side of the split.
N_EVIDENCE_ROWS = num(len(evidence.OBSERVATIONS))
N_STUDIES = num(len(evidence.SPLIT))
N_CALIBRATION_STUDIES = num(len(_STUDIES["calibration"]))
N_HELD_OUT_STUDIES = num(len(_STUDIES["held-out"]))
N_COMPARE_STUDIES = num(len(_STUDIES["compare"]))
#: Numbers of the course's reference notes that the cited sources do not state.
N_UNVERIFIED = num(len(evidence.UNVERIFIED_REFERENCE_NUMBERS))

# --- held-out and calibration angles ---------------------------------------------------------

_ROWS = list(tables._evidence_rows("male"))
_STATS = analysis.rms_by_study(_ROWS)
_HELD = _STATS["held-out"]
_CAL = _STATS.get("calibration", {"n": 0, "rms_deg": float("nan"), "inside_band": 0})

#: Held-out angles compared, their RMS error (deg), how many published values fall inside the
#: ensemble band, and how many the model reproduces (:func:`hipcourse.tables.reproduces`).
HELD_OUT_N = num(_HELD["n"])
HELD_OUT_RMS = num(_HELD["rms_deg"], 1)
HELD_OUT_INSIDE = num(_HELD["inside_band"])
HELD_OUT_REPRODUCED = num(sum(tables.reproduces(r) for r in _ROWS if r.split == "held-out"))
#: The target and whether it is met.
RMS_TARGET = num(RMS_TARGET_DEG)
RMS_VERDICT = _verdict(_HELD["rms_deg"] <= RMS_TARGET_DEG)
#: Held-out RMS (deg) of the studies the model misses most and least.
_HELD_STUDIES = {k: s for k, s in _STATS.items() if k not in evidence.SPLITS
                 and s["split"] == "held-out"}
WORST_STUDY_RMS = num(max(s["rms_deg"] for s in _HELD_STUDIES.values()), 1)
# The largest held-out miss, which the page explains: martin2013's abduction of hips left with
# the ligamentum teres alone. The source says the teres then held the head against slipping
# inferiorly (subluxation); the model keeps the head centred and stops where the neck meets the
# rim. The explanation is checked here, so a model change that moves the miss stops the build.
_HELD_ROWS = [r for r in _ROWS if r.split == "held-out"]
_WORST = max(_HELD_ROWS, key=lambda r: abs(r.error))
_EXPLAINED = "martin2013-teres-only-abduction"
if _WORST.key != _EXPLAINED:
    raise ValueError(f"the validation page explains the largest held-out miss as "
                     f"{_EXPLAINED}, but it is now {_WORST.key}")
_TERES_ONLY = hc.default_capsule().released(
    next(o for o in evidence.OBSERVATIONS if o.key == _EXPLAINED).released)
if hc.range_of_motion(_TERES_ONLY).limited_by[_WORST.motion] != "bone":
    raise ValueError("the validation page says the model's teres-only abduction ends at bone")
#: Published mean and SD, and the model's limit (deg), of the largest held-out miss.
WORST_PUBLISHED = num(_WORST.published)
WORST_SD = num(_WORST.sd)
WORST_MODEL = num(_WORST.model)
#: The held-out RMS error (deg) and angle count without that one angle (explanation only: the
#: target is judged on every angle).
_REST = [r.error for r in _HELD_ROWS if r.key != _EXPLAINED]
N_WITHOUT_WORST = num(len(_REST))
RMS_WITHOUT_WORST = num(float(np.sqrt(np.mean(np.square(_REST)))), 1)
#: Least held-out RMS error (deg) any capsule could reach on the model's bone
#: (:func:`hipcapsule.analysis.rms_floor_deg`), and what it means for the target (a clause,
#: not a met / not met verdict).
_FLOOR = analysis.rms_floor_deg(_HELD_ROWS)
RMS_FLOOR = num(_FLOOR, 1)
FLOOR_CONSEQUENCE = Prose(
    "so no re-fit of the capsule can meet the target: that needs a model whose head can "
    "leave the centre of the socket, or different bone" if _FLOOR > RMS_TARGET_DEG
    else "so the target is still within reach of a better capsule")
#: Calibration angles compared, RMS error (deg), inside the band.
CALIBRATION_N = num(_CAL["n"])
CALIBRATION_RMS = num(_CAL["rms_deg"], 1)
CALIBRATION_INSIDE = num(_CAL["inside_band"])
#: RMS errors (deg) of the reference finite-element capsule models (implanted hips).
FE_RMS_MYERS = num(published.FE_MODEL_RMS_DEG["myers2020"], 1)
FE_RMS_ANANTHA = num(published.FE_MODEL_RMS_DEG["ananthakrishnan2024"], 1)

# --- directions ------------------------------------------------------------------------------

_DIRS = list(tables._direction_rows("male"))
_DH = [r for r in _DIRS if r.split == "held-out"]
_DC = [r for r in _DIRS if r.split == "calibration"]
#: Qualitative findings that match in direction, per side.
DIR_HELD_OUT_MATCH = num(sum(r.matches for r in _DH))
DIR_HELD_OUT_N = num(len(_DH))
DIR_CALIBRATION_MATCH = num(sum(r.matches for r in _DC))
DIR_CALIBRATION_N = num(len(_DC))
#: "Every qualitative sectioning response matches in direction".
DIRECTION_VERDICT = _verdict(all(r.matches for r in _DIRS))

# --- seed claim ------------------------------------------------------------------------------

#: Loss (% of the normal value) from which the seed-claim test counts a motion as limited.
LIMITED_PCT = num(analysis.LIMITED_LOSS_PCT)
#: Hip flexion (deg) of the seated and prone internal-rotation measurements.
CLAIM_SEATED_FLEXION = num(analysis.CLAIM_POSITIONS["seated"][0])
CLAIM_PRONE_FLEXION = num(analysis.CLAIM_POSITIONS["prone"][0])



def _claim_sentence(region: str) -> Prose:
    """What the seed-claim test finds for ``region``, in words, from
    :func:`hipcapsule.analysis.claim_findings` with internal rotation measured seated and
    prone."""
    found = {p: analysis.claim_findings(region, position=p) for p in analysis.CLAIM_POSITIONS}
    first = [p for p, f in found.items() if f["ir_first"]]
    if not first:
        text = ("In neither position is internal rotation the first movement to be limited, so "
                "the order of the claim and of the capsular pattern fails in the model.")
    elif len(first) == len(found):
        text = ("Internal rotation is the first movement to be limited in both positions, as "
                "the claim says.")
    else:
        text = (f"Internal rotation is the first movement to be limited only when measured "
                f"{_words(first)}, so whether the model follows the claim's order depends on "
                "the test position.")
    if all(f["all_limited"] for f in found.values()):
        text += " By the end of the meaningful range every movement is limited."
    else:
        never = _words(style.motion_words(m)
                       for m in sorted({m for f in found.values() for m in f["never"]}))
        text += (f" Some movements never lose more than the cut-off ({never}), "
                 "so the claim that such a capsule limits *every* movement fails for this kind "
                 "of tightness.")
    return Prose(text)


#: The seed-claim findings for the whole and the posterior capsule, in words.
CLAIM_WHOLE = _claim_sentence("whole")
CLAIM_POSTERIOR = _claim_sentence("posterior")

# --- stability and strain --------------------------------------------------------------------

_CAP = hc.default_capsule()
_ROM = hc.range_of_motion(_CAP)
_CHANGES = tables.stability_changes(_CAP)
_ALL_CHANGES = {(kind, m): v for kind, d in _CHANGES.items() for m, v in d.items()}
_WORST = max(_ALL_CHANGES, key=_ALL_CHANGES.get)
#: Smallest restraint-torque slope the calibration asks of a capsule-limited limit (N m/deg).
SLOPE_MIN = num(SLOPE_MIN_NM_PER_DEG, 2)
#: Capsule-limited motions whose slope is below it.
SLOPE_LOW_MOTIONS = _words(
    style.motion_words(m) for m in hc.MOTIONS
    if _ROM.limited_by[m] not in ("bone", "none")
    and _ROM.torque_slope_nm_per_deg[m] < SLOPE_MIN_NM_PER_DEG)
#: Largest change of any ROM under the stability checks (deg), the motion, and the target.
STABILITY_MAX_CHANGE = num(_ALL_CHANGES[_WORST], 1)
STABILITY_MAX_MOTION = Prose(style.motion_words(_WORST[1]))
STABILITY_LIMIT = num(STABILITY_MAX_DEG)
STABILITY_VERDICT = _verdict(_ALL_CHANGES[_WORST] <= STABILITY_MAX_DEG)
#: Largest jump between adjacent envelope directions (deg), where (azimuth deg), the
#: resolution and the target.
_JUMP, _JUMP_AT, _BY_A, _BY_B, _JUMP_PEAK = tables.envelope_jump(_CAP)
ENVELOPE_JUMP = num(_JUMP, 1)
#: On the side of the largest jump that swings further: the torque peak (N m) passed before
#: its limit, and the threshold it stays under.
ENVELOPE_JUMP_PEAK = num(_JUMP_PEAK, 1)
#: What stops the two directions on either side of the largest jump (words).
ENVELOPE_JUMP_BETWEEN = (
    Prose(f"{style.structure_label(_BY_A, short=True)} on both sides") if _BY_A == _BY_B
    else Prose(f"{style.structure_label(_BY_A, short=True)} on one side and "
               f"{style.structure_label(_BY_B, short=True)} on the other"))
#: Where around the envelope the largest jump lies, in words (swing directions of
#: hipcapsule.Envelope: 0 deg flexion, 90 adduction, 180 extension, 270 abduction).
_SWINGS = ((0.0, "flexion"), (90.0, "adduction"), (180.0, "extension"), (270.0, "abduction"),
           (360.0, "flexion"))


def _azimuth_words(azimuth: float) -> Prose:
    for (a0, n0), (a1, n1) in zip(_SWINGS, _SWINGS[1:], strict=False):
        if a0 <= azimuth < a1:
            if azimuth == a0:
                return Prose(f"in the direction of pure {n0}")
            near = n0 if azimuth - a0 <= a1 - azimuth else n1
            return Prose(f"between {n0} and {n1} (nearer {near}, {azimuth:.0f}° round from "
                         "flexion)")
    raise ValueError(f"azimuth={azimuth!r} is outside [0, 360)")


ENVELOPE_JUMP_WHERE = _azimuth_words(_JUMP_AT)
ENVELOPE_STEP = num(tables.ENVELOPE_STEP_DEG)
ENVELOPE_JUMP_LIMIT = num(tables.ENVELOPE_JUMP_MAX_DEG)
ENVELOPE_VERDICT = _verdict(_JUMP <= tables.ENVELOPE_JUMP_MAX_DEG)
#: Strain flags: "high" above (percent, our choice), "failure" above (percent, the smallest
#: mean strain the tensile tests reached, schleifenbaum2016).
STRAIN_HIGH_PCT = num(100 * rom.STRAIN_HIGH)
STRAIN_FAILURE_PCT = num(100 * rom.STRAIN_FAILURE)
#: Largest fibre strain at any of the six limits (percent), its motion, and flagged limits.
_STRAIN = {m: max(v.values()) for m, v in _ROM.strain_at_limit.items()}
_STRAIN_M = max(_STRAIN, key=_STRAIN.get)
STRAIN_MAX_PCT = num(100 * _STRAIN[_STRAIN_M])
STRAIN_MAX_MOTION = Prose(style.motion_words(_STRAIN_M))
N_STRAIN_FLAGS = num(sum(bool(f) for f in _ROM.strain_flag.values()))

# --- the female hip --------------------------------------------------------------------------

_RM = hc.default_geometry("male").head_radius_mm
_RF = hc.default_geometry("female").head_radius_mm
#: Torque of the female hip for the same strains, as a share of the male torque (percent):
#: stretch and lever arm both scale with the head, the stiffness in N/mm does not.
FEMALE_TORQUE_PCT = num(100 * (_RF / _RM) ** 2)
_FM = {(r["motion"], r["flexion"]): r for r in tables.female_minus_male()}
#: Female minus male model, internal rotation at 90 and at 0 deg flexion (deg); the published
#: women-minus-men values are the shared WOMEN_MINUS_MEN_IR_90 and _0 (czuppon2017).
#: Hip flexion (deg) of czuppon2017's two internal-rotation measurements.
CZUPPON_FLEXED = num(max(published.WOMEN_MINUS_MEN_IR_DEG))
CZUPPON_STRAIGHT = num(min(published.WOMEN_MINUS_MEN_IR_DEG))
MODEL_FEMALE_MINUS_MALE_IR90 = num(_FM[("internal_rotation", 90.0)]["model"])
MODEL_FEMALE_MINUS_MALE_IR0 = num(_FM[("internal_rotation", 0.0)]["model"])
#: What stops seated internal rotation of the female and the male hip (words).
FEMALE_SEATED_IR_BY = Prose(style.structure_label(
    hc.range_of_motion(hc.default_capsule("female")).limited_by["internal_rotation"]))
MALE_SEATED_IR_BY = Prose(style.structure_label(_ROM.limited_by["internal_rotation"]))

# --- the seated position (a limitation) ----------------------------------------------------

#: The seated start pose: hip flexed as in the claim's seated test, no adduction or rotation.
_SEATED = (float(analysis.CLAIM_POSITIONS["seated"][0]), 0.0, 0.0)
_SEATED_TQ = hc.restraint_torque(hc.default_capsule(), [_SEATED]).torque_nm[0]
_SEATED_AXIS = int(np.argmax(np.abs(_SEATED_TQ)))
#: The largest torque (N m) the normal capsule applies to the thigh in the seated pose, the
#: way it pushes (the largest JCS component: positive pushes towards flexion, adduction or
#: internal rotation) and how it compares with the limit threshold (words).
SEATED_REST_TORQUE_NM = num(float(abs(_SEATED_TQ[_SEATED_AXIS])), 1)
SEATED_REST_TOWARDS = Prose(
    (("flexion", "extension"), ("adduction", "abduction"),
     ("internal rotation", "external rotation"))[_SEATED_AXIS][int(_SEATED_TQ[_SEATED_AXIS] < 0)])
SEATED_REST_COMPARED = Prose(
    "more than" if abs(_SEATED_TQ[_SEATED_AXIS]) > rom.DEFAULT_TORQUE_THRESHOLD_NM
    else "less than")
#: How far the thigh can be adducted from the seated pose (words, with the angle in deg).
_SEATED_ADD = hc.motion_limit(hc.default_capsule(), "adduction", flexion_deg=_SEATED[0]).angle_deg
if abs(_SEATED_TQ[_SEATED_AXIS]) < 0.5 * rom.DEFAULT_TORQUE_THRESHOLD_NM and _SEATED_ADD > 10.0:
    raise ValueError("the validation page says the seated pose loads the capsule; it no longer "
                     "does: revise that limitation")
#: The ligament pulling hardest in the seated pose (words).
_SEATED_FORCE = hc.restraint_torque(hc.default_capsule(), [_SEATED]).force_n[0]
SEATED_TAUT_LIGAMENT = Prose(style.structure_label(
    hc.default_capsule().bundles[int(np.argmax(_SEATED_FORCE))].ligament))
SEATED_ADDUCTION_WORDS = Prose(
    "cannot be adducted at all" if _SEATED_ADD < 0.5
    else f"can be adducted only {_SEATED_ADD:.0f}°")

# --- where the ligaments arise on the rim (nam2011, held out) -------------------------------

_ORIGINS = {r.ligament: r for r in analysis.origin_rows()}
#: Ligaments whose model origin is centred outside the published arc (words).
ORIGIN_DISAGREE = _words([f"the {style.structure_label(lig, short=True)}"
                          for lig, r in _ORIGINS.items() if not r.agrees])
#: The ischiofemoral's origin arc: where the model's ends, where the study's starts and its
#: middle (deg from 12 o'clock towards the front).
ISFL_MODEL_END = num(_ORIGINS["ischiofemoral"].model_deg[1])
ISFL_PUBLISHED_START = num(_ORIGINS["ischiofemoral"].published_deg[0])
ISFL_PUBLISHED_MIDDLE = num(sum(_ORIGINS["ischiofemoral"].published_deg) / 2)
#: Highest centre the calibration may give the ischiofemoral's origin (deg).
ISFL_BOUND_END = num(clock_deg(FOOTPRINT_BOUNDS["ischiofemoral"]["clock"][1]))

__all__ = exported(globals())
