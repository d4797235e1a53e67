"""Explorer 4 text: the read-out lines and the figure's caption (also its alt text)."""

from __future__ import annotations

from hipcapsule import MOTIONS

from ... import style
from .state import VALID_RANGES, FitDisplay, fit_display

__all__ = ["CAVEAT", "MOTION_LABELS", "REGION_LABELS", "caption_measure", "fmt_fit",
           "result_lines"]

#: Region choices as the learner reads them.
REGION_LABELS = {
    "posterior": "posterior capsule (ischiofemoral)",
    "whole": "whole fibrous capsule",
    "anterior": "anterior capsule (iliofemoral)",
    "inferior": "inferior capsule (pubofemoral)",
    "best": "the region that fits best",
}
MOTION_LABELS = {
    "flexion": "Flexion", "extension": "Extension", "abduction": "Abduction",
    "adduction": "Adduction", "internal_rotation": "IR (seated)",
    "external_rotation": "ER (seated)",
}
#: Grid of the static figure (deg), quoted by the caption.
STATIC_IR = tuple(float(v) for v in range(5, 46, 5))
STATIC_ER = tuple(float(v) for v in range(20, 61, 5))
CAVEAT = (
    "Education, not diagnosis: a model fitted to two or three angles cannot tell why a hip "
    "moves the way it does. Muscles, bone shape, pain and the way you measured all change the "
    "numbers. See the safety page for red flags."
)


def fmt_fit(d: FitDisplay) -> str:
    if d.uncertainty is None:
        return f"{d.tightness:.3f} (not pinned down by these angles)"
    return f"{d.tightness:.3f} ± {d.uncertainty:.3f}"


def result_lines(d: FitDisplay) -> list[str]:
    """Plain-text result lines (Plotly/HTML-safe markup only: <b>)."""
    meas = ", ".join(f"{style.motion_words(k)} {d.measured[k]:.0f}°" for k in VALID_RANGES
                     if k in d.measured)
    lines = [
        f"Measured: {meas}",
        f"Best-fit tightness of the {REGION_LABELS[d.region]}: <b>{fmt_fit(d)}</b>",
    ]
    if d.uncertainty is None:
        lines.append("The model's seated IR here is set by bone or by another band,")
        lines.append("so these angles hardly change with this tightness.")
    elif d.at_bound and d.tightness < 1e-3:
        lines.append("Your angles fit the normal capsule (tightness 0).")
    elif d.at_bound:
        lines.append("The fit sits at the largest tightness the model allows.")
    lines.append("Model range of motion, fitted (normal):")
    for m in MOTIONS:
        lines.append(f"  {MOTION_LABELS[m]}: {d.rom[m]:.0f}° ({d.normal_rom[m]:.0f}°)")
    return lines


def caption_measure(sex: str = "male") -> str:
    """Caption / alt text of the static figure, with numbers computed at the default state."""
    ir0, er0 = STATIC_IR[len(STATIC_IR) // 2], STATIC_ER[len(STATIC_ER) // 2]
    d = fit_display({"internal_rotation": ir0, "external_rotation": er0}, "posterior", sex)
    lo = fit_display({"internal_rotation": STATIC_IR[0], "external_rotation": er0},
                     "posterior", sex)
    return (
        f"Top: a heatmap of the capsule tightness that best explains a seated internal "
        f"rotation (IR, {STATIC_IR[0]:.0f}–{STATIC_IR[-1]:.0f}°, vertical) and external "
        f"rotation (ER, {STATIC_ER[0]:.0f}–{STATIC_ER[-1]:.0f}°, horizontal) for a {sex} hip "
        "model; darker blue means tighter. Below: the read-out for the cell chosen with the IR "
        "slider and the ER buttons. It starts at IR "
        f"{ir0:.0f}° and ER {er0:.0f}°, where the best-fit tightness of the posterior capsule "
        f"is {fmt_fit(d)} and the fitted model's seated IR is "
        f"{d.rom['internal_rotation']:.0f}° (normal {d.normal_rom['internal_rotation']:.0f}°). "
        f"At IR {STATIC_IR[0]:.0f}° the fit rises to {fmt_fit(lo)}. Buttons switch the "
        "region that is tightened: posterior, whole capsule, or the region that fits best. "
        "Hover over a cell for its value and uncertainty. " + CAVEAT
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_measure
