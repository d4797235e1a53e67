"""One style for every course figure: fonts, colours, templates, labels, number formats.

Colours are from the Okabe-Ito palette (colour-blind safe) unless noted. Labels turn model names
(``"internal_rotation"``, ``"ischiofemoral_2"``, ``"bone"``) into the words learners read.
Everything here is data or a pure function; no figure is built here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from hipcapsule.anatomy import BUNDLES, FIBRE_COUNTS, LIGAMENTS
from hipcapsule.forces import TOE_STRAIN

__all__ = [
    "in_words",
    "source_label",
    "source_labels",
    "BUNDLE_LABELS",
    "COLOUR_NAMES",
    "DOSE_COLOURS",
    "ER_COLOUR",
    "FONT",
    "FONT_SMALL",
    "IR_COLOUR",
    "LIGAMENT_LABELS",
    "MEASURE_COLOURS",
    "REGION_LABELS",
    "REGION_ORDER",
    "ROLE_COLOURS",
    "STRAIN_COLOURSCALE",
    "STRAIN_RANGE",
    "STRAIN_TICKS",
    "STRUCTURE_COLOURS",
    "fibre_label",
    "ligament_strain_colourscale",
    "motion_label",
    "motion_words",
    "r1",
    "rounded",
    "slack_text",
    "small_template",
    "structure_label",
    "word_list",
    "wrap_html",
]

#: Body font of the 2-D figures, and of the 3-D and measure figures (one size smaller).
FONT: dict = {"family": "Arial, sans-serif", "size": 14}
FONT_SMALL: dict = {"family": "Arial, sans-serif", "size": 13}

#: Colour for each restraint role.
ROLE_COLOURS: dict[str, str] = {"none": "#eeeeee", "secondary": "#e69f00", "primary": "#0072b2"}

#: Colour of each limiting structure (bone is black).
STRUCTURE_COLOURS: dict[str, str] = {
    "lateral_iliofemoral": "#0072b2",
    "medial_iliofemoral": "#56b4e9",
    "pubofemoral": "#009e73",
    "ischiofemoral": "#d55e00",
    "ligamentum_teres": "#cc79a7",
    "bone": "#000000",
    "none": "#999999",
}

#: Plain colour names of the palette, for alt text and captions.
COLOUR_NAMES: dict[str, str] = {
    "#0072b2": "blue",
    "#56b4e9": "sky blue",
    "#009e73": "green",
    "#d55e00": "orange-red",
    "#cc79a7": "pink",
    "#e69f00": "orange",
    "#000000": "black",
    "#999999": "grey",
}

#: Internal and external rotation curves.
IR_COLOUR, ER_COLOUR = "#d55e00", "#0072b2"

#: The "measure yourself" figures: normal model, fitted model, the learner's measurement.
MEASURE_COLOURS: dict[str, str] = {"normal": "#999999", "fitted": "#0072b2",
                                   "measured": "#d55e00"}

#: The stretching-plan figure.
DOSE_COLOURS: dict[str, str] = {
    "meets": "#0072b2",
    "below": "#e69f00",
    "none": "#bbbbbb",
    "threshold": "#000000",
    "gain": "#009e73",
}

#: Strain shown by the 3-D colour scale (fraction); values outside are clipped to its ends.
STRAIN_RANGE: tuple[float, float] = (-0.2, 0.3)
STRAIN_TICKS: tuple[float, ...] = (-0.2, -0.1, 0.0, 0.1, 0.2, 0.3)
_ZERO = -STRAIN_RANGE[0] / (STRAIN_RANGE[1] - STRAIN_RANGE[0])
#: Slack (< 0): pale grey-blue; taut (>= 0): yellow -> orange -> dark red (ColorBrewer YlOrRd).
STRAIN_COLOURSCALE: list = [
    [0.0, "#e8edf2"],
    [_ZERO, "#b8c4cf"],
    [_ZERO, "#fed976"],
    [_ZERO + 0.35 * (1 - _ZERO), "#fd8d3c"],
    [_ZERO + 0.7 * (1 - _ZERO), "#e31a1c"],
    [1.0, "#800026"],
]


def _mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0-1) of the way towards ``other`` (both ``#rrggbb``)."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + amount * (y - x)):02x}" for x, y in zip(a, b, strict=True))


def ligament_strain_colourscale(ligament: str, toe_strain: float = TOE_STRAIN) -> list:
    """A colour scale over :data:`STRAIN_RANGE` in one ligament's hue (the 3-D fibre view).

    Slack (strain < 0): a pale tint of the hue; at 0 it jumps to a light hue that reaches the
    full :data:`STRUCTURE_COLOURS` hue at ``toe_strain`` (end of the toe region) and darkens
    towards the top of the range. Hue tells the ligament, lightness the strain.
    """
    hue = STRUCTURE_COLOURS[ligament]
    lo, hi = STRAIN_RANGE
    zero = -lo / (hi - lo)
    toe = (toe_strain - lo) / (hi - lo)
    return [
        [0.0, _mix(hue, "#ffffff", 0.85)],
        [zero, _mix(hue, "#ffffff", 0.7)],
        [zero, _mix(hue, "#ffffff", 0.35)],
        [toe, hue],
        [1.0, _mix(hue, "#000000", 0.6)],
    ]


def small_template(*, colorway: bool = True, polar: bool = True) -> dict:
    """A small explicit Plotly template (keeps the figure JSON small; no full theme).

    Parameters
    ----------
    colorway, polar : bool
        Include the trace colour cycle and the polar-axis styles.
    """
    layout: dict = {
        "font": FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {"gridcolor": "#e5e5e5", "linecolor": "#444444", "zerolinecolor": "#bbbbbb"},
        "yaxis": {"gridcolor": "#e5e5e5", "linecolor": "#444444", "zerolinecolor": "#bbbbbb"},
        "hoverlabel": {"font": {"size": 13}},
    }
    if colorway:
        layout["colorway"] = ["#0072b2", "#d55e00", "#009e73", "#e69f00", "#cc79a7", "#56b4e9"]
    if polar:
        layout["polar"] = {
            "bgcolor": "white",
            "radialaxis": {"gridcolor": "#dddddd", "linecolor": "#444444"},
            "angularaxis": {"gridcolor": "#dddddd", "linecolor": "#444444"},
        }
    return {"layout": layout}


# ---------------------------------------------------------------------------------------------
# labels

#: Regions in the order of the region buttons.
REGION_ORDER: tuple[str, ...] = ("whole", "anterior", "posterior", "inferior")

#: Button label of each capsule region.
REGION_LABELS: dict[str, str] = {
    "whole": "Whole capsule",
    "anterior": "Anterior (iliofemoral)",
    "posterior": "Posterior (ischiofemoral)",
    "inferior": "Inferior (pubofemoral)",
}

_STRUCTURE_WORDS = {
    "lateral_iliofemoral": "the lateral iliofemoral arm",
    "medial_iliofemoral": "the medial iliofemoral arm",
    "pubofemoral": "the pubofemoral ligament",
    "ischiofemoral": "the ischiofemoral ligament",
    "ligamentum_teres": "the ligamentum teres",
    "bone": "bone (the femoral neck meets the socket rim)",
    "none": "nothing within the search range",
}

#: Label of each ligament (model order).
LIGAMENT_LABELS: dict[str, str] = {lig: lig.replace("_", " ") for lig in LIGAMENTS}


def fibre_label(name: str) -> str:
    """Short label of a fibre (``"ischiofemoral_2"`` -> ``"ischiofemoral 2"``); a ligament of
    one fibre keeps the ligament's label (``"ligamentum teres"``)."""
    lig = BUNDLES[name]
    if FIBRE_COUNTS[lig] == 1:
        return LIGAMENT_LABELS[lig]
    return f"{LIGAMENT_LABELS[lig]} {name.rsplit('_', 1)[1]}"


#: Short label of each fibre ("bundle" in the model code), in model order.
BUNDLE_LABELS: dict[str, str] = {name: fibre_label(name) for name in BUNDLES}


def structure_label(name: str, short: bool = False) -> str:
    """Plain-words name of a limiting structure ("bone", "none", a ligament or a fibre name).

    The long form reads after "stopped by" ("the ischiofemoral ligament", "the ischiofemoral
    ligament (fibre 2)"); the short form is a label ("ischiofemoral", "ischiofemoral 2",
    "bone").
    """
    if short:
        return BUNDLE_LABELS.get(name, name.replace("_", " "))
    if name in BUNDLES and name not in _STRUCTURE_WORDS:
        lig = BUNDLES[name]
        if FIBRE_COUNTS[lig] == 1:
            return _STRUCTURE_WORDS[lig]
        return f"{_STRUCTURE_WORDS[lig]} (fibre {name.rsplit('_', 1)[1]})"
    return _STRUCTURE_WORDS.get(name, name.replace("_", " "))


def word_list(items) -> str:
    """Items in running text: ``"a"``, ``"a and b"``, ``"a, b and c"``; ``"none"`` if empty."""
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def motion_words(motion: str) -> str:
    """A model motion name in words: ``"internal_rotation"`` -> ``"internal rotation"``."""
    return motion.replace("_", " ")


def motion_label(motion: str) -> str:
    """A motion as an axis or bar label: ``"internal_rotation"`` -> ``"Internal rotation"``."""
    words = motion_words(motion)
    return words[0].upper() + words[1:]


def r1(value: float) -> float:
    """Round to 0.1 (degrees): compact, deterministic figure JSON."""
    return round(float(value), 1)


def slack_text(tightness: float) -> str:
    """A tightness as learners read it: ``"slack length −5.0 %"``."""
    return f"slack length \u2212{100 * tightness:.1f} %"


def rounded(a, nd: int = 1) -> list:
    """Rounded plain list (None where NaN) for compact, deterministic figure JSON."""
    import math

    import numpy as np

    arr = np.round(np.asarray(a, dtype=float), nd)
    return [None if not math.isfinite(v) else float(v) for v in arr.ravel()]


# --- sources in words ---------------------------------------------------------------------

#: The course bibliography (``sphinxcontrib-bibtex`` keys): ``book/references.bib`` of the
#: repository, or, in a course installed with pip, the copy ``setup.py`` puts in the package.
BIB_PATH = next(
    (p for p in (Path(__file__).resolve().parents[1] / "book" / "references.bib",
                 Path(__file__).with_name("references.bib")) if p.is_file()),
    Path(__file__).resolve().parents[1] / "book" / "references.bib",
)

_ENTRY_RE = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
_FIELD_RE = re.compile(r"(\w+)\s*=\s*\{(.*?)\}\s*,?\s*$", re.M)


def _surname(author: str) -> str:
    author = author.strip()
    if author.startswith("{"):  # an organisation, in braces
        return author.strip("{}")
    return author.split(",")[0].strip() if "," in author else author.split()[-1]


@lru_cache(maxsize=1)
def _source_labels() -> dict[str, str]:
    entries = {}
    for key, body in _ENTRY_RE.findall(BIB_PATH.read_text(encoding="utf-8")):
        fields = {k.lower(): v for k, v in _FIELD_RE.findall(body)}
        authors = [a for a in fields.get("author", key).split(" and ") if a.strip()]
        partial = len(authors) > 1 and authors[-1].strip().lower() == "others"
        names = fields.get("shortauthor") or (
            f"{_surname(authors[0])} et al." if partial  # BibTeX "and others": list in part
            else _surname(authors[0]) if len(authors) == 1
            else f"{_surname(authors[0])} and {_surname(authors[1])}" if len(authors) == 2
            else f"{_surname(authors[0])} et al.")
        entries[key] = f"{names} {fields.get('year', '').strip()}".strip()
    # the same author and year twice: 2015a, 2015b (in key order)
    labels, seen = {}, {}
    for key in sorted(entries):
        seen.setdefault(entries[key], []).append(key)
    for label, keys in seen.items():
        for i, key in enumerate(keys):
            labels[key] = label + ("abcdefgh"[i] if len(keys) > 1 else "")
    return labels


def source_label(key: str) -> str:
    """A bibliography key in words for figure text and read-outs: ``"thomas2018"`` ->
    ``"Thomas et al. 2018"`` (from ``book/references.bib``; raw keys mean nothing to a
    reader, and only the book's prose can turn them into citations)."""
    try:
        return _source_labels()[key]
    except KeyError:
        raise ValueError(f"source key {key!r} is not in {BIB_PATH.name}") from None


def source_labels(keys) -> str:
    """Several keys in words, joined with "; "."""
    return "; ".join(source_label(k) for k in keys)


_KEYS_IN_PARENS = re.compile(r"\(((?:[a-z]+\d{4}[a-z]*)(?:, [a-z]+\d{4}[a-z]*)*)\)")


def in_words(text: str) -> str:
    """``text`` with every parenthesised run of bibliography keys, such as
    ``"(bandy1994, bandy1997)"``, given in words (:func:`source_label`)."""
    return _KEYS_IN_PARENS.sub(lambda m: f"({source_labels(m.group(1).split(', '))})", text)


#: The line break :func:`wrap_html` inserts. Plotly draws it like ``<br>``; being spelled
#: differently, it tells a wrapped line from a new one.
WRAP_BREAK = "<br />"

_TAG = re.compile(r"<[^>]+>")


def wrap_html(text: str, width: int) -> str:
    """``text`` (Plotly markup: ``<b>``, no ``<br>``) broken at spaces into lines of at most
    ``width`` visible characters, joined by :data:`WRAP_BREAK`; a longer word keeps its
    own line."""
    if width < 1:
        raise ValueError(f"width={width!r} must be at least 1")
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(_TAG.sub("", f"{line} {word}")) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return WRAP_BREAK.join(lines)
