"""The committed calibration: loader (this module), targets, the offline fit and its data.

* :mod:`hipcapsule.calibration.targets` -- what the fit aims at (built from
  :mod:`hipcapsule.published`) and the model-side limits it respects;
* :mod:`hipcapsule.calibration.fit` -- the offline fit (``scripts/calibrate-model``), which
  writes ``data/calibration.json``; ``--check`` verifies that a re-fit reproduces it;
* this module -- reads that file at run time. It imports nothing else from the package, so any
  module may use it without an import cycle.

:data:`MEANINGFUL_TIGHTNESS` gives, per capsule region, the tightness interval in which no
ROM motion is lost entirely (computed by the fit and stored with it); beyond it at least one
motion has a limit of 0 deg because the capsule already resists that motion with the threshold
torque in the neutral pose.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .._checks import check_choice
from ..anatomy import DEFAULT_FOOTPRINTS, LIGAMENTS, REGIONS, STIFFNESS_N_PER_MM

__all__ = [
    "CALIBRATION_PATH",
    "MEANINGFUL_TIGHTNESS",
    "footprints_in_use",
    "calibration_record",
    "meaningful_tightness",
    "slack_ratios",
    "stiffness_in_use",
]

#: Committed calibration result (written by ``scripts/calibrate-model``).
CALIBRATION_PATH = Path(__file__).parent / "data" / "calibration.json"

#: Slack length / neutral length of a fibre when no calibration file exists.
UNCALIBRATED_SLACK_RATIO = 1.05


@lru_cache(maxsize=1)
def calibration_record() -> dict:
    """The committed calibration record ({} if the file does not exist)."""
    if not CALIBRATION_PATH.exists():
        return {}
    return json.loads(CALIBRATION_PATH.read_text())


def slack_ratios(record: dict | None = None) -> dict[str, float]:
    """Calibrated slack length / neutral length per ligament (of ``record``, default the
    committed best fit)."""
    cal = (calibration_record() if record is None else record).get("slack_ratio", {})
    return {lig: float(cal.get(lig, UNCALIBRATED_SLACK_RATIO)) for lig in LIGAMENTS}


def stiffness_in_use(record: dict | None = None) -> dict[str, float]:
    """Linear stiffness per capsular ligament (N/mm): the calibrated values, else the reference
    defaults."""
    cal = (calibration_record() if record is None else record).get("stiffness_n_per_mm", {})
    return {lig: float(cal.get(lig, k)) for lig, k in STIFFNESS_N_PER_MM.items()}


def footprints_in_use(record: dict | None = None) -> dict[str, dict[str, float]]:
    """Footprint descriptions in use: the defaults with the calibrated centres."""
    cal = (calibration_record() if record is None else record).get("footprints", {})
    return {lig: {**DEFAULT_FOOTPRINTS[lig], **cal.get(lig, {})} for lig in LIGAMENTS}


#: Region -> (0.0, largest tightness at which no ROM motion is lost), from the calibration.
MEANINGFUL_TIGHTNESS: dict[str, tuple[float, float]] = {
    region: (0.0, float(calibration_record().get("meaningful_tightness", {}).get(region, 0.0)))
    for region in REGIONS
}


def meaningful_tightness(region: str = "whole") -> tuple[float, float]:
    """Tightness interval of ``region`` in which the model stays meaningful (module docs)."""
    check_choice("region", region, tuple(REGIONS))
    return MEANINGFUL_TIGHTNESS[region]
