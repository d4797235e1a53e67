"""Numbers in the prose of lesson 02 (what a tight capsule does to range of motion)."""

from __future__ import annotations

import math

from hipcapsule import analysis

from . import exported, num
from .common import *  # noqa: F403 (re-exported: the page quotes them)

#: Loss (% of the normal value) from which the seed-claim test counts a motion as limited.
LIMITED_PCT = num(analysis.LIMITED_LOSS_PCT)
#: Solid angle of a whole sphere (sr): 4 pi.
SPHERE_SR = num(4 * math.pi, 1)

__all__ = exported(globals())
