"""Real-browser test of a live lesson in JupyterLab (what ./scripts/lab opens for authors).

A JupyterLab server runs on 127.0.0.1 over a temporary copy of a lesson (so nothing writes
outputs into the committed notebook), with its settings and workspaces in the same temporary
folder. Headless Chromium opens the lesson, runs every cell from the Run menu, and moves the
live explorer's first slider with the keyboard: the explorer must answer in the kernel (its
read-out changes) and no cell may fail.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, wait_until_serving

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: The lesson opened: its live explorer is small and quick to start.
LESSON = "05_internal_rotation_stretch.ipynb"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / "notebooks" / LESSON, root / LESSON)
    port, token = _free_port(), secrets.token_hex(12)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
           "JUPYTER_CONFIG_DIR": str(root / "config")}
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         f"--LabApp.user_settings_dir={root / 'settings'}",
         f"--LabApp.workspaces_dir={root / 'workspaces'}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:  # the server is up when its status API answers
        wait_until_serving(
            proc, lambda: urllib.request.urlopen(f"{base}/api/status?token={token}",
                                                 timeout=2).close(),
            "jupyter lab", attempts=240, detail=lambda: (root / "lab.log").read_text()[-2000:])
        yield f"{base}/lab/tree/{LESSON}?token={token}", root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_live_explorer_answers_in_jupyterlab(chromium_path: str, lab) -> None:
    from playwright.sync_api import sync_playwright

    url, root = lab
    committed = (ROOT / "notebooks" / LESSON).read_bytes()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
                timeout=120_000)
            page.get_by_text("| Idle").first.wait_for(timeout=120_000)  # the kernel's status
            ran = page.locator(".jp-InputPrompt", has_text="[1]:")
            for _ in range(3):  # a Run All sent while the kernel still connects is dropped
                page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
                page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
                try:
                    ran.first.wait_for(state="attached", timeout=30_000)
                    break
                except Exception:  # noqa: BLE001 (playwright's TimeoutError): try again
                    continue
            slider = page.locator(".widget-slider").first
            # JupyterLab renders cells outside the viewport lazily: wait until it exists
            slider.wait_for(state="attached", timeout=180_000)
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
                timeout=180_000)
            slider.scroll_into_view_if_needed()
            readout = slider.locator(".widget-readout")
            view = page.locator(".widget-vbox").filter(has=slider).last
            before_value, before_view = readout.inner_text(), view.inner_text()
            handle = slider.locator(".noUi-handle").first
            handle.focus()
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "([el, v]) => el.innerText !== v", arg=[view.element_handle(), before_view],
                timeout=30_000)
            assert readout.inner_text() != before_value
            errors = page.locator(".jp-OutputArea-output[data-mime-type="
                                  "'application/vnd.jupyter.stderr']")
            assert "Traceback" not in " ".join(errors.all_inner_texts())
            assert page.locator(".jp-RenderedText:has-text('Traceback')").count() == 0
        finally:
            browser.close()
    assert (ROOT / "notebooks" / LESSON).read_bytes() == committed  # only the copy ran
