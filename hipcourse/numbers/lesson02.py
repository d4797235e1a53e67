"""Numbers in the prose of lesson 02 (what a tight capsule does to range of motion)."""

from __future__ import annotations

import math

from hipcapsule import analysis
from hipcapsule.published import CAPSULE_LIMIT_TORQUE_NM, KOUYOUMDJIAN2012_N

from . import num

__all__ = ["LIMITED_PCT", "LIMIT_TORQUE_NM", "NORMS_N", "SPHERE_SR"]

#: Restraining torque that defines a ROM limit (N m), van Arkel et al. 2015.
LIMIT_TORQUE_NM = num(CAPSULE_LIMIT_TORQUE_NM)
#: Loss (% of the normal value) from which the seed-claim test counts a motion as limited.
LIMITED_PCT = num(analysis.LIMITED_LOSS_PCT)
#: Healthy adults measured in each test position, Kouyoumdjian et al. 2012.
NORMS_N = num(KOUYOUMDJIAN2012_N)
#: Solid angle of a whole sphere (sr): 4 pi.
SPHERE_SR = num(4 * math.pi, 1)
