"""Lesson 01, figure 1: which capsular ligament restrains which motion.

A heatmap of every ligament (static, no controls); live, a dropdown shows one ligament's profile
and notes (setting ``ligament``, a key of the course notes).
"""

from __future__ import annotations

LABEL = "Figure 1"
