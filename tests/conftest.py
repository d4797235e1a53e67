"""Shared fixtures: the repository root and the strictly built course site."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Fixture notebooks are broken on purpose; nbval must not collect them.
collect_ignore_glob = ["fixtures/*"]


@dataclass(frozen=True)
class BuildResult:
    """The outcome of one ``jupyter-book build``."""

    returncode: int
    log: str
    html: Path


def jupyter_book_build(root: Path, *extra: str, timeout_s: float = 1200) -> BuildResult:
    """Run ``jupyter-book build`` strictly on ``root``; return exit code, log and html dir."""
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(root), "-W", "-n", "--keep-going", *extra]
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, env=env, cwd=root)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, root / "_build" / "html")


def all_finite(obj) -> bool:
    """True if every float inside nested dicts/lists/tuples is finite (no NaN or inf)."""
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(all_finite(v) for v in obj.values())
    if isinstance(obj, list | tuple):
        return all(all_finite(v) for v in obj)
    return True


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site() -> BuildResult:
    """The course built with ``--all -W -n --keep-going`` (execution cache reused)."""
    from coursekit.cachestamp import DEFAULT_CACHE, refresh

    refresh(ROOT / DEFAULT_CACHE, [ROOT / "hipcapsule"])  # stale outputs after code changes
    result = jupyter_book_build(ROOT, "--all")
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "test-build.log").write_text(result.log, encoding="utf-8")
    return result


@pytest.fixture(scope="session")
def site_html(built_site: BuildResult) -> Path:
    """The built site's html folder; fails (not skips) when the build failed."""
    assert built_site.returncode == 0, "the book build failed; see _build/test-build.log"
    return built_site.html


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to a Chromium binary, from $CHROMIUM or PATH. Skips only outside CI."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or ""
    if not path:
        if os.environ.get("CI"):
            pytest.fail("CI=true but no Chromium: .ci/run must apt-get install chromium")
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    return path
