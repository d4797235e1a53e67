"""The course's explorers, one folder each with the same four parts, and the one registry.

Every explorer follows :class:`hipcourse.explorers.base.Explorer`; see
:mod:`hipcourse.explorers.base` for the parts. :data:`NAMES` lists them in course order;
:func:`get` returns one and :func:`all_explorers` all of them (imported on first use).
"""

from __future__ import annotations

import importlib

from .base import Control, Explorer, ExplorerBase, LiveView, Option

__all__ = [
    "NAMES",
    "Control",
    "Explorer",
    "ExplorerBase",
    "LiveView",
    "Option",
    "all_explorers",
    "get",
]

#: Registered explorers, in course order (lesson 01 to 05).
NAMES: tuple[str, ...] = (
    "ligament_restraint",
    "normal_rom",
    "tightness_rom",
    "rotation_position",
    "inside_joint",
    "measure_yourself",
    "stretch_dose",
)


def get(name: str) -> Explorer:
    """The explorer registered as ``name``.

    Raises
    ------
    ValueError
        If no explorer has that name.
    """
    if name not in NAMES:
        raise ValueError(f"explorer={name!r} is not one of {', '.join(NAMES)}")
    return importlib.import_module(f"{__name__}.{name}").EXPLORER


def all_explorers() -> dict[str, Explorer]:
    """Every registered explorer, by name."""
    return {name: get(name) for name in NAMES}
