"""Explorer 1 caption (also the figure's alt text), with the model's numbers at one state."""

from __future__ import annotations

from ... import style
from .._regions import DEFAULT_FRACTION, band_words, tightness_from_fraction
from .state import ROM_KEYS, rom_state

__all__ = ["caption_tightness_rom"]


def caption_tightness_rom(
    region: str = "whole", fraction: float = DEFAULT_FRACTION, sex: str = "male"
) -> str:
    """Alt text and caption of explorer 1, with the model's numbers at the given state."""
    t = tightness_from_fraction(region, fraction)
    tight = rom_state(region, t, sex)
    normal = rom_state(region, 0.0, sex)
    parts = []
    for m in ROM_KEYS:
        lo, hi = (f"{v:.0f}" for v in tight["band"][m])
        band = f"band {lo}\u00b0" if lo == hi else f"band {lo}\u2013{hi}\u00b0"
        parts.append(
            f"{style.motion_words(m)} {tight['rom'][m]:.0f}\u00b0 ({band}; normal "
            f"{normal['rom'][m]:.0f}\u00b0; stopped by "
            f"{style.structure_label(tight['limited_by'][m])})"
        )
    return (
        "Explorer 1. Left: one horizontal bar per hip motion showing the model's range of "
        "motion for a tight capsule, coloured and labelled by the structure that stops it, "
        "over a grey band for the typical adult range (American Academy of Orthopaedic "
        "Surgeons 1965) and a black tick for "
        "the model's normal capsule. A see-through dark box on each bar is the model's "
        f"uncertainty, {band_words()}. Right: the circumduction envelope, how far the thigh can "
        "swing from neutral in each direction, for the normal capsule (dotted) and the tight "
        "one (shaded), for the best-fit parameter set only. Buttons choose which part of the "
        "capsule is tight; the slider sets how "
        f"tight. Shown first: {style.REGION_LABELS[region].lower()}, {style.slack_text(t)} "
        f"({100 * fraction:.0f} % of the model's meaningful range). The model then gives "
        + "; ".join(parts)
        + ". Rotation is measured with the hip flexed 90\u00b0. The envelope covers "
        f"{tight['solid_angle_sr']:.2f} sr against {normal['solid_angle_sr']:.2f} sr for the "
        "normal capsule."
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_tightness_rom
