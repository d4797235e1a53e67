"""Explorer 4 text: the verdicts, the read-out lines and the figure's caption (also alt text).

Static figure, hover text and live explorer all word a fit with the functions here, so they
say the same thing for the same measurements.
"""

from __future__ import annotations

from hipcapsule import MOTIONS

from ... import style
from .state import FIT_SD_DEG, VALID_RANGES, FitDisplay, fit_display

__all__ = ["CAVEAT", "MARKS", "MARK_SYMBOLS", "MOTION_LABELS", "NO_SIGN", "REGION_LABELS",
           "caption_measure", "compared_line", "expected_line", "fmt_fit", "fmt_pct",
           "hover_lines", "result_lines", "verdict_line"]

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
#: The words every "no sign" verdict starts with.
NO_SIGN = "No sign of a tight capsule"
#: Verdict -> its line (``{region}``: the region's label); see :mod:`.state`.
VERDICT_TEXT = {
    "above": NO_SIGN + ": every angle you entered is at or above healthy adults' average",
    "normal": NO_SIGN + ": consistent with a normal capsule",
    "cannot_tell": "Cannot tell: these angles hardly depend on the {region}",
    "beyond": "The model cannot match these angles, even with its tightest {region}",
    "tighter": "Fits a tighter {region} than healthy adults' average, in this model",
}
#: Verdict -> mark on the heatmap cell, as it reads in the key ("" for a fit tighter than the
#: healthy average).
MARKS = {"above": "\u25cb", "normal": "\u25cb", "cannot_tell": "\u25c7", "beyond": "\u00d7",
         "tighter": ""}
#: The Plotly marker symbol that draws each mark (a symbol is a path: drawn text marks cost
#: the page about 0.7 ms each on every slider step).
MARK_SYMBOLS = {"\u25cb": "circle-open", "\u25c7": "diamond-open", "\u00d7": "x-thin-open"}
#: What the marks mean (the static figure's key and its caption).
MARK_KEY = ("\u25cb no sign of a tight capsule   \u25c7 these angles cannot tell   "
            "\u00d7 the model cannot match them")
CAVEAT = (
    "Education, not diagnosis: a model fitted to two or three angles cannot tell why a hip "
    "moves the way it does. Muscles, bone shape, pain and the way you measured all change the "
    "numbers. See the safety page for red flags."
)


def fmt_pct(fraction: float) -> str:
    """A tightness (fraction) as a percentage with one decimal: ``0.0183`` -> ``"1.8 %"``."""
    return f"{100 * fraction:.1f} %"


def fmt_fit(d: FitDisplay) -> str:
    """The fitted tightness with its 68 % interval, or why there is none."""
    lo, hi = d.interval
    if d.not_identifiable:
        return (f"not pinned down (anything from {100 * lo:.1f} to {100 * hi:.1f} % fits "
                "about as well)")
    return f"{fmt_pct(d.tightness)} (68 % interval {100 * lo:.1f}\u2013{100 * hi:.1f} %)"


def verdict_line(d: FitDisplay) -> str:
    """The one-line verdict for ``d`` (see :mod:`.state`)."""
    return VERDICT_TEXT[d.verdict].format(region=REGION_LABELS[d.region])


def _fit_quality(d: FitDisplay) -> str:
    within = "within" if d.rms_residual_deg <= FIT_SD_DEG else "more than"
    dof = "degree" if d.dof == 1 else "degrees"
    return (f"Fit misses your angles by {d.rms_residual_deg:.1f}° (RMS; \u03c7\u00b2 "
            f"{d.chi2:.1f}, {d.dof} {dof} of freedom): {within} the \u00b1{FIT_SD_DEG:g}° "
            "assumed")


def _angles(values: dict, spec: str = ".0f") -> str:
    """Angles in the order of :data:`VALID_RANGES`: ``"internal rotation 38°, ..."``."""
    return ", ".join(f"{style.motion_words(k)} {values[k]:{spec}}°" for k in VALID_RANGES
                     if k in values)


def compared_line(d: FitDisplay) -> str:
    """The one sentence that says what the fit compares your angles with."""
    return (f"The fit compares your angles with healthy adults' averages measured the same way "
            f"({_angles(d.reference, 'g')}), not with the model's cadaver angles")


def expected_line(d: FitDisplay) -> str:
    """What the fitted capsule expects you to measure (the averages plus the model's change)."""
    return (f"Expected with the fitted capsule: {_angles(d.expected)} (the averages plus the "
            "change this tightness makes in the model)")


def result_lines(d: FitDisplay) -> list[str]:
    """Plain-text result lines (Plotly/HTML-safe markup only: <b>)."""
    lines = [
        f"Measured: {_angles(d.measured)}",
        f"<b>{verdict_line(d)}</b>",
        f"Fitted tightness of the {REGION_LABELS[d.region]}: <b>{fmt_fit(d)}</b>",
        compared_line(d),
        expected_line(d),
        _fit_quality(d),
    ]
    if d.tightness > d.t_max - 1e-3 and not d.not_identifiable:
        lines.append(f"(at the largest tightness the model covers, {fmt_pct(d.t_max)})")
    lines.append("Model ROM, cadaver capsule: fitted (normal):")
    rom = [f"{MOTION_LABELS[m]}: {d.rom[m]:.0f}° ({d.normal_rom[m]:.0f}°)" for m in MOTIONS]
    # two motions a line (short lines: fewer for the page to draw on every slider step)
    lines += [f"  {' · '.join(rom[i:i + 2])}" for i in range(0, len(rom), 2)]
    return lines


def hover_lines(d: FitDisplay) -> list[str]:
    """Hover text of one heatmap cell: the same wording as the read-out."""
    return [
        f"IR {d.measured['internal_rotation']:.0f}°, ER {d.measured['external_rotation']:.0f}°",
        verdict_line(d),
        f"fitted tightness {fmt_fit(d)}",
        f"expected with it: IR {d.expected['internal_rotation']:.0f}°, ER "
        f"{d.expected['external_rotation']:.0f}° (healthy average IR "
        f"{d.reference['internal_rotation']:g}°, ER {d.reference['external_rotation']:g}°)",
        f"region: {REGION_LABELS[d.region]}",
    ]


def caption_measure(sex: str = "male") -> str:
    """Caption / alt text of the static figure, with numbers computed at the default state."""
    ir0, er0 = STATIC_IR[len(STATIC_IR) // 2], STATIC_ER[len(STATIC_ER) // 2]
    d = fit_display({"internal_rotation": ir0, "external_rotation": er0}, "posterior", sex)
    lo = fit_display({"internal_rotation": STATIC_IR[0], "external_rotation": er0},
                     "posterior", sex)
    ref = d.reference
    return (
        f"Top: a heatmap of the capsule tightness that best explains a seated internal "
        f"rotation (IR, {STATIC_IR[0]:.0f}–{STATIC_IR[-1]:.0f}°, vertical) and external "
        f"rotation (ER, {STATIC_ER[0]:.0f}–{STATIC_ER[-1]:.0f}°, horizontal) for a {sex} hip "
        "model; darker blue means the model needs a tighter capsule. "
        f"{compared_line(d)}: it asks how much tightening changes the model's angles and "
        "matches that with how far the measured angles are from the averages. A mark in a "
        "cell gives the verdict: a ring (\u25cb) means no sign of a tight capsule, a diamond "
        "(\u25c7) that these angles cannot tell, a cross (\u00d7) that the model cannot match "
        "them; an unmarked cell fits a capsule tighter than healthy adults' average. Below: "
        "the read-out for the cell chosen with the IR slider and the ER buttons. It starts at "
        f"IR {ir0:.0f}° and ER {er0:.0f}°, where the posterior capsule's fitted tightness is "
        f"{fmt_fit(d)} and the verdict is \u201c{verdict_line(d)}\u201d: the fitted capsule "
        f"expects a seated IR of {d.expected['internal_rotation']:.0f}° (healthy average "
        f"{ref['internal_rotation']:g}°). At IR {STATIC_IR[0]:.0f}° the fit rises to "
        f"{fmt_fit(lo)}. Buttons switch the region that is tightened: posterior, whole "
        "capsule, or the region that fits best. Hover over a cell for its verdict, its "
        "interval and the angles the fit expects. " + CAVEAT
    )


#: The explorer's caption function (see :mod:`hipcourse.explorers.base`).
alt_text = caption_measure
