"""Explorer 4 (lesson 04): fit a capsule tightness to your measured seated rotation.

Settings: ``region`` (a key of :data:`.state.REGION_CHOICES`), ``internal_rotation`` and
``external_rotation`` (seated, deg): the verdict, the fitted tightness with its 68 % interval,
the goodness of fit and the fitted capsule's ROM (see :mod:`.state` for the verdicts).
"""

from __future__ import annotations

LABEL = "Figure 1"
