"""Time a live explorer's update in JupyterLab, as a learner feels it: from the key that
moves a control to the redrawn figure.

Issue 11 asks for the live update time per explorer. This starts JupyterLab from this
environment on 127.0.0.1 (with a token, over temporary copies of the lessons), opens each
lesson, runs every cell, and then, for each live explorer, moves its first control
``--repeat`` times from the keyboard (a slider: ArrowRight / ArrowLeft in turn; toggle
buttons: the next button, Enter; a number box: a new number, Enter; a drop-down: the next
option). Each time is from the key press to the figure's next ``plotly_afterplot`` event
(the kernel computes, sends the update, plotly.js redraws). Prints min / median / max per
explorer.

Usage: ``python benchmarks/bench_jupyterlab.py [--repeat N] [--chromium PATH]``
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Render every cell (no windowing), never autosave.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
#: Every figure of a box records when it last finished drawing.
JS_WATCH = """(root) => root.querySelectorAll('.js-plotly-plot').forEach(el => {
  if (!el.__benchWatched) { el.__benchWatched = true;
    el.on('plotly_afterplot', () => { window.__drawnAt = performance.now(); }); } })"""


def _start_lab(root: Path) -> tuple[subprocess.Popen, str, str]:
    for rel, values in SETTINGS.items():
        path = root / "settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(12)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_RUNTIME_DIR": str(root / "rt"),
           "JUPYTER_CONFIG_DIR": str(root / "cfg"), "JUPYTER_DATA_DIR": str(root / "data")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         f"--LabApp.user_settings_dir={root / 'settings'}",
         f"--LabApp.workspaces_dir={root / 'workspaces'}"],
        env=env, stdout=(root / "lab.log").open("w"), stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).close()
            return proc, base, token
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    raise SystemExit("jupyter lab did not start:\n" + (root / "lab.log").read_text()[-2000:])


def _move(box, i: int) -> str:
    """Move the box's first control once (the i-th time); return what kind it is."""
    page = box.page
    slider = box.locator(".widget-slider .noUi-handle")
    toggles = box.locator(".widget-toggle-buttons button")
    number = box.locator(".widget-text input[type='number']")
    select = box.locator(".widget-dropdown select")
    if slider.count():
        slider.first.focus()
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        return "slider"
    if toggles.count():
        toggles.nth((i + 1) % toggles.count()).focus()
        page.keyboard.press("Enter")
        return "buttons"
    if number.count():
        number.first.focus()
        page.keyboard.press("Control+a")
        page.keyboard.type(str(30 + i % 2 * 5))
        page.keyboard.press("Enter")
        return "number box"
    n = select.first.locator("option").count()
    select.first.select_option(index=(i + 1) % n)
    return "drop-down"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from support import run_all_cells  # what the JupyterLab tests do

    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for path in lessons:
            shutil.copy(path, root / path.name)
        proc, base, token = _start_lab(root)
        try:
            print(f"{'lesson / explorer (control)':58} {'n':>3} {'min ms':>7} {'median':>7} "
                  f"{'max':>7}")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium,
                                            args=["--headless=new", "--no-sandbox"])
                for path in lessons:
                    nb = json.loads(path.read_text(encoding="utf-8"))
                    n_code = sum(c["cell_type"] == "code" for c in nb["cells"])
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    page.goto(f"{base}/lab/tree/{path.name}?reset&token={token}")
                    page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
                    page.get_by_text("| Idle").first.wait_for(timeout=120_000)
                    run_all_cells(page, n_code)
                    boxes = page.locator(".jp-OutputArea-output > .widget-vbox")
                    for k in range(boxes.count()):
                        box = boxes.nth(k)
                        box.scroll_into_view_if_needed()
                        box.evaluate(JS_WATCH)
                        times, kind = [], ""
                        for i in range(args.repeat):
                            t0 = page.evaluate("() => (window.__drawnAt = 0, performance.now())")
                            kind = _move(box, i)
                            page.wait_for_function("t0 => window.__drawnAt > t0", arg=t0,
                                                   timeout=60_000)
                            times.append(page.evaluate("() => window.__drawnAt") - t0)
                            page.get_by_text("| Idle").first.wait_for(timeout=60_000)
                        print(f"{path.stem[:40] + ' #' + str(k) + ' (' + kind + ')':58} "
                              f"{len(times):3d} {min(times):7.1f} "
                              f"{statistics.median(times):7.1f} {max(times):7.1f}")
                    page.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
