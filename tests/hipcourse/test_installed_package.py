"""The course installed with pip, outside the repository, runs every lesson (Colab, downloads).

A Colab launch button opens a committed lesson in a kernel without the course; the lesson's
setup cell (``[tool.coursekit] setup_cell``) then runs ``%pip install`` on the repository. These
tests install the project the same way (a wheel build of its sources, into a folder of its
own) and run each lesson's code from a folder outside the repository, so anything the
package reads from the repository instead of from itself fails here. A second test runs the
setup cell in a kernel where the course cannot be imported and checks what it asks pip for.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coursekit.book import Book
from coursekit.config import load_settings
from coursekit.setupcell import pip_requirement, render, repository_url

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: What a pip build of the project reads (pyproject.toml, setup.py and MANIFEST.in say so).
SOURCES = ("hipcapsule", "hipcourse", "coursekit", "pyproject.toml", "setup.py", "MANIFEST.in",
           "book/references.bib")

RUN_LESSONS = textwrap.dedent("""
    import json, sys
    from IPython.core.inputtransformer2 import TransformerManager
    import hipcourse
    out = {"hipcourse": hipcourse.__file__, "failed": []}
    for path in sys.argv[1:]:
        nb = json.load(open(path, encoding="utf-8"))
        ns = {"__name__": "__main__"}
        for i, cell in enumerate(nb["cells"], start=1):
            tags = cell.get("metadata", {}).get("tags", [])
            if cell["cell_type"] != "code" or "skip-execution" in tags:
                continue
            code = TransformerManager().transform_cell("".join(cell["source"]))
            try:
                exec(compile(code, f"{path}:cell {i}", "exec"), ns)
            except Exception as exc:
                out["failed"].append(f"{path}:cell {i}: {type(exc).__name__}: {exc}")
    print(json.dumps(out))
""")

SETUP_WITHOUT_COURSE = textwrap.dedent("""
    import importlib.abc, json, sys
    from IPython.core.inputtransformer2 import TransformerManager

    class NoCourse(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == "hipcourse":
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    blocker = NoCourse()
    sys.meta_path.insert(0, blocker)
    calls = []

    class Shell:
        def run_line_magic(self, name, line):  # what %pip would do: install, then it imports
            calls.append([name, line])
            sys.meta_path.remove(blocker)

    code = TransformerManager().transform_cell(sys.stdin.read())
    ns = {"get_ipython": lambda: Shell()}
    exec(compile(code, "setup cell", "exec"), ns)
    print(json.dumps({"calls": calls, "imported": "hipcourse" in ns}))
""")


def _clean_env(site: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    env["MPLBACKEND"] = "Agg"
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built and installed with pip into a folder of its own."""
    base = tmp_path_factory.mktemp("installed")
    src, site = base / "src", base / "site"
    for name in SOURCES:
        source, dest = ROOT / name, src / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-compile", "--target", str(site), str(src)],
        check=True, cwd=base, env=_clean_env(None), capture_output=True, text=True)
    return site


@pytest.mark.slow
def test_every_lesson_runs_on_the_installed_course_outside_the_repository(
        installed: Path, tmp_path: Path) -> None:
    assert (installed / "hipcourse" / "references.bib").read_bytes() == (
        ROOT / "book" / "references.bib").read_bytes()
    copies = []
    for lesson in LESSONS:  # the lessons alone, as Colab or a download has them
        copies.append(tmp_path / lesson.name)
        shutil.copy2(lesson, copies[-1])
    result = subprocess.run(
        [sys.executable, "-c", RUN_LESSONS, *map(str, copies)], cwd=tmp_path,
        env=_clean_env(installed), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(out["hipcourse"]).is_relative_to(installed)  # not the repository's copy
    assert out["failed"] == []


def test_setup_cell_installs_the_course_from_the_configured_repository(tmp_path: Path) -> None:
    settings = load_settings(ROOT)
    book = Book(ROOT, settings)
    setup = render(settings.setup_cell, ROOT, book.config)
    url = repository_url(book.config)
    expected = f'install --quiet "{pip_requirement(url, ROOT / "pyproject.toml")}"'
    assert url and f"git+{url}" in expected and "[course]" in expected
    result = subprocess.run(
        [sys.executable, "-c", SETUP_WITHOUT_COURSE], input=setup, cwd=tmp_path,
        env=_clean_env(None), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout)
    assert out == {"calls": [["pip", expected]], "imported": True}


def test_setup_cell_does_nothing_where_the_course_is_installed(tmp_path: Path) -> None:
    settings = load_settings(ROOT)
    setup = render(settings.setup_cell, ROOT, Book(ROOT, settings).config)
    probe = SETUP_WITHOUT_COURSE.replace("sys.meta_path.insert(0, blocker)", "")
    probe = probe.replace("sys.meta_path.remove(blocker)", "pass")
    result = subprocess.run(
        [sys.executable, "-c", probe], input=setup, cwd=tmp_path, env=_clean_env(None),
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == {"calls": [], "imported": True}
