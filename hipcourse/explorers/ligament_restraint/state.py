"""Ligament-restraint state: which capsular ligament restrains which motion (course notes)."""

from __future__ import annotations

from ...content import ligaments as notes

__all__ = ["profile_state", "restraint_state", "settings_state"]


def restraint_state() -> dict:
    """Every ligament's restraint level per motion (0 none, 1 secondary, 2 primary).

    Returns
    -------
    dict
        ``motions`` (plain words, :data:`~hipcourse.content.ligaments.RESTRAINT_MOTIONS`),
        ``ligaments`` (keys) and ``levels``: ligament key -> list of levels per motion.
    """
    return {
        "motions": list(notes.RESTRAINT_MOTIONS),
        "ligaments": list(notes.LIGAMENT_KEYS),
        "levels": {key: row for key, row in zip(notes.LIGAMENT_KEYS, notes.restraint_matrix(),
                                                strict=True)},
    }


def profile_state(ligament: str = "ischiofemoral") -> dict:
    """One ligament's restraint level per motion (what the live explorer shows)."""
    notes.ligament_by_key(ligament)
    return {"ligament": ligament,
            "levels": {m: notes.restraint_level(ligament, m) for m in notes.RESTRAINT_MOTIONS}}


def settings_state(ligament: str | None = None) -> dict:
    """Every ligament's levels (the heatmap), or one ligament's (the live profile)."""
    return restraint_state() if ligament is None else profile_state(ligament)
