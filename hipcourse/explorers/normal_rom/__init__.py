"""Lesson 01, figure 2: typical hip ranges and rotation by test position.

Setting: ``position`` ("prone", "seated" or "supine"): rotation measured there, beside the
norms and the capsule-only cadaver limits.
"""

from __future__ import annotations

LABEL = "Figure 2"
