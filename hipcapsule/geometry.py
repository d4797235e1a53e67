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

Bone shape
----------
* Femoral head: a sphere, radius 24 mm (male) / 22 mm (female) (reference file; the head is
  slightly aspherical at the head-neck junction, ignored here).
* Neck-shaft angle 127 deg (middle of 122-133 deg), femoral anteversion 12 deg (male, 10-14 deg)
  / 16 deg (female).
* Acetabulum: radiographic inclination 45 deg (39-48 deg) and anteversion 17 deg (16-19 deg)
  (Murray's radiographic definitions).
* Every other length (neck length, attachment radii) scales with the head radius.

Bony limit
----------
The femoral neck is a cylinder of radius ``neck_radius_ratio * head radius`` around the neck
axis; the acetabular rim is treated as a circle on the head sphere at ``rim_polar_deg`` from the
acetabular axis (90 deg = a hemisphere; the labrum and bony overhang add ~5-10 deg). The neck
touches the rim when the angle between the neck axis and the acetabular opening axis exceeds
``rim_polar_deg - asin(neck_radius_ratio)``. With the defaults (rim at 100 deg, neck waist radius
0.58 R) bone alone would stop pure flexion at ~141 deg, seated (90 deg flexion) IR at ~38 deg,
abduction at ~52 deg and ER from neutral at ~52 deg, and would not stop extension before 60 deg.
Seated IR therefore ends in neck-rim contact shortly after the capsule engages, and extension
has a wide soft-tissue margin, as the reference describes. The rim angle was chosen by hand
(96, 100, 103, 104 and 107 deg were tried) so that the calibrated capsule fits the cadaver
targets; it is an effective parameter, not a measurement.
This is an effective, circular-rim simplification: the real rim is not circular and its
anterosuperior part dominates impingement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.spatial.transform import Rotation

from ._checks import check_choice

__all__ = [
    "SEXES",
    "Geometry",
    "acetabular_axis",
    "default_geometry",
    "jcs_axes",
    "neck_axis",
    "rotations_from_jcs",
    "rotations_about_axes",
]

#: Valid values of ``sex`` in factories.
SEXES = ("male", "female")


@dataclass(frozen=True)
class Geometry:
    """Bone geometry of a right hip (ISB frames, origin at the head centre).

    Attributes
    ----------
    head_radius_mm : float
        Femoral head sphere radius (24 male / 22 female).
    neck_shaft_deg : float
        Neck-shaft angle (122-133 deg).
    femoral_anteversion_deg : float
        Femoral neck anteversion (10-14 deg, women ~16 deg).
    acetabular_inclination_deg, acetabular_anteversion_deg : float
        Radiographic acetabular orientation (39-48 and 16-19 deg).
    neck_radius_ratio : float
        Femoral neck waist radius / head radius (~0.55-0.65 in adults).
    rim_polar_deg : float
        Angular radius of the effective acetabular rim (incl. labrum) about the opening axis.
    wrap_margin_mm : float
        Capsule thickness added to the head radius for ligament wrapping.
    """

    head_radius_mm: float = 24.0
    neck_shaft_deg: float = 127.0
    femoral_anteversion_deg: float = 12.0
    acetabular_inclination_deg: float = 45.0
    acetabular_anteversion_deg: float = 17.0
    neck_radius_ratio: float = 0.58
    rim_polar_deg: float = 100.0
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
    def bony_clearance_rad(self) -> float:
        """Maximum angle (rad) between neck axis and acetabular axis before neck-rim contact."""
        return math.radians(self.rim_polar_deg) - math.asin(self.neck_radius_ratio)


def default_geometry(sex: str = "male") -> Geometry:
    """Return the default bone geometry for ``sex`` ("male" or "female").

    Female: head radius 22 mm and anteversion 16 deg (reference file); other angles shared.
    """
    check_choice("sex", sex, SEXES)
    if sex == "female":
        return Geometry(head_radius_mm=22.0, femoral_anteversion_deg=16.0)
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
