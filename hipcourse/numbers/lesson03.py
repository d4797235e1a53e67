"""Numbers in the prose of lesson 03 (inside the joint)."""

from __future__ import annotations

from . import exported
from .common import *  # noqa: F403 (re-exported: the page quotes them)

__all__ = exported(globals())
