"""Real-browser tests of the live lessons in JupyterLab (what ./scripts/lab opens).

One JupyterLab server runs on 127.0.0.1 with a token over temporary copies of every lesson (so
nothing writes outputs into the committed notebooks), with its settings and workspaces in the
same temporary folder; the notebook renders every cell (no lazy "windowing"), so every output
can be checked. For each lesson, headless Chromium opens it and runs every cell from the Run
menu; then:

* no cell fails (no traceback in any output);
* no MyST markup shows raw (jupyterlab-myst renders ``{cite}``, ``{term}`` and ``:::``);
* every live explorer renders its controls and a figure with data, and the figure's category
  labels in the browser are those of the same explorer built in Python (lesson 04's bars
  once lost theirs);
* changing each live explorer's first control (a slider or buttons from the keyboard, a
  number typed, an option chosen) changes its figure's data, and the labels are still the
  Python figure's after the same change;
* after the notebook is saved and the tab reloaded, every figure is drawn again from the
  kernel with the changed data (a figure once fell back to its first data while its controls
  kept their values).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, run_all_cells, wait_until_serving

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
#: JupyterLab settings for the test server: render every cell, never autosave behind the test.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
#: Raw MyST that must not show once jupyterlab-myst renders the markdown cells.
RAW_MYST = ("{cite}`", "{term}`", "{ref}`", ":::")

#: Every live explorer's figures, as the browser holds them: per trace its type, name and
#: the category labels of x (strings only).
_FIGURES_JS = """(root) => Array.from(root.querySelectorAll('.js-plotly-plot')).map(el =>
  (el.data || []).map(t => ({type: t.type, name: t.name || '',
    labels: (t.x ? Array.from(t.x) : []).filter(v => typeof v === 'string')})))"""
#: A digest of the plotted data of every figure in a box (a JS expression of ``root``).
_DIGEST = """JSON.stringify(Array.from(root.querySelectorAll('.js-plotly-plot')).map(el =>
  (el.data || []).map(t => [t.x, t.y, t.z, t.r, t.theta, t.text].map(
    v => v == null ? null : Array.from(typeof v === 'string' ? [v] : v)))))"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    root = tmp_path_factory.mktemp("lab")
    for name in LESSONS:
        shutil.copy(ROOT / "notebooks" / name, root / name)
    for rel, values in SETTINGS.items():
        path = root / "settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(12)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
           "JUPYTER_DATA_DIR": str(root / "data"),  # its notebook signatures too
           "JUPYTER_CONFIG_DIR": str(root / "config")}
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         f"--LabApp.user_settings_dir={root / 'settings'}",
         f"--JupyterNotebookApp.user_settings_dir={root / 'settings'}",
         "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to run the save command
         f"--LabApp.workspaces_dir={root / 'workspaces'}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:  # the server is up when its status API answers
        wait_until_serving(
            proc, lambda: urllib.request.urlopen(f"{base}/api/status?token={token}",
                                                 timeout=2).close(),
            "jupyter lab", attempts=240, detail=lambda: (root / "lab.log").read_text()[-2000:])
        yield base, token, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _idle(page) -> None:
    """Wait until the kernel is idle (the status bar's read-out)."""
    page.get_by_text("| Idle").first.wait_for(timeout=240_000)


def _open(page, base: str, token: str, name: str) -> None:
    # ?reset: a fresh workspace, so the lessons opened before are not restored as hidden tabs
    page.goto(f"{base}/lab/tree/{name}?reset&token={token}")
    page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
    page.get_by_text("| Idle").first.wait_for(timeout=120_000)  # the kernel's status


def _save(page) -> None:
    """Save the open notebook (the test's copy) with the save command (what Ctrl+S runs) and
    wait until it is saved."""
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !document.querySelector('.jp-mod-current.jp-mod-dirty')",
                           timeout=60_000)


#: What the page shows when reloaded widgets do not come back: how many top-level widget boxes,
#: any dialog, and the start of every output that is not a widget box.
_RELOAD_STATE_JS = """() => ({
  boxes: document.querySelectorAll('.jp-OutputArea-output > .widget-vbox').length,
  dialog: Array.from(document.querySelectorAll('.jp-Dialog')).map(d => d.innerText.slice(0, 200)),
  kernel: (document.querySelector('.jp-Notebook-ExecutionIndicator, .jp-KernelStatus')
           || {}).title || '',
  others: Array.from(document.querySelectorAll('.jp-OutputArea-output'))
    .filter(o => !o.querySelector(':scope > .widget-vbox'))
    .map(o => o.innerText.trim().slice(0, 120)).filter(t => /widget|VBox|Error|model/i.test(t))
})"""


def _wait_widgets_back(page, n: int, root: Path) -> None:
    """Wait until the reloaded notebook shows its ``n`` live explorers again.

    JupyterLab restores widgets from the running kernel after a reload; on a loaded machine that
    restore has twice left a lesson's widgets missing (CI, lessons 01 and 02; never reproduced
    in five local runs). So a first miss reloads once more, and the figures are then checked
    as usual; a second miss fails with what the page shows instead (widget boxes, dialogs,
    widget-like text outputs) and the end of the server's log."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    script = ("n => document.querySelectorAll('.jp-OutputArea-output > .widget-vbox').length"
              " === n")
    misses = []
    for timeout in (90_000, 120_000):
        try:
            page.wait_for_function(script, arg=n, timeout=timeout)
            if misses:  # shown in the run's warnings summary, for the next diagnosis
                warnings.warn(f"the first reload showed {misses[0]}; the second restored all "
                              f"{n} explorers", stacklevel=2)
            return
        except PlaywrightTimeout:
            misses.append(page.evaluate(_RELOAD_STATE_JS))
            if len(misses) == 1:
                page.reload()
                page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
    log = (root / "lab.log").read_text(errors="replace")[-3000:]
    pytest.fail(f"after two reloads {misses[-1]['boxes']} of {n} live explorers came back; "
                f"page each time: {misses}; server log ends:\n{log}")


def _live_views(page):
    """The live explorers' top-level boxes (a box holding a plotly figure)."""
    boxes = page.locator(".jp-OutputArea-output > .widget-vbox")
    return [boxes.nth(i) for i in range(boxes.count())]


def _figures(box) -> list:
    return box.evaluate(_FIGURES_JS)


def _digest(box) -> str:
    return box.evaluate(f"(root) => {_DIGEST}")


def _wait_digest(box, old: str, changed: bool) -> None:
    """Wait until the box's plotted data differs from (or, ``changed=False``, equals) ``old``."""
    op = "!==" if changed else "==="
    box.page.wait_for_function(f"([root, old]) => {_DIGEST} {op} old",
                               arg=[box.element_handle(), old], timeout=60_000)


def _wait_figure_data(box) -> list:
    box.page.wait_for_function(
        "(root) => Array.from(root.querySelectorAll('.js-plotly-plot'))"
        ".every(el => el.data && el.data.length)", arg=box.element_handle(), timeout=60_000)
    return _figures(box)


def _change_first_control(box, live) -> str:
    """Change the explorer's first control of the first kind found (a slider or buttons from
    the keyboard, a number typed, an option chosen) and make the same change to ``live``, the
    same explorer built in this process; return what was done."""
    import ipywidgets as w

    page = box.page
    slider = box.locator(".widget-slider .noUi-handle")
    toggles = box.locator(".widget-toggle-buttons button")
    number = box.locator(".widget-text input[type='number']")
    select = box.locator(".widget-dropdown select")

    def first(kind):
        return next(c for c in live.controls.values() if isinstance(c, kind))

    if slider.count():
        slider.first.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        c = first(w.widgets.widget_int._Int | w.widgets.widget_float._Float)
        c.value = min(c.max, c.value + 3 * c.step)
        return "slider: ArrowRight x3"
    if toggles.count():
        c = first(w.ToggleButtons)
        for i in range(toggles.count()):
            if "mod-active" not in (toggles.nth(i).get_attribute("class") or ""):
                toggles.nth(i).focus()
                page.keyboard.press("Enter")
                c.index = i
                return f"toggle button {i}: Enter"
    if number.count():
        number.first.focus()
        page.keyboard.press("Control+a")
        page.keyboard.type("33")
        page.keyboard.press("Enter")
        first(w.BoundedFloatText).value = 33.0
        return "number box: typed 33, Enter"
    if select.count():
        c = first(w.Dropdown)
        index = (c.index + 1) % len(c.options)
        select.first.select_option(index=index)
        c.index = index
        return f"drop-down: chose option {index}"
    raise AssertionError("no control found in the live explorer")


def _python_labels(live) -> list:
    """Per trace (type, name, string x labels) of the explorer's figure in Python."""
    return [[(t.type, t.name or "",
              [v for v in (getattr(t, "x", None) or ()) if isinstance(v, str)])
             for t in live.figure.data]]


def _labels(figures: list) -> list:
    return [[(t["type"], t["name"], t["labels"]) for t in fig] for fig in figures]


def _live_explorers(nb: dict) -> list:
    """The lesson's live explorers, built in this process from their cells' code."""
    import hipcourse

    return [eval("".join(c["source"]), {"hipcourse": hipcourse})  # noqa: S307 (our cells)
            for c in nb["cells"] if "live-kernel" in c["metadata"].get("tags", [])]


@pytest.mark.parametrize("name", LESSONS)
def test_every_live_lesson_runs_renders_and_answers_in_jupyterlab(lab, browser, name) -> None:
    base, token, _root = lab
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    n_live = sum("live-kernel" in c["metadata"].get("tags", []) for c in code)
    committed = (ROOT / "notebooks" / name).read_bytes()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        _open(page, base, token, name)
        run_all_cells(page, len(code))
        outputs = " ".join(page.locator(".jp-OutputArea-output").all_inner_texts())
        assert "Traceback" not in outputs
        prose = " ".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
        raw = [m for m in RAW_MYST if m in prose]
        assert not raw, f"raw MyST shown: {raw}"
        views = _live_views(page)
        explorers = _live_explorers(nb)
        assert len(views) == n_live == len(explorers)
        for box, live in zip(views, explorers, strict=True):
            box.scroll_into_view_if_needed()
            before = _wait_figure_data(box)
            assert before and all(before), "a live figure has no data"
            assert _labels(before) == _python_labels(live)
            digest = _digest(box)
            done = _change_first_control(box, live)
            _wait_digest(box, digest, changed=True)
            # several key presses are several updates: wait for the last before comparing
            want = _python_labels(live)
            for _ in range(120):
                if _labels(_figures(box)) == want:
                    break
                page.wait_for_timeout(250)
            assert _labels(_figures(box)) == want, done
            _idle(page)
        assert "Traceback" not in " ".join(page.locator(".jp-OutputArea-output").all_inner_texts())
        # Reloading the tab re-displays every widget from the kernel: each figure shows the
        # data of its controls' current values, not the data it was first drawn with.
        changed = [_digest(box) for box in views]
        _save(page)
        # trusted, as a learner's own notebook is (an untrusted one shows widgets as text)
        subprocess.run([str(Path(sys.executable).with_name("jupyter-trust")), str(_root / name)],
                       env={**os.environ, "JUPYTER_DATA_DIR": str(_root / "data")},
                       check=True, capture_output=True)
        page.reload()
        page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
        _wait_widgets_back(page, n_live, _root)
        for box, after, live in zip(_live_views(page), changed, explorers, strict=True):
            box.scroll_into_view_if_needed()
            _wait_figure_data(box)
            assert _digest(box) == after, "a reloaded figure lost its current data"
            shown, want = _labels(_figures(box)), _python_labels(live)
            assert shown == want, [(s_, w_) for f, g in zip(shown, want, strict=False)
                                   for s_, w_ in zip(f, g, strict=False) if s_ != w_]
    finally:
        page.close()
    assert (ROOT / "notebooks" / name).read_bytes() == committed  # only the copy ran


#: Lessons whose live explorers have sliders (checked in Notebook 7 below).
SLIDER_LESSONS = [n for n in LESSONS
                  if any(s in n for s in ("02_", "03_", "05_"))]
_ACTIVE_CELL = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'))
  .indexOf(document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active'))"""


def test_a_run_that_stops_early_says_where_and_why(lab, browser) -> None:
    """The helper every live test uses: when a cell raises, Run All stops there, and the
    failure names the prompts reached and the error, rather than only timing out."""
    import nbformat

    base, token, root = lab
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise RuntimeError('this cell stops the run on purpose')"),
        nbformat.v4.new_code_cell("y = 2"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    (root / "stops_early.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        _open(page, base, token, "stops_early.ipynb")
        with pytest.raises(pytest.fail.Exception) as failed:
            run_all_cells(page, 3, timeout_ms=20_000)
        message = str(failed.value)
        assert "did not reach cell 3" in message, message
        assert "[2]:" in message and "this cell stops the run on purpose" in message, message
    finally:
        page.close()


@pytest.mark.parametrize("name", SLIDER_LESSONS)
def test_live_sliders_answer_the_arrow_keys_in_notebook_7(lab, browser, name) -> None:
    """In Notebook 7 (the same server's /notebooks view) the arrow keys on a focused slider
    move the slider and redraw its figure; they do not move to another cell or fold a
    heading, as they once did (the notebook took the keys before the slider saw them)."""
    base, token, root = lab
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    copy = f"notebook7_{name}"  # a fresh copy: a new kernel, no saved outputs
    shutil.copy(ROOT / "notebooks" / name, root / copy)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{base}/notebooks/{copy}?token={token}")
        page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
        run_all_cells(page, len(code), status_bar=False)  # Notebook 7 has no status bar
        moved = 0
        for box in _live_views(page):
            handles = box.locator(".widget-slider .noUi-handle")
            for i in range(handles.count()):
                handle = handles.nth(i)
                handle.scroll_into_view_if_needed()
                _wait_figure_data(box)
                digest, value = _digest(box), handle.get_attribute("aria-valuetext")
                handle.focus()
                cell = page.evaluate(_ACTIVE_CELL)
                at_max = handle.evaluate(
                    "h => h.getAttribute('aria-valuenow') === h.getAttribute('aria-valuemax')")
                keys = ("ArrowLeft", "ArrowLeft", "ArrowDown") if at_max else (
                    "ArrowRight", "ArrowRight", "ArrowUp")  # a slider at its end moves back
                for key in keys:
                    page.keyboard.press(key)
                page.wait_for_function("([h, v]) => h.getAttribute('aria-valuetext') !== v",
                                       arg=[handle.element_handle(), value], timeout=30_000)
                assert handle.evaluate("h => document.activeElement === h"), "focus left"
                assert page.evaluate(_ACTIVE_CELL) == cell, "the keys moved to another cell"
                assert page.locator(".jp-MarkdownHeadingCollapsed").count() == 0
                _wait_digest(box, digest, changed=True)
                moved += 1
        assert moved >= 1, "no live slider found"
    finally:
        page.close()
