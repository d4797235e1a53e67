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
    names = [style.motion_words(m) for m in motions]
    if not names:
        return Prose("none")
    return Prose(names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


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

__all__ = exported(globals())
