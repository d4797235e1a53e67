"""Numbers in the prose of lesson 04 (measure your own hip rotation)."""

from __future__ import annotations

from hipcapsule import MEANINGFUL_TIGHTNESS, default_capsule, fit_tightness, range_of_motion
from hipcapsule import region_capsule as _region_capsule
from hipcapsule.anatomy import REGIONS as _REGIONS
from hipcapsule.fitting import healthy_reference as _healthy_reference
from hipcapsule.published import norm_for, rotation_for_position

from ..explorers.measure_yourself import caption as _caption
from ..explorers.measure_yourself import state as _state
from ..explorers.measure_yourself.caption import STATIC_ER, STATIC_IR
from . import Prose, common, exported, num, span
from .common import *  # noqa: F403 (re-exported: the page quotes them)


def _signed(value: float) -> Prose:
    """A whole number with a typographic minus sign for negative values (``-23`` -> ``−23``)."""
    return Prose(num(value).replace("-", "\u2212"))


def _pct(fraction: float) -> Prose:
    """A tightness (fraction) as a percentage with one decimal, without the % sign."""
    return num(100 * fraction, 1)


# --- The model's fit ----------------------------------------------------------------------------

#: Measuring SD the tightness fit assumes (deg): the default ``sd_deg`` of
#: :func:`hipcapsule.fit_tightness` (model).
FIT_SD = num(_state.FIT_SD_DEG)

# --- The model's normal capsule (male model hip, seated = hip bent 90 deg) ----------------------

_NORMAL = range_of_motion(default_capsule("male"), band=True)
#: The normal model capsule's seated internal and external rotation (deg), male model.
MODEL_IR_SEATED = num(_NORMAL.internal_rotation)
MODEL_ER_SEATED = num(_NORMAL.external_rotation)
#: Their bands over the calibration ensemble (deg, the default percentiles), male model.
MODEL_IR_BAND = span(*_NORMAL.band_deg["internal_rotation"])
MODEL_ER_BAND = span(*_NORMAL.band_deg["external_rotation"])
#: What stops seated internal rotation in the normal model capsule (a ligament, or bone).
MODEL_IR_STOPPED_BY = Prose(_NORMAL.limited_by["internal_rotation"].replace("_", " "))
if MODEL_IR_STOPPED_BY == "bone":
    raise ValueError("lesson 04 says the capsule, not bone, stops seated IR in the model")

# --- How much each region can change what the learner measures ----------------------------------


def _change(region: str, motion: str) -> float:
    """Loss of ``motion`` (deg) from the normal capsule to ``region``'s largest tightness."""
    tight = range_of_motion(_region_capsule(region, MEANINGFUL_TIGHTNESS[region][1]))
    return getattr(_NORMAL, motion) - getattr(tight, motion)


#: Largest tightness the model covers for the posterior and the inferior capsule (%).
POSTERIOR_MAX_PCT = _pct(MEANINGFUL_TIGHTNESS["posterior"][1])
INFERIOR_MAX_PCT = _pct(MEANINGFUL_TIGHTNESS["inferior"][1])
#: Seated IR and ER lost over the posterior capsule's whole range (deg).
POSTERIOR_IR_CHANGE = num(_change("posterior", "internal_rotation"))
POSTERIOR_ER_CHANGE = num(_change("posterior", "external_rotation"))
if abs(_change("posterior", "external_rotation")) > 2.0:
    raise ValueError("lesson 04 says the posterior capsule hardly changes seated ER")
_INFERIOR_CHANGE = max(abs(_change("inferior", m))
                       for m in ("internal_rotation", "external_rotation"))
#: Most seated IR or ER changes over the inferior capsule's whole range (deg, one decimal;
#: "less than 0.1" when it rounds to 0).
INFERIOR_ROTATION_CHANGE = (Prose("less than 0.1") if _INFERIOR_CHANGE < 0.05
                            else num(_INFERIOR_CHANGE, 1))
if _state.fit_display({"internal_rotation": 20.0, "external_rotation": 40.0},
                      "inferior").verdict != "cannot_tell":
    raise ValueError("lesson 04 uses the inferior capsule as the example that cannot be told")

# --- Healthy adults' average: absolute angles against changes ----------------------------------

_HEALTHY = _healthy_reference(("internal_rotation", "external_rotation"))
_SEATED_MEANS = rotation_for_position("seated")
if (_HEALTHY["internal_rotation"], _HEALTHY["external_rotation"]) != (
        _SEATED_MEANS.internal_rotation_deg, _SEATED_MEANS.external_rotation_deg):
    raise ValueError("lesson 04 says the fit compares with the seated means it quotes")
if _healthy_reference(("flexion",))["flexion"] != norm_for("flexion").typical_deg:
    raise ValueError("lesson 04 says the fit compares flexion with the AAOS typical value")
_HEALTHY_ANTERIOR = fit_tightness(_HEALTHY, region="anterior", reference=None)
#: The fit of healthy adults' average seated values to the model's own (absolute, cadaver)
#: angles, anterior capsule (%): what the fit would say if it did not compare changes.
HEALTHY_ANTERIOR_PCT = _pct(_HEALTHY_ANTERIOR.tightness)
if _HEALTHY_ANTERIOR.consistent_with_normal:
    raise ValueError("lesson 04 says absolute angles read the healthy average as anterior-tight")
if any(fit_tightness(_HEALTHY, region=r).tightness != 0.0 for r in _REGIONS):
    raise ValueError("lesson 04 says the healthy average fits a normal capsule in every region")
if any(_state.fit_display(_HEALTHY, r).verdict not in ("above", "normal")
       for r in _state.REGION_CHOICES):
    raise ValueError("lesson 04 says the healthy average never reads as tight in the explorer")
if _HEALTHY["external_rotation"] >= _NORMAL.band_deg["external_rotation"][0]:
    raise ValueError("lesson 04 says healthy adults' seated ER is below the model's band")
#: The words every "no sign" verdict of the explorer starts with.
NO_SIGN = Prose(_caption.NO_SIGN)

# --- "Questions to try": settings of the static figure (explorer grid, caption.py) --------------

#: A low seated IR to set in the figure (deg): the second-lowest value of the IR slider.
QUESTION_IR = num(STATIC_IR[1])
_AAOS_ER_DEG = norm_for("external_rotation").typical_deg
#: A normal ER to set in the figure (deg): the ER button nearest the AAOS norm.
QUESTION_ER = num(min(STATIC_ER, key=lambda er: abs(er - _AAOS_ER_DEG)))


def _grid_verdicts(region: str) -> dict:
    return {(ir, er): _state.fit_display({"internal_rotation": ir, "external_rotation": er},
                                         region).verdict
            for ir in STATIC_IR for er in STATIC_ER}


_POSTERIOR_GRID, _BEST_GRID = _grid_verdicts("posterior"), _grid_verdicts("best")
if not any(v == "normal" and ir < _HEALTHY["internal_rotation"]
           for (ir, _), v in _POSTERIOR_GRID.items()):
    raise ValueError("lesson 04 asks for a ringed posterior cell below the healthy IR")
if "beyond" not in _BEST_GRID.values():
    raise ValueError("lesson 04 asks for a crossed cell in the best-region view")

# --- Answers to the "Questions to try" (computed from the explorer's own fits) -----------------


def _fit_pct(ir: float, er: float, region: str) -> float:
    return 100 * _state.fit_display({"internal_rotation": ir, "external_rotation": er},
                                    region).tightness


#: The IR row the answers quote (deg): the value of the IR slider nearest 20 deg.
ANSWER_IR = num(min(STATIC_IR, key=lambda ir: abs(ir - 20.0)))
_ROW = [_fit_pct(float(ANSWER_IR), er, "posterior") for er in STATIC_ER]
_WHOLE_ROW = [_fit_pct(float(ANSWER_IR), er, "whole") for er in STATIC_ER]
_ER_MID = STATIC_ER[len(STATIC_ER) // 2]
_COLUMN = [_fit_pct(ir, _ER_MID, "posterior") for ir in STATIC_IR]
#: Posterior fit (%) at that IR, at the lowest and highest ER button: nearly the same.
ANSWER_POST_ER_FROM, ANSWER_POST_ER_TO = num(_ROW[0], 1), num(_ROW[-1], 1)
#: Posterior fit (%) along the IR slider, at the middle ER button: lowest and highest IR.
ANSWER_POST_IR_FROM, ANSWER_POST_IR_TO = num(_COLUMN[0], 1), num(_COLUMN[-1], 1)
#: The ER buttons (deg) at both ends, and the middle one the IR sweep uses.
ER_LOWEST, ER_HIGHEST, ER_MIDDLE = num(STATIC_ER[0]), num(STATIC_ER[-1]), num(_ER_MID)
IR_LOWEST, IR_HIGHEST = num(STATIC_IR[0]), num(STATIC_IR[-1])
#: Whole-capsule fit (%) at the same IR, lowest and highest ER button.
ANSWER_WHOLE_ER_FROM, ANSWER_WHOLE_ER_TO = num(_WHOLE_ROW[0], 1), num(_WHOLE_ROW[-1], 1)
if abs(_ROW[0] - _ROW[-1]) > 0.5 or abs(_COLUMN[0] - _COLUMN[-1]) < 3.0:
    raise ValueError("lesson 04 answers that the posterior fit follows IR, not ER")
if abs(_WHOLE_ROW[0] - _WHOLE_ROW[-1]) < 1.0:
    raise ValueError("lesson 04 answers that the whole-capsule fit follows ER too")

_RINGED = max(ir for (ir, _), v in _POSTERIOR_GRID.items()
              if v == "normal" and ir < _HEALTHY["internal_rotation"])
_RING_FIT = _state.fit_display({"internal_rotation": _RINGED, "external_rotation": _ER_MID},
                               "posterior")
#: A ringed posterior cell below the healthy IR (deg), and its fit's 68 % interval (%).
ANSWER_RING_IR = num(_RINGED)
ANSWER_RING_INTERVAL = span(100 * _RING_FIT.interval[0], 100 * _RING_FIT.interval[1], 1)
if _RING_FIT.interval[0] != 0.0:
    raise ValueError("lesson 04 answers that the ringed cell's interval starts at 0")

_BEST = _state.fit_display({"internal_rotation": float(QUESTION_IR),
                            "external_rotation": float(QUESTION_ER)}, "best")
#: What the best-region fit says for the question's angles: its verdict and its fit.
ANSWER_BEST_VERDICT = Prose(_caption.verdict_line(_BEST))
ANSWER_BEST_FIT = Prose(_caption.fmt_fit(_BEST))

_CROSSED = sorted((ir, er) for (ir, er), v in _BEST_GRID.items() if v == "beyond")[0]
_CROSS = _state.fit_display({"internal_rotation": _CROSSED[0],
                             "external_rotation": _CROSSED[1]}, "best")
#: The first crossed best-region cell (deg), how far its fit misses (RMS, deg), and its fit.
ANSWER_CROSS_IR, ANSWER_CROSS_ER = num(_CROSSED[0]), num(_CROSSED[1])
ANSWER_CROSS_RMS = num(_CROSS.rms_residual_deg, 1)
ANSWER_CROSS_FIT = Prose(_caption.fmt_fit(_CROSS))
ANSWER_CROSS_VERDICT = Prose(_caption.verdict_line(_CROSS))

# --- Exercise: Sam's measurements (the exercise scenario; typed here once) ----------------------

_SAM_SEATED_IR_DEG = 15.0
_SAM_SEATED_ER_DEG = 45.0
_SAM_PRONE_IR_DEG = 20.0
if _SAM_SEATED_IR_DEG not in STATIC_IR or _SAM_SEATED_ER_DEG not in STATIC_ER:
    raise ValueError("Sam's seated angles must be values the static figure offers")

#: Sam's seated internal rotation (deg), exercise scenario.
SAM_SEATED_IR = num(_SAM_SEATED_IR_DEG)
#: Sam's seated external rotation (deg), exercise scenario.
SAM_SEATED_ER = num(_SAM_SEATED_ER_DEG)
#: Sam's prone internal rotation (deg), exercise scenario.
SAM_PRONE_IR = num(_SAM_PRONE_IR_DEG)
#: Sam's seated IR minus the typical seated IR as the prose shows it, rounded (deg).
SAM_SEATED_IR_DIFF = _signed(_SAM_SEATED_IR_DEG - float(common.IR_SEATED))
#: Sam's prone IR minus the typical prone IR as the prose shows it, rounded (deg).
SAM_PRONE_IR_DIFF = _signed(_SAM_PRONE_IR_DEG - float(common.IR_PRONE))
#: Sam's seated ER minus the typical seated ER as the prose shows it, rounded (deg).
SAM_SEATED_ER_DIFF = _signed(_SAM_SEATED_ER_DEG - float(common.ER_SEATED))
#: Difference between Sam's two IR values, prone and seated (deg), exercise scenario.
SAM_IR_GAP = num(abs(_SAM_PRONE_IR_DEG - _SAM_SEATED_IR_DEG))

_SAM = _state.fit_display({"internal_rotation": _SAM_SEATED_IR_DEG,
                           "external_rotation": _SAM_SEATED_ER_DEG}, "posterior")
#: What the explorer shows for Sam's seated angles, posterior capsule: the verdict line, the
#: fitted tightness with its 68 % interval, and the fit's RMS miss (deg).
SAM_VERDICT = Prose(_caption.verdict_line(_SAM))
SAM_FIT = Prose(_caption.fmt_fit(_SAM))
SAM_RMS = num(_SAM.rms_residual_deg)
#: What the fitted capsule expects Sam to measure (deg): healthy adults' averages plus the
#: model's change at the fitted tightness; and how far Sam's ER is above it (deg).
SAM_EXPECTED_IR = num(_SAM.expected["internal_rotation"])
SAM_EXPECTED_ER = num(_SAM.expected["external_rotation"])
SAM_ER_MISS = num(_SAM_SEATED_ER_DEG - _SAM.expected["external_rotation"])
if SAM_EXPECTED_IR != SAM_SEATED_IR or _SAM.rms_residual_deg > _state.FIT_SD_DEG:
    raise ValueError("lesson 04 says the fit matches Sam's IR and misses Sam's ER by less than "
                     "the measuring error")
if abs(_SAM.expected["external_rotation"] - _HEALTHY["external_rotation"]) > 2.0:
    raise ValueError("lesson 04 says Sam's expected ER stays near the healthy average")
#: The fitted model capsule's own (cadaver) seated ER for Sam (deg), as the read-out's range
#: of motion lists it.
SAM_MODEL_ER = num(_SAM.rom["external_rotation"])
if _SAM.rom["external_rotation"] - _SAM.expected["external_rotation"] <= _state.FIT_SD_DEG:
    raise ValueError("lesson 04's question 4 needs the model's own ER well above the expected")

__all__ = exported(globals())
