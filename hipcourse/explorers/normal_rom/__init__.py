"""Lesson 01, figure 2: typical hip ranges, the course model and rotation by test position.

Setting: ``position`` ("prone", "seated" or "supine"): rotation measured there, and the
model's rotation from that position's hip flexion, beside the AAOS norms, the model's other
ranges with their ensemble band and a held-out cadaver angle.
"""

from __future__ import annotations

LABEL = "Figure 2"
