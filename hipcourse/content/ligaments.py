"""Ligament notes for the course: where each capsular ligament runs and what it restrains.

The descriptions are written for this course and paraphrase the cited anatomy; each record
carries the citation keys it rests on (``book/references.bib``). The notes themselves are in
``ligaments.toml`` beside this module (prose is easier to edit there); this module loads and
checks them and offers look-ups.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "LIGAMENTS",
    "LIGAMENT_KEYS",
    "NOTES_PATH",
    "Ligament",
    "RESTRAINT_LEVELS",
    "RESTRAINT_MOTIONS",
    "ROM_MOTIONS",
    "Restraint",
    "ligament_by_key",
    "load_ligaments",
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
    short_name : str
        Name for narrow figures (a phone); the display name when the TOML gives none.
    """

    key: str
    name: str
    pelvic_origin: str
    femoral_insertion: str
    course: str
    restraints: tuple[Restraint, ...]
    source_keys: tuple[str, ...]
    short_name: str = ""

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


#: The notes, one ``[[ligament]]`` table each (edit the prose there).
NOTES_PATH = Path(__file__).with_name("ligaments.toml")
_FIELDS = ("key", "name", "pelvic_origin", "femoral_insertion", "course", "source_keys",
           "restraints")
#: Fields a note may leave out.
_OPTIONAL = ("short_name",)


def load_ligaments(path: Path = NOTES_PATH) -> tuple[Ligament, ...]:
    """Read and check the ligament notes.

    Raises
    ------
    ValueError
        Naming the ligament and the field when a note is incomplete or names an unknown
        motion or role.
    """
    with open(path, "rb") as fh:
        tables = tomllib.load(fh).get("ligament", [])
    out = []
    for i, t in enumerate(tables):
        where = f"{path.name}: ligament {t.get('key', i)!r}"
        missing = [f for f in _FIELDS if f not in t]
        if missing or set(t) - set(_FIELDS) - set(_OPTIONAL):
            raise ValueError(f"{where}: fields {sorted(t)}; expected {list(_FIELDS)} "
                             f"(optional: {list(_OPTIONAL)})")
        restraints = []
        for r in t["restraints"]:
            if r.get("motion") not in RESTRAINT_MOTIONS or r.get("role") not in (
                    "primary", "secondary"):
                raise ValueError(f"{where}: restraint {r!r} needs a motion of "
                                 f"{RESTRAINT_MOTIONS} and role 'primary' or 'secondary'")
            restraints.append(Restraint(r["motion"], r["role"], r.get("context", "")))
        out.append(Ligament(t["key"], t["name"], t["pelvic_origin"], t["femoral_insertion"],
                            t["course"], tuple(restraints), tuple(t["source_keys"]),
                            t.get("short_name", t["name"])))
    return tuple(out)


LIGAMENTS: tuple[Ligament, ...] = load_ligaments()

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
