"""The evidence table: sourced, quoted, split by study, poses in range, enough held-out angles.

``hipcapsule/evidence.py`` is pure data, so it is loaded from its file: these checks do not
depend on the rest of the model package importing.
"""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest
from support import ROOT

_PATH = ROOT / "hipcapsule" / "evidence.py"
_SPEC = importlib.util.spec_from_file_location("hipcapsule_evidence_data", _PATH)
ev = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = ev
_SPEC.loader.exec_module(ev)

#: Quantitative held-out cadaver angle rows found in the sources' text (see the report).
MIN_HELD_OUT_ANGLES = 9

BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib")
                          .read_text(encoding="utf-8"), flags=re.MULTILINE))


def _number_forms(x: float) -> set[str]:
    return {f"{x:g}", f"{x:.1f}", f"{x:.2f}"}


def test_every_source_is_in_the_bibliography():
    assert ev.source_keys() - BIB_KEYS == set()
    assert set(ev.SPLIT) - BIB_KEYS == set()


def test_keys_are_unique():
    keys = [row.key for row in ev.OBSERVATIONS]
    assert len(keys) == len(set(keys))


def test_every_row_has_a_short_quote_a_locator_and_a_finding():
    for row in ev.OBSERVATIONS:
        assert row.quote.strip() and len(row.quote) <= 300, row.key
        assert row.locator.strip(), row.key
        assert row.value is not None or row.interval is not None or row.direction, row.key
        assert row.url.startswith("http"), row.key


def test_every_number_is_in_its_quote():
    for row in ev.OBSERVATIONS:
        numbers = [x for x in (row.value, row.sd) if x is not None]
        numbers += list(row.interval or ())
        for x in numbers:
            assert any(form in row.quote for form in _number_forms(x)), (
                f"{row.key}: {x} not in its quote")


def test_every_source_has_a_split_and_every_split_is_used():
    assert set(ev.SPLIT.values()) <= set(ev.SPLITS)
    assert ev.source_keys() == set(ev.SPLIT)
    for split in ev.SPLITS:
        assert ev.rows_in_split(split)
    with pytest.raises(ValueError, match="split='test' is not one of"):
        ev.rows_in_split("test")
    with pytest.raises(ValueError, match="source_key='nobody2000'"):
        ev.rows_for("nobody2000")


def test_clinical_data_are_compare_only():
    for row in ev.OBSERVATIONS:
        assert (row.kind == "clinical") == (ev.SPLIT[row.source_key] == "compare"), row.key


def test_vocabularies():
    for row in ev.OBSERVATIONS:
        assert row.kind in ev.KINDS, row.key
        assert row.motion is None or row.motion in ev.MOTIONS, row.key
        assert row.direction is None or row.direction in ev.DIRECTIONS, row.key
        assert set(row.released) <= set(ev.MODEL_LIGAMENTS), row.key
        assert row.ligament is None or row.ligament in ev.LIGAMENT_LABELS, row.key
        assert row.sd is None or row.sd >= 0, row.key
        assert row.n is None or (isinstance(row.n, int) and row.n > 0), row.key
        assert row.torque_nm is None or 0 < row.torque_nm <= 20, row.key
        if row.interval is not None:
            assert row.interval[0] <= row.interval[1], row.key


def test_poses_are_in_range():
    for row in ev.OBSERVATIONS:
        if row.start_pose_deg is None:
            assert row.pose_text or row.motion is None, row.key
            continue
        flexion, adduction, internal = row.start_pose_deg
        assert -30 <= flexion <= 150, row.key
        assert -60 <= adduction <= 60, row.key
        assert -90 <= internal <= 90, row.key


def test_enough_held_out_cadaver_angles():
    rows = ev.held_out_angle_rows()
    assert len(rows) >= MIN_HELD_OUT_ANGLES
    for row in rows:
        assert ev.SPLIT[row.source_key] == "held-out" and row.kind == "cadaver"
    assert any(row.start_pose_deg is not None for row in rows)


def test_unverified_per_position_limits_are_not_targets():
    assert not [row for row in ev.rows_for("vanarkel2015") if row.quantity == "limit"]
    assert {claim[1] for claim in ev.UNVERIFIED_REFERENCE_NUMBERS} <= ev.source_keys()
