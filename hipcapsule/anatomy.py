"""Capsular anatomy: ligament and bundle names, regions, attachment descriptions and bounds,
and the published estimates that bound each band's stiffness.

Names
-----
Ligament-level names (:data:`LIGAMENTS`) are what users pass to ``Capsule.tightened`` and
``Capsule.released``; each maps to one or more bundles (:data:`BUNDLES`).

Attachment descriptions
-----------------------
No open 3-D coordinate set of the hip capsule exists, so the points are built from published
footprint descriptions in the ISB frames (see :mod:`hipcapsule.geometry`). Pelvic points sit on
the bony rim just outside the labrum and are given on the acetabular clock face of a right hip
viewed from the side (12 o'clock superior, 3 o'clock anterior, 6 o'clock the acetabular notch,
9 o'clock posterior) at a polar angle from the acetabular opening axis (90 deg = rim plane) and a
distance from the head centre. Femoral points are given in neck coordinates: distance along the
neck axis from the head centre, radius from the neck axis, and azimuth around the neck
(0 deg superior, 90 deg anterior, 180 deg inferior, -90 deg posterior). Lengths are in units of
the head radius ``R`` so the female hip is a scaled male hip (plus its own anteversion).

Starting descriptions (:data:`DEFAULT_ATTACHMENTS`) and anatomical bounds
(:data:`ATTACHMENT_BOUNDS`); pelvic points at polar 98 deg and 1.3 R, femoral points at radius
0.7-0.8 R from the neck axis:

======================  ===========================  ============================================
bundle                  pelvic point (clock, bound)  femoral point (azimuth; axial), bounds
======================  ===========================  ============================================
lateral_iliofemoral     1:30 (12:30-2:30), AIIS      35 deg (0-70); 1.85 R (1.5-2.1): proximal
                        region                       intertrochanteric (IT) line
medial_iliofemoral      2:30 (1:30-3:30), AIIS       135 deg (100-170); 1.85 R (1.5-2.1): distal
                        region                       third of the IT line
pubofemoral             4:00 (3:00-5:00), superior   190 deg (160-220); 1.7 R (1.4-2.0): inferior
                        pubic ramus                  neck near the lesser trochanter
ischiofemoral_superior  7:45 (7:00-9:30), ischium    20 deg (-10-45); 1.75 R (1.4-2.0):
                                                     superolateral neck, anterior to its axis;
                                                     via point -15 deg (-90-0), 1.15 R
ischiofemoral_inferior  7:00 (6:30-9:00), ischium    0 deg (-10-45); 1.75 R; via -40 deg, 1.15 R
ligamentum_teres        6:00 (5:30-6:30), notch,     fovea 20 deg (10-40) from the head pole
                        polar 125 deg on the head    towards azimuth 200 deg (150-250)
======================  ===========================  ============================================

The calibration (:mod:`hipcapsule.calibration`) may move every point inside its bounds; it moved
the lateral iliofemoral origin and both ischiofemoral insertions to the edges of theirs (see
:func:`hipcapsule.attachment_table` for the calibrated coordinates).

Sources of the descriptions: the iliofemoral ligament arises in the anterior inferior iliac
spine region, its lateral (superior) arm inserting on the proximal ~42 % and its medial
(inferior) arm on the distal third of the intertrochanteric line (Tamaki et al.,
{cite}`tamaki2020`); the pubofemoral arises from the superior pubic ramus / iliopubic eminence
and inserts on the inferior neck near the lesser trochanter; the ischiofemoral arises from the
ischium at the posterior-inferior acetabular rim and spirals up and laterally over the back of
the neck to insert on the superolateral neck, anterior to the neck axis, near the greater
trochanter (no bony capsular attachment on the posterior neck, Wagner et al. 2012,
{cite}`wagner2012`); the ligamentum teres runs from the acetabular notch / transverse ligament
to the fovea capitis.

Stiffness
---------
The linear-region stiffness ``k`` (N/mm) of each capsular band is calibrated. Two published
sources bracket it, and they disagree:

* **Bottom-up, from tensile tests** (:data:`hipcapsule.published.SCHLEIFENBAUM2016`):
  ``k = E A / L`` with each bundle taking its share of its ligament's cross-section
  (:data:`CROSS_SECTION_SHARE`) and ``L`` the bundle's slack length
  (:func:`tensile_stiffness_range`).
* **Top-down, from whole-joint tests**
  (:data:`hipcapsule.published.ROTATIONAL_STIFFNESS_NM_PER_DEG`): a band of stiffness ``k`` at
  moment arm ``r`` (at most one head radius) adds ``k r^2`` to the joint's rotational
  stiffness, so no single band may exceed :func:`stiffness_ceiling_n_per_mm`.

The tensile moduli are secant moduli over whole tests to failure on excised strips from elderly
donors; a model band also stands for a region of the capsular sheet. Each stiffness is therefore
fitted within :data:`STIFFNESS_BOUNDS_N_PER_MM` (bottom-up lower end to top-down ceiling). The
stiffness is fitted on the male hip and used unchanged (in N/mm) for the female hip and for
tightened bands, so "tighter" is a change of slack length only. The ligamentum teres has no
published stiffness; it keeps an assumed 20 N/mm (not calibrated). Cutting studies find it a
secondary restraint engaging only at the extremes (van Arkel et al. 2015, {cite}`vanarkel2015`).
"""

from __future__ import annotations

import math

from .published import ROTATIONAL_STIFFNESS_NM_PER_DEG, SCHLEIFENBAUM2016

__all__ = [
    "ATTACHMENT_BOUNDS",
    "BUNDLES",
    "CROSS_SECTION_SHARE",
    "DEFAULT_ATTACHMENTS",
    "LIGAMENTS",
    "MAX_TIGHTNESS",
    "REGIONS",
    "STIFFNESS_BOUNDS_N_PER_MM",
    "STIFFNESS_N_PER_MM",
    "stiffness_ceiling_n_per_mm",
    "tensile_stiffness_range",
]

#: Ligament-level names accepted by ``tightened``/``released``/``with_stiffness``.
LIGAMENTS = (
    "lateral_iliofemoral",
    "medial_iliofemoral",
    "pubofemoral",
    "ischiofemoral",
    "ligamentum_teres",
)

#: Bundle name -> ligament name.
BUNDLES = {
    "lateral_iliofemoral": "lateral_iliofemoral",
    "medial_iliofemoral": "medial_iliofemoral",
    "pubofemoral": "pubofemoral",
    "ischiofemoral_superior": "ischiofemoral",
    "ischiofemoral_inferior": "ischiofemoral",
    "ligamentum_teres": "ligamentum_teres",
}

#: Capsule regions -> ligaments. "whole" is the fibrous capsule (the intra-articular
#: ligamentum teres is not part of it).
REGIONS = {
    "whole": ("lateral_iliofemoral", "medial_iliofemoral", "pubofemoral", "ischiofemoral"),
    "anterior": ("lateral_iliofemoral", "medial_iliofemoral"),
    "posterior": ("ischiofemoral",),
    "inferior": ("pubofemoral",),
}

#: Largest accepted tightness (fractional shortening of slack length).
MAX_TIGHTNESS = 0.5

#: Default attachment descriptions (the starting point of the calibration, which may move them
#: only inside :data:`ATTACHMENT_BOUNDS`). Pelvic points: ``clock`` hour on the acetabular clock
#: face (0.5 = 12:30), at ``PELVIC_POLAR_DEG`` from the acetabular axis and ``PELVIC_RADIUS``
#: head radii from the centre. Femoral points: ``azimuth`` around the neck (deg), ``axial``
#: distance along the neck axis (head radii) at ``FEMORAL_RADIUS`` head radii from the neck axis.
#: The ligamentum teres: notch ``clock`` at polar ``TERES_NOTCH_POLAR_DEG`` on the wrap sphere,
#: fovea ``polar`` deg from the head pole towards ``azimuth``.
DEFAULT_ATTACHMENTS = {
    "lateral_iliofemoral": {"clock": 1.5, "azimuth": 35.0, "axial": 1.85},
    "medial_iliofemoral": {"clock": 2.5, "azimuth": 135.0, "axial": 1.85},
    "pubofemoral": {"clock": 4.0, "azimuth": 190.0, "axial": 1.7},
    "ischiofemoral_superior": {
        "clock": 7.75, "azimuth": 20.0, "axial": 1.75, "via_azimuth": -15.0, "via_axial": 1.15
    },
    "ischiofemoral_inferior": {
        "clock": 7.0, "azimuth": 0.0, "axial": 1.75, "via_azimuth": -40.0, "via_axial": 1.15
    },
    "ligamentum_teres": {"clock": 6.0, "azimuth": 200.0, "polar": 20.0},
}
PELVIC_POLAR_DEG = 98.0
PELVIC_RADIUS = 1.3
TERES_NOTCH_POLAR_DEG = 125.0
FEMORAL_RADIUS = {
    "lateral_iliofemoral": 0.8,
    "medial_iliofemoral": 0.8,
    "pubofemoral": 0.75,
    "ischiofemoral_superior": 0.7,
    "ischiofemoral_inferior": 0.7,
}
#: Neck via points of the spiralling ischiofemoral bands lie on the posterior-superior neck
#: surface (radius ``VIA_RADIUS`` head radii) just lateral to the head-neck junction, at
#: ``via_azimuth`` / ``via_axial`` in their description.
VIA_RADIUS = 0.62

#: Anatomical bounds of each attachment description (checked by the tests and enforced by the
#: calibration): pelvic clock-hour interval, femoral azimuth interval (deg) and femoral axial
#: interval (head radii) or, for the fovea, polar interval (deg).
ATTACHMENT_BOUNDS = {
    "lateral_iliofemoral": {"clock": (0.5, 2.5), "azimuth": (0.0, 70.0), "axial": (1.5, 2.1)},
    "medial_iliofemoral": {"clock": (1.5, 3.5), "azimuth": (100.0, 170.0), "axial": (1.5, 2.1)},
    "pubofemoral": {"clock": (3.0, 5.0), "azimuth": (160.0, 220.0), "axial": (1.4, 2.0)},
    "ischiofemoral_superior": {
        "clock": (7.0, 9.5), "azimuth": (-10.0, 45.0), "axial": (1.4, 2.0),
        "via_azimuth": (-90.0, 0.0), "via_axial": (1.1, 1.4),
    },
    "ischiofemoral_inferior": {
        "clock": (6.5, 9.0), "azimuth": (-10.0, 45.0), "axial": (1.4, 2.0),
        "via_azimuth": (-90.0, 0.0), "via_axial": (1.1, 1.4),
    },
    "ligamentum_teres": {"clock": (5.5, 6.5), "azimuth": (150.0, 250.0), "polar": (10.0, 40.0)},
}

#: Reference-note default linear stiffness per bundle (N/mm): the calibration's start point and
#: the fallback when no calibration file exists (the ischiofemoral default of 20 N/mm is split
#: between its two bands).
STIFFNESS_N_PER_MM = {
    "lateral_iliofemoral": 40.0,
    "medial_iliofemoral": 30.0,
    "pubofemoral": 20.0,
    "ischiofemoral_superior": 10.0,
    "ischiofemoral_inferior": 10.0,
    "ligamentum_teres": 20.0,
}

#: Bundle -> (ligament of :data:`hipcapsule.published.SCHLEIFENBAUM2016`, share of its
#: cross-section). The two iliofemoral arms and the two ischiofemoral bands split their
#: ligament's cross-section equally.
CROSS_SECTION_SHARE = {
    "lateral_iliofemoral": ("iliofemoral", 0.5),
    "medial_iliofemoral": ("iliofemoral", 0.5),
    "pubofemoral": ("pubofemoral", 1.0),
    "ischiofemoral_superior": ("ischiofemoral", 0.5),
    "ischiofemoral_inferior": ("ischiofemoral", 0.5),
}

#: Moment arm (mm) used for the top-down stiffness ceiling: one male head radius, the largest
#: moment arm a band wrapping over the head can have.
CEILING_MOMENT_ARM_MM = 24.0


def tensile_stiffness_range(bundle: str, slack_length_mm: float) -> tuple[float, float, float]:
    """Bottom-up stiffness ``k = E A / L`` (N/mm) of ``bundle`` from tensile tests.

    Returns (low, mean, high): modulus and cross-section both at mean - SD, at the mean, and
    at mean + SD (:data:`hipcapsule.published.SCHLEIFENBAUM2016`), with the bundle's share of
    the ligament's cross-section and ``L`` its slack length (mm). Not defined for the
    ligamentum teres (no data; raises ``KeyError``).
    """
    lig, share = CROSS_SECTION_SHARE[bundle]
    t = SCHLEIFENBAUM2016[lig]
    e, e_sd, a, a_sd = t.modulus_mpa, t.modulus_sd_mpa, t.cross_section_mm2, t.cross_section_sd_mm2
    return tuple(
        share * ee * aa / slack_length_mm for ee, aa in ((e - e_sd, a - a_sd), (e, a),
                                                          (e + e_sd, a + a_sd))
    )


def stiffness_ceiling_n_per_mm() -> float:
    """Top-down stiffness ceiling (N/mm) of any one band.

    A band of stiffness ``k`` acting at moment arm ``r`` gives the joint a rotational stiffness
    ``k r^2``; with ``r`` at most one head radius, a single band stiffer than
    ``(mean + SD) / r^2`` of the cadaver joint stiffness would by itself make the joint stiffer
    than the upper end of the cadaver range.
    """
    mean, sd = ROTATIONAL_STIFFNESS_NM_PER_DEG
    per_rad = (mean + sd) * 180.0 / math.pi  # N m/rad
    return per_rad / (CEILING_MOMENT_ARM_MM * 1e-3) ** 2 * 1e-3  # N/m -> N/mm


#: Bounds (N/mm) of each calibrated stiffness: from the lower end of the bottom-up range
#: (mean - SD in modulus and cross-section, at a 40 mm reference length) to the top-down
#: ceiling (:func:`stiffness_ceiling_n_per_mm`). The ligamentum teres is not calibrated.
STIFFNESS_BOUNDS_N_PER_MM = {
    name: (round(tensile_stiffness_range(name, 40.0)[0], 2),
           round(stiffness_ceiling_n_per_mm(), 1))
    for name in CROSS_SECTION_SHARE
}
