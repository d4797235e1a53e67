"""Capsular ligaments: names, attachment points, stiffness and the :class:`Capsule` model.

Names
-----
Ligament-level names (:data:`LIGAMENTS`) are what users pass to ``tightened``/``released``;
each maps to one or more bundles (:data:`BUNDLES`).

Attachment points
-----------------
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

Calibrated coordinates of the male hip (mm, from ``attachment_table()``; pelvic point in the
pelvis frame, femoral and via points in the femur frame; X anterior, Y superior, Z lateral):

======================  =====================  =====================  =====================
bundle                  pelvic (x, y, z)       femoral (x, y, z)      via (x, y, z)
======================  =====================  =====================  =====================
lateral_iliofemoral     14.2, 24.9, 12.3       2.7, -10.5, 41.3       --
medial_iliofemoral      28.3, 9.1, -9.6        7.1, -37.9, 29.0       --
pubofemoral             16.9, -10.4, -24.1     -6.8, -38.8, 20.9      --
ischiofemoral_superior  -29.2, -10.3, -4.1     2.0, -19.1, 46.9       -17.3, -9.0, 23.4
ischiofemoral_inferior  -25.1, -15.1, -10.7    0.7, -18.3, 47.3       -7.5, -6.7, 32.8
ligamentum_teres        -6.9, -5.2, -23.5      2.9, 8.3, -23.4        --
======================  =====================  =====================  =====================

The calibration moved the lateral iliofemoral origin to the proximal edge of its bounds (clock
12:30) and both ischiofemoral insertions to the lateral/anterior corner of theirs (azimuth
close to 45 deg, 2.0 R along the neck: the insertion near the greater trochanter, anterior to
the neck axis, as described); they are still inside the published footprint descriptions but
at their limits, which we flag as a weakness. The attachment positions are poorly identifiable
(see :mod:`hipcapsule.calibration`).

Sources of the descriptions (reference file): the iliofemoral ligament arises in the anterior
inferior iliac spine region, its lateral (superior) arm inserting on the proximal ~42 % and its
medial (inferior) arm on the distal third of the intertrochanteric line (Tamaki et al. 2011,
{cite}`tamaki2020`); the pubofemoral arises from the superior pubic ramus / iliopubic eminence
and inserts on the inferior neck near the lesser trochanter; the ischiofemoral arises from the
ischium at the posterior-inferior acetabular rim and spirals up and laterally over the back of
the neck to insert on the superolateral neck, anterior to the neck axis, near the greater
trochanter (no bony capsular attachment on the posterior neck, Wagner et al. 2012,
{cite}`wagner2012`); the ligamentum teres runs from the acetabular notch / transverse ligament
to the fovea capitis. Every point has an anatomical bound (:data:`ATTACHMENT_BOUNDS`) that the
tests check and the calibration respects.

:func:`attachment_table` returns the resulting pelvis/femur-frame coordinates in mm.

Stiffness
---------
The linear-region stiffness ``k`` (N/mm) of each capsular band is a calibrated parameter
(:func:`stiffness_in_use`; the values are stored with the calibration). Two published sources
bracket it, and they disagree:

* **Bottom-up, from tensile tests** (Schleifenbaum et al. 2016, {cite}`schleifenbaum2016`):
  ``k = E A / L`` with secant moduli ``E`` of 48.8 +/- 21.4 (iliofemoral), 37.5 +/- 20.4
  (ischiofemoral) and 49.0 +/- 32.1 MPa (pubofemoral), cross-sections ``A`` of 53.5 +/- 15.1,
  19.2 +/- 13.2 and 15.2 +/- 7.2 mm^2, each bundle taking its share of its ligament's
  cross-section (:data:`CROSS_SECTION_SHARE`: the two iliofemoral arms and the two
  ischiofemoral bands half each) and ``L`` the bundle's slack length.
  :func:`tensile_stiffness_range` gives the range (mean - SD, mean, mean + SD in both ``E`` and
  ``A``). With the model's slack lengths of 50-80 mm this gives about 25-45 N/mm at most for
  an iliofemoral arm, 30 N/mm for the pubofemoral and only about 12 N/mm for an ischiofemoral
  band. (At a 40 mm length and the whole iliofemoral cross-section, the same numbers give the
  "roughly 20-65 N/mm per band" of the reference file, whose suggested defaults 40 / 30 / 20 /
  20 N/mm are :data:`STIFFNESS_N_PER_MM`.)
* **Top-down, from whole-joint tests** (van Arkel et al. 2015, {cite}`vanarkel2015`): the
  capsule's rotational stiffness once engaged is 0.8 +/- 0.3 N m/deg. A band of stiffness ``k``
  at moment arm ``r`` (at most one head radius, 24 mm) adds ``k r^2``, so matching the
  cadaver stiffness needs roughly 50-100 N/mm in the bands that resist a rotation, and no
  single band may exceed :func:`stiffness_ceiling_n_per_mm` (about 109 N/mm) without making
  the joint stiffer than the top of the cadaver range on its own.

The tensile numbers are secant moduli taken over a whole test to failure (strains of about
130 %) on excised strips from elderly donors (mean age 84), and their authors warn that
uniaxial tests of the interwoven capsule may misrepresent its properties; a model band also
stands for a whole region of the capsular sheet, not only the named ligament. We therefore fit
each stiffness within :data:`STIFFNESS_BOUNDS_N_PER_MM` (from the bottom-up lower end to the
top-down ceiling) to the cadaver ROM limits, unresisted rotation arc and rotational stiffness,
with a weak pull towards the reference defaults. The fitted bands are stiffer than the tensile
tests suggest (the ischiofemoral bands most of all, about 2-4 times the bottom-up mean + SD);
:func:`hipcapsule.validation.stiffness_table` lists fitted values next to both estimates.
The stiffness is fitted on the male hip and used unchanged (in N/mm) for the female hip and
for tightened bands, although ``E A / L`` would make a shorter band slightly stiffer; this
keeps "tighter" a change of slack length only.

The reference sources give no stiffness for the ligamentum teres; we assume 20 N/mm (not
calibrated), the same order as the pubofemoral and ischiofemoral ligaments. It is a thin
intra-articular band that cutting studies find to be a secondary restraint engaging only at the
extremes (van Arkel et al. 2015, {cite}`vanarkel2015`); in the model it is short and reaches
the limit torque only in flexion with adduction, which matches the reference ("matters mainly
in flexion with adduction and ER").
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ._checks import check_choice, check_in_range, check_positive
from .geometry import Geometry, acetabular_axis, default_geometry, neck_axis
from .wrapping import helix_length, path_lengths

__all__ = [
    "ATTACHMENT_BOUNDS",
    "BUNDLES",
    "LIGAMENTS",
    "MAX_TIGHTNESS",
    "REGIONS",
    "Bundle",
    "Capsule",
    "STIFFNESS_BOUNDS_N_PER_MM",
    "attachment_table",
    "default_capsule",
    "neutral_lengths_mm",
    "region_capsule",
    "stiffness_ceiling_n_per_mm",
    "stiffness_in_use",
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

#: Committed calibration result (written by ``scripts/calibrate-model``).
CALIBRATION_PATH = Path(__file__).parent / "data" / "calibration.json"

#: Largest accepted tightness (fractional shortening of slack length).
MAX_TIGHTNESS = 0.5

#: Default attachment descriptions (the starting point of the calibration, which may move them
#: only inside :data:`ATTACHMENT_BOUNDS`). Pelvic points: ``clock`` hour on the acetabular clock
#: face (0.5 = 12:30), at ``PELVIC_POLAR_DEG`` from the acetabular axis and ``PELVIC_RADIUS``
#: head radii from the centre. Femoral points: ``azimuth`` around the neck (deg), ``axial``
#: distance along the neck axis (head radii) at ``radius`` head radii from the neck axis. The
#: ligamentum teres: notch ``clock`` at polar 125 deg on the wrap sphere, fovea ``polar`` deg
#: from the head pole towards ``azimuth``.
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
_FEMORAL_RADIUS = {
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

#: Reference-file default linear stiffness per bundle (N/mm): the calibration's start point and
#: the fallback when no calibration file exists. The calibrated values replace them (see
#: :func:`stiffness_in_use` and the module docs).
STIFFNESS_N_PER_MM = {
    "lateral_iliofemoral": 40.0,
    "medial_iliofemoral": 30.0,
    "pubofemoral": 20.0,
    "ischiofemoral_superior": 10.0,
    "ischiofemoral_inferior": 10.0,
    "ligamentum_teres": 20.0,
}

#: Schleifenbaum et al. 2016 uniaxial tests: ligament -> (modulus mean, SD in MPa = N/mm^2,
#: cross-section mean, SD in mm^2).
SCHLEIFENBAUM_2016 = {
    "iliofemoral": (48.8, 21.4, 53.5, 15.1),
    "ischiofemoral": (37.5, 20.4, 19.2, 13.2),
    "pubofemoral": (49.0, 32.1, 15.2, 7.2),
}

#: Bundle -> (Schleifenbaum ligament, share of its cross-section). The two arms of the
#: iliofemoral and the two ischiofemoral bands split their ligament's cross-section equally.
CROSS_SECTION_SHARE = {
    "lateral_iliofemoral": ("iliofemoral", 0.5),
    "medial_iliofemoral": ("iliofemoral", 0.5),
    "pubofemoral": ("pubofemoral", 1.0),
    "ischiofemoral_superior": ("ischiofemoral", 0.5),
    "ischiofemoral_inferior": ("ischiofemoral", 0.5),
}

#: Whole-capsule rotational stiffness once engaged, mean and SD (N m/deg), van Arkel 2015.
JOINT_STIFFNESS_NM_PER_DEG = (0.8, 0.3)

#: Moment arm (mm) used for the top-down stiffness ceiling: one male head radius, the largest
#: moment arm a band wrapping over the head can have (reference file).
CEILING_MOMENT_ARM_MM = 24.0


def tensile_stiffness_range(bundle: str, slack_length_mm: float) -> tuple[float, float, float]:
    """Bottom-up stiffness ``k = E A / L`` (N/mm) of ``bundle`` from Schleifenbaum et al. 2016.

    Returns (low, mean, high): modulus and cross-section both at mean - SD, at the mean, and
    at mean + SD, with the bundle's share of the ligament's cross-section and ``L`` its slack
    length. Not defined for the ligamentum teres (no data; raises ``KeyError``).
    """
    lig, share = CROSS_SECTION_SHARE[bundle]
    e, e_sd, a, a_sd = SCHLEIFENBAUM_2016[lig]
    return tuple(
        share * ee * aa / slack_length_mm for ee, aa in ((e - e_sd, a - a_sd), (e, a),
                                                          (e + e_sd, a + a_sd))
    )


def stiffness_ceiling_n_per_mm() -> float:
    """Top-down stiffness ceiling (N/mm) of any one band.

    A band of stiffness ``k`` acting at moment arm ``r`` gives the joint a rotational stiffness
    ``k r^2``; with ``r`` at most one head radius, a single band stiffer than
    ``(0.8 + 0.3) N m/deg / r^2`` would by itself make the joint stiffer than the upper end of
    the cadaver range (van Arkel et al. 2015).
    """
    mean, sd = JOINT_STIFFNESS_NM_PER_DEG
    per_rad = (mean + sd) * 180.0 / math.pi  # N m/rad
    return per_rad / (CEILING_MOMENT_ARM_MM * 1e-3) ** 2 * 1e-3  # N/m -> N/mm


#: Bounds (N/mm) of each calibrated stiffness: from the lower end of the bottom-up range
#: (Schleifenbaum mean - SD in modulus and cross-section, at a 40 mm reference length) to the
#: top-down ceiling (:func:`stiffness_ceiling_n_per_mm`). The ligamentum teres is not
#: calibrated (no data; it stays at its assumed 20 N/mm).
STIFFNESS_BOUNDS_N_PER_MM = {
    name: (round(tensile_stiffness_range(name, 40.0)[0], 2),
           round(stiffness_ceiling_n_per_mm(), 1))
    for name in CROSS_SECTION_SHARE
}


@dataclass(frozen=True)
class Bundle:
    """One ligament bundle.

    Attributes
    ----------
    name, ligament : str
        Bundle name and its ligament-level name.
    pelvic_point_mm : tuple of 3 float
        Pelvic attachment, pelvis frame (mm from the head centre).
    femoral_point_mm : tuple of 3 float
        Femoral attachment, femur frame (mm).
    via_point_mm : tuple of 3 float or None
        Femur-fixed neck via point (mm), or None for a pure head wrap.
    slack_length_mm : float
        Slack length of the normal (untightened) band (mm).
    stiffness_n_per_mm : float
        Linear-region stiffness (N/mm).
    tightness : float
        Fractional shortening of the slack length, in [0, 0.5].
    released : bool
        True if the band is cut (carries no force).
    neck_wrap_mm : float
        Constant length of the femur-fixed part from the via point over the neck to the
        insertion (mm); 0 without a via point.
    """

    name: str
    ligament: str
    pelvic_point_mm: tuple[float, float, float]
    femoral_point_mm: tuple[float, float, float]
    via_point_mm: tuple[float, float, float] | None
    slack_length_mm: float
    stiffness_n_per_mm: float
    tightness: float = 0.0
    released: bool = False
    neck_wrap_mm: float = 0.0

    @property
    def effective_slack_length_mm(self) -> float:
        """Slack length after tightening: ``slack_length_mm * (1 - tightness)``."""
        return self.slack_length_mm * (1.0 - self.tightness)


def _select(ligaments) -> tuple[str, ...]:
    if ligaments is None:
        return REGIONS["whole"] + ("ligamentum_teres",)
    if isinstance(ligaments, str):
        ligaments = [ligaments]
    try:
        ligaments = list(ligaments)
    except TypeError:
        raise ValueError(f"ligaments={ligaments!r} is not a name or a list of names") from None
    if not ligaments:
        raise ValueError(f"ligaments={ligaments!r} is empty; give at least one of {LIGAMENTS}")
    out = []
    for lig in ligaments:
        if lig in BUNDLES and lig not in LIGAMENTS:
            out.append(lig)  # a bundle name is fine too
        else:
            out.append(check_choice("ligaments", lig, LIGAMENTS))
    return tuple(out)


def _matches(bundle: Bundle, names: tuple[str, ...]) -> bool:
    return bundle.ligament in names or bundle.name in names


@dataclass(frozen=True)
class Capsule:
    """A right-hip capsule model: bone geometry plus ligament bundles (immutable).

    Build one with :func:`default_capsule`, then derive variants with :meth:`tightened`,
    :meth:`released` and :meth:`with_stiffness`.
    """

    sex: str
    geometry: Geometry
    bundles: tuple[Bundle, ...]

    @property
    def bundle_names(self) -> tuple[str, ...]:
        """Bundle names in model order."""
        return tuple(b.name for b in self.bundles)

    def tightened(self, tightness: float, ligaments=None) -> Capsule:
        """Return a capsule whose chosen ligaments have slack length shortened by ``tightness``.

        Parameters
        ----------
        tightness : float
            Fractional shortening of the normal slack length, in [0, 0.5]. It replaces (does not
            compound) any earlier tightness of those bundles.
        ligaments : str or sequence of str, optional
            Ligament names from :data:`LIGAMENTS` (or bundle names). Default: all ligaments
            (fibrous capsule and ligamentum teres).
        """
        t = check_in_range("tightness", tightness, 0.0, MAX_TIGHTNESS)
        names = _select(ligaments)
        return replace(
            self,
            bundles=tuple(
                replace(b, tightness=t) if _matches(b, names) else b for b in self.bundles
            ),
        )

    def released(self, ligaments) -> Capsule:
        """Return a capsule with the chosen ligaments cut (no force)."""
        names = _select(ligaments)
        return replace(
            self,
            bundles=tuple(
                replace(b, released=True) if _matches(b, names) else b for b in self.bundles
            ),
        )

    def with_stiffness(self, factor: float, ligaments=None) -> Capsule:
        """Return a capsule with the chosen ligaments' stiffness multiplied by ``factor``.

        ``factor`` must lie in (0, 10].
        """
        f = check_positive("factor", factor, 10.0)
        names = _select(ligaments)
        return replace(
            self,
            bundles=tuple(
                replace(b, stiffness_n_per_mm=b.stiffness_n_per_mm * f)
                if _matches(b, names)
                else b
                for b in self.bundles
            ),
        )


# --------------------------------------------------------------------------------------------
# construction


def _frame_about(axis: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Orthonormal frame around a unit ``axis``: (axis, superior, anterior).

    ``superior`` is +Y made perpendicular to the axis; ``anterior`` completes the frame
    and is flipped, if needed, to point anteriorly (+X).
    """
    sup = np.array([0.0, 1.0, 0.0]) - axis[1] * axis
    sup /= np.linalg.norm(sup)
    ant = np.cross(axis, sup)
    if ant[0] < 0:
        ant = -ant
    return axis, sup, ant


def _rim_frame(geom: Geometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _frame_about(acetabular_axis(geom))


def _neck_frame(geom: Geometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _frame_about(neck_axis(geom))


def _pelvic_point(geom: Geometry, clock_h: float, polar_deg: float, radius) -> np.ndarray:
    a, sup, ant = _rim_frame(geom)
    alpha = math.radians(30.0 * clock_h)
    u = math.cos(alpha) * sup + math.sin(alpha) * ant
    beta = math.radians(polar_deg)
    rho = geom.wrap_radius_mm if radius is None else radius * geom.head_radius_mm
    return rho * (math.cos(beta) * a + math.sin(beta) * u)


def _neck_point(geom: Geometry, azimuth_deg: float, axial: float, radius: float) -> np.ndarray:
    n, up, ant = _neck_frame(geom)
    phi = math.radians(azimuth_deg)
    r_head = geom.head_radius_mm
    return axial * r_head * n + radius * r_head * (math.cos(phi) * up + math.sin(phi) * ant)


def _fovea_point(geom: Geometry, polar_deg: float, azimuth_deg: float) -> np.ndarray:
    n, up, ant = _neck_frame(geom)
    polar, azim = math.radians(polar_deg), math.radians(azimuth_deg)
    d = -math.cos(polar) * n + math.sin(polar) * (math.cos(azim) * up + math.sin(azim) * ant)
    return geom.wrap_radius_mm * d


def _points(geom: Geometry, name: str, desc: dict):
    """Pelvic point, femoral point, via point (or None) and constant neck-wrap length (mm)."""
    if name == "ligamentum_teres":
        pel = _pelvic_point(geom, desc["clock"], 125.0, None)
        return pel, _fovea_point(geom, desc["polar"], desc["azimuth"]), None, 0.0
    pel = _pelvic_point(geom, desc["clock"], PELVIC_POLAR_DEG, PELVIC_RADIUS)
    r_f = _FEMORAL_RADIUS[name]
    fem = _neck_point(geom, desc["azimuth"], desc["axial"], r_f)
    if "via_azimuth" not in desc:
        return pel, fem, None, 0.0
    az_v, ax_v, r_v = desc["via_azimuth"], desc["via_axial"], VIA_RADIUS
    via = _neck_point(geom, az_v, ax_v, r_v)
    r_mean = 0.5 * (r_v + r_f) * geom.head_radius_mm
    extra = helix_length(
        (desc["axial"] - ax_v) * geom.head_radius_mm, r_mean, math.radians(desc["azimuth"] - az_v)
    )
    return pel, fem, via, extra


def neutral_lengths_mm(geom: Geometry, attachments: dict | None = None) -> dict[str, float]:
    """Path length (mm) of every bundle in the neutral pose for ``geom``."""
    att = attachments_in_use() if attachments is None else attachments
    out = {}
    for name in BUNDLES:
        pel, fem, via, extra = _points(geom, name, att[name])
        moving = fem if via is None else via
        length, _, _ = path_lengths(pel[:, None], moving[None, :, None], geom.wrap_radius_mm)
        out[name] = float(length[0, 0] + extra)
    return out


@lru_cache(maxsize=1)
def _calibration() -> dict:
    path = CALIBRATION_PATH
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def slack_ratios() -> dict[str, float]:
    """Calibrated slack length / neutral length per bundle (1.05 where uncalibrated)."""
    cal = _calibration().get("slack_ratio", {})
    return {name: float(cal.get(name, 1.05)) for name in BUNDLES}


def stiffness_in_use() -> dict[str, float]:
    """Linear stiffness per bundle (N/mm): the calibrated values, else the reference defaults."""
    cal = _calibration().get("stiffness_n_per_mm", {})
    return {name: float(cal.get(name, STIFFNESS_N_PER_MM[name])) for name in BUNDLES}


def attachments_in_use() -> dict[str, dict[str, float]]:
    """Attachment descriptions in use: the calibrated ones, else :data:`DEFAULT_ATTACHMENTS`."""
    cal = _calibration().get("attachments", {})
    return {name: dict(cal.get(name, DEFAULT_ATTACHMENTS[name])) for name in BUNDLES}


def build_capsule(
    sex: str,
    ratios: dict[str, float],
    attachments: dict | None = None,
    geometry: Geometry | None = None,
    stiffness: dict | None = None,
) -> Capsule:
    """Build a capsule for ``sex`` with slack = ``ratios[bundle]`` x neutral length.

    ``attachments`` maps bundle -> description dict (default: :func:`attachments_in_use`);
    ``stiffness`` maps bundle -> N/mm (default: :func:`stiffness_in_use`).
    """
    geom = default_geometry(sex) if geometry is None else geometry
    att = attachments_in_use() if attachments is None else attachments
    stiff = stiffness_in_use() if stiffness is None else stiffness
    neutral = neutral_lengths_mm(geom, att)
    bundles = []
    for name, lig in BUNDLES.items():
        pel, fem, via, extra = _points(geom, name, att[name])
        bundles.append(
            Bundle(
                name=name,
                ligament=lig,
                pelvic_point_mm=tuple(float(v) for v in pel),
                femoral_point_mm=tuple(float(v) for v in fem),
                via_point_mm=None if via is None else tuple(float(v) for v in via),
                slack_length_mm=float(ratios[name] * neutral[name]),
                stiffness_n_per_mm=float(stiff[name]),
                neck_wrap_mm=float(extra),
            )
        )
    return Capsule(sex=sex, geometry=geom, bundles=tuple(bundles))


def default_capsule(sex: str = "male") -> Capsule:
    """Return the calibrated normal capsule of a right hip.

    Parameters
    ----------
    sex : {"male", "female"}
        Selects head radius (24 / 22 mm) and femoral anteversion (12 / 16 deg).

    Returns
    -------
    Capsule
        Frozen; slack lengths from ``hipcapsule/data/calibration.json`` (fitted once by
        ``scripts/calibrate-model`` on the male geometry, stored as slack / neutral length so
        the female capsule is the same fit on its own geometry).
    """
    check_choice("sex", sex, ("male", "female"))
    return _default_capsule(sex)


@lru_cache(maxsize=2)
def _default_capsule(sex: str) -> Capsule:
    return build_capsule(sex, slack_ratios())


def region_capsule(region: str, tightness: float, sex: str = "male") -> Capsule:
    """Default capsule with one region tightened.

    Parameters
    ----------
    region : {"whole", "anterior", "posterior", "inferior"}
        Capsule region (:data:`REGIONS`).
    tightness : float
        Fractional slack shortening in [0, 0.5].
    sex : {"male", "female"}
    """
    check_choice("region", region, tuple(REGIONS))
    return default_capsule(sex).tightened(tightness, ligaments=REGIONS[region])


def attachment_table(capsule: Capsule | None = None) -> list[dict]:
    """Attachment coordinates of ``capsule`` (default male) as a list of row dicts (mm)."""
    cap = default_capsule() if capsule is None else capsule
    rows = []
    for b in cap.bundles:
        rows.append(
            {
                "bundle": b.name,
                "ligament": b.ligament,
                "pelvic_point_mm": b.pelvic_point_mm,
                "femoral_point_mm": b.femoral_point_mm,
                "via_point_mm": b.via_point_mm,
                "slack_length_mm": b.slack_length_mm,
                "stiffness_n_per_mm": b.stiffness_n_per_mm,
            }
        )
    return rows
