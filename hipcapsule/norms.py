"""Published reference data used by lesson 01 (anatomy and norms).

Every number here comes from a source in ``book/references.bib``; each record
carries the citation key(s) it rests on. Angles are in degrees. The ligament
descriptions are written for this course and paraphrase the cited anatomy.

Nothing in this module computes anything clever: it is data plus a few
look-up helpers, so that lessons, figures and tests all read the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AAOS_NORMS",
    "CADAVER_CAPSULE_LIMITS",
    "CAPSULE_LIMIT_TORQUE_NM",
    "LIGAMENTS",
    "LIGAMENT_KEYS",
    "Ligament",
    "NormalRange",
    "RESTRAINT_LEVELS",
    "RESTRAINT_MOTIONS",
    "ROM_MOTIONS",
    "Restraint",
    "RotationByPosition",
    "ROTATION_BY_POSITION",
    "TEST_POSITIONS",
    "WOMEN_EXTRA_IR_DEG",
    "CadaverLimit",
    "all_source_keys",
    "ligament_by_key",
    "restraint_level",
    "restraint_matrix",
    "rotation_for_position",
]

RestraintRole = Literal["primary", "secondary"]

#: Motions shown in the normal-range figure, in display order.
ROM_MOTIONS: tuple[str, ...] = (
    "flexion",
    "extension",
    "abduction",
    "adduction",
    "internal rotation",
    "external rotation",
)

#: Motions (plus distraction) used in the ligament restraint table.
RESTRAINT_MOTIONS: tuple[str, ...] = (*ROM_MOTIONS, "distraction")

#: Numeric code for each restraint role, used by the heatmap (0 means "none").
RESTRAINT_LEVELS: dict[str, int] = {"none": 0, "secondary": 1, "primary": 2}


# ---------------------------------------------------------------------------
# Typical adult normal ranges (AAOS)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalRange:
    """Typical adult active range for one hip motion.

    Attributes
    ----------
    motion : str
        One of :data:`ROM_MOTIONS`.
    low_deg, high_deg : float
        Lower and upper ends of the quoted typical range, in degrees.
    source_key : str
        Citation key in ``book/references.bib``.
    """

    motion: str
    low_deg: float
    high_deg: float
    source_key: str

    @property
    def typical_deg(self) -> float:
        """Mid-point of the quoted range, in degrees."""
        return round((self.low_deg + self.high_deg) / 2.0, 1)


AAOS_NORMS: tuple[NormalRange, ...] = (
    NormalRange("flexion", 120.0, 120.0, "aaos1965"),
    NormalRange("extension", 20.0, 30.0, "aaos1965"),
    NormalRange("abduction", 45.0, 45.0, "aaos1965"),
    NormalRange("adduction", 30.0, 30.0, "aaos1965"),
    NormalRange("internal rotation", 35.0, 45.0, "aaos1965"),
    NormalRange("external rotation", 45.0, 45.0, "aaos1965"),
)


# ---------------------------------------------------------------------------
# Rotation by test position (Kouyoumdjian et al. 2012)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RotationByPosition:
    """Mean passive hip rotation measured in one test position.

    Attributes
    ----------
    position : str
        ``"prone"``, ``"seated"`` or ``"supine"``.
    hip_flexion_deg : float
        Hip flexion during the test, in degrees (0 = thigh in line with trunk).
    internal_rotation_deg, external_rotation_deg : float
        Mean internal and external rotation of 120 healthy adults, in degrees.
    description : str
        How the person lies or sits, in plain words.
    source_key : str
        Citation key in ``book/references.bib``.
    """

    position: str
    hip_flexion_deg: float
    internal_rotation_deg: float
    external_rotation_deg: float
    description: str
    source_key: str = "kouyoumdjian2012"

    @property
    def total_rotation_deg(self) -> float:
        """Internal plus external rotation (the rotation arc), in degrees."""
        return round(self.internal_rotation_deg + self.external_rotation_deg, 1)


# The seated external-rotation value is the published total arc (78.5 deg)
# minus the published internal rotation (37.9 deg); the abstract misprints it.
ROTATION_BY_POSITION: tuple[RotationByPosition, ...] = (
    RotationByPosition(
        "prone", 0.0, 35.2, 41.8, "lying face down, hip straight, knee bent to 90 degrees"
    ),
    RotationByPosition("seated", 90.0, 37.9, 40.6, "sitting, hip and knee bent to 90 degrees"),
    RotationByPosition("supine", 0.0, 29.6, 38.5, "lying on the back, hip straight"),
)

#: Test positions in display order.
TEST_POSITIONS: tuple[str, ...] = tuple(r.position for r in ROTATION_BY_POSITION)

#: On average women show this much more internal rotation than men (low, high), degrees.
#: Summarised from the course reference for :data:`ROTATION_BY_POSITION`'s source.
WOMEN_EXTRA_IR_DEG: tuple[float, float] = (5.0, 10.0)


# ---------------------------------------------------------------------------
# Capsule-only limits in cadavers (van Arkel et al. 2015)
# ---------------------------------------------------------------------------

#: Passive capsular torque that defines a range-of-motion limit in the cadaver work, N*m.
CAPSULE_LIMIT_TORQUE_NM: float = 5.0


@dataclass(frozen=True)
class CadaverLimit:
    """Angle at which the native capsule resists with :data:`CAPSULE_LIMIT_TORQUE_NM`.

    Attributes
    ----------
    motion : str
        One of :data:`ROM_MOTIONS`.
    limit_deg : float
        Mean limit in degrees (magnitude, measured from neutral).
    condition : str
        Hip position in which the limit was measured.
    source_key : str
        Citation key in ``book/references.bib``.
    """

    motion: str
    limit_deg: float
    condition: str
    source_key: str = "vanarkel2015"


CADAVER_CAPSULE_LIMITS: tuple[CadaverLimit, ...] = (
    CadaverLimit("extension", 12.0, "from neutral; mean 12 +/- 7 degrees"),
    CadaverLimit("abduction", 30.0, "at 30 degrees of flexion"),
    CadaverLimit("adduction", 40.0, "at 30 degrees of flexion"),
    CadaverLimit("internal rotation", 35.0, "at 30 degrees of flexion"),
    CadaverLimit("external rotation", 35.0, "at 30 degrees of flexion"),
)


# ---------------------------------------------------------------------------
# The capsular ligaments and what they restrain
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Restraint:
    """One motion that a ligament limits.

    Attributes
    ----------
    motion : str
        One of :data:`RESTRAINT_MOTIONS`.
    role : {"primary", "secondary"}
        Whether the ligament is a main or a supporting check on this motion.
    context : str
        Hip position in which the restraint matters most ("" if any position).
    """

    motion: str
    role: RestraintRole
    context: str = ""


@dataclass(frozen=True)
class Ligament:
    """A capsular ligament, where it runs and what it restrains.

    Attributes
    ----------
    key : str
        Short identifier, e.g. ``"ischiofemoral"``.
    name : str
        Display name.
    pelvic_origin : str
        Where it starts on the pelvis (own words).
    femoral_insertion : str
        Where it ends on the femur (own words).
    course : str
        How the fibres run between the two, and why that matters.
    restraints : tuple of Restraint
        Motions it limits.
    source_keys : tuple of str
        Citation keys in ``book/references.bib``.
    """

    key: str
    name: str
    pelvic_origin: str
    femoral_insertion: str
    course: str
    restraints: tuple[Restraint, ...]
    source_keys: tuple[str, ...]

    def role_for(self, motion: str) -> str:
        """Return ``"primary"``, ``"secondary"`` or ``"none"`` for a motion."""
        for restraint in self.restraints:
            if restraint.motion == motion:
                return restraint.role
        return "none"

    def context_for(self, motion: str) -> str:
        """Return the position qualifier for a motion ("" if none is recorded)."""
        for restraint in self.restraints:
            if restraint.motion == motion:
                return restraint.context
        return ""


LIGAMENTS: tuple[Ligament, ...] = (
    Ligament(
        key="iliofemoral_lateral",
        name="Iliofemoral, lateral (superior) arm",
        pelvic_origin=(
            "The ilium just below the anterior inferior iliac spine, above the front of the socket."
        ),
        femoral_insertion=(
            "The upper part of the intertrochanteric line at the front of the femur "
            "(roughly its proximal 42 percent)."
        ),
        course=(
            "Runs down and out across the front of the joint. It is the thickest band "
            "of the capsule and tightens when the thigh turns out or moves behind the body."
        ),
        restraints=(
            Restraint("external rotation", "primary"),
            Restraint("extension", "primary"),
            Restraint("adduction", "primary", "in extension"),
        ),
        source_keys=("tamaki2020", "wagner2012", "vanarkel2015", "hidaka2014"),
    ),
    Ligament(
        key="iliofemoral_medial",
        name="Iliofemoral, medial (inferior) arm",
        pelvic_origin=(
            "Shares its origin with the lateral arm, below the anterior inferior iliac spine."
        ),
        femoral_insertion=(
            "The lower third of the intertrochanteric line, a little above the lesser trochanter."
        ),
        course=(
            "Runs almost straight down the front of the joint. With the lateral arm it "
            "forms an inverted Y that is pulled tight when the hip is straightened fully."
        ),
        restraints=(
            Restraint("external rotation", "primary"),
            Restraint("extension", "primary"),
        ),
        source_keys=("tamaki2020", "wagner2012", "hidaka2014"),
    ),
    Ligament(
        key="pubofemoral",
        name="Pubofemoral",
        pelvic_origin=(
            "The superior pubic ramus and the iliopubic eminence, below the front of the socket."
        ),
        femoral_insertion=(
            "The lower side of the femoral neck near the lesser trochanter, blending "
            "with the medial iliofemoral arm."
        ),
        course=(
            "Runs outwards under the neck from the pubic bone. It tightens when the thigh "
            "moves away from the midline, especially with the hip straight."
        ),
        restraints=(
            Restraint("abduction", "primary"),
            Restraint("external rotation", "primary", "hip straight or abducted"),
        ),
        source_keys=("wagner2012", "martin2008", "hidaka2014"),
    ),
    Ligament(
        key="ischiofemoral",
        name="Ischiofemoral",
        pelvic_origin="The ischium behind and below the socket, along the posterior-inferior rim.",
        femoral_insertion=(
            "The upper outer femoral neck near the greater trochanter, in front of the neck axis."
        ),
        course=(
            "Spirals up and outwards over the back of the neck before inserting. Turning "
            "the thigh inwards winds this spiral tighter, so it is the main check on "
            "internal rotation whether the hip is bent or straight."
        ),
        restraints=(
            Restraint("internal rotation", "primary", "in flexion and extension"),
            Restraint("adduction", "primary", "in flexion"),
            Restraint("abduction", "secondary", "combined with internal rotation"),
        ),
        source_keys=("tamaki2020", "martin2008", "baba2021", "hidaka2014", "vanarkel2015"),
    ),
    Ligament(
        key="zona_orbicularis",
        name="Zona orbicularis",
        pelvic_origin="No bony origin: circular fibres in the deep capsule.",
        femoral_insertion=(
            "No bony insertion: the fibres ring the narrowest part of the femoral neck."
        ),
        course=(
            "Wraps around the neck like a collar just beyond the head, so it holds the "
            "head in the socket when the leg is pulled lengthways."
        ),
        restraints=(Restraint("distraction", "primary"),),
        source_keys=("wagner2012",),
    ),
    Ligament(
        key="ligamentum_teres",
        name="Ligamentum teres",
        pelvic_origin=(
            "The acetabular notch and the transverse acetabular ligament, inside the joint."
        ),
        femoral_insertion="The fovea capitis, a small pit in the centre of the femoral head.",
        course=(
            "Lies inside the joint rather than in the capsule wall. It stays slack for "
            "most movements and only comes taut near the end of combined motions."
        ),
        restraints=(
            Restraint("flexion", "secondary", "high flexion with adduction and external rotation"),
            Restraint("adduction", "secondary", "in high flexion"),
            Restraint("external rotation", "secondary", "in high flexion"),
        ),
        source_keys=("vanarkel2015",),
    ),
)

#: Ligament keys in display order.
LIGAMENT_KEYS: tuple[str, ...] = tuple(lig.key for lig in LIGAMENTS)


# ---------------------------------------------------------------------------
# Look-up helpers
# ---------------------------------------------------------------------------


def ligament_by_key(key: str) -> Ligament:
    """Return the ligament record with the given key.

    Raises
    ------
    ValueError
        If the key is unknown.
    """
    for ligament in LIGAMENTS:
        if ligament.key == key:
            return ligament
    raise ValueError(f"ligament={key!r} is not one of {', '.join(LIGAMENT_KEYS)}")


def rotation_for_position(position: str) -> RotationByPosition:
    """Return the rotation record for a test position.

    Raises
    ------
    ValueError
        If the position is unknown.
    """
    for record in ROTATION_BY_POSITION:
        if record.position == position:
            return record
    raise ValueError(f"position={position!r} is not one of {', '.join(TEST_POSITIONS)}")


def restraint_level(ligament_key: str, motion: str) -> int:
    """Return 2 (primary), 1 (secondary) or 0 (none) for a ligament and motion.

    Raises
    ------
    ValueError
        If the ligament key or the motion is unknown.
    """
    if motion not in RESTRAINT_MOTIONS:
        raise ValueError(f"motion={motion!r} is not one of {', '.join(RESTRAINT_MOTIONS)}")
    return RESTRAINT_LEVELS[ligament_by_key(ligament_key).role_for(motion)]


def restraint_matrix() -> list[list[int]]:
    """Restraint levels as a ligaments x motions list of lists.

    Rows follow :data:`LIGAMENT_KEYS`, columns follow :data:`RESTRAINT_MOTIONS`.
    """
    return [[restraint_level(key, m) for m in RESTRAINT_MOTIONS] for key in LIGAMENT_KEYS]


def all_source_keys() -> set[str]:
    """Every citation key used by the data in this module."""
    keys: set[str] = {r.source_key for r in AAOS_NORMS}
    keys |= {r.source_key for r in ROTATION_BY_POSITION}
    keys |= {r.source_key for r in CADAVER_CAPSULE_LIMITS}
    for ligament in LIGAMENTS:
        keys |= set(ligament.source_keys)
    return keys
