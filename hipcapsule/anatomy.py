"""Capsular anatomy: ligaments, their fibres, footprint descriptions and bounds, and the
published estimates that bound each ligament's stiffness.

Names
-----
Ligament-level names (:data:`LIGAMENTS`) are what users pass to ``Capsule.tightened``,
``Capsule.released`` and ``Capsule.with_stiffness``. Each ligament is a fan of
:data:`FIBRE_COUNTS` fibres ("bundles" in the code, named ``<ligament>_<i>``) spread evenly over
its pelvic and femoral footprints, so a broad band recruits its fibres one after the other as
the joint turns rather than all at once.

Footprint descriptions
----------------------
No open 3-D coordinate set of the hip capsule exists, so the points are built from published
footprint descriptions in the ISB frames (see :mod:`hipcapsule.geometry`). Pelvic points sit on
the bony acetabular rim (at the rim's polar angle from the acetabular opening axis, see
:attr:`hipcapsule.geometry.Geometry.rim_polar_deg`), :data:`PELVIC_RADIUS` head radii from the
head centre, at a position on the acetabular clock face of a right hip viewed from the side
(12 o'clock superior, 3 o'clock anterior, 6 o'clock the acetabular notch, 9 o'clock posterior).
Femoral points are given in neck coordinates: distance along the neck axis from the head centre
(``axial``), radius from the neck axis (``radius``), both in head radii, and azimuth around the
neck (0 deg superior, 90 deg anterior, 180 deg inferior, -90 deg posterior). Each ligament's
description (:data:`DEFAULT_FOOTPRINTS`) gives the centre of its pelvic footprint (``clock``)
and of its femoral footprint (``azimuth``, ``axial``) with the footprint widths
(``clock_span``, ``azimuth_span``); fibre ``i`` of ``n`` sits at the fraction
``(i + 1/2) / n - 1/2`` of each width from the centre, so the first fibre joins the low ends of
both footprints. The calibration may move each centre inside :data:`FOOTPRINT_BOUNDS`; the widths
and radii are fixed.

======================  ================================  ==========================================
ligament (fibres)       pelvic footprint (clock)          femoral footprint (azimuth; axial)
======================  ================================  ==========================================
lateral_iliofemoral (3) 12:30-2:30, AIIS region           proximal intertrochanteric (IT) line:
                                                          0-70 deg, 1.5-2.1 R
medial_iliofemoral (2)  1:30-3:30, below the AIIS         distal third of the IT line: 100-170 deg
pubofemoral (2)         3:00-5:00, superior pubic ramus   inferior capsule near the lesser
                                                          trochanter: 160-220 deg (no bony
                                                          femoral insertion)
ischiofemoral (4)       6:30-9:30, ischium                superolateral neck anterior to its axis:
                                                          -10-45 deg, reached by winding over the
                                                          back of the neck
ligamentum_teres (1)    5:30-6:30, acetabular notch       fovea 10-40 deg from the head pole
======================  ================================  ==========================================

Sources of the descriptions: the iliofemoral ligament arises in the anterior inferior iliac
spine region, its lateral (superior) arm inserting on the proximal part and its medial
(inferior) arm on the distal third of the intertrochanteric line (Tamaki et al.,
{cite}`tamaki2020`); the pubofemoral arises from the superior pubic ramus and has no bony
femoral insertion, blending into the medial iliofemoral and the ischiofemoral near the inferior
neck (Telleria et al., {cite}`telleria2014`); the ischiofemoral arises from the ischium at the
posterior-inferior rim and spirals up and laterally over the back of the neck to insert on the
superolateral neck, anterior to the neck axis (no bony capsular attachment on the posterior
neck, Wagner et al. {cite}`wagner2012`); the ligamentum teres runs from the acetabular notch to
the fovea capitis. Fibre counts and footprint widths are the model's choice within those
descriptions.

One study measured the pelvic origins by number (computer navigation, six hips; Nam et al.
{cite}`nam2011`; the ``nam2011-*-origin`` rows of :mod:`hipcapsule.evidence`). It was found
after the footprints above were set and is kept out of the fit as a held-out check
(:func:`hipcapsule.analysis.origin_rows`): it places the ischiofemoral origin high on the back
of the rim, above the model's and beyond the bounds below, and the pubofemoral lower on the
front than the model's.

Stiffness
---------
The linear-region stiffness ``k`` (N/mm) of each capsular ligament is calibrated and shared
equally by its fibres. Two published sources bracket it:

* **Bottom-up, from tensile tests** (:data:`hipcapsule.published.SCHLEIFENBAUM2016`):
  ``k = E A / L`` with each ligament taking its share of the tested ligament's cross-section
  (:data:`CROSS_SECTION_SHARE`) and ``L`` its slack length (:func:`tensile_stiffness_range`).
* **Top-down, from whole-joint tests**
  (:data:`hipcapsule.published.ROTATIONAL_STIFFNESS_NM_PER_DEG`): a band of stiffness ``k`` at
  moment arm ``r`` (at most one head radius) adds ``k r^2`` to the joint's rotational
  stiffness, so no single ligament may exceed :func:`stiffness_ceiling_n_per_mm`.

The ligamentum teres has no published stiffness; it keeps an assumed
:data:`TERES_STIFFNESS_N_PER_MM` (not calibrated). Stiffness is fitted on the male hip and used
unchanged (in N/mm) for the female hip and for tightened bands, so "tighter" is a change of
slack length only.
"""

from __future__ import annotations

import math

from .published import ROTATIONAL_STIFFNESS_NM_PER_DEG, SCHLEIFENBAUM2016

__all__ = [
    "BUNDLES",
    "CROSS_SECTION_SHARE",
    "DEG_PER_CLOCK_HOUR",
    "DEFAULT_FOOTPRINTS",
    "FIBRE_COUNTS",
    "FOOTPRINT_BOUNDS",
    "LIGAMENTS",
    "MAX_TIGHTNESS",
    "REGIONS",
    "SLACK_RATIO_BOUNDS",
    "STIFFNESS_BOUNDS_N_PER_MM",
    "STIFFNESS_N_PER_MM",
    "TERES_STIFFNESS_N_PER_MM",
    "clock_deg",
    "fibre_fraction",
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

#: Fibres per ligament (the broad ischiofemoral and lateral iliofemoral get the most).
FIBRE_COUNTS = {
    "lateral_iliofemoral": 3,
    "medial_iliofemoral": 2,
    "pubofemoral": 2,
    "ischiofemoral": 4,
    "ligamentum_teres": 1,
}

#: Fibre ("bundle") name -> ligament name, in model order.
BUNDLES = {
    f"{lig}_{i + 1}": lig for lig in LIGAMENTS for i in range(FIBRE_COUNTS[lig])
}

#: Capsule regions -> ligaments. "whole" is the fibrous capsule (the intra-articular
#: ligamentum teres is not part of it).
REGIONS = {
    "whole": ("lateral_iliofemoral", "medial_iliofemoral", "pubofemoral", "ischiofemoral"),
    "anterior": ("lateral_iliofemoral", "medial_iliofemoral"),
    "posterior": ("ischiofemoral",),
    "inferior": ("pubofemoral",),
}

#: Degrees per hour on the acetabular clock face (12 hours make the full rim).
DEG_PER_CLOCK_HOUR = 30.0


def clock_deg(hours):
    """A clock-face position or span on the acetabular rim, in degrees.

    Parameters
    ----------
    hours : float or array_like
        Hours from 12 o'clock towards 3 o'clock (anterior) on a right hip.

    Returns
    -------
    float or ndarray
        Degrees from 12 o'clock towards 3 o'clock (same shape as ``hours``).
    """
    return DEG_PER_CLOCK_HOUR * hours


#: Largest accepted tightness (fractional shortening of slack length).
MAX_TIGHTNESS = 0.5

#: Pelvic attachments: head radii from the head centre (just outside the labrum).
PELVIC_RADIUS = 1.3

#: The ligamentum teres: polar angle (deg) of the notch end on the wrap sphere, measured from
#: the acetabular opening axis (the notch lies deep in the socket).
TERES_NOTCH_POLAR_DEG = 125.0

#: Footprint descriptions (centres are the calibration's start point). Capsular ligaments:
#: ``clock``/``clock_span`` (hours), ``azimuth``/``azimuth_span`` (deg), ``axial`` and
#: ``radius`` (head radii). The ligamentum teres: notch ``clock``, fovea ``polar`` (deg from the
#: head pole) towards ``azimuth``.
DEFAULT_FOOTPRINTS = {
    "lateral_iliofemoral": {"clock": 1.5, "clock_span": 1.0, "azimuth": 35.0,
                            "azimuth_span": 40.0, "axial": 1.85, "radius": 0.8},
    "medial_iliofemoral": {"clock": 2.5, "clock_span": 0.8, "azimuth": 135.0,
                           "azimuth_span": 40.0, "axial": 1.85, "radius": 0.8},
    "pubofemoral": {"clock": 4.0, "clock_span": 1.0, "azimuth": 190.0, "azimuth_span": 30.0,
                    "axial": 1.7, "radius": 0.75},
    "ischiofemoral": {"clock": 7.75, "clock_span": 1.5, "azimuth": 20.0, "azimuth_span": 40.0,
                      "axial": 1.75, "radius": 0.75},
    "ligamentum_teres": {"clock": 6.0, "azimuth": 200.0, "polar": 20.0},
}

#: Bounds of each calibrated footprint centre: (low, high).
FOOTPRINT_BOUNDS = {
    "lateral_iliofemoral": {"clock": (0.5, 2.5), "azimuth": (0.0, 70.0), "axial": (1.5, 2.1)},
    "medial_iliofemoral": {"clock": (1.5, 3.5), "azimuth": (100.0, 170.0), "axial": (1.5, 2.1)},
    # the pubofemoral arises below the head's equator (superior pubic ramus): a centre below
    # 3:45 puts its upper fibre above the equator (it would then overlie the medial
    # iliofemoral arm), so the centre stays in 3:45-5:00
    "pubofemoral": {"clock": (3.75, 5.0), "azimuth": (160.0, 220.0), "axial": (1.4, 2.0)},
    "ischiofemoral": {"clock": (6.5, 9.5), "azimuth": (-10.0, 45.0), "axial": (1.4, 2.0)},
    "ligamentum_teres": {"clock": (5.5, 6.5), "azimuth": (150.0, 250.0), "polar": (10.0, 40.0)},
}

#: Slack length / neutral length of every fibre: from 1.0 (just slack at neutral, the lower
#: bound, so no band is pre-tensioned at rest) to 1.5.
SLACK_RATIO_BOUNDS = (1.0, 1.5)

#: Reference-note default linear stiffness per ligament (N/mm): the calibration's start point
#: and the fallback when no calibration file exists.
STIFFNESS_N_PER_MM = {
    "lateral_iliofemoral": 40.0,
    "medial_iliofemoral": 30.0,
    "pubofemoral": 20.0,
    "ischiofemoral": 20.0,
}

#: Assumed stiffness of the ligamentum teres (N/mm): no published value; not calibrated.
TERES_STIFFNESS_N_PER_MM = 20.0

#: Ligament -> (ligament of :data:`hipcapsule.published.SCHLEIFENBAUM2016`, share of its
#: cross-section). The two iliofemoral arms split the iliofemoral cross-section equally.
CROSS_SECTION_SHARE = {
    "lateral_iliofemoral": ("iliofemoral", 0.5),
    "medial_iliofemoral": ("iliofemoral", 0.5),
    "pubofemoral": ("pubofemoral", 1.0),
    "ischiofemoral": ("ischiofemoral", 1.0),
}

#: Moment arm (mm) used for the top-down stiffness ceiling: one male head radius, the largest
#: moment arm a band wrapping over the head can have.
CEILING_MOMENT_ARM_MM = 24.0


def fibre_fraction(i: int, n: int) -> float:
    """Position of fibre ``i`` of ``n`` across a footprint, in (-1/2, 1/2) (0 for one fibre)."""
    return (i + 0.5) / n - 0.5


def tensile_stiffness_range(ligament: str, slack_length_mm: float) -> tuple[float, float, float]:
    """Bottom-up stiffness ``k = E A / L`` (N/mm) of ``ligament`` from tensile tests.

    Returns (low, mean, high): modulus and cross-section both at mean - SD, at the mean, and
    at mean + SD (:data:`hipcapsule.published.SCHLEIFENBAUM2016`), with the ligament's share of
    the tested cross-section and ``L`` its slack length (mm). Not defined for the ligamentum
    teres (no data; raises ``KeyError``).
    """
    lig, share = CROSS_SECTION_SHARE[ligament]
    t = SCHLEIFENBAUM2016[lig]
    e, e_sd, a, a_sd = t.modulus_mpa, t.modulus_sd_mpa, t.cross_section_mm2, t.cross_section_sd_mm2
    return tuple(
        share * ee * aa / slack_length_mm for ee, aa in ((e - e_sd, a - a_sd), (e, a),
                                                          (e + e_sd, a + a_sd))
    )


def stiffness_ceiling_n_per_mm() -> float:
    """Top-down stiffness ceiling (N/mm) of any one ligament.

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
