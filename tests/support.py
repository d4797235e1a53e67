"""Helpers shared by the test suites (importable as ``support``, see pytest ``pythonpath``)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: The repository root (the book root).
ROOT = Path(__file__).resolve().parent.parent

#: What the browser suite found on every page, for the summary table printed at the end of
#: the run (tests/conftest.py): "costs" (coursekit.siteaudit.PageCost list) and
#: "axe" ({page: serious and critical violations, over every mode and width checked}).
SITE_REPORT: dict = {"costs": [], "axe": {}}


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


def wait_until_serving(proc: subprocess.Popen, probe: Callable[[], object], what: str,
                       attempts: int = 180, delay_s: float = 0.5,
                       detail: Callable[[], str] = lambda: "") -> None:
    """Call ``probe`` until it stops raising ``OSError``; fail the test (naming ``what`` and
    ``detail()``) if ``proc`` exits first or it never answers."""
    import pytest

    for _ in range(attempts):
        try:
            probe()
            return
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"{what} exited with {proc.returncode} {detail()}".rstrip())
            time.sleep(delay_s)
    pytest.fail(f"{what} did not start {detail()}".rstrip())


@contextmanager
def chromium(path: str, args: list[str]) -> Iterator[object]:
    """A headless Chromium (Playwright ``Browser``) launched from ``path`` with ``args``,
    closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=args)
        try:
            yield browser
        finally:
            browser.close()


def run_all_cells(page, n_code_cells: int, status_bar: bool = True) -> None:
    """In JupyterLab or Notebook 7 (a Playwright ``Page`` with the notebook open on a fresh
    kernel): Run All Cells from the Run menu, wait until the last code cell ran and, with a
    ``status_bar`` (JupyterLab), until it says the kernel is idle."""
    import pytest

    for _ in range(3):  # a Run All sent while the kernel still connects is dropped
        dialogs = page.locator(".jp-Dialog")
        if dialogs.count():  # a modal would swallow the click: say what it asks instead
            texts = [" ".join(d.split()) for d in dialogs.all_inner_texts()]
            pytest.fail(f"a dialog blocks Run All: {texts}")
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.locator(".jp-InputPrompt", has_text="[1]:").first.wait_for(
                state="attached", timeout=30_000)
            break
        except Exception:  # noqa: BLE001 (playwright's TimeoutError): try again
            continue
    page.locator(".jp-InputPrompt", has_text=f"[{n_code_cells}]:").first.wait_for(
        state="attached", timeout=300_000)
    if status_bar:
        page.get_by_text("| Idle").first.wait_for(timeout=240_000)


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port, a thread) while in the block;
    yields its base URL (no trailing slash). The same server as coursekit.siteaudit's."""
    from coursekit import siteaudit

    with siteaudit.serve(directory) as url:
        yield url



def setup_cell() -> str:
    """The course's setup cell ([tool.coursekit] setup_cell, filled in from _config.yml)."""
    from coursekit.book import Book
    from coursekit.config import load_settings
    from coursekit.setupcell import render

    settings = load_settings(ROOT)
    return render(settings.setup_cell or "", ROOT, Book(ROOT, settings).config)


def without_setup_cell(source: str) -> str:
    """A code cell's source without the leading setup cell (unchanged if it has none)."""
    setup = setup_cell()
    return source[len(setup):].lstrip("\n") if source.startswith(setup) else source
