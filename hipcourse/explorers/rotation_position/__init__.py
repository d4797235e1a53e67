"""Explorer 2 (lesson 02): rotation depends on how far the hip is bent.

Region buttons and a tightness slider -> IR and ER limits along hip flexion.
"""

from __future__ import annotations

from .._regions import TightnessSettings as EXPLORER_CLASS  # noqa: F401

LABEL = "Explorer 2"
