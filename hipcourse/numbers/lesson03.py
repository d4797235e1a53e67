"""Numbers in the prose of lesson 03 (inside the joint)."""

from __future__ import annotations

from hipcapsule.forces import TOE_STRAIN
from hipcapsule.published import CAPSULE_LIMIT_TORQUE_NM

from . import num

__all__ = ["LIMIT_TORQUE_NM", "TOE_STRAIN_PCT"]

#: End of the force law's toe region, percent strain (model parameter).
TOE_STRAIN_PCT = num(100 * TOE_STRAIN)
#: Restraining torque that defines a ROM limit (N m), van Arkel et al. 2015.
LIMIT_TORQUE_NM = num(CAPSULE_LIMIT_TORQUE_NM)
