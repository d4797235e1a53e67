"""The :class:`Capsule` model: bundles with their points, slack lengths and stiffness.

A :class:`Capsule` is immutable. :func:`default_capsule` builds the calibrated normal capsule
of a right hip from the attachment descriptions of :mod:`hipcapsule.anatomy` and the committed
calibration (:mod:`hipcapsule.calibration`); :meth:`Capsule.tightened`,
:meth:`Capsule.released` and :meth:`Capsule.with_stiffness` derive variants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ._checks import check_choice, check_in_range, check_positive
from .anatomy import (
    BUNDLES,
    FEMORAL_RADIUS,
    LIGAMENTS,
    MAX_TIGHTNESS,
    PELVIC_POLAR_DEG,
    PELVIC_RADIUS,
    REGIONS,
    TERES_NOTCH_POLAR_DEG,
    VIA_RADIUS,
)
from .calibration import attachments_in_use, slack_ratios, stiffness_in_use
from .geometry import SEXES, Geometry, acetabular_axis, default_geometry, neck_axis
from .wrapping import helix_length, path_lengths

__all__ = [
    "Bundle",
    "Capsule",
    "attachment_table",
    "build_capsule",
    "default_capsule",
    "neutral_lengths_mm",
    "region_capsule",
]


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
        """Return a capsule with the chosen ligaments cut (no force).

        ``ligaments`` is required: a ligament or bundle name or a list of them (``None`` is
        refused rather than read as "cut everything").
        """
        if ligaments is None:
            raise ValueError(
                f"ligaments=None is not a name; give one or more of {', '.join(LIGAMENTS)}"
            )
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
        pel = _pelvic_point(geom, desc["clock"], TERES_NOTCH_POLAR_DEG, None)
        return pel, _fovea_point(geom, desc["polar"], desc["azimuth"]), None, 0.0
    pel = _pelvic_point(geom, desc["clock"], PELVIC_POLAR_DEG, PELVIC_RADIUS)
    r_f = FEMORAL_RADIUS[name]
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
        Frozen; slack lengths from ``hipcapsule/calibration/data/calibration.json`` (fitted once by
        ``scripts/calibrate-model`` on the male geometry, stored as slack / neutral length so
        the female capsule is the same fit on its own geometry).
    """
    check_choice("sex", sex, SEXES)
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
