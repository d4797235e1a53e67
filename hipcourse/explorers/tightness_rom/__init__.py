"""Explorer 1 (lesson 02): capsule tightness and the six ranges of motion.

Region buttons and a tightness slider -> the ROM bars and the circumduction envelope.
"""

from __future__ import annotations

from .._regions import TightnessSettings as EXPLORER_CLASS  # noqa: F401

LABEL = "Explorer 1"
