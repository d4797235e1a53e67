"""Normal-ROM caption: the figure described in words, with the numbers it shows."""

from __future__ import annotations

from hipcapsule import MOTIONS, evidence, published

from ... import style
from .._regions import band_words
from .state import HELD_OUT_KEYS, POSITIONS, normal_rom_state, study_label

__all__ = ["caption_normal_rom"]


def _g(value: float) -> str:
    return f"{value:g}"


def _range(m: str) -> str:
    n = published.norm_for(m)
    return f"{_g(n.low_deg)}\u00b0" if n.low_deg == n.high_deg else (
        f"{_g(n.low_deg)}\u2013{_g(n.high_deg)}\u00b0")


def _band_text(low: float, high: float) -> str:
    lo, hi = f"{low:.0f}", f"{high:.0f}"
    return f"band {lo}\u00b0" if lo == hi else f"band {lo}\u2013{hi}\u00b0"


def _model_text(state: dict) -> str:
    return ", ".join(
        f"{style.motion_words(m)} {state['model'][m]:.0f}\u00b0 "
        f"({_band_text(*state['model_band'][m])})" for m in MOTIONS)


def caption_normal_rom(position: str = "prone") -> str:
    """Alt text and description of the normal-ROM figure (first shown with ``position``)."""
    aaos = ", ".join(f"{style.motion_words(m)} {_range(m)}" for m in MOTIONS)
    state = normal_rom_state(position)
    flexed = next(normal_rom_state(p) for p in POSITIONS if
                  published.rotation_for_position(p).hip_flexion_deg > 0)
    held = []
    for m, key in HELD_OUT_KEYS.items():
        row = evidence.row(key)
        held.append(f"{style.motion_words(m)} {_g(row.value)} \u00b1 {_g(row.sd)}\u00b0 in "
                    f"{row.n} cadaver hips ({study_label(row.source_key)}; hip flexion not stated "
                    "with the value)")
    positions = ", ".join(
        f"{r.position} internal/external rotation {r.internal_rotation_deg:g}\u00b0/"
        f"{r.external_rotation_deg:g}\u00b0" for r in published.ROTATION_BY_POSITION)
    torque = f"{published.CAPSULE_LIMIT_TORQUE_NM:g} N\u00b7m"
    return (
        "Figure 2. Grouped bars for six hip motions, in degrees. Grey bars show the AAOS typical "
        f"adult values with whiskers spanning the quoted range: {aaos}. Orange bars show the "
        f"course model's capsule alone, stopped at {torque} or by bone (average male hip): "
        f"flexion, extension, abduction and adduction from standing, rotation from the hip "
        f"flexion of the chosen test position. A see-through dark box on each marks the "
        f"model's uncertainty, {band_words()}. Shown first, {position} (rotation from "
        f"{state['hip_flexion_deg']:.0f}\u00b0 of hip flexion): {_model_text(state)}; with the "
        f"hip flexed {flexed['hip_flexion_deg']:.0f}\u00b0 the model gives internal rotation "
        f"{flexed['model']['internal_rotation']:.0f}\u00b0 and external rotation "
        f"{flexed['model']['external_rotation']:.0f}\u00b0. A hatched bar shows a cadaver "
        f"angle at {torque} that the model was not fitted to: {'; '.join(held)}. Blue bars "
        f"show rotation measured in {published.KOUYOUMDJIAN2012_N} living adults; the buttons "
        f"above the chart switch the test position: {positions}. Capsule-only cadaver limits "
        "for each motion at one hip position are not shown: the values earlier versions of "
        "this figure gave could not be found in the cited paper's text."
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_normal_rom
