"""The course's explorers, one folder each with the same four parts, and the one registry.

Every explorer follows :class:`hipcourse.explorers.base.Explorer`; see
:mod:`hipcourse.explorers.base` for the parts. :data:`NAMES` lists them in course order;
:func:`get` returns one and :func:`all_explorers` all of them (imported on first use).
"""

from __future__ import annotations

import functools
import importlib

from . import base
from .base import *  # noqa: F403 (the protocol and its parts, re-exported)
from .base import Explorer

__all__ = ["NAMES", "all_explorers", "get", *base.__all__]

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


@functools.cache
def get(name: str) -> Explorer:
    """The explorer registered as ``name``, built from its package on first use.

    Raises
    ------
    ValueError
        If no explorer has that name.
    """
    if name not in NAMES:
        raise ValueError(f"explorer={name!r} is not one of {', '.join(NAMES)}")
    package = f"{__name__}.{name}"
    module = importlib.import_module(package)
    cls = getattr(module, "EXPLORER_CLASS", base.ExplorerBase)
    return cls(name, module.LABEL, base.Parts.of(package))


def all_explorers() -> dict[str, Explorer]:
    """Every registered explorer, by name."""
    return {name: get(name) for name in NAMES}
