"""The calibration script reproduces the committed calibration file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hipcapsule.calibration import CALIBRATION_PATH
from hipcapsule.calibration.fit import main


@pytest.mark.slow
def test_calibration_reproduces_committed_file(tmp_path):
    out = tmp_path / "calibration.json"
    assert main(["--output", str(out)]) == 0
    assert out.read_text() == CALIBRATION_PATH.read_text()


def test_calibrate_script_is_thin_wrapper(root):
    script = root / "scripts" / "calibrate-model"
    text = script.read_text()
    assert "hipcapsule.calibration.fit import main" in text
    proc = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "--check" in proc.stdout
