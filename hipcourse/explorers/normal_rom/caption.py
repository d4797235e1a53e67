"""Normal-ROM caption: the figure described in words, with the published numbers it shows."""

from __future__ import annotations

from hipcapsule import MOTIONS, published

from ... import style

__all__ = ["caption_normal_rom"]


def _g(value: float) -> str:
    return f"{value:g}"


def _range(m: str) -> str:
    n = published.norm_for(m)
    return f"{_g(n.low_deg)}\u00b0" if n.low_deg == n.high_deg else (
        f"{_g(n.low_deg)}\u2013{_g(n.high_deg)}\u00b0")


def caption_normal_rom() -> str:
    """Alt text and description of the normal-ROM figure."""
    aaos = ", ".join(f"{style.motion_words(m)} {_range(m)}" for m in MOTIONS)
    neutral = [c for c in published.CADAVER_LIMITS if c.start_flexion_deg == 0]
    flexed = [c for c in published.CADAVER_LIMITS if c.start_flexion_deg != 0]
    cadaver = ", ".join(f"{style.motion_words(c.motion)} {_g(c.limit_deg)}\u00b0" for c in neutral)
    at = {c.start_flexion_deg for c in flexed}
    flexed_text = ", ".join(
        f"{style.motion_words(c.motion)} {_g(c.limit_deg)}\u00b0" for c in flexed)
    positions = ", ".join(
        f"{r.position} internal/external rotation {r.internal_rotation_deg:g}\u00b0/"
        f"{r.external_rotation_deg:g}\u00b0" for r in published.ROTATION_BY_POSITION)
    return (
        "Figure 2. Grouped bars for six hip motions, in degrees. Grey bars show the AAOS typical "
        f"adult values with whiskers spanning the quoted range: {aaos}. Orange bars show where "
        f"the bare capsule reaches {published.CAPSULE_LIMIT_TORQUE_NM:g} N\u00b7m in cadavers: "
        f"{cadaver}, and at {_g(min(at))}\u00b0 of flexion {flexed_text}. Blue bars show "
        f"rotation measured in {published.KOUYOUMDJIAN2012_N} living adults; the buttons above "
        f"the chart switch the test position: {positions}."
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_normal_rom
