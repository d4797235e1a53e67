"""Published numbers the model, its calibration, its validation and the course rest on.

Every number taken from a source is typed here once, next to the citation key of that source in
``book/references.bib``. Calibration targets, validation bands, figures, lesson prose (through
myst-nb ``glue``) and tests all import it; nothing else re-types them.

Conventions: angles in degrees, torques in N m, means with their standard deviation where one
is published. A value the course's reference notes give but that could not yet be found in the
cited source's text says so in its comment.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AAOS_NORMS",
    "ACR_FLEXION_MAX_DEG",
    "ACR_IR_BELOW_DEG",
    "BIRRELL2001_SENSITIVITY_PCT",
    "BIRRELL2001_SPECIFICITY_PCT",
    "CADAVER_LIMITS",
    "CAPSULE_LIMIT_TORQUE_NM",
    "FE_MODEL_RMS_DEG",
    "KOUYOUMDJIAN2012_N",
    "ROTATION_BY_POSITION",
    "ROTATIONAL_STIFFNESS_NM_PER_DEG",
    "SCHLEIFENBAUM2016",
    "TENSILE_TEST_STRAIN",
    "UNRESISTED_ARC_DEG",
    "WOMEN_EXTRA_IR_DEG",
    "CadaverLimit",
    "NormalRange",
    "RotationByPosition",
    "TensileProperties",
    "all_source_keys",
    "norm_for",
    "rotation_for_position",
]

# ---------------------------------------------------------------------------------------------
# Cadaver capsule (van Arkel et al. 2015, vanarkel2015)

#: Passive capsular restraining torque that defines a range-of-motion limit (N m), vanarkel2015.
CAPSULE_LIMIT_TORQUE_NM: float = 5.0

#: Unresisted rotation arc in mid-range positions, "up to" mean and SD (deg), vanarkel2015.
UNRESISTED_ARC_DEG: tuple[float, float] = (50.0, 10.0)

#: Capsular rotational stiffness once engaged, mean and SD (N m/deg), vanarkel2015.
ROTATIONAL_STIFFNESS_NM_PER_DEG: tuple[float, float] = (0.8, 0.3)


@dataclass(frozen=True)
class CadaverLimit:
    """Angle at which the native capsule resists a motion with :data:`CAPSULE_LIMIT_TORQUE_NM`.

    Attributes
    ----------
    motion : str
        Model motion name (``"internal_rotation"``, ``"abduction"``, ...).
    start_flexion_deg : float
        Hip flexion of the start pose (deg).
    limit_deg : float
        Mean limit (deg from the start pose, positive).
    sd_deg : float or None
        Published standard deviation (deg); None where only an approximate mean is given.
    source_key : str
    """

    motion: str
    start_flexion_deg: float
    limit_deg: float
    sd_deg: float | None = None
    source_key: str = "vanarkel2015"

    @property
    def condition(self) -> str:
        """Where the limit was measured, in words."""
        if self.start_flexion_deg == 0.0:
            where = "from neutral"
        else:
            where = f"at {self.start_flexion_deg:.0f} degrees of flexion"
        if self.sd_deg is not None:
            where += f"; mean {self.limit_deg:.0f} +/- {self.sd_deg:.0f} degrees"
        return where


#: Capsule-only limits at 5 N m (vanarkel2015). The course's reference notes flag the
#: per-position values as read from the paper's figures, not found in its text.
CADAVER_LIMITS: tuple[CadaverLimit, ...] = (
    CadaverLimit("internal_rotation", 30.0, 35.0),
    CadaverLimit("external_rotation", 30.0, 35.0),
    CadaverLimit("extension", 0.0, 12.0, 7.0),
    CadaverLimit("abduction", 30.0, 30.0),
    CadaverLimit("adduction", 30.0, 40.0),
)

# ---------------------------------------------------------------------------------------------
# Ligament tissue (Schleifenbaum et al. 2016, schleifenbaum2016)


@dataclass(frozen=True)
class TensileProperties:
    """Uniaxial tensile test results of one capsular ligament (schleifenbaum2016).

    Attributes
    ----------
    modulus_mpa, modulus_sd_mpa : float
        Secant elastic modulus, mean and SD (MPa = N/mm^2).
    cross_section_mm2, cross_section_sd_mm2 : float
        Cross-sectional area, mean and SD (mm^2).
    """

    modulus_mpa: float
    modulus_sd_mpa: float
    cross_section_mm2: float
    cross_section_sd_mm2: float


#: Ligament -> tensile properties (schleifenbaum2016).
SCHLEIFENBAUM2016: dict[str, TensileProperties] = {
    "iliofemoral": TensileProperties(48.8, 21.4, 53.5, 15.1),
    "ischiofemoral": TensileProperties(37.5, 20.4, 19.2, 13.2),
    "pubofemoral": TensileProperties(49.0, 32.1, 15.2, 7.2),
}

#: Strain reached in those uniaxial tests of hip capsule ligaments (fraction), schleifenbaum2016.
TENSILE_TEST_STRAIN: float = 1.30

# ---------------------------------------------------------------------------------------------
# Clinical norms


@dataclass(frozen=True)
class NormalRange:
    """Typical adult active range of one hip motion (deg).

    Attributes
    ----------
    motion : str
        Model motion name.
    low_deg, high_deg : float
        Ends of the quoted typical range (equal for a single quoted value).
    source_key : str
    """

    motion: str
    low_deg: float
    high_deg: float
    source_key: str = "aaos1965"

    @property
    def typical_deg(self) -> float:
        """Mid-point of the quoted range (deg)."""
        return round((self.low_deg + self.high_deg) / 2.0, 1)


#: Typical adult ranges (aaos1965).
AAOS_NORMS: tuple[NormalRange, ...] = (
    NormalRange("flexion", 120.0, 120.0),
    NormalRange("extension", 20.0, 30.0),
    NormalRange("abduction", 45.0, 45.0),
    NormalRange("adduction", 30.0, 30.0),
    NormalRange("internal_rotation", 35.0, 45.0),
    NormalRange("external_rotation", 45.0, 45.0),
)


@dataclass(frozen=True)
class RotationByPosition:
    """Mean passive hip rotation of healthy adults in one test position (kouyoumdjian2012).

    Attributes
    ----------
    position : {"prone", "seated", "supine"}
    hip_flexion_deg : float
        Hip flexion during the test (deg).
    internal_rotation_deg, external_rotation_deg : float
        Means (deg).
    source_key : str
    """

    position: str
    hip_flexion_deg: float
    internal_rotation_deg: float
    external_rotation_deg: float
    source_key: str = "kouyoumdjian2012"

    @property
    def total_rotation_deg(self) -> float:
        """Internal plus external rotation (deg)."""
        return round(self.internal_rotation_deg + self.external_rotation_deg, 1)


#: Adults measured by Kouyoumdjian et al. 2012.
KOUYOUMDJIAN2012_N: int = 120

#: Rotation by test position (kouyoumdjian2012). The seated ER is the published total arc
#: (78.5 deg) minus the published seated IR (37.9 deg); the abstract misprints it.
ROTATION_BY_POSITION: tuple[RotationByPosition, ...] = (
    RotationByPosition("prone", 0.0, 35.2, 41.8),
    RotationByPosition("seated", 90.0, 37.9, 40.6),
    RotationByPosition("supine", 0.0, 29.6, 38.5),
)

#: Women minus men, seated internal rotation (low, high), deg. From the course's reference
#: notes, attributed to kouyoumdjian2012; not found in that paper's abstract (to be checked).
WOMEN_EXTRA_IR_DEG: tuple[float, float] = (5.0, 10.0)

#: ACR classification criteria for hip osteoarthritis (altman1991): internal rotation below
#: this (deg) and flexion at or below :data:`ACR_FLEXION_MAX_DEG`.
ACR_IR_BELOW_DEG: float = 15.0
ACR_FLEXION_MAX_DEG: float = 115.0

#: A restriction in any one plane in hip osteoarthritis: sensitivity and specificity ranges
#: (percent), birrell2001.
BIRRELL2001_SENSITIVITY_PCT: tuple[float, float] = (86.0, 100.0)
BIRRELL2001_SPECIFICITY_PCT: tuple[float, float] = (42.0, 54.0)

#: RMS error (deg) of reference finite-element capsule models: citation key -> value. Both model
#: implanted (hip-replacement) capsules; Myers 2020's value is a calibration error.
FE_MODEL_RMS_DEG: dict[str, float] = {"myers2020": 4.7, "ananthakrishnan2024": 4.5}

# ---------------------------------------------------------------------------------------------
# Look-ups


def rotation_for_position(position: str) -> RotationByPosition:
    """The :data:`ROTATION_BY_POSITION` record of ``position``.

    Raises
    ------
    ValueError
        If ``position`` is not one of the published positions.
    """
    for record in ROTATION_BY_POSITION:
        if record.position == position:
            return record
    names = ", ".join(repr(r.position) for r in ROTATION_BY_POSITION)
    raise ValueError(f"position={position!r} is not one of {names}")


def norm_for(motion: str) -> NormalRange:
    """The :data:`AAOS_NORMS` record of ``motion`` (model motion name).

    Raises
    ------
    ValueError
        If ``motion`` has no AAOS norm.
    """
    for record in AAOS_NORMS:
        if record.motion == motion:
            return record
    names = ", ".join(repr(r.motion) for r in AAOS_NORMS)
    raise ValueError(f"motion={motion!r} is not one of {names}")


def all_source_keys() -> set[str]:
    """Every citation key used by this module's records and constants."""
    keys = {"vanarkel2015", "schleifenbaum2016", "altman1991", "birrell2001"}
    keys |= {r.source_key for r in (*AAOS_NORMS, *ROTATION_BY_POSITION, *CADAVER_LIMITS)}
    keys |= set(FE_MODEL_RMS_DEG)
    return keys
