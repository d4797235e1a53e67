"""Numbers in the prose of lesson 01 (the hip joint and its capsule)."""

from __future__ import annotations

import hipcapsule as hc
from hipcapsule import evidence
from hipcapsule.published import (
    ROTATIONAL_STIFFNESS_NM_PER_DEG,
    SCHLEIFENBAUM2016,
    UNRESISTED_ARC_DEG,
    norm_for,
)

from . import Prose, exported, num, span, spread
from .common import *  # noqa: F403 (re-exported: the page quotes them)

# --- Section 1: the bones (toogood2009, mechlenburg2019, through the model's geometry) -------

_GEOM = hc.default_geometry("male")

#: Mean neck-shaft angle and femoral neck anteversion (deg) of 375 dry adult femurs,
#: toogood2009 (the model's bone uses them).
NECK_SHAFT_DEG = num(_GEOM.neck_shaft_deg)
FEMORAL_ANTEVERSION_DEG = num(_GEOM.femoral_anteversion_deg)
#: Dry femurs measured (count), toogood2009.
TOOGOOD_N = num(evidence.row("toogood2009-inclination").n)
#: Mean acetabular anteversion (deg), with its SD, mechlenburg2019 (the model's socket uses it).
ACETABULAR_ANTEVERSION_DEG = num(_GEOM.acetabular_anteversion_deg)
ACETABULAR_ANTEVERSION_SD = num(evidence.row("mechlenburg2019-acav").sd)

# --- Section 2: the ligaments (tamaki2020) and their tissue (schleifenbaum2016) ----------------

#: Share of the intertrochanteric line (from its top) that the lateral iliofemoral arm's
#: footprint covers (%), tamaki2020.
LATERAL_ARM_FOOTPRINT_PCT = num(evidence.value("tamaki2020-lifl-position"))
#: Range of the mean elastic moduli of the three main ligaments (MPa), schleifenbaum2016.
LIGAMENT_MODULI = spread(p.modulus_mpa for p in SCHLEIFENBAUM2016.values())
#: Mean cross-section of the iliofemoral ligament (mm²), schleifenbaum2016.
ILIOFEMORAL_SECTION = num(SCHLEIFENBAUM2016["iliofemoral"].cross_section_mm2)
#: Range of the mean cross-sections of the other two ligaments (mm²), schleifenbaum2016.
OTHER_SECTIONS = spread(p.cross_section_mm2 for k, p in SCHLEIFENBAUM2016.items()
                        if k != "iliofemoral")

# --- Section 3: rotation by test position (kouyoumdjian2012) ---------------------------------

# --- Section 3: what the capsule alone allows (vanarkel2015, myers2011) ------------------------

#: Widest unresisted rotation arc in mid-range positions, "up to" mean and SD (deg),
#: vanarkel2015.
UNRESISTED_ARC = num(UNRESISTED_ARC_DEG[0])
UNRESISTED_ARC_SD = num(UNRESISTED_ARC_DEG[1])
#: Capsular rotational stiffness once engaged, mean (N m per deg), vanarkel2015.
CAPSULE_STIFFNESS = num(ROTATIONAL_STIFFNESS_NM_PER_DEG[0], 1)

_MYERS = evidence.row("myers2011-er-intact")
#: Intact-capsule external rotation at 5 N m in male cadaver hips: mean, SD (deg) and count,
#: myers2011 (held out from the model's calibration).
MYERS_ER = num(_MYERS.value, 1)
MYERS_ER_SD = num(_MYERS.sd, 1)
MYERS_N = num(_MYERS.n)

# --- Section 3: the course model (hipcapsule, male hip, best fit and ensemble band) ------------

_ROM = hc.range_of_motion(hc.default_capsule("male"), band=True)

#: The model's extension limit from neutral (deg) and its ensemble band (10th-90th percentile).
MODEL_EXTENSION = num(_ROM.extension)
MODEL_EXTENSION_BAND = span(*_ROM.band_deg["extension"])
#: The model's external rotation from neutral (0 deg flexion; deg), best fit and band.
_ER0 = hc.rotation_limits(hc.default_capsule("male"), flexion_deg=0.0, band=True)
MODEL_ER_NEUTRAL = num(_ER0.er[0])
MODEL_ER_NEUTRAL_BAND = span(*_ER0.er_band[0])
#: Where the model's external rotation from neutral lies against the held-out cadaver mean:
#: "below" or "above" it.
MODEL_ER_VS_MYERS = Prose("below" if float(_ER0.er[0]) < _MYERS.value else "above")

_EXT_NORM = norm_for("extension")
#: Where the model's extension limit lies against the typical adult range (aaos1965):
#: "well below" (more than 5 deg under its low end), "below", "within" or "above" it.
MODEL_EXTENSION_VS_CLINIC = Prose(
    "well below" if _ROM.extension < _EXT_NORM.low_deg - 5.0
    else "below" if _ROM.extension < _EXT_NORM.low_deg
    else "within" if _ROM.extension <= _EXT_NORM.high_deg
    else "above")

__all__ = exported(globals())
