"""Stretch dose (lesson 05): weekly stretching minutes of a plan against the dose evidence.

Setting: ``plan``, the live sliders' values (holds per day, seconds per hold, days per week and
the week stretching stops, 0 for never): weekly minutes, the dose check and a schematic gain.
"""

from __future__ import annotations

LABEL = "Figure 1"
