"""Explorer 3 caption (also the figure's alt text), with every number computed from the model."""

from __future__ import annotations

from hipcapsule import LIGAMENTS, default_capsule
from hipcapsule.anatomy import FIBRE_COUNTS
from hipcapsule.forces import TOE_STRAIN

from ... import style
from .state import first_taut_in_ir, joint_state, rotation_stops, wrap_words

__all__ = ["ROTATION_RANGE_DEG", "caption_joint", "ligament_key", "rest_text", "stop_text"]

#: Rotation range (deg) of the static figure's slider, quoted by the caption.
ROTATION_RANGE_DEG = (-50.0, 60.0)


def ligament_key() -> str:
    """Which colour is which ligament, in words ("the lateral iliofemoral (3 fibres, blue)...")."""
    parts = []
    for lig in LIGAMENTS:
        n = FIBRE_COUNTS[lig]
        colour = style.COLOUR_NAMES[style.STRUCTURE_COLOURS[lig]]
        text = f"the {style.LIGAMENT_LABELS[lig]} ({n} fibre{'s' if n > 1 else ''}, {colour})"
        parts.append(f"inside the joint, {text}" if lig == "ligamentum_teres" else text)
    return ", ".join(parts[:-1]) + " and, " + parts[-1]


def rest_text(sex: str = "male") -> str:
    """No fibre is stretched at rest: the tautest fibre and its strain at the neutral pose."""
    strain = joint_state((0.0, 0.0, 0.0), 0.0, sex).strain
    top = max(strain, key=strain.get)
    pct = 100 * strain[top] + 0.0  # no "-0.0"
    state = "exactly at its slack length" if abs(pct) < 0.05 else f"at {pct:+.1f} % strain"
    return (f"{'no fibre is stretched' if pct < 0.05 else 'a fibre is stretched'}: the tautest, "
            f"{style.BUNDLE_LABELS[top]}, is {state}")


def stop_text(stops: dict, motion: str = "ir") -> str:
    """"36° (ischiofemoral 1; ensemble 35–38°)": a limit, what stops it and its band."""
    by = stops[f"{motion}_by"]
    what = ("bone: the neck meets the rim" if by == "bone" else
            "nothing within the search range" if by == "none" else style.BUNDLE_LABELS[by])
    lo, hi = stops[f"{motion}_band"]
    return f"{stops[motion]:.0f}\u00b0 ({what}; band {lo:.0f}\u2013{hi:.0f}\u00b0)"


def caption_joint(sex: str = "male") -> str:
    """Alt text / caption of the 3-D figure, with numbers computed at the default state."""
    cap = default_capsule(sex)
    first0, ang0 = first_taut_in_ir(0.0, sex=sex)
    first90, ang90 = first_taut_in_ir(90.0, sex=sex)
    s0, s90 = rotation_stops(0.0, sex=sex), rotation_stops(90.0, sex=sex)

    def when(angle: float) -> str:
        return "already at neutral rotation" if angle == 0 else f"at about {angle:.0f}° of IR"

    if not s90["bone_found"]:
        bone90 = "With the hip bent 90° the neck does not reach the rim. "
    elif s90["ir_by"] == "bone":
        bone90 = (f"With the hip bent 90° the neck meets the rim at {s90['bone_ir']:.0f}° of "
                  "internal rotation, so bone, not the soft tissues, stops it. ")
    else:
        bone90 = (f"With the hip bent 90° the neck would meet the rim at {s90['bone_ir']:.0f}° "
                  f"of internal rotation, so the soft tissues stop it {s90['margin']:.0f}° "
                  "before bone. ")
    return (
        f"A 3-D view of a right {sex} hip seen from behind and the side. The femoral head (a "
        "ball) sits in the socket, whose bony rim is drawn as a dark ring. Twelve capsular "
        "fibres run from the pelvis to the femur, each in its ligament's colour: "
        f"{ligament_key()}. A pale fibre is slack, full colour is taut and dark is stretched "
        "far; the fibres of a ligament are numbered in order along the socket rim. A fibre lies "
        "on the head or winds around the neck: of the ischiofemoral fibres, at rest "
        f"{wrap_words(cap, (0.0, 0.0, 0.0))}, and at the internal-rotation limit with the hip "
        f"straight {wrap_words(cap, (0.0, 0.0, s0['ir']))}. The neck is drawn with its oval "
        "cross-section and turns black and thick when it touches the rim. In the neutral pose "
        f"{rest_text(sex)}. Turning the hip inwards with the hip "
        f"straight, {style.BUNDLE_LABELS[first0]} is the first fibre past the end of its toe "
        f"region ({100 * TOE_STRAIN:.0f} % strain), {when(ang0)}; with the hip bent 90° it is "
        f"{style.BUNDLE_LABELS[first90]}, {when(ang90)}. Internal rotation stops at "
        f"{stop_text(s0)} with the hip straight and at {stop_text(s90)} with the hip bent 90°; "
        "each band is the model's 10th to 90th percentile over parameter sets that fit its "
        "calibration data about equally well, not a range of real hips. "
        + bone90
        + f"The slider turns the thigh from {-ROTATION_RANGE_DEG[0]:.0f}° external to "
        f"{ROTATION_RANGE_DEG[-1]:.0f}° internal rotation; the buttons choose the flexion angle "
        "and the whole-capsule tightness."
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_joint
