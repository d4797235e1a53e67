"""Markdown renderings of :mod:`hipcapsule.analysis` for lesson 02 and the validation page.

Every function returns an ``IPython.display.Markdown`` (a lesson or page cell is one call);
citation keys become MyST ``{cite}`` roles, so the page must render Markdown output as MyST
(``mystnb.render_markdown_format: myst``). Numbers are formatted here and computed by the model
when the page is built.
"""

from __future__ import annotations

import hipcapsule as hc
from hipcapsule import analysis

from . import style
from .captions import cite_roles

__all__ = [
    "claim_findings",
    "claim_table",
    "markdown_table",
    "meaningful_table",
    "neutral_strain_summary",
    "release_table",
    "stiffness_summary",
    "stiffness_table",
    "target_summary",
    "target_table",
]

CLAIM_REGIONS = ("whole", "posterior")


def _md(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def markdown_table(header: list[str], rows: list[list]) -> str:
    """A Markdown table (a header row, then one row per list)."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def _fmt(value: float | None, digits: int | None = None) -> str:
    if value is None:
        return "\u2013"
    if digits is not None:
        return f"{value:.{digits}f}"
    return f"{value:.2f}" if abs(value) < 5 else f"{value:.1f}"


def target_table(capsule: hc.Capsule | None = None):
    """:func:`hipcapsule.analysis.target_table` as a table with cited sources."""
    rows = [
        [r.quantity, r.target, f"{_fmt(r.low)} to {_fmt(r.high)}", _fmt(r.model), r.unit,
         r.kind, "yes" if r.fitted else "no", "inside" if r.ok else "**outside**",
         cite_roles(r.source)]
        for r in analysis.target_table(capsule)
    ]
    return _md(markdown_table(
        ["quantity", "published", "band", "model", "unit", "kind", "used in fit", "result",
         "source"], rows))


def target_summary(capsule: hc.Capsule | None = None):
    """One sentence: cadaver rows inside their band, and the rows outside."""
    rows = analysis.target_table(capsule)
    cadaver = [r for r in rows if r.kind == "cadaver"]
    outside = [f"{r.quantity} ({r.kind})" for r in rows if not r.ok]
    return _md(
        f"In numbers: {sum(r.ok for r in cadaver)} of {len(cadaver)} cadaver rows are inside "
        f"their band. Rows outside their band: {'; '.join(outside) or 'none'}."
    )


def stiffness_table(capsule: hc.Capsule | None = None):
    """:func:`hipcapsule.analysis.stiffness_table` as a table (N/mm)."""
    rows = []
    for r in analysis.stiffness_table(capsule):
        tensile = "\u2013" if r["tensile_mean"] is None else (
            f"{_fmt(r['tensile_low'])} / {_fmt(r['tensile_mean'])} / {_fmt(r['tensile_high'])}")
        bounds = "not fitted" if r["bound_low"] is None else (
            f"{_fmt(r['bound_low'])} to {_fmt(r['bound_high'])}")
        rows.append([style.motion_words(r["bundle"]), _fmt(r["slack_length_mm"]),
                     _fmt(r["model"]), _fmt(r["reference_default"]), tensile, bounds])
    return _md(markdown_table(
        ["band", "slack length (mm)", "model k (N/mm)", "reference default (N/mm)",
         "tensile tests: low / mean / high (N/mm)", "fit bounds (N/mm)"], rows))


def stiffness_summary(capsule: hc.Capsule | None = None):
    """One sentence: how far the fitted bands are above the tensile-test estimate."""
    ratios = [r["times_tensile_high"] for r in analysis.stiffness_table(capsule)
              if r["times_tensile_high"] is not None]
    return _md(f"The fitted bands are {min(ratios):.1f} to {max(ratios):.1f} times the high end "
               "of the tensile-test estimate.")


def neutral_strain_summary(capsule: hc.Capsule | None = None):
    """One sentence: bands already stretched in the neutral pose, and what stops abduction."""
    cap = hc.default_capsule() if capsule is None else capsule
    neutral = hc.restraint_torque(cap, [0.0, 0.0, 0.0])
    taut = [f"{style.motion_words(name)} {100 * e:.1f} %"
            for name, e in zip(neutral.bundle_names, neutral.strain[0], strict=True) if e > 0]
    by = hc.range_of_motion(cap).limited_by["abduction"]
    return _md(f"Bands already stretched in the standing position: {', '.join(taut) or 'none'}. "
               f"Abduction from neutral is stopped by the {style.motion_words(by)}.")


def release_table(capsule: hc.Capsule | None = None, flexion_deg=(0.0, 30.0, 90.0)):
    """IR after cutting each ligament (:func:`hipcapsule.analysis.release_table`)."""
    table = analysis.release_table(capsule, flexion_deg)
    rows = [[style.motion_words(name), *(_fmt(v) for v in values)]
            for name, values in table.items()]
    return _md(markdown_table(
        ["capsule", *(f"IR at {f:.0f}\u00b0 flexion" for f in flexion_deg)], rows))


def claim_table(regions=CLAIM_REGIONS, sex: str = "male"):
    """The seed-claim test for each region: when each motion becomes limited.

    For every region: the order in which the six motions become limited (more than
    :data:`hipcapsule.analysis.LIMITED_LOSS_PCT` percent lost) as the region tightens to the
    end of its meaningful range, each motion's normal and end value, and what stops it.
    """
    pct = analysis.LIMITED_LOSS_PCT
    parts = [f"A motion counts as limited once it has lost more than {pct:.0f} % of its "
             "normal-capsule value.\n"]
    for region in regions:
        t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
        ligs = ", ".join(style.structure_label(lig) for lig in hc.REGIONS[region])
        parts.append(
            f"**{region.capitalize()} capsule tightened** ({ligs}), slack length shortened "
            f"from 0 to {100 * t_max:.1f} % (the end of the model's meaningful range). Seated "
            "internal and external rotation (hip flexed 90°)."
        )
        parts.append(
            "\n| order | motion | normal capsule (°) | tight capsule (°) | loss (%) "
            "| limited from slack shortening of | limited by (tight) |\n"
            "| --- | --- | --- | --- | --- | --- | --- |"
        )
        rank = 0
        for row in analysis.claim_order(region, sex=sex):
            first = row["first_limited_at"]
            if first is None:
                order, when = "\u2013", f"never (loses under {pct:.0f} %)"
            else:
                rank += 1
                order, when = str(rank), f"{100 * first:.1f} %"
            parts.append(
                f"| {order} | {style.motion_words(row['motion'])} | {row['normal_deg']:.1f} "
                f"| {row['end_deg']:.1f} | {row['loss_pct']:.0f} | {when} "
                f"| {style.structure_label(row['limited_by'], short=True)} |"
            )
        parts.append("")
    return _md("\n".join(parts))


def _motion_list(motions: list[str]) -> str:
    names = [style.motion_words(m) for m in motions]
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def claim_findings(regions=CLAIM_REGIONS, sex: str = "male"):
    """The seed-claim findings in plain sentences (:func:`hipcapsule.analysis.claim_findings`)."""
    lines = []
    for region in regions:
        f = analysis.claim_findings(region, sex)
        first = style.motion_words(f["order"][0]) if f["order"] else "none"
        lines.append(
            f"- **{region.capitalize()} capsule.** First motion limited: {first}. "
            f"Order: {_motion_list(f['order'])}. Never limited in the meaningful range: "
            f"{_motion_list(f['never'])}. Is internal rotation first? "
            f"{'yes' if f['ir_first'] else 'no'}. At the end of the range, seated internal "
            f"rotation is stopped by {style.structure_label(f['ir_stopped_by'])}. The "
            f"circumduction envelope shrinks from {f['solid_angle_normal_sr']:.2f} sr to "
            f"{f['solid_angle_tight_sr']:.2f} sr."
        )
    return _md("*Computed from the model when this page was built:*\n\n" + "\n".join(lines))


def meaningful_table(sex: str = "male"):
    """Each region's meaningful tightness range and the motion lost first beyond it."""
    rows = []
    for region, (lo, hi) in hc.MEANINGFUL_TIGHTNESS.items():
        ligs = ", ".join(style.motion_words(lig) for lig in hc.REGIONS[region])
        lost = analysis.first_lost(region, sex)
        rows.append([region, ligs, f"{lo:.2f} to {hi:.3f}", _motion_list(lost)])
    return _md(markdown_table(["region", "ligaments", "meaningful tightness",
                               "first movement lost"], rows))
