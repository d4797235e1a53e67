"""Shared fixtures: the repository root and the strictly built course site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import ROOT, SITE_REPORT, BuildResult, jupyter_book_build

# Fixture notebooks are broken on purpose, and the sample books (tests/coursekit/books) are
# data for coursekit's tests (the template book needs matplotlib): nbval must not collect them.
collect_ignore_glob = ["*/fixtures/*", "*/books/*"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site() -> BuildResult:
    """The course built with ``--all -W -n --keep-going`` (execution cache reused)."""
    from coursekit.cachestamp import refresh_from_settings

    refresh_from_settings(ROOT)  # stale outputs after package code changes
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


def pytest_terminal_summary(terminalreporter) -> None:
    """After a run with the browser suite: one row per page of the built site (errors,
    off-site requests, requests, bytes, first paint, figures drawn, axe violations)."""
    if not SITE_REPORT["costs"]:
        return
    from coursekit import siteaudit

    axe = SITE_REPORT["axe"]
    extra = {"axe": axe} if axe else None
    terminalreporter.write_sep("=", "built site, page by page (cold load at 1280 px)")
    terminalreporter.write_line(siteaudit.summary_table(SITE_REPORT["costs"], extra))
