"""The strict book build passes with zero warnings; a broken lesson fails it clearly."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, BuildResult, jupyter_book_build

FIXTURES = Path(__file__).parent / "fixtures"


def test_strict_build_passes_with_zero_warnings(built_site: BuildResult) -> None:
    warnings = [
        ln
        for ln in built_site.log.splitlines()
        if re.search(r"\bWARNING\b", ln) and "Kernel is running over TCP" not in ln
    ]
    assert built_site.returncode == 0, built_site.log[-3000:]
    assert warnings == []
    assert (built_site.html / "index.html").is_file()


def test_every_toc_page_is_built(site_html: Path) -> None:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    files = re.findall(r"(?:root|file):\s*(\S+)", toc)
    assert files
    for name in files:
        assert (site_html / f"{name}.html").is_file(), name


@pytest.fixture(scope="module")
def broken_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this course's configuration with one lesson that raises."""
    book = tmp_path_factory.mktemp("broken_book")
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    for folder in ("_vendor_static", "_site_static", "_root"):  # the config's static paths
        shutil.copytree(ROOT / "book" / folder, book / "book" / folder)
    shutil.copy(ROOT / "book" / "references.bib", book / "book" / "references.bib")
    (book / "book" / "intro.md").write_text("# Sample\n\nA sample book.\n", encoding="utf-8")
    (book / "notebooks").mkdir()
    shutil.copy(FIXTURES / "broken_lesson.ipynb", book / "notebooks" / "01_broken.ipynb")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: notebooks/01_broken\n",
        encoding="utf-8",
    )
    return book


@pytest.mark.slow
def test_broken_lesson_fails_the_build_naming_notebook_and_cell(broken_book: Path) -> None:
    result = jupyter_book_build(broken_book)
    assert result.returncode != 0
    log = broken_book / "build.log"
    log.write_text(result.log, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "coursekit.buildlog", str(log)],
        capture_output=True,
        text=True,
        cwd=broken_book,
    )
    assert out.returncode == 1
    first = out.stdout.splitlines()[0]
    assert first.endswith(
        "notebooks/01_broken.ipynb:cell 3: ZeroDivisionError: division by zero"
    ), out.stdout


@pytest.mark.slow
def test_scripts_build_reports_the_failing_cell(broken_book: Path, tmp_path: Path) -> None:
    """The README's build command, pointed at a broken book, exits 1 with one clear line."""
    work = tmp_path / "repo"
    shutil.copytree(broken_book, work, ignore=shutil.ignore_patterns("_build", "build.log"))
    (work / "scripts").mkdir()
    for name in ("build", "_bootstrap.sh"):
        shutil.copy(ROOT / "scripts" / name, work / "scripts" / name)
    # Reuse this checkout's environment instead of bootstrapping a new one.
    (work / ".venv").symlink_to(ROOT / ".venv")
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, work / name)
    out = subprocess.run(
        ["bash", "scripts/build"], capture_output=True, text=True, cwd=work, timeout=900
    )
    assert out.returncode == 1
    assert "notebooks/01_broken.ipynb:cell 3: ZeroDivisionError: division by zero" in out.stderr
