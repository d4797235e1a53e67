"""Numbers in the prose of lesson 03 (inside the joint), computed from the model.

Every statement the lesson makes about the model comes from here: the fibre fans, where the
ischiofemoral fibres lie at rest and at the limit, the rotation limits with their ensemble band,
where the neck meets the rim and how far before it the soft tissues stop seated internal rotation
(and the han2019 number the calibration fitted that margin to), and what a tighter capsule or a
cut ligament does to seated internal rotation. The numbers use the same functions as the 3-D
explorer (:mod:`hipcourse.explorers.inside_joint.state`), so prose and figure agree.
"""

from __future__ import annotations

import numpy as np

import hipcapsule as hc
from hipcapsule import analysis, ensemble, evidence
from hipcapsule.anatomy import FIBRE_COUNTS
from hipcapsule.rom import MOTIONS

from .. import style
from ..explorers.inside_joint.figure import STATIC_ROTATIONS, tightness_levels
from ..explorers.inside_joint.state import (
    first_taut_in_ir,
    joint_state,
    rotation_stops,
    wrap_words,
)
from . import Prose, exported, num, span
from .common import *  # noqa: F403 (re-exported: the page quotes them)

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
_CAP = hc.default_capsule()
_NAMES = _CAP.bundle_names
_ISCHIO = [b.name for b in _CAP.bundles if b.ligament == "ischiofemoral"]


def _words(n: int) -> str:
    return _WORDS.get(n, str(n))


def _taut_angles(flexion: float) -> list[float]:
    """IR (deg) at which each ischiofemoral fibre reaches its slack length (0.5 deg steps)."""
    ir = np.arange(0.0, 60.25, 0.5)
    poses = np.stack([np.full_like(ir, flexion), np.zeros_like(ir), ir], axis=1)
    strain = hc.restraint_torque(_CAP, poses).strain
    return [float(ir[np.argmax(strain[:, _NAMES.index(n)] >= 0.0)]) for n in _ISCHIO]


def _seated_ir(cap: hc.Capsule) -> tuple[float, str]:
    lim = hc.rotation_limits(cap, 90.0)
    return float(lim.ir[0]), lim.ir_limited_by_bundle[0]


def _by(name: str) -> str:
    return "bone (the neck meets the rim)" if name == "bone" else style.BUNDLE_LABELS[name]


# --- the fibres --------------------------------------------------------------------------------

#: Fibres in the model, per ligament in words, and the ischiofemoral's count in words.
N_FIBRES = num(len(hc.BUNDLES))
FIBRE_FANS = Prose(", ".join(f"{_words(FIBRE_COUNTS[lig])} {style.LIGAMENT_LABELS[lig]}"
                             for lig in hc.LIGAMENTS[:-1])
                   + f" and {_words(FIBRE_COUNTS['ligamentum_teres'])} ligamentum teres")
ISCHIO_FIBRES = Prose(_words(FIBRE_COUNTS["ischiofemoral"]))

# --- at rest -----------------------------------------------------------------------------------

_REST = joint_state((0.0, 0.0, 0.0)).strain
_TOP = max(_REST, key=_REST.get)
#: The tautest fibre in the neutral pose, and its strain (%; 0.0 = exactly its slack length).
REST_TAUTEST = Prose(style.BUNDLE_LABELS[_TOP])
REST_TAUTEST_STRAIN_PCT = num(100 * _REST[_TOP] + 0.0, 1)

# --- turning in with the hip straight ------------------------------------------------------------

_S0, _S90 = rotation_stops(0.0), rotation_stops(90.0)
#: Where the ischiofemoral fibres lie at rest and at the internal-rotation limit (hip straight).
ISCHIO_AT_REST = Prose(wrap_words(_CAP, (0.0, 0.0, 0.0)))
ISCHIO_AT_LIMIT = Prose(wrap_words(_CAP, (0.0, 0.0, _S0["ir"])))
#: IR (deg, hip straight) at which the ischiofemoral fibres reach their slack length, first to
#: last; the first fibre past the end of the toe region, and at what IR (deg).
ISCHIO_TAUT_0 = span(min(_taut_angles(0.0)), max(_taut_angles(0.0)))
_FIRST0, _FIRST0_ANGLE = first_taut_in_ir(0.0)
FIRST_TOE_FIBRE_0 = Prose(style.BUNDLE_LABELS[_FIRST0])
FIRST_TOE_ANGLE_0 = num(_FIRST0_ANGLE)
#: IR limit (deg) with the hip straight, what stops it, and its ensemble band (deg).
IR_0 = num(_S0["ir"])
IR_0_BY = Prose(_by(_S0["ir_by"]))
IR_0_BAND = span(*_S0["ir_band"])

# --- the hip bent 90 deg -----------------------------------------------------------------------

_STRAIN90 = joint_state((90.0, 0.0, 0.0)).strain
#: Ischiofemoral strain with the hip bent 90 deg and not turned (%, lowest to highest fibre).
ISCHIO_STRAIN_90 = span(*(100 * f([_STRAIN90[n] for n in _ISCHIO]) for f in (min, max)))
#: Seated IR limit (deg), what stops it, its ensemble band (deg).
IR_90 = num(_S90["ir"])
IR_90_BY = Prose(_by(_S90["ir_by"]))
IR_90_BAND = span(*_S90["ir_band"])
#: IR (deg) at which the neck meets the rim with the hip bent 90 deg (every ligament cut), and
#: the soft-tissue margin (bone limit minus soft-tissue limit, deg).
BONE_IR_90 = num(_S90["bone_ir"])
MARGIN_90 = num(_S90["margin"])
_SEARCH_IR = MOTIONS["internal_rotation"][1]
#: With the hip straight: where (if at all) the neck meets the rim, in words.
BONE_0_TEXT = Prose(
    f"the neck would meet the rim only at {_S0['bone_ir']:.0f}°" if _S0["bone_found"] else
    f"the neck does not reach the rim within the model's {_SEARCH_IR:.0f}° search")

# --- the soft-tissue margin: the model against han2019 -----------------------------------------

_HAN = evidence.row("han2019-margin-ir-flexion90")
_MARGIN_ROW = next(r for r in analysis.evidence_rows("male") if r.key == _HAN.key)
_MARGIN_ROW_F = next(r for r in analysis.evidence_rows("female") if r.key == _HAN.key)
#: han2019: soft-tissue margin of IR at 90 deg flexion, mean and SD (deg), and hips tested.
HAN_MARGIN = num(_HAN.value, 1)
HAN_MARGIN_SD = num(_HAN.sd, 1)
HAN_N = num(_HAN.n)
#: The evidence split han2019 sits in ("calibration": the fit saw it).
HAN_SPLIT = Prose(evidence.SPLIT[_HAN.source_key])
#: The model's margin for that row (deg) and its ensemble band (deg), male hip.
MODEL_MARGIN = num(_MARGIN_ROW.model, 1)
MODEL_MARGIN_BAND = span(*_MARGIN_ROW.band)
#: The model's female hip: where its neck meets the rim seated (deg) and, in words, which comes
#: first there and by how much.
_S90_F = rotation_stops(90.0, sex="female", band=False)
BONE_IR_90_FEMALE = num(_S90_F["bone_ir"])
_MF = _MARGIN_ROW_F.model
FEMALE_MARGIN_TEXT = Prose(
    f"its soft tissues stop seated internal rotation {_MF:.1f}° before bone" if _MF > 0.05 else
    f"its neck meets the rim {-_MF:.1f}° before the soft tissues reach the limit torque, so bone "
    "stops seated internal rotation there" if _MF < -0.05 else
    "its soft tissues and bone stop seated internal rotation at the same angle")
#: Whether that holds for the female hip too, as the lead of the sentence.
FEMALE_HOLDS_TEXT = Prose("It holds for the model's female hip too" if _MF > 0.05
                          else "It does not hold for every hip")
#: Quiz 2C: where bone does stop seated IR in the model (the female hip, if it does there,
#: and the male hip after the ischiofemoral ligament is cut).
BONE_STOPS_WHERE_TEXT = Prose(
    "It is true of the model's female hip, and after the ischiofemoral ligament is cut"
    if _S90_F["ir_by"] == "bone" else
    "It becomes true once the ischiofemoral ligament is cut")
#: Parameter sets in the calibration ensemble (count).
ENSEMBLE_N = num(ensemble.member_count())

# --- what changes seated IR ----------------------------------------------------------------------

_T_HALF = tightness_levels()[1]
#: Half of the meaningful whole-capsule tightness (as slack text) and seated IR there (deg).
T_HALF_TEXT = Prose(style.slack_text(_T_HALF))
IR_90_HALF = num(_seated_ir(_CAP.tightened(_T_HALF, ligaments=hc.REGIONS["whole"]))[0])
#: Seated IR (deg) and what stops it with the ischiofemoral cut, and with the ligamentum teres cut.
_CUT_ISCHIO = _seated_ir(_CAP.released("ischiofemoral"))
_CUT_TERES = _seated_ir(_CAP.released("ligamentum_teres"))
IR_90_ISCHIO_CUT = num(_CUT_ISCHIO[0])
IR_90_ISCHIO_CUT_BY = Prose(_by(_CUT_ISCHIO[1]))
IR_90_TERES_CUT = num(_CUT_TERES[0])
IR_90_TERES_CUT_BY = Prose(_by(_CUT_TERES[1]))

# --- answers to the "Questions to try" (the explorer's own states) -------------------------------


def _ligaments_words(ligs) -> Prose:
    return Prose(style.word_list(style.LIGAMENT_LABELS[lig] for lig in hc.LIGAMENTS
                                 if lig in ligs))


def _by_ligament(strain: dict) -> dict:
    out: dict = {}
    for name, value in strain.items():
        lig = hc.BUNDLES[name]
        out[lig] = max(out.get(lig, -1.0), value)
    return out


_ER_STEP = min(STATIC_ROTATIONS)
_ER_STRAIN = _by_ligament(joint_state((0.0, 0.0, _ER_STEP)).strain)
_REST_LIG = _by_ligament(_REST)
#: The slider's furthest external rotation (deg, as a positive number), the ligaments that
#: tighten towards it (strain rises and ends above slack) and those that slacken.
ER_STEP = num(-_ER_STEP)
ER_TIGHTEN = _ligaments_words([lig for lig in _ER_STRAIN
                               if _ER_STRAIN[lig] > _REST_LIG[lig] and _ER_STRAIN[lig] > 0])
ER_SLACKEN = _ligaments_words([lig for lig in _ER_STRAIN if _ER_STRAIN[lig] < _REST_LIG[lig]])
#: Ligaments already taut (above slack) with the hip bent 90 deg, before any turning.
_TAUT90 = [lig for lig, v in _by_ligament(_STRAIN90).items() if v > 0]
TAUT_90 = _ligaments_words(_TAUT90)
if _TAUT90 != ["ischiofemoral"]:
    raise ValueError("lesson 03 answers that only the ischiofemoral is taut at 90 deg, unturned")
_BLACK = [r for r in STATIC_ROTATIONS if r > 0 and joint_state((90.0, 0.0, r)).bone_contact]
#: The first slider step (deg IR) at which the neck touches the rim, hip bent 90 deg.
NECK_BLACK_STEP = num(_BLACK[0]) if _BLACK else Prose("none")
if not _BLACK or not _BLACK[0] >= _S90["ir"]:
    raise ValueError("lesson 03 answers that the neck turns black only past the IR limit")
_T_MAX = tightness_levels()[-1]
_Q4 = (90.0, 0.0, 30.0)
_Q4_NORMAL = joint_state(_Q4).strain["ischiofemoral_1"]
_Q4_TIGHT = joint_state(_Q4, tightness=_T_MAX).strain["ischiofemoral_1"]
#: Ischiofemoral 1 at 90 deg flexion and 30 deg IR: strain normal and at the largest tightness
#: (%, one decimal), and the difference (percentage points).
Q4_STRAIN_NORMAL = num(100 * _Q4_NORMAL, 1)
Q4_STRAIN_TIGHT = num(100 * _Q4_TIGHT, 1)
Q4_STRAIN_GAIN = num(100 * (_Q4_TIGHT - _Q4_NORMAL), 1)
#: The largest tightness button, as its label reads.
T_MAX_TEXT = Prose(style.slack_text(_T_MAX))

__all__ = exported(globals())
