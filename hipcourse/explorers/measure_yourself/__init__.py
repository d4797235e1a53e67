"""Explorer 4 (lesson 04): fit a capsule tightness to your measured seated rotation.

Settings: ``region`` (a key of :data:`.state.REGION_CHOICES`), ``internal_rotation`` and
``external_rotation`` (seated, deg): the fitted tightness and the fitted capsule's ROM.
"""

from __future__ import annotations

LABEL = "Figure 1"
