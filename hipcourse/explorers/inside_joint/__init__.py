"""Explorer 3 (lesson 03): inside the joint, the bands on their wrapped paths in 3-D.

Settings: ``rotation`` (deg, + internal), ``flexion`` (deg) and ``tightness`` (whole capsule):
each band's path and strain, and whether the neck touches the rim.
"""

from __future__ import annotations

LABEL = "Figure 1"
