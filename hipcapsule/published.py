"""Published numbers the model, its calibration, its validation and the course rest on.

Numbers that the evidence table (:mod:`hipcapsule.evidence`) holds, with their quotes and
locators, are read from it here by row key, so each is typed once; the few clinical numbers the
course quotes that are not model evidence (AAOS norms, ACR criteria, Birrell's accuracy, the
finite-element models' errors) are typed here with their citation keys. Calibration,
validation, figures, lesson prose (through ``{eval}``) and tests import this module; nothing
else re-types them.

Conventions: angles in degrees, torques in N m, means with their standard deviation where one
is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from .evidence import row as _row
from .evidence import value as _value

__all__ = [
    "AAOS_NORMS",
    "ACR_FLEXION_MAX_DEG",
    "ACR_IR_BELOW_DEG",
    "BIRRELL2001_SENSITIVITY_PCT",
    "BIRRELL2001_SPECIFICITY_PCT",
    "CAPSULE_LIMIT_TORQUE_NM",
    "FE_MODEL_RMS_DEG",
    "KOUYOUMDJIAN2012_N",
    "ROTATION_BY_POSITION",
    "ROTATIONAL_STIFFNESS_NM_PER_DEG",
    "SCHLEIFENBAUM2016",
    "TENSILE_TEST_STRAIN",
    "UNRESISTED_ARC_DEG",
    "WOMEN_MINUS_MEN_IR_DEG",
    "NormalRange",
    "RotationByPosition",
    "TensileProperties",
    "all_source_keys",
    "norm_for",
    "rotation_for_position",
]


def _mean_sd(key: str) -> tuple[float, float]:
    r = _row(key)
    return (r.value, r.sd)


# ---------------------------------------------------------------------------------------------
# Cadaver capsule (van Arkel et al. 2015, vanarkel2015)

#: Passive capsular restraining torque that defines a range-of-motion limit (N m), vanarkel2015.
CAPSULE_LIMIT_TORQUE_NM: float = _value("vanarkel2015-threshold")

#: Unresisted rotation arc in mid-range positions, "up to" mean and SD (deg), vanarkel2015.
UNRESISTED_ARC_DEG: tuple[float, float] = _mean_sd("vanarkel2015-unresisted-arc")

#: Capsular rotational stiffness once engaged, mean and SD (N m/deg), vanarkel2015.
ROTATIONAL_STIFFNESS_NM_PER_DEG: tuple[float, float] = _mean_sd("vanarkel2015-stiffness")

# ---------------------------------------------------------------------------------------------
# Ligament tissue (Pieroh et al. 2016; bibliography key schleifenbaum2016)


@dataclass(frozen=True)
class TensileProperties:
    """Uniaxial tensile test results of one capsular ligament (schleifenbaum2016).

    Attributes
    ----------
    modulus_mpa, modulus_sd_mpa : float
        Secant elastic modulus, mean and SD (MPa = N/mm^2).
    cross_section_mm2, cross_section_sd_mm2 : float
        Cross-sectional area, mean and SD (mm^2).
    strain, strain_sd : float
        Strain reached in the tests (fraction), mean and SD.
    """

    modulus_mpa: float
    modulus_sd_mpa: float
    cross_section_mm2: float
    cross_section_sd_mm2: float
    strain: float
    strain_sd: float


def _tensile(lig: str) -> TensileProperties:
    e = _mean_sd(f"schleifenbaum2016-{lig}-modulus")
    a = _mean_sd(f"schleifenbaum2016-{lig}-area")
    st = _mean_sd(f"schleifenbaum2016-{lig}-strain")
    return TensileProperties(*e, *a, st[0] / 100.0, st[1] / 100.0)


#: Ligament -> tensile properties (schleifenbaum2016).
SCHLEIFENBAUM2016: dict[str, TensileProperties] = {
    lig: _tensile(lig) for lig in ("iliofemoral", "ischiofemoral", "pubofemoral")
}

#: Smallest mean strain (fraction) the uniaxial tests of hip capsule ligaments reached
#: (schleifenbaum2016): a band far below it at a model limit is far from failure.
TENSILE_TEST_STRAIN: float = min(t.strain for t in SCHLEIFENBAUM2016.values())

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
KOUYOUMDJIAN2012_N: int = _row("kouyoumdjian2012-seated-ir").n

#: Rotation by test position (kouyoumdjian2012). The seated ER is the published total arc
#: minus the published seated IR (the abstract misprints it as the arc); the seated position is
#: taken as 90 deg of hip flexion (the text does not give the angle).
ROTATION_BY_POSITION: tuple[RotationByPosition, ...] = (
    RotationByPosition("prone", 0.0, _value("kouyoumdjian2012-prone-ir"),
                       _value("kouyoumdjian2012-prone-er")),
    RotationByPosition("seated", 90.0, _value("kouyoumdjian2012-seated-ir"),
                       round(_value("kouyoumdjian2012-seated-arc")
                             - _value("kouyoumdjian2012-seated-ir"), 1)),
    RotationByPosition("supine", 0.0, _value("kouyoumdjian2012-supine-ir"),
                       _value("kouyoumdjian2012-supine-er")),
)

#: Women minus men, internal rotation (deg) at 90 and at 0 deg hip flexion, in 18-year-old
#: athletes (czuppon2017). (The course notes' "5-10 deg more in women" was attributed to
#: kouyoumdjian2012, whose abstract does not say it.)
WOMEN_MINUS_MEN_IR_DEG: dict[float, float] = {
    90.0: round(_value("czuppon2017-ir-flexion90-female")
                - _value("czuppon2017-ir-flexion90-male"), 1),
    0.0: round(_value("czuppon2017-ir-flexion0-female") - _value("czuppon2017-ir-flexion0-male"),
               1),
}

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
    keys = {"vanarkel2015", "schleifenbaum2016", "altman1991", "birrell2001", "czuppon2017"}
    keys |= {r.source_key for r in (*AAOS_NORMS, *ROTATION_BY_POSITION)}
    keys |= set(FE_MODEL_RMS_DEG)
    return keys
