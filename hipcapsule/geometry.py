"""Bone geometry and joint kinematics of a RIGHT hip in ISB frames.

Frames (Wu et al. 2002, {cite}`wu2002`)
--------------------------------------
Both frames are right-handed and, in the neutral pose, coincide:

* **X** anterior, **Y** superior, **Z** lateral (to the right, for a right hip).
* The pelvis frame origin is moved from the ASIS midpoint to the hip joint centre (the centre
  of the femoral head sphere), which is also the ISB femur-frame origin. All positions are in
  millimetres relative to that centre.
* The femur frame's Y axis is the mechanical axis (knee centre to hip centre).

Joint coordinate system
-----------------------
The ISB JCS is an *intrinsic* Z-X'-Y'' sequence, ``Rotation.from_euler("ZXY", ...)``:

1. flexion (+) about the pelvic medio-lateral axis Z,
2. adduction (+) about the floating axis (X after the first rotation),
3. internal rotation (+) about the femoral long axis Y.

Sign check for a right hip (Z lateral): a positive rotation about +Z turns the femoral axis
(-Y) towards +X, i.e. the knee moves forward (flexion). A positive rotation about +X turns -Y
towards -Z, the knee moves medially (adduction). A positive rotation about +Y turns the anterior
surface (+X) towards -Z, i.e. medially (internal rotation). So for a right hip all three ISB
angles are positive rotations about their axes and the JCS angle triple is exactly the
``"ZXY"`` intrinsic Euler triple. A left hip would need its Z axis mirrored; the model only
builds right hips. The matrix ``R`` maps femur-frame vectors to pelvis-frame vectors.

Bone shape (published morphology; nothing here is tuned to the capsule's behaviour)
-----------------------------------------------------------------------------------
* Femoral head: a sphere of radius 24 mm (male) / 22 mm (female), the course's reference
  values. Every other length scales with it, so the angles the model returns do not depend on
  the head size (only torques and stiffness in absolute units do).
* Neck-shaft angle and femoral neck anteversion: the means of 375 normal femurs (Toogood et al.
  2009, {cite}`toogood2009`), used for both sexes (the female hip is a scaled male hip).
* The neck is elliptical: its half-width is ``R / 1.47`` superior-inferior and ``R / 1.77``
  anterior-posterior, from the head-to-neck diameter ratios in the coronal and sagittal planes
  of male femurs (Saengnipanthkul et al. 2012, {cite}`saengnipanthkul2012`).
* Acetabulum: anteversion from CT of asymptomatic right hips (Mechlenburg et al. 2019,
  {cite}`mechlenburg2019`); radiographic inclination 45 deg, the middle of the course notes'
  39-48 deg (Murray's radiographic definitions).

Bony limit
----------
The acetabular rim is a circle on the head sphere at ``rim_polar_deg`` from the acetabular
opening axis. Its angle comes from the same CT reference values (mechlenburg2019): in the axial
plane the anterior and posterior acetabular sector angles (measured from the line joining the
head centres) leave an opening of half-width ``180 - (AASA + PASA) / 2``; in the coronal plane
the centre-edge angle and the inclination put the superolateral rim at
``180 - inclination - CE`` from the opening axis; the circular rim takes the mean of the two
(:func:`rim_polar_from_morphology`).

The neck touches the rim when the angle between the neck axis and the opening axis exceeds
``rim_polar_deg - asin(h / R)``, where ``h`` is the neck's half-width on the side that meets
the rim (the side facing away from the opening axis, in the neck's cross-section). So anterior
impingement (IR in flexion) uses the narrower anterior-posterior width, superior impingement
(abduction) the wider superior-inferior one. Simplifications: a circular rim (the real one is
not circular), no labrum (soft tissue that adds a few degrees of cover), and no cam or pincer
shapes. Capsular fibres wrap over the neck as over a circular cylinder of the mean half-width
plus the capsule thickness (:mod:`hipcapsule.wrapping`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.spatial.transform import Rotation

from ._checks import check_choice
from .evidence import value as _published

__all__ = [
    "SEXES",
    "Geometry",
    "acetabular_axis",
    "bone_gap",
    "default_geometry",
    "frame_about",
    "jcs_axes",
    "neck_axis",
    "neck_frame",
    "rim_polar_from_morphology",
    "rotations_from_jcs",
    "rotations_about_axes",
]

#: Valid values of ``sex`` in factories.
SEXES = ("male", "female")

#: Radiographic acetabular inclination of the model (deg, middle of the notes' 39-48 deg).
ACETABULAR_INCLINATION_DEG = 45.0


def rim_polar_from_morphology(inclination_deg: float = ACETABULAR_INCLINATION_DEG) -> float:
    """Polar angle (deg) of the circular acetabular rim from the opening axis.

    Mean of the axial-plane estimate ``180 - (AASA + PASA) / 2`` and the coronal-plane estimate
    ``180 - inclination - CE`` (mechlenburg2019 rows of :mod:`hipcapsule.evidence`).
    """
    axial = 180.0 - 0.5 * (_published("mechlenburg2019-aasa") + _published("mechlenburg2019-pasa"))
    coronal = 180.0 - inclination_deg - _published("mechlenburg2019-ce")
    return 0.5 * (axial + coronal)


@dataclass(frozen=True)
class Geometry:
    """Bone geometry of a right hip (ISB frames, origin at the head centre).

    Attributes
    ----------
    head_radius_mm : float
        Femoral head sphere radius (24 male / 22 female).
    neck_shaft_deg : float
        Neck-shaft angle (toogood2009).
    femoral_anteversion_deg : float
        Femoral neck anteversion (toogood2009).
    acetabular_inclination_deg, acetabular_anteversion_deg : float
        Radiographic acetabular orientation (45 deg; mechlenburg2019).
    neck_half_width_si, neck_half_width_ap : float
        Neck half-widths superior-inferior and anterior-posterior, in head radii
        (saengnipanthkul2012).
    rim_polar_deg : float
        Angular radius of the bony acetabular rim about the opening axis
        (:func:`rim_polar_from_morphology`).
    wrap_margin_mm : float
        Capsule thickness added to the head and neck radii for fibre wrapping.
    """

    head_radius_mm: float = 24.0
    neck_shaft_deg: float = _published("toogood2009-inclination")
    femoral_anteversion_deg: float = _published("toogood2009-version")
    acetabular_inclination_deg: float = ACETABULAR_INCLINATION_DEG
    acetabular_anteversion_deg: float = _published("mechlenburg2019-acav")
    neck_half_width_si: float = 1.0 / _published("saengnipanthkul2012-ratio-male-coronal")
    neck_half_width_ap: float = 1.0 / _published("saengnipanthkul2012-ratio-male-sagittal")
    rim_polar_deg: float = rim_polar_from_morphology()
    wrap_margin_mm: float = 1.0

    @property
    def scale(self) -> float:
        """Size factor relative to the 24 mm reference head."""
        return self.head_radius_mm / 24.0

    @property
    def wrap_radius_mm(self) -> float:
        """Radius of the sphere the capsular bands wrap over (head + capsule thickness)."""
        return self.head_radius_mm + self.wrap_margin_mm

    @property
    def neck_radius_mm(self) -> float:
        """Mean neck half-width (mm), the radius of the neck as a wrapping cylinder."""
        return 0.5 * (self.neck_half_width_si + self.neck_half_width_ap) * self.head_radius_mm

    @property
    def neck_wrap_radius_mm(self) -> float:
        """Radius of the cylinder the fibres wrap over (neck + capsule thickness, mm)."""
        return self.neck_radius_mm + self.wrap_margin_mm

    def bony_clearance_rad(self, cos_psi, sin_psi):
        """Largest neck-axis to opening-axis angle (rad) before contact, for a contact side at
        azimuth ``psi`` around the neck (0 superior, 90 deg anterior); array-valued."""
        h = np.hypot(self.neck_half_width_si * cos_psi, self.neck_half_width_ap * sin_psi)
        return math.radians(self.rim_polar_deg) - np.arcsin(np.minimum(h, 1.0))


def default_geometry(sex: str = "male") -> Geometry:
    """Return the default bone geometry for ``sex`` ("male" or "female").

    Female: head radius 22 mm (reference file) and the female head-to-neck ratios of
    saengnipanthkul2012; every angle is shared.
    """
    check_choice("sex", sex, SEXES)
    if sex == "female":
        return Geometry(
            head_radius_mm=22.0,
            neck_half_width_si=1.0 / _published("saengnipanthkul2012-ratio-female-coronal"),
            neck_half_width_ap=1.0 / _published("saengnipanthkul2012-ratio-female-sagittal"),
        )
    return Geometry()


def neck_axis(geom: Geometry) -> np.ndarray:
    """Unit vector from the head centre along the neck towards its base (femur frame), (3,).

    The head direction makes ``neck_shaft_deg`` with the distal shaft (-Y); its horizontal part
    points medially (-Z) and is turned anteriorly (+X) by the anteversion. The neck axis is the
    opposite (lateral, distal, posterior).
    """
    nsa = math.radians(geom.neck_shaft_deg)
    av = math.radians(geom.femoral_anteversion_deg)
    head_dir = np.array(
        [math.sin(nsa) * math.sin(av), -math.cos(nsa), -math.sin(nsa) * math.cos(av)]
    )
    return -head_dir / np.linalg.norm(head_dir)


def neck_frame(geom: Geometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Orthonormal neck frame (femur frame): (axis, superior, anterior), each shape (3,).

    ``superior`` is +Y made perpendicular to the neck axis; ``anterior`` completes the frame
    and points anteriorly (+X). Neck azimuths are measured from ``superior`` towards
    ``anterior``.
    """
    return frame_about(neck_axis(geom))


def frame_about(axis: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Orthonormal frame (axis, superior, anterior) about a unit ``axis`` (3,), in that axis's
    frame: ``superior`` is +Y made perpendicular to the axis and ``anterior`` completes the
    frame, pointing towards +X."""
    sup = np.array([0.0, 1.0, 0.0]) - axis[1] * axis
    sup /= np.linalg.norm(sup)
    ant = np.cross(axis, sup)
    if ant[0] < 0:
        ant = -ant
    return axis, sup, ant


def bone_gap(geom: Geometry, rot: np.ndarray, neck: np.ndarray,
             acetabular: np.ndarray) -> np.ndarray:
    """Bony clearance left at poses ``rot`` (n, 3, 3): cos(angle) - cos(clearance) (n,).

    ``neck`` is the (3, 3) neck frame (axis, superior, anterior; femur frame) and
    ``acetabular`` the opening axis (pelvis frame). Negative means neck-rim contact. The
    contact side is the one facing away from the opening axis in the neck's cross-section.
    """
    a_f = np.einsum("nji,j->ni", rot, acetabular)  # opening axis in the femur frame
    c = a_f @ neck[0]
    d_sup, d_ant = -(a_f @ neck[1]), -(a_f @ neck[2])
    norm = np.maximum(np.hypot(d_sup, d_ant), 1e-12)
    clearance = geom.bony_clearance_rad(d_sup / norm, d_ant / norm)
    return c - np.cos(clearance)


def acetabular_axis(geom: Geometry) -> np.ndarray:
    """Unit acetabular opening axis (pointing out of the socket) in the pelvis frame, (3,).

    Murray's radiographic definitions: anteversion is the angle of the axis with the coronal
    plane, inclination the angle of its coronal projection with the body's long axis.
    """
    ra = math.radians(geom.acetabular_anteversion_deg)
    ri = math.radians(geom.acetabular_inclination_deg)
    return np.array([math.sin(ra), -math.cos(ra) * math.cos(ri), math.cos(ra) * math.sin(ri)])


def rotations_from_jcs(angles_rad: np.ndarray) -> np.ndarray:
    """Rotation matrices (femur -> pelvis) for JCS angles.

    Parameters
    ----------
    angles_rad : ndarray, shape (n, 3)
        Flexion, adduction, internal rotation in radians (right hip, ISB signs).

    Returns
    -------
    ndarray, shape (n, 3, 3)
    """
    return Rotation.from_euler("ZXY", angles_rad).as_matrix()


def rotations_about_axes(axes: np.ndarray, angles_rad: np.ndarray) -> np.ndarray:
    """Rotation matrices for rotations by ``angles_rad`` (n,) about unit ``axes`` (n, 3)."""
    return Rotation.from_rotvec(axes * angles_rad[:, None]).as_matrix()


def jcs_axes(angles_rad: np.ndarray, rot: np.ndarray) -> np.ndarray:
    """JCS rotation axes in the pelvis frame.

    Parameters
    ----------
    angles_rad : ndarray, shape (n, 3)
        JCS angles (rad).
    rot : ndarray, shape (n, 3, 3)
        The matching rotation matrices.

    Returns
    -------
    ndarray, shape (n, 3, 3)
        ``axes[:, j]`` is the unit angular velocity per unit rate of JCS angle ``j``: pelvic Z,
        the floating axis (X turned by flexion) and the femoral long axis.
    """
    n = angles_rad.shape[0]
    out = np.zeros((n, 3, 3))
    out[:, 0, 2] = 1.0
    out[:, 1, 0] = np.cos(angles_rad[:, 0])
    out[:, 1, 1] = np.sin(angles_rad[:, 0])
    out[:, 2] = rot[:, :, 1]
    return out
