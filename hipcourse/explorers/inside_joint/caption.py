"""Explorer 3 caption (also the figure's alt text), with numbers computed at the default state."""

from __future__ import annotations

from hipcapsule import default_capsule, rotation_limits
from hipcapsule.forces import TOE_STRAIN

from ... import style
from .state import first_taut_in_ir, joint_state

__all__ = ["caption_joint"]

#: Rotation range (deg) of the static figure's slider, quoted by the caption.
ROTATION_RANGE_DEG = (-50.0, 60.0)


def _band(name: str) -> str:
    return style.BUNDLE_LABELS.get(name, name)


def caption_joint(sex: str = "male") -> str:
    """Alt text / caption of the 3-D figure, with numbers computed at the default state."""
    cap = default_capsule(sex)
    first0, ang0 = first_taut_in_ir(0.0, sex=sex)
    first90, ang90 = first_taut_in_ir(90.0, sex=sex)
    lim = rotation_limits(cap, [0.0, 90.0])
    s0 = joint_state((0.0, 0.0, 0.0), 0.0, sex)
    taut = [_band(n) for n, s in s0.strain.items() if s > 0]
    taut_text = ", ".join(taut[:-1]) + (" and " if len(taut) > 1 else "") + taut[-1] if taut else ""

    def stop(i: int) -> str:
        by = lim.ir_limited_by_bundle[i]
        what = "bone: the neck meets the acetabular rim" if by == "bone" else f"the {_band(by)}"
        return f"{lim.ir[i]:.0f}° ({what})"

    def when(angle: float) -> str:
        return "already at neutral rotation" if angle == 0 else f"at about {angle:.0f}° of IR"

    return (
        f"A 3-D view of a right {sex} hip seen from behind and the side: the femoral head "
        "(sphere) sits in the acetabular cup, and the capsular bands run from the pelvis over "
        "the head (and, for the ischiofemoral bands, around the back of the neck) to the femur. "
        "Each band is coloured by its strain: grey when slack, yellow to dark red as it "
        "stretches. With the normal capsule in the neutral pose "
        + (f"the taut bands are the {taut_text}. " if taut else "no band is taut. ")
        + f"Turning the hip inwards with the hip straight, the {_band(first0)} is the first to "
        f"tighten into its stiff range ({100 * TOE_STRAIN:.0f} % strain; {when(ang0)}); "
        f"with the hip bent 90° it is the {_band(first90)} ({when(ang90)}). "
        f"Internal rotation stops at {stop(0)} with the hip straight and at {stop(1)} with "
        f"the hip bent 90°. The slider turns the thigh from {-ROTATION_RANGE_DEG[0]:.0f}° "
        f"external to {ROTATION_RANGE_DEG[-1]:.0f}° internal rotation; the buttons choose the "
        "flexion angle and the whole-capsule tightness."
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_joint
