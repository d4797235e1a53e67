"""Model state shown by the lesson-02 explorers, shared by the live and the static versions.

The live widgets (:mod:`hipcapsule.widgets`) call these functions on every slider move; the
static figures (:mod:`hipcapsule.figures`) call the same functions at build time for each
precomputed slider step. Both therefore show exactly the same model output.

All functions return plain dicts of floats, strings and lists (degrees, steradians), so the
values can go straight into a Plotly figure, a table or a test.
"""

from __future__ import annotations

import numpy as np

from . import norms
from .ligaments import REGIONS, region_capsule
from .rom import circumduction, range_of_motion, rotation_limits

__all__ = [
    "DEFAULT_FRACTION",
    "FLEXION_GRID_DEG",
    "LOSS_LIMIT_PCT",
    "ROM_KEYS",
    "TEST_POSITION_FLEXION_DEG",
    "bony_rotation_state",
    "claim_findings",
    "claim_findings_markdown",
    "claim_table_markdown",
    "loss_order",
    "meaningful_max",
    "rom_state",
    "rotation_curve_state",
    "structure_label",
    "tightness_from_fraction",
]

#: The six ROM motions in display order (model keys).
ROM_KEYS: tuple[str, ...] = (
    "flexion",
    "extension",
    "abduction",
    "adduction",
    "internal_rotation",
    "external_rotation",
)

#: Where the tightness slider starts, as a share of the region's meaningful range.
DEFAULT_FRACTION: float = 0.5

#: Hip flexion angles at which explorer 2 evaluates rotation, degrees.
FLEXION_GRID_DEG: np.ndarray = np.arange(0.0, 121.0, 5.0)

#: Clinical test positions and the hip flexion each uses, degrees (kouyoumdjian2012).
TEST_POSITION_FLEXION_DEG: dict[str, float] = {
    r.position: r.hip_flexion_deg for r in norms.ROTATION_BY_POSITION
}

#: A motion counts as "limited" once it has lost more than this share of its normal range.
LOSS_LIMIT_PCT: float = 10.0

_LABELS = {
    "lateral_iliofemoral": "the lateral iliofemoral arm",
    "medial_iliofemoral": "the medial iliofemoral arm",
    "pubofemoral": "the pubofemoral ligament",
    "ischiofemoral": "the ischiofemoral ligament",
    "ligamentum_teres": "the ligamentum teres",
    "bone": "bone (the femoral neck meets the socket rim)",
    "none": "nothing within the search range",
}


def structure_label(name: str, short: bool = False) -> str:
    """Plain-words name of a limiting structure ("bone", "none" or a ligament name).

    The long form reads after "stopped by" ("the ischiofemoral ligament"); the short form
    is a label ("ischiofemoral", "bone").
    """
    if short:
        return name.replace("_", " ")
    return _LABELS.get(name, name.replace("_", " "))


def meaningful_max(region: str) -> float:
    """Upper end of ``region``'s meaningful tightness range (``hc.MEANINGFUL_TIGHTNESS``)."""
    from . import MEANINGFUL_TIGHTNESS

    if region not in MEANINGFUL_TIGHTNESS:
        raise ValueError(f"region={region!r} is not one of {', '.join(REGIONS)}")
    return MEANINGFUL_TIGHTNESS[region][1]


def tightness_from_fraction(region: str, fraction: float) -> float:
    """Tightness at ``fraction`` (0 to 1) of ``region``'s meaningful range."""
    if not 0.0 <= float(fraction) <= 1.0:
        raise ValueError(f"fraction={fraction!r} is outside [0, 1]")
    return float(fraction) * meaningful_max(region)


def rom_state(region: str, tightness: float, sex: str = "male") -> dict:
    """Everything explorer 1 shows for one capsule state.

    Parameters
    ----------
    region : {"whole", "anterior", "posterior", "inferior"}
        Which part of the capsule is tightened.
    tightness : float
        Fractional shortening of the chosen ligaments' slack length, in [0, 0.5].
    sex : {"male", "female"}

    Returns
    -------
    dict
        ``region``, ``tightness``; ``rom``: motion -> limit in degrees (model keys, see
        :data:`ROM_KEYS`); ``limited_by``: motion -> ligament name, ``"bone"`` or ``"none"``;
        ``solid_angle_sr``: circumduction solid angle; ``envelope``: ``azimuth_deg``,
        ``limit_deg`` and ``limited_by`` lists of the circumduction boundary.
    """
    cap = region_capsule(region, tightness, sex)
    rom = range_of_motion(cap)
    env = circumduction(cap)
    return {
        "region": region,
        "tightness": float(tightness),
        "rom": {m: float(getattr(rom, m)) for m in ROM_KEYS},
        "limited_by": {m: rom.limited_by[m] for m in ROM_KEYS},
        "solid_angle_sr": float(env.solid_angle_sr),
        "envelope": {
            "azimuth_deg": [float(a) for a in env.azimuth_deg],
            "limit_deg": [float(v) for v in env.limit_deg],
            "limited_by": list(env.limited_by),
        },
    }


def rotation_curve_state(
    region: str, tightness: float, flexion_deg=None, sex: str = "male"
) -> dict:
    """Everything explorer 2 shows for one capsule state: IR and ER limits along flexion.

    Parameters
    ----------
    region, tightness, sex
        As in :func:`rom_state`.
    flexion_deg : array_like, optional
        Hip flexion angles in degrees; default :data:`FLEXION_GRID_DEG` (0 to 120 by 5).

    Returns
    -------
    dict
        ``region``, ``tightness``, ``flexion_deg``, ``ir``, ``er`` (degrees, lists),
        ``ir_limited_by`` and ``er_limited_by`` (lists of ligament names or ``"bone"``).
    """
    f = FLEXION_GRID_DEG if flexion_deg is None else np.asarray(flexion_deg, dtype=float)
    lim = rotation_limits(region_capsule(region, tightness, sex), flexion_deg=f)
    return {
        "region": region,
        "tightness": float(tightness),
        "flexion_deg": [float(v) for v in f],
        "ir": [float(v) for v in lim.ir],
        "er": [float(v) for v in lim.er],
        "ir_limited_by": list(lim.ir_limited_by),
        "er_limited_by": list(lim.er_limited_by),
    }


def bony_rotation_state(flexion_deg=None, sex: str = "male") -> dict:
    """IR and ER limits with every ligament cut: only bone can stop the rotation.

    Same keys as :func:`rotation_curve_state` (``region`` is ``"none"``). Where nothing
    stops the motion the value is the search maximum and ``limited_by`` is ``"none"``.
    """
    from .ligaments import LIGAMENTS, default_capsule

    f = FLEXION_GRID_DEG if flexion_deg is None else np.asarray(flexion_deg, dtype=float)
    lim = rotation_limits(default_capsule(sex).released(list(LIGAMENTS)), flexion_deg=f)
    return {
        "region": "none",
        "tightness": 0.0,
        "flexion_deg": [float(v) for v in f],
        "ir": [float(v) for v in lim.ir],
        "er": [float(v) for v in lim.er],
        "ir_limited_by": list(lim.ir_limited_by),
        "er_limited_by": list(lim.er_limited_by),
    }


def loss_order(region: str, n_steps: int = 41, sex: str = "male") -> list[dict]:
    """When each motion becomes "limited" as ``region`` tightens over its meaningful range.

    A motion is limited once it has lost more than :data:`LOSS_LIMIT_PCT` percent of its
    normal-capsule value. Tightness is scanned on ``n_steps`` even steps from 0 to the end of
    the meaningful range.

    Returns
    -------
    list of dict
        One row per motion, sorted by ``first_limited_at`` (motions never limited last):
        ``motion``, ``normal_deg``, ``end_deg`` (at the end of the range), ``loss_pct`` (at the
        end), ``first_limited_at`` (tightness, or None), ``limited_by`` (at the end).
    """
    t_grid = np.linspace(0.0, meaningful_max(region), n_steps)
    states = [rom_state(region, float(t), sex) for t in t_grid]
    rows = []
    for m in ROM_KEYS:
        values = np.array([s["rom"][m] for s in states])
        normal = values[0]
        lost_pct = 100.0 * (normal - values) / normal if normal > 0 else np.zeros_like(values)
        hit = np.nonzero(lost_pct > LOSS_LIMIT_PCT)[0]
        rows.append(
            {
                "motion": m,
                "normal_deg": float(normal),
                "end_deg": float(values[-1]),
                "loss_pct": float(lost_pct[-1]),
                "first_limited_at": float(t_grid[hit[0]]) if hit.size else None,
                "limited_by": states[-1]["limited_by"][m],
            }
        )
    rows.sort(key=lambda r: (r["first_limited_at"] is None, r["first_limited_at"] or 0.0))
    return rows


def claim_table_markdown(regions=("whole", "posterior"), sex: str = "male"):
    """Markdown table testing the seed claim for each region (for lesson 02).

    For every region: the order in which the six motions become limited (more than
    :data:`LOSS_LIMIT_PCT` percent lost) as the region tightens to the end of its meaningful
    range, and each motion's normal and end value. Returns an ``IPython.display.Markdown``.
    """
    from IPython.display import Markdown

    parts = []
    for region in regions:
        t_max = meaningful_max(region)
        ligs = ", ".join(structure_label(lig) for lig in REGIONS[region])
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
        for row in loss_order(region, sex=sex):
            first = row["first_limited_at"]
            if first is None:
                order, when = "–", f"never (loses under {LOSS_LIMIT_PCT:.0f} %)"
            else:
                rank += 1
                order, when = str(rank), f"{100 * first:.1f} %"
            parts.append(
                f"| {order} | {row['motion'].replace('_', ' ')} | {row['normal_deg']:.1f} "
                f"| {row['end_deg']:.1f} | {row['loss_pct']:.0f} | {when} "
                f"| {structure_label(row['limited_by'], short=True)} |"
            )
        parts.append("")
    return Markdown("\n".join(parts))


def _motion_list(motions: list[str]) -> str:
    names = [m.replace("_", " ") for m in motions]
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def claim_findings(region: str, sex: str = "male") -> dict:
    """What the seed claim test finds for one region (used by lesson 02 and its tests).

    Returns
    -------
    dict
        ``order``: motions in the order they become limited; ``never``: motions never
        limited within the meaningful range; ``ir_first``: whether seated internal rotation
        is the first motion limited; ``ir_stopped_by``: what stops seated internal rotation
        at the end of the range; ``solid_angle_normal_sr`` and ``solid_angle_tight_sr``.
    """
    rows = loss_order(region, sex=sex)
    order = [r["motion"] for r in rows if r["first_limited_at"] is not None]
    end = rom_state(region, meaningful_max(region), sex)
    return {
        "region": region,
        "order": order,
        "never": [r["motion"] for r in rows if r["first_limited_at"] is None],
        "ir_first": bool(order) and order[0] == "internal_rotation",
        "ir_stopped_by": end["limited_by"]["internal_rotation"],
        "solid_angle_normal_sr": rom_state(region, 0.0, sex)["solid_angle_sr"],
        "solid_angle_tight_sr": end["solid_angle_sr"],
    }


def claim_findings_markdown(regions=("whole", "posterior"), sex: str = "male"):
    """The seed-claim findings in plain sentences, computed from the model (lesson 02)."""
    from IPython.display import Markdown

    lines = []
    for region in regions:
        f = claim_findings(region, sex)
        first = f["order"][0].replace("_", " ") if f["order"] else "none"
        lines.append(
            f"- **{region.capitalize()} capsule.** First motion limited: {first}. "
            f"Order: {_motion_list(f['order'])}. Never limited in the meaningful range: "
            f"{_motion_list(f['never'])}. Is internal rotation first? "
            f"{'yes' if f['ir_first'] else 'no'}. At the end of the range, seated internal "
            f"rotation is stopped by {structure_label(f['ir_stopped_by'])}. The "
            f"circumduction envelope shrinks from {f['solid_angle_normal_sr']:.2f} sr to "
            f"{f['solid_angle_tight_sr']:.2f} sr."
        )
    return Markdown("*Computed from the model when this page was built:*\n\n" + "\n".join(lines))
