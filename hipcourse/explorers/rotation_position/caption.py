"""Explorer 2 caption (also the figure's alt text), with the model's numbers at one state."""

from __future__ import annotations

from ... import style
from .._regions import DEFAULT_FRACTION, band_words, tightness_from_fraction
from .state import rotation_curve_state

__all__ = ["caption_rotation_position"]


def _position_text(state: dict, flexion: float) -> str:
    i = state["flexion_deg"].index(flexion)
    return f"IR {state['ir'][i]:.0f}\u00b0 and ER {state['er'][i]:.0f}\u00b0"


def _band_text(state: dict, flexion: float) -> str:
    i = state["band_flexion_deg"].index(flexion)
    (ir_lo, ir_hi), (er_lo, er_hi) = state["ir_band"][i], state["er_band"][i]
    return (f"band IR {ir_lo:.0f}\u2013{ir_hi:.0f}\u00b0, ER {er_lo:.0f}\u2013{er_hi:.0f}"
            "\u00b0")


def caption_rotation_position(
    region: str = "whole", fraction: float = DEFAULT_FRACTION, sex: str = "male"
) -> str:
    """Alt text and caption of explorer 2, with the model's numbers at the given state."""
    t = tightness_from_fraction(region, fraction)
    tight = rotation_curve_state(region, t, sex=sex)
    normal = rotation_curve_state(region, 0.0, sex=sex, band=False)
    bone_from = [f for f, b in zip(tight["flexion_deg"], tight["ir_limited_by"], strict=True)
                 if b == "bone"]
    bone_text = (
        f"bone, not the capsule, stops internal rotation from {bone_from[0]:.0f}\u00b0 of "
        "flexion upwards" if bone_from else "the capsule stops internal rotation at every angle"
    )
    return (
        "Explorer 2. Internal rotation (IR, plotted upwards) and external rotation (ER, "
        "plotted downwards) limits of the model hip as it bends from 0 to 120\u00b0, for the "
        "normal capsule (dotted) and a tight one (solid). A grey shaded band around each solid "
        f"curve is the model's uncertainty, {band_words()}. Black diamonds mark points where "
        "bone stops the rotation; a grey dashed line is the bony limit with every ligament "
        "cut. Dotted vertical lines mark the test positions (prone and supine at 0\u00b0, "
        "seated at 90\u00b0); stars show rotation measured there in healthy adults "
        f"({style.source_label('kouyoumdjian2012')}). Buttons choose which part of the capsule "
        "is tight; the slider sets how tight. Shown first: {style.REGION_LABELS[region].lower()}, "
        f"{style.slack_text(t)} ({100 * fraction:.0f} % of the model's meaningful range). At "
        f"0\u00b0 of flexion the model gives {_position_text(tight, 0.0)} "
        f"({_band_text(tight, 0.0)}; normal capsule: {_position_text(normal, 0.0)}); at "
        f"90\u00b0 {_position_text(tight, 90.0)} ({_band_text(tight, 90.0)}; normal: "
        f"{_position_text(normal, 90.0)}). In the tight hip {bone_text}."
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_rotation_position
