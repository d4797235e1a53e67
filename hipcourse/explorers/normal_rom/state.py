"""Normal-ROM state: typical adult ranges, the course model's six ranges with their ensemble
band, a held-out cadaver angle and rotation measured in one test position.

The published numbers come from :mod:`hipcapsule.published` and :mod:`hipcapsule.evidence`; the
model numbers from :mod:`hipcapsule` (best fit and the 10th-90th percentile band over the
calibration ensemble). Per-position capsule-only cadaver limits are not shown: the ones the
course notes gave could not be found in the cited paper's text
(:data:`hipcapsule.evidence.UNVERIFIED_REFERENCE_NUMBERS`).
"""

from __future__ import annotations

from functools import lru_cache

import hipcapsule as hc
from hipcapsule import MOTIONS, evidence, published

__all__ = ["HELD_OUT_KEYS", "POSITIONS", "normal_rom_state", "study_label"]

#: Test positions in display order.
POSITIONS: tuple[str, ...] = tuple(r.position for r in published.ROTATION_BY_POSITION)

#: Intact-capsule cadaver angles of the evidence table that the figure shows, by motion: rows
#: held out from the calibration (the model never saw them).
HELD_OUT_KEYS: dict[str, str] = {"external_rotation": "myers2011-er-intact"}
for _key in HELD_OUT_KEYS.values():  # fails at import if the evidence table moves the row
    if evidence.SPLIT[evidence.row(_key).source_key] != "held-out":
        raise ValueError(f"evidence row {_key!r} is not in the held-out split")



def study_label(source_key: str) -> str:
    """``"myers2011"`` -> ``"Myers et al. 2011"`` (a label in words, not a citation key)."""
    name = source_key.rstrip("0123456789")
    return f"{name.capitalize()} et al. {source_key[len(name):]}"


@lru_cache(maxsize=8)
def _model(flexion_deg: float, sex: str) -> dict:
    """The model's six ROMs (rotation from ``flexion_deg``), their band and what stops them."""
    cap = hc.default_capsule(sex)
    rom = hc.range_of_motion(cap, band=True)
    rot = hc.rotation_limits(cap, flexion_deg=flexion_deg, band=True)
    values = {m: float(getattr(rom, m)) for m in MOTIONS}
    band = {m: tuple(float(v) for v in rom.band_deg[m]) for m in MOTIONS}
    by = dict(rom.limited_by)
    for m, v, b, lim in (("internal_rotation", rot.ir[0], rot.ir_band[0], rot.ir_limited_by[0]),
                         ("external_rotation", rot.er[0], rot.er_band[0], rot.er_limited_by[0])):
        values[m], band[m], by[m] = float(v), (float(b[0]), float(b[1])), lim
    return {"model": values, "model_band": band, "model_limited_by": by}


def normal_rom_state(position: str = "prone", sex: str = "male") -> dict:
    """What the normal-ROM figure shows with rotation measured in ``position``.

    Returns
    -------
    dict
        ``position``, ``hip_flexion_deg``; ``aaos``: motion -> (low, high) deg; ``model``:
        motion -> the model's limit (deg; rotation from the position's hip flexion, the other
        motions from neutral); ``model_band``: motion -> (10th, 90th percentile) over the
        calibration ensemble; ``model_limited_by``: motion -> ligament or ``"bone"``;
        ``held_out``: motion -> (mean, SD) of held-out cadaver angles; ``measured``:
        ``{"internal_rotation": deg, "external_rotation": deg}`` in that position.
    """
    rec = published.rotation_for_position(position)
    model = _model(float(rec.hip_flexion_deg), sex)
    return {
        "position": position,
        "hip_flexion_deg": rec.hip_flexion_deg,
        "aaos": {m: (published.norm_for(m).low_deg, published.norm_for(m).high_deg)
                 for m in MOTIONS},
        "model": dict(model["model"]),
        "model_band": dict(model["model_band"]),
        "model_limited_by": dict(model["model_limited_by"]),
        "held_out": {m: (evidence.row(k).value, evidence.row(k).sd)
                     for m, k in HELD_OUT_KEYS.items()},
        "measured": {"internal_rotation": rec.internal_rotation_deg,
                     "external_rotation": rec.external_rotation_deg},
    }


#: The explorer's state function (see :mod:`hipcourse.explorers.base`).
settings_state = normal_rom_state
