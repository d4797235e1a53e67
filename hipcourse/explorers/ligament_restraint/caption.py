"""Ligament-restraint caption: the heatmap described in words, from the course notes."""

from __future__ import annotations

from ...content import ligaments as notes

__all__ = ["caption_restraint"]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _motions(lig: notes.Ligament, role: str) -> list[str]:
    out = []
    for motion in notes.RESTRAINT_MOTIONS:
        if lig.role_for(motion) == role:
            context = lig.context_for(motion)
            out.append(f"{motion} ({context})" if context else motion)
    return out


def caption_restraint() -> str:
    """Alt text and description of the restraint heatmap."""
    parts = []
    for lig in notes.LIGAMENTS:
        roles = []
        for role in ("primary", "secondary"):
            motions = _motions(lig, role)
            if motions:
                roles.append(f"{role} for {_join(motions)}")
        parts.append(f"{lig.name}: {'; '.join(roles)}")
    return (
        f"Figure 1. A grid with the {len(notes.LIGAMENTS)} ligaments as rows and "
        f"{len(notes.RESTRAINT_MOTIONS)} motions as columns. Blue cells mark a primary "
        "restraint, orange cells a secondary one, grey cells none. " + ". ".join(parts)
        + ". Hover over a cell to see the position in which the restraint matters and the "
        "sources."
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_restraint
