"""Markdown renderings of :mod:`hipcapsule.analysis` for lesson 02 and the validation page.

Every table function returns an ``IPython.display.Markdown`` (a lesson or page cell is one
call); citation keys become MyST ``{cite}`` roles, so the page must render Markdown output as
MyST (``mystnb.render_markdown_format: myst``). Numbers are formatted here and computed by the
model when the page is built. The few data helpers (:func:`held_out_verdicts`,
:func:`stability_changes`, :func:`envelope_jump`, :func:`compare_rows`, ...) return plain
values; :mod:`hipcourse.numbers.validation` quotes them in the page's prose.

One criterion decides whether the model **reproduces** a published number
(:func:`reproduces`): its best fit lies within :data:`AGREE_SD` published standard deviations
of the published mean; where the study gives no SD, the published value must lie inside the
ensemble band. It is our choice, stated on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

import hipcapsule as hc
from hipcapsule import analysis, evidence, published
from hipcapsule.anatomy import (
    FIBRE_COUNTS,
    SLACK_RATIO_BOUNDS,
    TERES_STIFFNESS_N_PER_MM,
)
from hipcapsule.calibration import slack_ratios
from hipcapsule.calibration.targets import (
    SLOPE_MIN_NM_PER_DEG,
    STIFFNESS_FACTORS,
    THRESHOLD_SHIFTS_NM,
)

from . import style
from .captions import cite_roles, known_source_keys

__all__ = [
    "AGREE_SD",
    "arthritis_types_table",
    "CLAIM_REGIONS",
    "ENVELOPE_JUMP_MAX_DEG",
    "ENVELOPE_STEP_DEG",
    "STUDY_REASONS",
    "Verdict",
    "bone_table",
    "origin_table",
    "claim_findings",
    "claim_table",
    "compare_rows",
    "compare_table",
    "direction_summary",
    "direction_table",
    "envelope_jump",
    "evidence_table",
    "female_minus_male",
    "female_table",
    "held_out_verdicts",
    "markdown_table",
    "meaningful_table",
    "prediction_notes",
    "release_summary",
    "reproduces",
    "release_table",
    "rms_table",
    "single_cut_maximum",
    "split_table",
    "stability_changes",
    "stability_table",
    "stiffness_summary",
    "stiffness_table",
    "unrepresented_table",
    "unverified_table",
    "validation_verdict",
]

CLAIM_REGIONS = ("whole", "posterior")

#: A published number is reproduced when the best fit lies within this many published SDs of
#: the published mean (our choice; lenient: the SD is the spread between specimens).
AGREE_SD = 1.0

#: Resolution (deg) of the circumduction envelope in the stability check, and the largest jump
#: between adjacent directions that the course's target allows (deg).
ENVELOPE_STEP_DEG = 1.0
ENVELOPE_JUMP_MAX_DEG = 10.0

#: Why each study sits on its side of the split (our words; the split itself is
#: :data:`hipcapsule.evidence.SPLIT`).
STUDY_REASONS = {
    "vanarkel2015": "Same lab, rig and protocol as the next two, and the source of the 5 N·m "
                    "limit the model uses; its stiffness and widest slack arc are fitted.",
    "vanarkel2015bjj": "Sectioning companion of the line above, very likely on the same nine "
                       "hips, so it cannot be held out without the other; its restraint roles "
                       "are fitted.",
    "vanarkel2021": "Karunaseelan et al. 2021, the same lab and rig; which ligament carries "
                    "the largest force in two positions is fitted.",
    "martin2008": "Cuts each capsular ligament in turn. The fit needs its directions to give "
                  "the model any secondary restraints.",
    "han2019": "The only source that says how far before bone the capsule stops internal "
               "rotation. Planned as held-out; moved to calibration when the fit was built "
               "(see the text).",
    "schleifenbaum2016": "Tensile tests of the ligaments: bounds for stiffness and strain, not "
                         "targets.",
    "hewitt2002": "Failure tests of the ligaments: which ones are stronger; no number used.",
    "wagner2012": "Where the ligaments attach and what each restrains: used to place the "
                  "fibres.",
    "telleria2014": "Ligament footprints (the pubofemoral has no bony femoral insertion): used "
                    "to place the fibres.",
    "tamaki2020": "Femoral footprints of the iliofemoral and ischiofemoral: used to place the "
                  "fibres.",
    "nam2011": "Where the ligaments arise on the socket rim, by number (six hips): found after "
               "the fibres were placed, so it checks them.",
    "toogood2009": "Neck-shaft angle and femoral anteversion of the model's bone.",
    "saengnipanthkul2012": "Head-to-neck diameter ratios: the model's elliptical neck.",
    "mechlenburg2019": "Acetabular anteversion and the angles that set the model's rim.",
    "tannast2015": "Normal acetabular coverage: on the construction side, not used yet.",
    "notzli2002": "Normal head-neck shape (alpha angle): on the construction side, not used "
                  "yet.",
    "barrientos2016": "Normal alpha angle: on the construction side, not used yet.",
    "myers2011": "Another lab with the same 5 N·m definition: external rotation, intact and "
                 "with the iliofemoral ligament cut.",
    "jo2018": "Ligamentum teres cut with the capsule intact (another lab).",
    "martin2013": "Hips with only the ligamentum teres left (another lab).",
    "martin2014": "Ligamentum teres cut in 18 positions (another lab).",
    "grieshober2016": "Ligamentum teres cut at four flexion angles (conference abstract).",
    "lee2022": "Whole iliofemoral ligament disrupted, at six flexion angles.",
    "baba2021": "Ischiofemoral ligament cut after the short external rotator muscles, at "
                "three flexion angles.",
    "hidaka2014": "Ligament strains at the end of range; not compared yet (see the text).",
    "kouyoumdjian2012": "Living adults: muscles, skin and fat also stop the leg.",
    "czuppon2017": "Living athletes, men and women: muscles also stop the leg.",
}

_SIDE_ORDER = ("calibration", "held-out", "compare")
_FIBROUS = hc.REGIONS["whole"]


def _md(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def markdown_table(header: list[str], rows: list[list]) -> str:
    """A Markdown table (a header row, then one row per list); ``|`` in cells is escaped."""
    def cell(c) -> str:
        return str(c).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def _fmt(value: float | None, digits: int | None = None) -> str:
    if value is None:
        return "\u2013"
    if digits is not None:
        return f"{value:.{digits}f}"
    return f"{value:.2f}" if abs(value) < 5 else f"{value:.1f}"


def _cite(key: str) -> str:
    return f"{{cite}}`{key}`"


def _cite_text(text: str) -> str:
    """``text`` with every known or evidence citation key as a ``{cite}`` role."""
    return cite_roles(text, keys=known_source_keys() | evidence.source_keys())


_words = style.word_list


def _motion_list(motions: list[str]) -> str:
    return _words([style.motion_words(m) for m in motions])


def _ligaments_words(ligaments) -> str:
    ligs = tuple(ligaments)
    if set(ligs) == set(_FIBROUS):
        return "all four capsular ligaments"
    if set(ligs) == {"lateral_iliofemoral", "medial_iliofemoral"}:
        return "both arms of the iliofemoral ligament"
    return _words([style.structure_label(lig) for lig in ligs])


# ----------------------------------------------------------------------------- the model


def bone_table(sex: str = "male"):
    """The bone and fibre set-up of the model, each value with its source."""
    g = hc.default_geometry(sex)
    fibres = ", ".join(f"{style.structure_label(lig, short=True)} {n}"
                       for lig, n in FIBRE_COUNTS.items())
    rows = [
        ["femoral head radius (male / female)",
         f"{hc.default_geometry('male').head_radius_mm:.0f} / "
         f"{hc.default_geometry('female').head_radius_mm:.0f} mm",
         "the course's reference values; every length scales with it"],
        ["neck-shaft angle", f"{g.neck_shaft_deg:.1f}°", _cite("toogood2009")],
        ["femoral neck anteversion", f"{g.femoral_anteversion_deg:.1f}°", _cite("toogood2009")],
        ["neck half-width, up-down / front-back (head radii)",
         f"{g.neck_half_width_si:.2f} / {g.neck_half_width_ap:.2f}",
         _cite("saengnipanthkul2012") + " (head-to-neck diameter ratios)"],
        ["acetabular anteversion", f"{g.acetabular_anteversion_deg:.0f}°",
         _cite("mechlenburg2019")],
        ["acetabular inclination", f"{g.acetabular_inclination_deg:.0f}°",
         "middle of the course notes' range"],
        ["rim: angle from the socket's opening axis", f"{g.rim_polar_deg:.1f}°",
         _cite("mechlenburg2019") + " (centre-edge and sector angles)"],
        ["fibres per ligament", fibres,
         "our choice; footprints from " + ", ".join(
             _cite(k) for k in ("tamaki2020", "telleria2014", "wagner2012"))],
    ]
    return _md(markdown_table(["part", "value", "source"], rows))


def _arc(arc: tuple[float, float]) -> str:
    return f"{arc[0]:.0f}–{arc[1]:.0f}°"


def origin_table():
    """Where each ligament arises on the socket rim: the model's fibres and the study that
    digitised the origins, in degrees from 12 o'clock towards the front (3 o'clock is 90°, the
    notch at 6 o'clock 180°)."""
    rows = [[style.structure_label(r.ligament, short=True)
             + (" (both arms)" if len(analysis.SOURCE_LIGAMENTS[r.ligament]) > 1 else ""),
             _arc(r.model_deg), _arc(r.published_deg) + " " + _cite(r.source_key),
             f"{r.overlap_deg:.0f}°", "yes" if r.agrees else "**no**"]
            for r in analysis.origin_rows()]
    return _md(markdown_table(["ligament", "model", "published (mean start–end)", "overlap",
                               "model's middle inside"], rows))


# ----------------------------------------------------------------------------- the split


def _study_counts() -> dict[str, dict[str, int]]:
    angles: dict[str, int] = {}
    for r in _evidence_rows("male"):
        angles[r.source_key] = angles.get(r.source_key, 0) + 1
    directions: dict[str, int] = {}
    for r in _direction_rows("male"):
        directions[r.source_key] = directions.get(r.source_key, 0) + 1
    rows: dict[str, int] = {}
    for o in evidence.OBSERVATIONS:
        rows[o.source_key] = rows.get(o.source_key, 0) + 1
    return {k: {"rows": rows.get(k, 0), "angles": angles.get(k, 0),
                "directions": directions.get(k, 0)} for k in evidence.SPLIT}


def split_table():
    """Every study of the evidence table: its side of the split, and why."""
    counts = _study_counts()
    out = []
    for side in _SIDE_ORDER:
        for key in sorted(k for k, s in evidence.SPLIT.items() if s == side):
            c = counts[key]
            kinds = sorted({o.kind for o in evidence.rows_for(key)})
            out.append([side, _cite(key), ", ".join(kinds), c["rows"], c["angles"],
                        c["directions"], STUDY_REASONS[key]])
    return _md(markdown_table(
        ["side", "study", "kind", "rows", "angles compared", "directions compared", "why here"],
        out))


def unverified_table():
    """Numbers of the course's reference notes that the cited sources do not state."""
    rows = [[claim, _cite(key), read, _cite_text(instead)]
            for claim, key, read, instead in evidence.UNVERIFIED_REFERENCE_NUMBERS]
    return _md(markdown_table(["number in the notes", "cited", "what was read",
                               "what the source says"], rows))


def unrepresented_table(split: str = "held-out"):
    """Rows of ``split`` the model cannot reproduce, and why (the row's note)."""
    rows = [[_cite(o.source_key), _cite_text(o.quote), _cite_text(o.note)]
            for o in evidence.rows_in_split(split)
            if o.kind == "cadaver" and not o.representable]
    return _md(markdown_table(["study", "finding", "why the model cannot test it"], rows))


# ----------------------------------------------------------------------------- evidence rows


@lru_cache(maxsize=2)
def _evidence_rows(sex: str) -> tuple:
    return tuple(analysis.evidence_rows(sex))


@lru_cache(maxsize=2)
def _direction_rows(sex: str) -> tuple:
    return tuple(analysis.direction_rows(sex))


def reproduces(row: analysis.EvidenceRow) -> bool:
    """The page's criterion: the best fit within :data:`AGREE_SD` published SDs of the mean;
    with no published SD, the published value inside the ensemble band."""
    if row.sd is None:
        return row.inside_band
    return bool(abs(row.error) <= AGREE_SD * row.sd)


def _describe(r: analysis.EvidenceRow) -> str:
    """A row's quantity in words (without its source)."""
    o = evidence.row(r.key)
    motion = "internal plus external rotation" if r.motion == "rotation_arc" else (
        style.motion_words(r.motion))
    where = "" if o.start_pose_deg is None else f" at {o.start_pose_deg[0]:g}° flexion"
    if o.start_pose_deg is None and o.pose_text.startswith("maximum"):
        where = " from " + o.pose_text
    if r.quantity == "limit":
        if not o.released:
            return f"{motion} of the intact hip{where}"
        if set(o.released) == set(_FIBROUS):
            return f"{motion} of a hip with only the ligamentum teres left{where}"
        return f"{motion} after cutting {_ligaments_words(o.released)}{where}"
    if r.quantity == "release_gain":
        return f"gain in {motion} after cutting {_ligaments_words(o.released)}{where}"
    if r.quantity == "soft_tissue_margin":
        return f"margin between the capsule's and the bone's {motion} limit{where}"
    return f"{r.quantity.replace('_', ' ')} of {motion}{where}"


def _conditions(r: analysis.EvidenceRow) -> str:
    o = evidence.row(r.key)
    torque = o.torque_nm if o.torque_nm is not None else published.CAPSULE_LIMIT_TORQUE_NM
    stated = "" if o.torque_nm is not None else " (not stated)"
    if r.pose_stated:
        pose = ""
    elif o.pose_text.startswith("maximum"):
        pose = "; from the model's own extension limit"
    else:
        pose = "; pose not stated, neutral assumed"
    return f"{torque:g} N·m{stated}{pose}"


def evidence_table(split: str = "held-out", sex: str = "male"):
    """The quantitative evidence rows of ``split`` next to the model (deg)."""
    lo, hi = analysis.BAND_PCT
    rows = []
    for r in _evidence_rows(sex):
        if r.split != split:
            continue
        pub = _fmt(r.published, 1) + ("" if r.sd is None else f" ± {_fmt(r.sd, 1)}")
        rows.append([_cite(r.source_key), _describe(r), _conditions(r), pub, _fmt(r.model, 1),
                     f"{_fmt(r.band[0], 1)} to {_fmt(r.band[1], 1)}",
                     "yes" if r.inside_band else "**no**", f"{r.error:+.1f}",
                     "yes" if reproduces(r) else "**no**"])
    return _md(markdown_table(
        ["study", "quantity", "torque; pose", "published (°)", "model (°)",
         f"ensemble band, {lo:.0f}th–{hi:.0f}th percentile (°)", "published inside band",
         "error (°)", "reproduced"], rows))


def rms_table(sex: str = "male"):
    """RMS error (deg) per study and per side of the split (:func:`analysis.rms_by_study`)."""
    stats = analysis.rms_by_study(list(_evidence_rows(sex)))
    rows = []
    for side in ("held-out", "calibration"):
        for key, s in stats.items():
            if key not in _SIDE_ORDER and s["split"] == side:
                rows.append([_cite(key), side, s["n"], _fmt(s["rms_deg"], 1),
                             f"{s['inside_band']} of {s['n']}"])
        if side in stats:
            s = stats[side]
            rows.append([f"**all {side}**", side, s["n"], f"**{_fmt(s['rms_deg'], 1)}**",
                         f"{s['inside_band']} of {s['n']}"])
    return _md(markdown_table(["study", "side", "angles", "RMS error (°)",
                               "published inside band"], rows))


@dataclass(frozen=True)
class Verdict:
    """One held-out number: what it is, whether the model reproduces it, and the likely reason
    where it does not."""

    source_key: str
    text: str
    reproduced: bool
    reason: str


def _caveats(r: analysis.EvidenceRow) -> list[str]:
    """What the study leaves unstated (or does differently) that the model had to assume."""
    o = evidence.row(r.key)
    thr = f"{published.CAPSULE_LIMIT_TORQUE_NM:g} N·m"
    pose = not r.pose_stated and not o.pose_text.startswith("maximum")
    out = []
    if pose and o.torque_nm is None:
        out.append(f"the study states neither the start pose nor the torque (the model assumed "
                   f"neutral and {thr})")
    elif pose:
        out.append("the study does not state the start pose (the model assumed neutral)")
    elif o.torque_nm is None:
        out.append(f"the study does not state the torque (the model used {thr})")
    if "mbalmed" in o.note:
        out.append("its hips were embalmed (stiffer tissue than fresh hips)")
    return out


def _teres_reason(r: analysis.EvidenceRow) -> str:
    ratio = slack_ratios()["ligamentum_teres"]
    what = (f"the model's ligamentum teres is one fibre of assumed stiffness "
            f"({TERES_STIFFNESS_N_PER_MM:.0f} N/mm; no published value) whose fitted slack "
            f"length is {ratio:.2f} times its length at neutral (the upper bound is "
            f"{SLACK_RATIO_BOUNDS[1]:.2f})")
    if r.model < r.published:
        return what + ", so in these positions it barely tightens before the capsule stops " \
            "the motion"
    return what + ", and in these positions it restrains more than the study found"


def _bone_reason(r: analysis.EvidenceRow) -> str:
    o = evidence.row(r.key)
    cut = hc.default_capsule().released(list(o.released))
    pose = o.start_pose_deg if o.start_pose_deg is not None else (0.0, 0.0, 0.0)
    by = hc.motion_limit(cut, r.motion, *pose).limited_by
    if by == "bone":
        what = ("bone stops it in the model, and the model's bony limit comes from a circular "
                "rim with one opening angle and a smooth oval neck (the real rim is not "
                "circular)")
    else:
        what = f"in the model {style.structure_label(by)} stops it"
    return "; ".join([what, *_caveats(r)])


def _reason(r: analysis.EvidenceRow) -> str:
    o = evidence.row(r.key)
    if "ligamentum_teres" in o.released and r.quantity == "release_gain":
        return _teres_reason(r)
    if set(o.released) == set(_FIBROUS):
        return _bone_reason(r)
    return "; ".join(_caveats(r)) or "no reason identified"


def held_out_verdicts(sex: str = "male") -> list[Verdict]:
    """Every held-out angle: reproduced by the page's criterion (:func:`reproduces`) or not,
    with the likely reason the model gives for a miss."""
    return [Verdict(r.source_key, _describe(r), reproduces(r),
                    "" if reproduces(r) else _reason(r))
            for r in _evidence_rows(sex) if r.split == "held-out"]


def validation_verdict(sex: str = "male"):
    """What the held-out numbers support, and what they do not (bullets)."""
    v = held_out_verdicts(sex)
    ok = [f"{x.text} {_cite(x.source_key)}" for x in v if x.reproduced]
    bad = [f"- {x.text} {_cite(x.source_key)}: {x.reason}." for x in v if not x.reproduced]
    return _md(
        f"**Reproduced** ({len(ok)} of {len(v)} held-out numbers): {_words(ok)}.\n\n"
        f"**Not reproduced** ({len(bad)} of {len(v)}), with the likely reason in the model:\n\n"
        + ("\n".join(bad) if bad else "- none")
    )


# ----------------------------------------------------------------------------- directions

_DIRECTION_WORDS = {
    "increase": "increases {motion}",
    "no_change": "leaves {motion} unchanged",
    "largest_gain": "gains more {motion} than any other motion",
    "larger_in_extension": "gains more {motion} in extension than in flexion",
    "larger_than_medial_iliofemoral": "gains more {motion} than cutting the medial arm",
}


def _finding_words(row: analysis.DirectionRow) -> str:
    o = evidence.row(row.key)
    motion = ("rotation" if o.motion in (None, "rotation_arc")
              else style.motion_words(o.motion))
    if o.key == "grieshober2016-no-extension-abduction":
        motion = "extension and abduction"
    if o.quantity == "restraint_role":
        return (f"{style.structure_label(o.ligament)} is the main restraint of {motion} "
                f"({o.pose_text})")
    if o.direction == "bony_limit":
        where = (f"with {_ligaments_words(o.released)} cut, " if o.released else "")
        what = style.motion_words(o.motion) if o.motion else o.pose_text
        return f"{where}bone, not soft tissue, ends {what}"
    pose = f" ({o.pose_text})" if o.pose_text else ""
    return (f"cutting {_ligaments_words(o.released)} "
            + _DIRECTION_WORDS[o.direction].format(motion=motion) + pose)


def direction_table(split: str = "held-out", sex: str = "male"):
    """Qualitative sectioning and restraint findings of ``split`` and the model's response."""
    rows = [[_cite(r.source_key), _finding_words(r), _cite_text(r.model),
             "yes" if r.matches else "**no**"]
            for r in _direction_rows(sex) if r.split == split]
    return _md(markdown_table(["study", "finding", "model", "same direction"], rows))


def direction_summary(sex: str = "male"):
    """Every qualitative finding the model does not reproduce in direction, in words."""
    bad = [r for r in _direction_rows(sex) if not r.matches]
    if not bad:
        return _md("**Mismatches:** none.")
    lines = ["**Mismatches:**\n"]
    lines += [f"- {r.split}, {_cite(r.source_key)}: the study found that {_finding_words(r)}; "
              f"the model does not ({_cite_text(r.model)})." for r in bad]
    return _md("\n".join(lines))


# ----------------------------------------------------------------------------- releases


def release_table(capsule: hc.Capsule | None = None, flexion_deg=(0.0, 30.0, 60.0, 90.0),
                  motions=("internal_rotation", "external_rotation")):
    """IR and ER after cutting each ligament (:func:`hipcapsule.analysis.release_table`)."""
    tables = {m: analysis.release_table(capsule, flexion_deg, motion=m) for m in motions}
    header = ["capsule"] + [f"{'IR' if m == 'internal_rotation' else 'ER'} at {f:.0f}°"
                            for m in motions for f in flexion_deg]
    names = list(tables[motions[0]])
    rows = [["intact" if n == "intact" else "cut " + style.structure_label(n, short=True)]
            + [_fmt(v, 1) for m in motions for v in tables[m][n]] for n in names]
    return _md(markdown_table(header, rows))


def single_cut_maximum(capsule: hc.Capsule | None = None,
                       flexion_deg=(0.0, 30.0, 60.0, 90.0)) -> dict[str, tuple]:
    """Motion -> (largest IR or ER after any single cut (deg), ligament, flexion)."""
    out = {}
    for m in ("internal_rotation", "external_rotation"):
        t = analysis.release_table(capsule, flexion_deg, motion=m)
        lig, k = max(((lig, int(np.argmax(t[lig]))) for lig in hc.LIGAMENTS),
                     key=lambda x: t[x[0]][x[1]])
        out[m] = (float(t[lig][k]), lig, float(flexion_deg[k]))
    return out


def release_summary(capsule: hc.Capsule | None = None, flexion_deg=(0.0, 30.0, 60.0, 90.0)):
    """One sentence: the largest single-cut IR and ER, against the end of the search range."""
    top = single_cut_maximum(capsule, flexion_deg)
    parts = [f"{style.motion_words(m)} {v:.1f}° (cutting {style.structure_label(lig)}, at "
             f"{f:g}° flexion)" for m, (v, lig, f) in top.items()]
    freed = [m for m, (v, _, _) in top.items() if v >= hc.MOTIONS[m][1] - 1e-6]
    search = hc.MOTIONS["internal_rotation"][1]
    return _md(f"Largest value after any single cut: {_words(parts)}. The model searches "
               f"rotation up to {search:.0f}°, so "
               + (f"a single cut frees {_motion_list(freed)} to the end of that range."
                  if freed else "no single cut frees a rotation to the end of that range."))


# ----------------------------------------------------------------------------- seed claim

def _position_words(position: str) -> str:
    f = analysis.CLAIM_POSITIONS[position][0]
    return f"{position} (hip flexed {f:.0f}°)" if f else f"{position} (hip straight, 0°)"


def claim_table(regions=CLAIM_REGIONS, sex: str = "male",
                positions=tuple(analysis.CLAIM_POSITIONS)):
    """The seed-claim test for each region: when each motion becomes limited.

    For every region: the motions in the order they become limited (more than
    :data:`hipcapsule.analysis.LIMITED_LOSS_PCT` percent lost) as the region tightens to the
    end of its meaningful range, each motion's normal and end value and what stops it, with
    internal rotation measured in each of ``positions``
    (:data:`hipcapsule.analysis.CLAIM_POSITIONS`; external rotation is measured seated). The
    "order" columns rank the motions for each position (internal rotation measured there).
    """
    pct = analysis.LIMITED_LOSS_PCT
    parts = [f"A motion counts as limited once it has lost more than {pct:.0f} % of its "
             "normal-capsule value.\n"]
    for region in regions:
        t_max = hc.MEANINGFUL_TIGHTNESS[region][1]
        ligs = ", ".join(style.structure_label(lig) for lig in hc.REGIONS[region])
        parts.append(
            f"**{region.capitalize()} capsule tightened** ({ligs}), slack length shortened "
            f"from 0 to {100 * t_max:.1f} % (the end of the model's meaningful range)."
        )
        rows = []
        rank: dict[str, dict[str, int]] = {}  # position -> row label -> order
        for i, position in enumerate(positions):
            rank[position] = {}
            for row in analysis.claim_order(region, sex=sex, position=position):
                if row["motion"] == "internal_rotation":
                    label = f"internal rotation, {_position_words(position)}"
                else:
                    label = style.motion_words(row["motion"])
                    if row["motion"] == "external_rotation":
                        label += f", {_position_words('seated')}"
                if row["first_limited_at"] is not None:
                    rank[position][label] = len(rank[position]) + 1
                if row["motion"] == "internal_rotation" or i == 0:
                    rows.append((label, row))
        rows.sort(key=lambda x: (x[1]["first_limited_at"] is None,
                                 x[1]["first_limited_at"] or 0.0))
        table = []
        for label, row in rows:
            first = row["first_limited_at"]
            when = f"never (loses under {pct:.0f} %)" if first is None else f"{100 * first:.1f} %"
            order = [str(rank[p][label]) if label in rank[p] else "\u2013" for p in positions]
            table.append([*order, label, f"{row['normal_deg']:.1f}", f"{row['end_deg']:.1f}",
                          f"{row['loss_pct']:.0f}", when,
                          style.structure_label(row["limited_by"], short=True)])
        parts.append("\n" + markdown_table(
            [*(f"order, IR {p}" for p in positions), "motion", "normal capsule (°)",
             "tight capsule (°)", "loss (%)", "limited from slack shortening of",
             "limited by (tight)"], table))
        parts.append("")
    return _md("\n".join(parts))


def claim_findings(regions=CLAIM_REGIONS, sex: str = "male",
                   positions=tuple(analysis.CLAIM_POSITIONS)):
    """The seed-claim findings in plain sentences (:func:`hipcapsule.analysis.claim_findings`),
    for internal rotation measured in each of ``positions``."""
    lines = []
    for region in regions:
        found = [analysis.claim_findings(region, sex, position=p) for p in positions]
        lines.append(
            f"- **{region.capitalize()} capsule.** The circumduction envelope shrinks from "
            f"{found[0]['solid_angle_normal_sr']:.2f} sr to {found[0]['solid_angle_tight_sr']:.2f}"
            " sr."
        )
        for position, f in zip(positions, found, strict=True):
            first = style.motion_words(f["order"][0]) if f["order"] else "none"
            lines.append(
                f"  - Internal rotation measured {_position_words(position)}: first limited: "
                f"{first}, so internal rotation {'is' if f['ir_first'] else 'is not'} first. "
                f"Order: {_motion_list(f['order'])}. Never limited: {_motion_list(f['never'])}. "
                f"At the end of the range internal rotation is stopped by "
                f"{style.structure_label(f['ir_stopped_by'])}."
            )
    return _md("*Computed from the model when this page was built:*\n\n" + "\n".join(lines))


def meaningful_table(sex: str = "male"):
    """Each region's meaningful tightness range and the motion nearest to being lost at its
    end."""
    rows = []
    for region, (lo, hi) in hc.MEANINGFUL_TIGHTNESS.items():
        ligs = ", ".join(style.structure_label(lig, short=True) for lig in hc.REGIONS[region])
        end = analysis.rom_curves(region, [hi], sex)
        m = min(end, key=lambda k: end[k][0])
        rows.append([region, ligs, f"{lo:.2f} to {hi:.3f}",
                     f"{style.motion_words(m)} ({end[m][0]:.1f}°)"])
    return _md(markdown_table(["region", "ligaments", "meaningful tightness",
                               "smallest range at the end of it"], rows))


# ----------------------------------------------------------------------------- stiffness


def stiffness_table(capsule: hc.Capsule | None = None):
    """:func:`hipcapsule.analysis.stiffness_table` per ligament (N/mm)."""
    rows = []
    for r in analysis.stiffness_table(capsule):
        lig = r["ligament"]
        rows.append([style.structure_label(lig, short=True), FIBRE_COUNTS[lig],
                     _fmt(r["slack_length_mm"], 1), _fmt(r["model"], 1),
                     _fmt(r["reference_default"], 0),
                     f"{_fmt(r['tensile_low'], 1)} / {_fmt(r['tensile_mean'], 1)} / "
                     f"{_fmt(r['tensile_high'], 1)}",
                     f"{_fmt(r['bound_low'], 1)} to {_fmt(r['bound_high'], 1)}",
                     _fmt(r["times_tensile_high"], 2)])
    return _md(markdown_table(
        ["ligament", "fibres", "mean slack length (mm)", "fitted k, all fibres (N/mm)",
         "notes' default (N/mm)", "tensile tests: low / mean / high (N/mm)",
         "fit bounds (N/mm)", "fitted ÷ tensile high"], rows))


def stiffness_summary(capsule: hc.Capsule | None = None):
    """One sentence: which ligaments are stiffer than the tensile-test range and which lie in
    it."""
    rows = analysis.stiffness_table(capsule)
    above = [r for r in rows if r["model"] > r["tensile_high"]]
    inside = [r for r in rows if r["tensile_low"] <= r["model"] <= r["tensile_high"]]
    below = [r for r in rows if r["model"] < r["tensile_low"]]

    def names(g):
        return _words([f"{style.structure_label(r['ligament'], short=True)} "
                       f"({r['times_tensile_high']:.1f}×)" for r in g])

    text = f"Stiffer than the top of the tensile-test range: {names(above)}."
    if inside:
        text += f" Inside it: {names(inside)}."
    if below:
        text += f" Below it: {names(below)}."
    return _md(text + " (The factor is fitted ÷ tensile high.)")


# ----------------------------------------------------------------------------- stability


def stability_changes(capsule: hc.Capsule | None = None) -> dict[str, dict[str, float]]:
    """Largest change (deg) of each ROM limit under the stability checks.

    ``{"stiffness": {motion: deg}, "threshold": {motion: deg}}``: every capsular ligament's
    stiffness, then each ligament's alone, times each of
    :data:`hipcapsule.calibration.targets.STIFFNESS_FACTORS`; the torque threshold moved by each
    of :data:`~hipcapsule.calibration.targets.THRESHOLD_SHIFTS_NM`.
    """
    cap = hc.default_capsule() if capsule is None else capsule
    base = hc.range_of_motion(cap).as_dict()
    stiff = {m: 0.0 for m in base}
    for factor in STIFFNESS_FACTORS:
        for ligs in [list(_FIBROUS), *([lig] for lig in _FIBROUS)]:
            r = hc.range_of_motion(cap.with_stiffness(factor, ligs)).as_dict()
            stiff = {m: max(stiff[m], abs(r[m] - base[m])) for m in base}
    thr = {m: 0.0 for m in base}
    for shift in THRESHOLD_SHIFTS_NM:
        r = hc.range_of_motion(cap, torque_threshold_nm=hc.DEFAULT_TORQUE_THRESHOLD_NM
                               + shift).as_dict()
        thr = {m: max(thr[m], abs(r[m] - base[m])) for m in base}
    return {"stiffness": stiff, "threshold": thr}


def envelope_jump(capsule: hc.Capsule | None = None) -> tuple[float, float, str, str, float]:
    """Largest jump (deg) between adjacent circumduction directions at
    :data:`ENVELOPE_STEP_DEG` resolution, the azimuth (deg) where it starts, what stops the
    two directions on either side of it, and the highest torque peak (N m) that passes before
    the limit on the side that swings further (:attr:`hipcapsule.Envelope.near_miss_nm`)."""
    cap = hc.default_capsule() if capsule is None else capsule
    env = hc.circumduction(cap, int(round(360 / ENVELOPE_STEP_DEG)))
    jumps = np.abs(np.diff(np.r_[env.limit_deg, env.limit_deg[:1]]))
    k = int(np.argmax(jumps))
    k1 = (k + 1) % len(jumps)
    far = k if env.limit_deg[k] >= env.limit_deg[k1] else k1
    return (float(jumps[k]), float(env.azimuth_deg[k]), env.limited_by[k],
            env.limited_by[k1], float(env.near_miss_nm[far]))


def prediction_notes():
    """How the model predicts each kind of evidence row (:data:`analysis.PREDICTION_NOTES`)."""
    names = {"limit": "A limit", "release_gain": "A gain after a cut",
             "soft_tissue_margin": "A soft-tissue margin"}
    return _md("\n".join(f"- **{names.get(k, k)}:** {v}." for k, v in
                         analysis.PREDICTION_NOTES.items()))


def stability_table(capsule: hc.Capsule | None = None):
    """The six ROM limits with ensemble band, what stops them, restraint-torque slope, largest
    fibre strain and strain flag, and their largest change under the stability checks."""
    cap = hc.default_capsule() if capsule is None else capsule
    rom = hc.range_of_motion(cap, band=True)
    ch = stability_changes(cap)
    k_pct = max(abs(f - 1.0) for f in STIFFNESS_FACTORS) * 100
    t_nm = max(abs(s) for s in THRESHOLD_SHIFTS_NM)
    rows = []
    for m in hc.MOTIONS:
        by = rom.limited_by[m]
        slope = rom.torque_slope_nm_per_deg[m]
        slope_text = f"{slope:.2f}" + (" (bone stops it)" if by == "bone" else "")
        if by not in ("bone", "none") and slope < SLOPE_MIN_NM_PER_DEG:
            slope_text = f"**{slope:.2f}**"
        lo, hi = rom.band_deg[m]
        rows.append([style.motion_words(m), _fmt(getattr(rom, m), 1), f"{lo:.1f} to {hi:.1f}",
                     style.structure_label(by, short=True), slope_text,
                     f"{100 * max(rom.strain_at_limit[m].values()):.0f}",
                     rom.strain_flag[m] or "\u2013",
                     f"{ch['stiffness'][m]:.1f}", f"{ch['threshold'][m]:.1f}"])
    return _md(markdown_table(
        ["motion", "limit (°)", "ensemble band (°)", "stopped by", "torque slope (N·m/°)",
         "largest fibre strain (%)", "strain flag", f"change, ±{k_pct:.0f} % stiffness (°)",
         f"change, ±{t_nm:g} N·m threshold (°)"], rows))


# ----------------------------------------------------------------------------- compare rows


def _compare_pose(o: evidence.Observation) -> tuple[tuple, bool]:
    if o.start_pose_deg is not None:
        return o.start_pose_deg, True
    if "seated" in o.pose_text:
        return (published.rotation_for_position("seated").hip_flexion_deg, 0.0, 0.0), False
    return (0.0, 0.0, 0.0), False


def compare_rows() -> list[dict]:
    """The "compare" rows (living people) next to the model of the same sex.

    Rows: ``source_key``, ``group`` (None, "male" or "female"), ``motion``, ``pose`` (deg),
    ``position`` (the clinical test position, or ""), ``pose_stated``, ``published``,
    ``sd``, ``model`` and ``band`` (deg).
    """
    out = []
    for o in evidence.rows_in_split("compare"):
        if o.quantity != "limit" or o.value is None or not o.representable:
            continue
        sex = "female" if o.group == "female" else "male"
        cap = hc.default_capsule(sex)
        pose, stated = _compare_pose(o)
        motions = (["internal_rotation", "external_rotation"] if o.motion == "rotation_arc"
                   else [o.motion])
        lims = [hc.motion_limit(cap, mo, *pose, band=True) for mo in motions]
        out.append({
            "source_key": o.source_key, "group": o.group, "motion": o.motion, "pose": pose,
            "position": next((w for w in ("supine", "prone", "seated")
                              if o.pose_text.startswith(w)), ""),
            "pose_stated": stated, "published": o.value, "sd": o.sd,
            "model": sum(lim.angle_deg for lim in lims),
            "band": tuple(sum(lim.band_deg[i] for lim in lims) for i in (0, 1)),
        })
    return out


def compare_table():
    """Living people's ranges (muscles included) next to the model: a comparison, not a test."""
    rows = []
    for r in compare_rows():
        motion = ("internal plus external rotation" if r["motion"] == "rotation_arc"
                  else style.motion_words(r["motion"]))
        where = f"hip flexed {r['pose'][0]:g}°" + ("" if r["pose_stated"] else " (assumed)")
        if r["motion"] == "flexion":
            where = "from neutral"
        if r["position"]:
            where = f"{r['position']}, {where}"
        group = {"male": "men", "female": "women"}.get(r["group"], "all")
        pub = _fmt(r["published"], 1) + ("" if r["sd"] is None else f" ± {_fmt(r['sd'], 1)}")
        rows.append([_cite(r["source_key"]), group, motion, where, pub, _fmt(r["model"], 1),
                     f"{r['band'][0]:.1f} to {r['band'][1]:.1f}"])
    return _md(markdown_table(["study", "group", "motion", "from", "published (°)",
                               "model, same sex (°)", "ensemble band (°)"], rows))


def female_minus_male() -> list[dict]:
    """Women minus men (deg) for each motion czuppon2017 compares: published and model."""
    by = {}
    for r in compare_rows():
        if r["source_key"] == "czuppon2017":
            by.setdefault((r["motion"], r["pose"][0]), {})[r["group"]] = r
    return [{"motion": m, "flexion": f,
             "published": g["female"]["published"] - g["male"]["published"],
             "model": g["female"]["model"] - g["male"]["model"]}
            for (m, f), g in by.items()]


def female_table():
    """Women minus men: czuppon2017 (athletes, muscles included) and the model."""
    rows = [[style.motion_words(r["motion"]),
             "from neutral" if r["motion"] == "flexion" else f"hip flexed {r['flexion']:g}°",
             f"{r['published']:+.1f}",
             f"{r['model']:+.1f}"] for r in female_minus_male()]
    return _md(markdown_table(["motion", "position", f"women − men, {_cite('czuppon2017')} (°)",
                               "female − male model (°)"], rows))


def arthritis_types_table():
    """Lesson 08's table of the kinds of hip arthritis (:data:`~hipcourse.content.arthritis.
    ARTHRITIS_TYPES`): a MyST ``table`` with a caption, one row per kind, its clues and why the
    kind changes care. A real table (not a drawn one), so it reflows on a phone and a screen
    reader can move through its rows and columns."""
    from .content.arthritis import ARTHRITIS_TYPES

    rows = [[f"**{t.name}** ({t.short})", "; ".join(t.clues), t.why_it_matters]
            for t in ARTHRITIS_TYPES]
    body = markdown_table(["Type", "Clues", "Why it matters"], rows)
    return _md(":::{table} Which type of hip arthritis? Clues only: a doctor makes the "
               "diagnosis.\n:name: arthritis-types\n:widths: 20 45 35\n\n"
               f"{body}\n:::\n")

