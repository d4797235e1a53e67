"""Explorer 3 (lesson 03): inside the joint, the capsule's 12 fibres on their model paths in 3-D.

Settings: ``rotation`` (deg, + internal), ``flexion`` (deg) and ``tightness`` (whole capsule);
the live version adds ``adduction``. Shown: each fibre's path and strain (coloured by ligament),
the elliptical neck and the bony rim, whether they touch, and (live) where rotation stops from
the current flexion, with the calibration ensemble's band.
"""

from __future__ import annotations

LABEL = "Figure 1"
