"""Numbers in lesson prose come from code: every ``{eval}`` name is a computed number.

A lesson's Markdown pastes numbers with ``{eval}`NAME```; the names come from the lesson's
module in :mod:`hipcourse.numbers`, imported by its first code cell, and are evaluated in
myst-nb's inline execution mode.
"""

from __future__ import annotations

import importlib
import json
import re

import pytest
from support import ROOT

from hipcourse.numbers import Prose, common

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EVAL_RE = re.compile(r"\{eval\}`([^`]+)`")


def _markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_eval_names_come_from_the_lessons_numbers_module(path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    names = set(EVAL_RE.findall(_markdown(nb)))
    assert "{glue" not in _markdown(nb), "use {eval} with hipcourse.numbers, not glue"
    module_name = f"hipcourse.numbers.lesson{path.name[:2]}"
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    if not names:
        assert module_name not in code
        return
    assert nb["metadata"]["mystnb"]["execution_mode"] == "inline", "eval needs inline mode"
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert f"from {module_name} import *" in "".join(first["source"])
    module = importlib.import_module(module_name)
    exported = set(module.__all__)
    assert names <= exported, f"not in {module_name}: {sorted(names - exported)}"
    own = exported - set(common.__all__)
    assert own <= names, f"defined but not quoted: {sorted(own - names)}"
    for name in names:
        value = getattr(module, name)
        assert isinstance(value, Prose) and value.strip(), name
        assert repr(value) == str(value) == value._repr_markdown_()

def _validation_names() -> set[str]:
    page = (ROOT / "book" / "model_validation.md").read_text(encoding="utf-8")
    return set(EVAL_RE.findall(re.sub(r"```\{code-cell\}.*?```", "", page, flags=re.S)))


def test_validation_page_numbers_come_from_code() -> None:
    page = (ROOT / "book" / "model_validation.md").read_text(encoding="utf-8")
    assert "execution_mode: inline" in page.split("---")[1]
    assert "from hipcourse.numbers.validation import *" in page
    names = _validation_names()
    module = importlib.import_module("hipcourse.numbers.validation")
    assert names and names <= set(module.__all__)
    assert set(module.__all__) - set(common.__all__) <= names
    for name in names:
        value = getattr(module, name)
        assert isinstance(value, Prose) and value.strip(), name
        assert repr(value) == str(value) == value._repr_markdown_()


def test_validation_verdicts_are_computed_words() -> None:
    """The page's "met / not met" sentences paste computed verdicts, never typed ones."""
    from hipcourse.numbers import validation

    page = (ROOT / "book" / "model_validation.md").read_text(encoding="utf-8")
    verdicts = [n for n in validation.__all__ if n.endswith("_VERDICT")]
    assert {"RMS_VERDICT", "DIRECTION_VERDICT", "STABILITY_VERDICT", "ENVELOPE_VERDICT"} <= set(
        verdicts)
    for name in verdicts:
        assert getattr(validation, name) in ("is met", "is not met"), name
    prose = re.sub(r"```\{code-cell\}.*?```", "", page, flags=re.S)
    assert not re.search(r"\bis (not )?met\b", re.sub(r"\{eval\}`[^`]*`", "", prose))


def test_every_shared_number_is_quoted_somewhere() -> None:
    used = set(_validation_names())
    for path in LESSONS:
        used |= set(EVAL_RE.findall(_markdown(json.loads(path.read_text(encoding="utf-8")))))
    assert set(common.__all__) <= used, sorted(set(common.__all__) - used)


# --- lesson 04: the words the page quotes from explorer 4 ------------------------------------


def test_lesson04_quotes_the_explorers_own_words() -> None:
    """The verdicts and button labels lesson 04 puts in quotes are the ones explorer 4 shows."""
    from hipcourse.explorers import get
    from hipcourse.explorers.measure_yourself import caption

    path = ROOT / "notebooks" / "04_measure_your_rotation.ipynb"
    text = _markdown(json.loads(path.read_text(encoding="utf-8")))
    verdicts = [v.format(region="\u2026") for v in caption.VERDICT_TEXT.values()]
    quoted = re.findall(r"\*\*\"([^\"]+)\"\*\*", text)
    assert len(quoted) >= 4
    for q in quoted:
        q = q.replace("{eval}`NO_SIGN`", caption.NO_SIGN)
        assert any(v.startswith(q) for v in verdicts), q
    labels = {o.label for c in get("measure_yourself").controls() for o in c.options}
    for label in re.findall(r"\"(Fit: [^\"]+)\"", text):
        assert label in labels, label


def test_lesson04_words_follow_the_model() -> None:
    """What lesson 04 says about the fit (no number to paste) holds for the model."""
    import hipcapsule as hc
    from hipcapsule.fitting import healthy_reference
    from hipcourse.explorers.measure_yourself import caption, state
    from hipcourse.numbers import lesson04 as n04

    healthy = healthy_reference(("internal_rotation", "external_rotation"))
    assert (healthy["internal_rotation"], healthy["external_rotation"]) == (
        float(hc.published.rotation_for_position("seated").internal_rotation_deg),
        float(hc.published.rotation_for_position("seated").external_rotation_deg))
    # "if the fit matched your angles with the model's own angles": the anterior-tight reading
    absolute = hc.fit_tightness(healthy, region="anterior", reference=None)
    assert n04.HEALTHY_ANTERIOR_PCT == f"{100 * absolute.tightness:.1f}"
    assert not absolute.consistent_with_normal
    # "so the fit compares changes ... the average healthy adult then fits a normal capsule
    # best, in every part of the capsule"
    assert state.REFERENCE == "healthy"
    for region in hc.REGIONS:
        fit = hc.fit_tightness(healthy, region=region)
        assert fit.tightness == 0.0 and fit.consistent_with_normal, region
    # the explorer says what it compares with in one sentence
    sam = state.fit_display({"internal_rotation": float(n04.SAM_SEATED_IR),
                             "external_rotation": float(n04.SAM_SEATED_ER)}, "posterior")
    assert "not with the model's cadaver angles" in caption.compared_line(sam)
    # Sam: the expectation is the average plus the model's change; within the measuring error
    fit = hc.fit_tightness(sam.measured, region="posterior")
    normal = hc.range_of_motion(hc.default_capsule()).external_rotation
    tight = hc.range_of_motion(hc.region_capsule("posterior", fit.tightness)).external_rotation
    assert sam.expected["external_rotation"] == pytest.approx(
        healthy["external_rotation"] + tight - normal, abs=0.5)
    assert sam.rms_residual_deg <= state.FIT_SD_DEG
    assert float(n04.SAM_MODEL_ER) - float(n04.SAM_EXPECTED_ER) > state.FIT_SD_DEG


# --- lesson 03: the model statements behind the page's words -----------------------------------


def test_lesson03_words_follow_the_model() -> None:
    """What lesson 03 says in words (no number to paste) holds for the model it describes."""
    import hipcapsule as hc
    from hipcapsule import analysis, evidence
    from hipcourse.explorers.inside_joint import state
    from hipcourse.numbers import lesson03 as n03

    cap = hc.default_capsule()
    # "no fibre pulls at rest": every fibre at or below its slack length
    assert max(state.joint_state().strain.values()) <= 1e-9
    # "several fibres wind around the back of the neck by themselves" (at rest)
    wrapped = state.on_neck(cap, (0.0, 0.0, 0.0))
    assert sum(v for k, v in wrapped.items() if hc.BUNDLES[k] == "ischiofemoral") >= 2
    # seated IR: the ischiofemoral stops it "a few degrees" before bone, "about as far as
    # cadaver hips show" (within one SD of han2019), and han2019 is a calibration row
    s90 = state.rotation_stops(90.0)
    assert hc.BUNDLES[s90["ir_by"]] == "ischiofemoral"
    assert s90["bone_found"] and 1.0 <= s90["margin"] <= 10.0
    han = evidence.row("han2019-margin-ir-flexion90")
    assert abs(float(n03.MODEL_MARGIN) - han.value) <= han.sd
    assert evidence.SPLIT[han.source_key] == "calibration"
    # "the ligamentum teres adds the rest": cutting either frees seated IR to bone
    for lig in ("ischiofemoral", "ligamentum_teres"):
        lim = hc.rotation_limits(cap.released(lig), 90.0)
        assert lim.ir_limited_by[0] == "bone" and lim.ir[0] > s90["ir"]
    # "a tighter capsule does reduce it"
    assert float(n03.IR_90_HALF) < float(n03.IR_90)
    # quiz 2A: the lateral iliofemoral arm is slack with the hip bent 90 deg
    bent = state.joint_state((90.0, 0.0, 0.0)).strain
    assert all(v < 0 for k, v in bent.items() if hc.BUNDLES[k] == "lateral_iliofemoral")
    # "the ischiofemoral fibres are already ... stretched" seated, before turning
    assert all(v > 0 for k, v in bent.items() if hc.BUNDLES[k] == "ischiofemoral")
    # "with the hip straight there is plenty of room"
    assert not state.rotation_stops(0.0)["bone_found"] or \
        state.rotation_stops(0.0)["margin"] > s90["margin"]
    # section 4 and quiz 2C: what the model's female hip does seated, in words
    female = state.rotation_stops(90.0, sex="female", band=False)
    female_row = next(r for r in analysis.evidence_rows("female") if r.key == han.key)
    assert (str(n03.FEMALE_HOLDS_TEXT).startswith("It holds")) == (female_row.model > 0.05)
    assert (female["ir_by"] == "bone") == ("female hip" in str(n03.BONE_STOPS_WHERE_TEXT))
    assert female["ir_by"] != "bone" or "before bone" not in str(n03.FEMALE_MARGIN_TEXT)


def test_validation_headline_rms_keeps_the_largest_miss() -> None:
    """The page explains its largest held-out miss and shows the RMS without it, but the
    headline RMS and the target's verdict count every held-out angle."""
    from hipcourse.numbers import validation as v

    held = [r for r in v._ROWS if r.split == "held-out"]
    assert int(v.HELD_OUT_N) == len(held) == int(v.N_WITHOUT_WORST) + 1
    assert float(v.RMS_WITHOUT_WORST) < float(v.HELD_OUT_RMS)
    assert (v.RMS_VERDICT == "is met") == (float(v.HELD_OUT_RMS) <= v.RMS_TARGET_DEG)
    # the floor no capsule can beat is at most the RMS, and its verdict follows the numbers
    assert float(v.RMS_FLOOR) <= float(v.HELD_OUT_RMS)
    assert ("no re-fit" in v.FLOOR_CONSEQUENCE) == (v._FLOOR > v.RMS_TARGET_DEG)


def test_validation_seated_load_words_follow_the_model() -> None:
    """The limitation about the loaded seated pose: the direction, the comparison with the
    threshold, the adduction clause and the ligament named all follow the normal capsule in
    that pose."""
    import numpy as np

    import hipcapsule as hc
    from hipcapsule import analysis
    from hipcourse.numbers import validation as v

    cap = hc.default_capsule()
    seated = (float(analysis.CLAIM_POSITIONS["seated"][0]), 0.0, 0.0)
    tq = hc.restraint_torque(cap, [seated]).torque_nm[0]
    k = int(np.argmax(np.abs(tq)))
    assert float(v.SEATED_REST_TORQUE_NM) == pytest.approx(abs(tq[k]), abs=0.05)
    towards = {(0, False): "flexion", (0, True): "extension", (1, False): "adduction",
               (1, True): "abduction", (2, False): "internal rotation",
               (2, True): "external rotation"}[(k, bool(tq[k] < 0))]
    assert str(v.SEATED_REST_TOWARDS) == towards
    assert (str(v.SEATED_REST_COMPARED) == "more than") == (
        abs(tq[k]) > hc.DEFAULT_TORQUE_THRESHOLD_NM)
    limit = hc.motion_limit(cap, "adduction", flexion_deg=seated[0]).angle_deg
    words = str(v.SEATED_ADDUCTION_WORDS)
    assert ("at all" in words) == (limit < 0.5)
    assert "at all" in words or f"{limit:.0f}°" in words
    force = hc.restraint_torque(cap, [seated]).force_n[0]
    hardest = cap.bundles[int(np.argmax(force))].ligament
    assert hardest.split("_")[-1] in str(v.SEATED_TAUT_LIGAMENT)
    assert force.max() > 0.0  # something is taut, as the sentence says
