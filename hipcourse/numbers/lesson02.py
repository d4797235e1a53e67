"""Numbers in the prose of lesson 02 (what a tight capsule does to range of motion).

Every model statement of the lesson is computed here from :mod:`hipcapsule` when the page is
built: the seed-claim test (:func:`hipcapsule.analysis.claim_findings`, internal rotation
measured seated and prone), the rotation curves of explorer 2 and the fitted stiffness. Words
such as the order in which motions become limited are computed too; the qualitative sentences
around them are checked against the model by ``tests/hipcourse/test_tightness_rotation.py``.
"""

from __future__ import annotations

import math

import numpy as np

import hipcapsule as hc
from hipcapsule import analysis

from .. import style
from ..explorers._regions import tightness_from_fraction
from . import Prose, exported, num, span
from .common import *  # noqa: F403 (re-exported: the page quotes them)

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _words(motions) -> Prose:
    """Motions (or regions) in words, joined with commas and "and" ("none" for no motion)."""
    return Prose(style.word_list(style.motion_words(m) for m in motions))


def _order(motions) -> Prose:
    """Motions in the order they become limited, joined with arrows."""
    return Prose(" \u2192 ".join(style.motion_words(m) for m in motions) or "none")


def _rank(findings: dict, motion: str) -> Prose:
    order = findings["order"]
    return Prose(_ORDINALS[order.index(motion)] if motion in order else "never")


# --- Sections 1-2: the criterion and the explorers ---------------------------------------------

#: Loss (% of the normal value) from which the seed-claim test counts a motion as limited.
LIMITED_PCT = num(analysis.LIMITED_LOSS_PCT)
#: Solid angle of a whole sphere (sr): 4 pi.
SPHERE_SR = num(4 * math.pi, 1)
#: Largest restraint torque of the normal capsule standing (neutral pose), N m (one decimal).
NEUTRAL_TORQUE = num(float(np.abs(hc.restraint_torque(
    hc.default_capsule(), [0.0, 0.0, 0.0]).torque_nm).max()), 1)

# --- Section 3: the seed claim, internal rotation measured seated and prone -------------------

_POSITIONS = tuple(analysis.CLAIM_POSITIONS)
_FIND = {(r, p): analysis.claim_findings(r, position=p) for r in hc.REGIONS for p in _POSITIONS}

#: Hip flexion of the two positions in which the claim test measures internal rotation (deg).
CLAIM_SEATED_FLEXION = num(analysis.CLAIM_POSITIONS["seated"][0])
CLAIM_PRONE_FLEXION = num(analysis.CLAIM_POSITIONS["prone"][0])

#: Order in which the motions become limited, per region and position (arrows).
ORDER_WHOLE_SEATED = _order(_FIND["whole", "seated"]["order"])
ORDER_WHOLE_PRONE = _order(_FIND["whole", "prone"]["order"])
ORDER_POSTERIOR_SEATED = _order(_FIND["posterior", "seated"]["order"])
ORDER_POSTERIOR_PRONE = _order(_FIND["posterior", "prone"]["order"])
ORDER_ANTERIOR_SEATED = _order(_FIND["anterior", "seated"]["order"])
ORDER_ANTERIOR_PRONE = _order(_FIND["anterior", "prone"]["order"])
ORDER_INFERIOR_SEATED = _order(_FIND["inferior", "seated"]["order"])
ORDER_INFERIOR_PRONE = _order(_FIND["inferior", "prone"]["order"])
#: The motion limited first when the whole capsule tightens (the same in both positions; the
#: tests check it), and where internal rotation comes in each position ("second", ...).
WHOLE_FIRST = _words(_FIND["whole", "seated"]["order"][:1])
WHOLE_IR_RANK_SEATED = _rank(_FIND["whole", "seated"], "internal_rotation")
WHOLE_IR_RANK_PRONE = _rank(_FIND["whole", "prone"], "internal_rotation")
#: Where flexion comes when the whole capsule tightens (IR measured seated).
WHOLE_FLEXION_RANK = _rank(_FIND["whole", "seated"], "flexion")
#: Motions the posterior capsule limits, and the ones it never limits (seated IR).
POSTERIOR_LIMITS = _words(_FIND["posterior", "seated"]["order"])
POSTERIOR_NEVER = _words(_FIND["posterior", "seated"]["never"])
#: Regions whose tightening never limits internal rotation (in either position).
IR_NEVER_REGIONS = _words(
    r for r in hc.REGIONS
    if all("internal_rotation" in _FIND[r, p]["never"] for p in _POSITIONS))

_ROM = hc.range_of_motion(hc.default_capsule(), band=True)
_FIRST = _FIND["whole", "seated"]["order"][0]
_FIRST_NORMAL = _ROM.as_dict()[_FIRST]
#: The same, capitalised (a quiz option's title).
WHOLE_FIRST_TITLE = Prose(str(WHOLE_FIRST)[:1].upper() + str(WHOLE_FIRST)[1:])
#: The normal range of that motion in the model (deg) and the loss that already counts as
#: limited (deg).
FIRST_NORMAL = num(_FIRST_NORMAL)
FIRST_LIMITED_LOSS = num(_FIRST_NORMAL * analysis.LIMITED_LOSS_PCT / 100.0)
#: "What changed" note: the motion lost first, against the earlier model (extension, driven by
#: the front bands stretched at rest).
WHOLE_FIRST_CHANGE_TEXT = Prose(
    "As in the earlier model, but no longer because of that stretch at rest"
    if _FIRST == "extension" else
    "In the earlier model it was extension, driven by that stretch at rest")

_RATIOS = [r["times_tensile_high"] for r in analysis.stiffness_table()]

# --- Section 4: explorer 2, rotation along hip flexion -----------------------------------------

_F = np.arange(0.0, 121.0, 5.0)
_NORMAL_ROT = hc.rotation_limits(hc.default_capsule(), flexion_deg=_F, band=True)
_i90, _i0 = int(np.flatnonzero(_F == 90.0)[0]), int(np.flatnonzero(_F == 0.0)[0])
#: The model's normal internal rotation seated (90 deg) and prone (0 deg), deg, with bands.
MODEL_IR_SEATED = num(_NORMAL_ROT.ir[_i90])
MODEL_IR_SEATED_BAND = span(*_NORMAL_ROT.ir_band[_i90])
MODEL_IR_PRONE = num(_NORMAL_ROT.ir[_i0])
MODEL_IR_PRONE_BAND = span(*_NORMAL_ROT.ir_band[_i0])
#: Smallest hip flexion (deg, 5 deg steps) from which bone, not the capsule, stops internal
#: rotation of the normal capsule.
_bone = [f for f, b in zip(_F, _NORMAL_ROT.ir_limited_by, strict=True) if b == "bone"]
BONE_IR_FROM = num(_bone[0]) if _bone else Prose("nowhere in 0-120")

#: Mild posterior tightness (a quarter of its meaningful range): slack shortening (%) and the
#: internal rotation it costs seated and prone (deg, one decimal).
_MILD_SHARE = 0.25
_T_MILD = tightness_from_fraction("posterior", _MILD_SHARE)
_MILD = hc.rotation_limits(hc.region_capsule("posterior", _T_MILD), flexion_deg=[0.0, 90.0])
MILD_POSTERIOR_PCT = num(100 * _T_MILD, 1)
MILD_SHARE_PCT = num(100 * _MILD_SHARE)
MILD_LOSS_PRONE = num(_NORMAL_ROT.ir[_i0] - _MILD.ir[0], 1)
MILD_LOSS_SEATED = num(_NORMAL_ROT.ir[_i90] - _MILD.ir[1], 1)

# --- what the model is and is not ---------------------------------------------------------------

#: Fitted ligament stiffness divided by the high end of the tensile-test estimate: lowest and
#: highest over the ligaments (one decimal).
STIFFNESS_RATIO_LOW = num(min(_RATIOS), 1)
STIFFNESS_RATIO_HIGH = num(max(_RATIOS), 1)
#: What those ratios say, in words.
STIFFNESS_VS_TISSUE = Prose(
    "every fitted ligament is stiffer than those tests suggest" if min(_RATIOS) > 1.0 else
    "every fitted ligament is softer than those tests suggest" if max(_RATIOS) < 1.0 else
    "some fitted ligaments are stiffer and some softer than those tests suggest")

# --- Answers to the "Questions to try" (explorers 1 and 2), computed from the model ------------

_PLANAR = ("flexion", "extension", "abduction", "adduction")
_ROWS = {r: {row["motion"]: row for row in analysis.claim_order(r, "male", position="seated")}
         for r in hc.REGIONS}
#: What stops the motion the whole capsule limits first, at the end of the slider.
WHOLE_FIRST_STOPPED_BY = Prose(style.structure_label(_ROWS["whole"][_FIRST]["limited_by"]))
#: Per region, the side of the circumduction shape that flattens most: the one of flexion,
#: extension, abduction and adduction that loses most (seated claim test, end of the slider).
_FLAT = {r: max(_PLANAR, key=lambda m, r=r: _ROWS[r][m]["loss_pct"]) for r in hc.REGIONS}
FLAT_WHOLE, FLAT_ANTERIOR, FLAT_POSTERIOR, FLAT_INFERIOR = (
    Prose(style.motion_words(_FLAT[r])) for r in ("whole", "anterior", "posterior", "inferior"))
#: What stops internal rotation in the regions that never limit it (the same in each).
_IR_NEVER = [r for r in hc.REGIONS
             if all("internal_rotation" in _FIND[r, p]["never"] for p in _POSITIONS)]
_IR_NEVER_STOP = {_FIND[r, "seated"]["ir_stopped_by"] for r in _IR_NEVER}
if len(_IR_NEVER_STOP) != 1 or not _IR_NEVER:
    raise ValueError("lesson 02 answers that one structure stops IR in every such region")
IR_NEVER_STOPPED_BY = Prose(style.structure_label(_IR_NEVER_STOP.pop()))
#: The model's least sure motion (widest ensemble band of the normal capsule), the band width
#: there normal and with the whole capsule at the end of the slider (deg).
_BANDS = {m: hi - lo for m, (lo, hi) in _ROM.band_deg.items()}
_TIGHT_ROM = hc.range_of_motion(hc.default_capsule().tightened(
    hc.MEANINGFUL_TIGHTNESS["whole"][1], ligaments=hc.REGIONS["whole"]), band=True)
_TIGHT_BANDS = {m: hi - lo for m, (lo, hi) in _TIGHT_ROM.band_deg.items()}
_WIDEST = max(_BANDS, key=_BANDS.get)
_WIDEST_TIGHT = max(_TIGHT_BANDS, key=_TIGHT_BANDS.get)
LEAST_SURE = Prose(style.motion_words(_WIDEST))
LEAST_SURE_BAND = num(_BANDS[_WIDEST])
LEAST_SURE_TIGHT = Prose(style.motion_words(_WIDEST_TIGHT))
LEAST_SURE_TIGHT_BAND = num(_TIGHT_BANDS[_WIDEST_TIGHT])
if _TIGHT_BANDS[_WIDEST_TIGHT] <= _BANDS[_WIDEST]:
    raise ValueError("lesson 02 answers that the widest box grows as the capsule tightens")

# explorer 2: rotation along hip flexion, each region at the end of its slider
_TO = _F <= 110.0  # to 110 deg: at 120 deg the tight curves end on a pose
_FG = _F[_TO]
_T2 = {r: hc.rotation_limits(hc.region_capsule(r, hc.MEANINGFUL_TIGHTNESS[r][1]),
                             flexion_deg=_FG) for r in hc.REGIONS}
_POST_IR_LOSS = _NORMAL_ROT.ir[_TO] - _T2["posterior"].ir
#: Flexion (deg) where the tight posterior capsule costs most IR, and how much (deg); the cost
#: with the hip straight (the prone test).
POST_IR_WORST_AT = num(_FG[int(np.argmax(_POST_IR_LOSS))])
POST_IR_WORST = num(float(np.max(_POST_IR_LOSS)))
POST_IR_LOSS_PRONE = num(float(_POST_IR_LOSS[0]))
#: What stops the normal capsule's internal rotation at 90 deg.
IR_90_STOPPED_BY = Prose(style.structure_label(_NORMAL_ROT.ir_limited_by[_i90]))
_ER_LOSS = {r: _NORMAL_ROT.er[_TO] - _T2[r].er for r in hc.REGIONS}
_ER_MOST = max(hc.REGIONS, key=lambda r: float(np.max(_ER_LOSS[r])))
#: The region that costs most external rotation (0-110 deg flexion), its largest cost (deg) and
#: where (deg).
ER_MOST_REGION = Prose(style.REGION_LABELS[_ER_MOST])
ER_MOST_LOSS = num(float(np.max(_ER_LOSS[_ER_MOST])))
ER_MOST_AT = num(_FG[int(np.argmax(_ER_LOSS[_ER_MOST]))])
#: Where the grey band of the normal IR curve is widest (deg flexion) and its width (deg).
_IR_W = _NORMAL_ROT.ir_band[:, 1] - _NORMAL_ROT.ir_band[:, 0]
IR_BAND_WIDEST_AT = num(_F[int(np.argmax(_IR_W))])
IR_BAND_WIDEST = num(float(np.max(_IR_W)))
IR_BAND_SEATED = num(float(_IR_W[_i90]))

__all__ = exported(globals())
