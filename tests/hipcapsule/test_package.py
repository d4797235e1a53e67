"""The model package stands alone: numpy/scipy only, published numbers with real sources."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from support import ROOT

from hipcapsule import published

PRESENTATION = ("plotly", "ipywidgets", "IPython", "hipcourse", "coursekit")
BLOCK = f"""
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {PRESENTATION!r}:
            raise ImportError("blocked " + name)
sys.meta_path.insert(0, Block())
import hipcapsule as hc
import hipcapsule.analysis, hipcapsule.calibration.fit, hipcapsule.published
cap = hc.default_capsule()
rom = hc.range_of_motion(cap, band=True)
print(round(rom.flexion, 3), len(hipcapsule.analysis.evidence_rows()))
"""


def test_model_imports_and_runs_without_presentation_packages():
    proc = subprocess.run([sys.executable, "-c", BLOCK], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    flexion, rows = proc.stdout.split()
    assert float(flexion) > 0 and int(rows) > 0


def test_no_model_module_imports_presentation_code():
    for path in sorted((ROOT / "hipcapsule").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in PRESENTATION, f"{path}: imports {name}"


def test_every_published_source_is_in_the_bibliography():
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    for key in published.all_source_keys():
        assert "{" + key + "," in bib, key


def test_published_lookups_reject_unknown_names():
    with pytest.raises(ValueError, match="position='kneeling' is not one of"):
        published.rotation_for_position("kneeling")
    with pytest.raises(ValueError, match="motion='circumduction' is not one of"):
        published.norm_for("circumduction")


def test_published_records_are_consistent():
    for r in published.AAOS_NORMS:
        assert r.low_deg <= r.typical_deg <= r.high_deg
    assert {r.position for r in published.ROTATION_BY_POSITION} == {"prone", "seated", "supine"}
    for t in published.SCHLEIFENBAUM2016.values():
        assert 0 < t.modulus_sd_mpa < t.modulus_mpa and 0 < t.cross_section_sd_mm2
