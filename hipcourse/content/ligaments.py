"""Ligament notes for the course: where each capsular ligament runs and what it restrains.

The descriptions are written for this course and paraphrase the cited anatomy; each record
carries the citation keys it rests on (``book/references.bib``). Data plus look-ups only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LIGAMENTS",
    "LIGAMENT_KEYS",
    "Ligament",
    "RESTRAINT_LEVELS",
    "RESTRAINT_MOTIONS",
    "ROM_MOTIONS",
    "Restraint",
    "ligament_by_key",
    "restraint_level",
    "restraint_matrix",
    "source_keys",
]

RestraintRole = Literal["primary", "secondary"]

#: The six hip motions in display order (plain words).
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


def source_keys() -> set[str]:
    """Every citation key the ligament notes rest on."""
    keys: set[str] = set()
    for ligament in LIGAMENTS:
        keys |= set(ligament.source_keys)
    return keys
