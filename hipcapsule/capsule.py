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
    FIBRE_COUNTS,
    LIGAMENTS,
    MAX_TIGHTNESS,
    PELVIC_RADIUS,
    REGIONS,
    TERES_NOTCH_POLAR_DEG,
    TERES_STIFFNESS_N_PER_MM,
    clock_deg,
    fibre_fraction,
)
from .calibration import footprints_in_use, slack_ratios, stiffness_in_use
from .geometry import (
    SEXES,
    Geometry,
    acetabular_axis,
    default_geometry,
    frame_about,
    neck_frame,
)
from .wrapping import fibre_paths, insertions, neutral_separation_rad

__all__ = [
    "Bundle",
    "Capsule",
    "attachment_table",
    "build_capsule",
    "default_capsule",
    "fibre_points",
    "neutral_lengths_mm",
    "pelvic_footprint_deg",
    "region_capsule",
]


@dataclass(frozen=True)
class Bundle:
    """One fibre of a ligament (a ligament is a fan of :data:`~hipcapsule.anatomy.FIBRE_COUNTS`
    fibres).

    Attributes
    ----------
    name, ligament : str
        Fibre name (``"ischiofemoral_2"``) and its ligament-level name.
    pelvic_point_mm : tuple of 3 float
        Pelvic attachment, pelvis frame (mm from the head centre).
    femoral_point_mm : tuple of 3 float
        Femoral attachment, femur frame (mm).
    slack_length_mm : float
        Slack length of the normal (untightened) fibre (mm).
    stiffness_n_per_mm : float
        Linear-region stiffness of this fibre (N/mm): its ligament's stiffness divided by the
        ligament's fibre count, times :attr:`stiffness_factor`.
    tightness : float
        Fractional shortening of the slack length, in [0, 0.5].
    released : bool
        True if the fibre is cut (carries no force).
    stiffness_factor : float
        Product of every :meth:`Capsule.with_stiffness` factor applied to this fibre.
    on_sphere : bool
        True if both ends lie on the head sphere (the ligamentum teres): a pure arc, no neck
        wrap.
    """

    name: str
    ligament: str
    pelvic_point_mm: tuple[float, float, float]
    femoral_point_mm: tuple[float, float, float]
    slack_length_mm: float
    stiffness_n_per_mm: float
    tightness: float = 0.0
    released: bool = False
    stiffness_factor: float = 1.0
    on_sphere: bool = False

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
    :meth:`released` and :meth:`with_stiffness`. ``member`` is the calibration-ensemble member
    the capsule was built from (None for the best fit, see :mod:`hipcapsule.ensemble`).
    """

    sex: str
    geometry: Geometry
    bundles: tuple[Bundle, ...]
    member: int | None = None

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
                replace(b, stiffness_n_per_mm=b.stiffness_n_per_mm * f,
                        stiffness_factor=b.stiffness_factor * f)
                if _matches(b, names)
                else b
                for b in self.bundles
            ),
        )

    def modifications_onto(self, other: Capsule) -> Capsule:
        """``other`` with this capsule's tightness, releases and stiffness factors applied.

        Used to carry a query capsule's changes onto every calibration-ensemble member
        (:mod:`hipcapsule.ensemble`). Both capsules must have the same fibres.
        """
        if other.bundle_names != self.bundle_names:
            raise ValueError("capsules have different fibres; cannot transfer modifications")
        return replace(
            other,
            bundles=tuple(
                replace(o, tightness=b.tightness, released=b.released,
                        stiffness_n_per_mm=o.stiffness_n_per_mm * b.stiffness_factor,
                        stiffness_factor=b.stiffness_factor)
                for b, o in zip(self.bundles, other.bundles, strict=True)
            ),
        )


# --------------------------------------------------------------------------------------------
# construction


def _rim_frame(geom: Geometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Frame about the acetabular axis: (axis, superior, anterior) in the pelvis frame."""
    return frame_about(acetabular_axis(geom))


def _pelvic_point(geom: Geometry, clock_h: float, polar_deg: float, radius) -> np.ndarray:
    a, sup, ant = _rim_frame(geom)
    alpha = math.radians(clock_deg(clock_h))
    u = math.cos(alpha) * sup + math.sin(alpha) * ant
    beta = math.radians(polar_deg)
    rho = geom.wrap_radius_mm if radius is None else radius * geom.head_radius_mm
    return rho * (math.cos(beta) * a + math.sin(beta) * u)


def _neck_point(geom: Geometry, azimuth_deg: float, axial: float, radius: float) -> np.ndarray:
    n, up, ant = neck_frame(geom)
    phi = math.radians(azimuth_deg)
    r_head = geom.head_radius_mm
    return axial * r_head * n + radius * r_head * (math.cos(phi) * up + math.sin(phi) * ant)


def _fovea_point(geom: Geometry, polar_deg: float, azimuth_deg: float) -> np.ndarray:
    n, up, ant = neck_frame(geom)
    polar, azim = math.radians(polar_deg), math.radians(azimuth_deg)
    d = -math.cos(polar) * n + math.sin(polar) * (math.cos(azim) * up + math.sin(azim) * ant)
    return geom.wrap_radius_mm * d


def fibre_points(geom: Geometry, ligament: str, footprint: dict) -> list[tuple]:
    """(pelvic point, femoral point) of every fibre of ``ligament`` (mm), in fibre order.

    ``footprint`` is the ligament's description (:data:`hipcapsule.anatomy.DEFAULT_FOOTPRINTS`
    layout).
    """
    if ligament == "ligamentum_teres":
        pel = _pelvic_point(geom, footprint["clock"], TERES_NOTCH_POLAR_DEG, None)
        return [(pel, _fovea_point(geom, footprint["polar"], footprint["azimuth"]))]
    n = FIBRE_COUNTS[ligament]
    out = []
    for i in range(n):
        s = fibre_fraction(i, n)
        pel = _pelvic_point(geom, footprint["clock"] + s * footprint["clock_span"],
                            geom.rim_polar_deg, PELVIC_RADIUS)
        fem = _neck_point(geom, footprint["azimuth"] + s * footprint["azimuth_span"],
                          footprint["axial"], footprint["radius"])
        out.append((pel, fem))
    return out


def _neutral_lengths(geom: Geometry, pel: np.ndarray, fem: np.ndarray, on_sphere: np.ndarray):
    """Neutral-pose path lengths (mm) and neutral winding angles of fibres (3, nb) arrays."""
    n, u, v = neck_frame(geom)
    sigma0 = neutral_separation_rad(np.arctan2(v @ pel, u @ pel), np.arctan2(v @ fem, u @ fem))
    ins = insertions(fem, geom.wrap_radius_mm, n, u, v, geom.neck_wrap_radius_mm, sigma0,
                     on_sphere)
    res = fibre_paths(pel[None], ins.expand(), geom.wrap_radius_mm, n, u, v,
                      geom.neck_wrap_radius_mm)
    return res.length_mm[0], sigma0


def neutral_lengths_mm(geom: Geometry, footprints: dict | None = None) -> dict[str, float]:
    """Path length (mm) of every fibre in the neutral pose for ``geom``."""
    fp = footprints_in_use() if footprints is None else footprints
    pts = [p for lig in LIGAMENTS for p in fibre_points(geom, lig, fp[lig])]
    pel = np.array([p for p, _ in pts]).T
    fem = np.array([f for _, f in pts]).T
    on_sphere = np.array([BUNDLES[name] == "ligamentum_teres" for name in BUNDLES])
    length, _ = _neutral_lengths(geom, pel, fem, on_sphere)
    return dict(zip(BUNDLES, map(float, length), strict=True))


def build_capsule(
    sex: str,
    ratios: dict[str, float],
    footprints: dict | None = None,
    geometry: Geometry | None = None,
    stiffness: dict | None = None,
    member: int | None = None,
) -> Capsule:
    """Build a capsule for ``sex`` with every fibre's slack = ``ratios[ligament]`` x its
    neutral length.

    ``footprints`` maps ligament -> description (default: :func:`footprints_in_use`);
    ``stiffness`` maps ligament -> N/mm (default: :func:`stiffness_in_use`), shared equally by
    the ligament's fibres.
    """
    geom = default_geometry(sex) if geometry is None else geometry
    fp = footprints_in_use() if footprints is None else footprints
    stiff = stiffness_in_use() if stiffness is None else stiffness
    neutral = neutral_lengths_mm(geom, fp)
    bundles = []
    for lig in LIGAMENTS:
        k = TERES_STIFFNESS_N_PER_MM if lig == "ligamentum_teres" else stiff[lig]
        n = FIBRE_COUNTS[lig]
        for i, (pel, fem) in enumerate(fibre_points(geom, lig, fp[lig])):
            name = f"{lig}_{i + 1}"
            bundles.append(
                Bundle(
                    name=name,
                    ligament=lig,
                    pelvic_point_mm=tuple(float(v) for v in pel),
                    femoral_point_mm=tuple(float(v) for v in fem),
                    slack_length_mm=float(ratios[lig] * neutral[name]),
                    stiffness_n_per_mm=float(k / n),
                    on_sphere=lig == "ligamentum_teres",
                )
            )
    return Capsule(sex=sex, geometry=geom, bundles=tuple(bundles), member=member)


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
                "slack_length_mm": b.slack_length_mm,
                "stiffness_n_per_mm": b.stiffness_n_per_mm,
            }
        )
    return rows


def pelvic_footprint_deg(ligaments, footprints: dict | None = None) -> tuple[float, float]:
    """Where ``ligaments`` arise on the acetabular rim, as the clock-face arc their pelvic
    footprints cover together.

    Parameters
    ----------
    ligaments : str or sequence of str
        Capsular ligament names (:data:`~hipcapsule.anatomy.LIGAMENTS`, not the ligamentum
        teres); several names give the arc that spans all of them (both iliofemoral arms,
        for a source that reports the iliofemoral ligament as one).
    footprints : dict, optional
        Ligament -> description (default: :func:`~hipcapsule.calibration.footprints_in_use`).

    Returns
    -------
    (start, end) : tuple of float
        Degrees from the 12 o'clock position towards 3 o'clock (anterior) on the clock face of
        a right hip (30 deg per hour; 6 o'clock is the acetabular notch): each footprint is its
        centre +/- half its ``clock_span``.
    """
    names = [ligaments] if isinstance(ligaments, str) else list(ligaments)
    if not names:
        raise ValueError("ligaments=[] is empty; give at least one capsular ligament")
    capsular = [lig for lig in LIGAMENTS if lig != "ligamentum_teres"]
    fp = footprints_in_use() if footprints is None else footprints
    arcs = []
    for lig in names:
        check_choice("ligaments", lig, capsular)
        centre, span = fp[lig]["clock"], fp[lig]["clock_span"]
        arcs.append((clock_deg(centre - 0.5 * span), clock_deg(centre + 0.5 * span)))
    return min(a for a, _ in arcs), max(b for _, b in arcs)
