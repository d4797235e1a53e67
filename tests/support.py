"""Helpers shared by the test suites (importable as ``support``, see pytest ``pythonpath``)."""

from __future__ import annotations

import math
import os
import re
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


def _prompts(page) -> list[str]:
    return [t.strip() for t in page.locator(".jp-InputPrompt").all_inner_texts()]


def run_all_cells(page, n_code_cells: int, status_bar: bool = True,
                  timeout_ms: int = 300_000) -> None:
    """In JupyterLab or Notebook 7 (a Playwright ``Page`` with the notebook open on a fresh
    kernel): Run All Cells from the Run menu, wait until the last code cell ran and, with a
    ``status_bar`` (JupyterLab), until it says the kernel is idle.

    It first waits until the kernel is connected and idle. Run All is sent again only while
    no cell is queued or has run (a Run All sent while the kernel still connects is dropped;
    a second one sent after the first was accepted would queue every cell twice). A run that
    stops early (the last prompt not shown within ``timeout_ms``) fails with the prompts it
    reached and the first error output."""
    import pytest

    # the kernel is connected and idle: Notebook 7's execution indicator, or JupyterLab's
    # status bar
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").or_(
        page.get_by_text("| Idle")).first.wait_for(state="attached", timeout=120_000)
    started = page.locator(".jp-InputPrompt", has_text=re.compile(r"\[(\*|1)\]:"))
    for _ in range(3):
        dialogs = page.locator(".jp-Dialog")
        if dialogs.count():  # a modal would swallow the click: say what it asks instead
            texts = [" ".join(d.split()) for d in dialogs.all_inner_texts()]
            pytest.fail(f"a dialog blocks Run All: {texts}")
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            started.first.wait_for(state="attached", timeout=30_000)
            break
        except Exception:  # noqa: BLE001 (playwright's TimeoutError): try again
            continue
    else:
        pytest.fail(f"Run All never started a cell (three tries); prompts: {_prompts(page)}")
    try:
        page.locator(".jp-InputPrompt", has_text=f"[{n_code_cells}]:").first.wait_for(
            state="attached", timeout=timeout_ms)
    except Exception:  # noqa: BLE001 (playwright's TimeoutError): say where it stopped
        errors = page.locator(".jp-OutputArea-output[data-mime-type*='error'], "
                              ".jp-RenderedText[data-mime-type*='stderr']").all_inner_texts()
        pytest.fail(f"Run All did not reach cell {n_code_cells}: prompts {_prompts(page)}; "
                    f"first error output: {errors[0][:600] if errors else None!r}")
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
