"""coursekit.downloads: a built site's ``.ipynb`` download has its outputs and opens with a
note (course, repository, how to install), on a first build and on a no-change rebuild.

A small Sphinx project (myst-nb, execution cache, one notebook) is built in a temporary
folder; the committed notebook must stay as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit import downloads

URL = "https://github.com/example-org/example-course"

CONF = f"""
project = "Example course"
html_title = "An example course"
extensions = ["myst_nb", "coursekit.downloads"]
nb_execution_mode = "cache"
html_theme = "sphinx_book_theme"
# launch buttons on: the theme offers a text notebook's .ipynb (from jupyter_execute/)
html_theme_options = {{"repository_url": "{URL}",
                      "launch_buttons": {{"binderhub_url": "https://mybinder.org"}}}}
html_sourcelink_suffix = ""
exclude_patterns = ["_build"]
"""

PYPROJECT = """
[project]
name = "example-course"
[project.optional-dependencies]
course = ["plotly>=6"]
toolkit = ["jupyter-book>=1,<2", "nbformat"]
"""


TEXT_NOTEBOOK = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---

# A text lesson

```{code-cell} python3
print(6 * 9)
```
"""


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson\n\nSome text."),
                nbformat.v4.new_code_cell("print(6 * 7)")]
    return nb


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "book"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nlesson\ntext\n```\n",
                                  encoding="utf-8")
    (src / "text.md").write_text(TEXT_NOTEBOOK, encoding="utf-8")
    nbformat.write(_notebook(), src / "lesson.ipynb")
    return src


def _build(src: Path, *extra: str) -> Path:
    out = src / "_build" / "html"
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", *extra, str(src),
                           str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def _check_download(out: Path) -> None:
    nb = nbformat.read(out / "_sources" / "lesson.ipynb", as_version=4)
    nbformat.validate(nb)
    first, *rest = nb.cells
    assert first.cell_type == "markdown" and first.id == downloads.NOTE_CELL_ID
    note = first.source
    assert "*An example course*" in note
    assert f"<{URL}>" in note and f"git clone {URL}" in note
    assert "pip install -r requirements.txt" in note and "pip install -e ." in note
    assert f'%pip install "example-course[course] @ git+{URL}"' in note  # toolkit extra left out
    code = [c for c in rest if c["cell_type"] == "code"]
    assert [o.get("text") for o in code[0]["outputs"]] == ["42\n"]
    assert [c["source"] for c in rest] == ["# A lesson\n\nSome text.", "print(6 * 7)"]
    assert not list((out / "_sources").glob(".*tmp"))  # written atomically, nothing left over
    text = nbformat.read(out / "_sources" / "text.ipynb", as_version=4)  # a MyST notebook
    assert text.cells[0].id == downloads.NOTE_CELL_ID and "source_map" not in text.metadata
    assert [o.get("text") for c in text.cells for o in c.get("outputs", [])] == ["54\n"]


@pytest.mark.slow
def test_download_has_outputs_and_note_on_first_build_and_on_no_change_rebuild(
        tmp_path: Path) -> None:
    src = _project(tmp_path)
    committed = (src / "lesson.ipynb").read_text(encoding="utf-8")
    out = _build(src)
    _check_download(out)
    executed = src / "_build" / "jupyter_execute" / "lesson.ipynb"
    assert executed.is_file()
    out = _build(src)  # nothing changed: no page is read or written again
    _check_download(out)
    out = _build(src, "-E")  # every page read again, its outputs merged from the cache ...
    _check_download(out)
    for copy in (executed, executed.with_name("text.ipynb")):
        assert not any(c.get("outputs") for c in nbformat.read(copy, as_version=4).cells)
    # ... and jupyter_execute/ then holds the notebook without outputs (not a source to use)
    assert (src / "lesson.ipynb").read_text(encoding="utf-8") == committed


def test_executed_notebook_falls_back_to_jupyter_execute_then_to_the_source(
        tmp_path: Path) -> None:
    source = tmp_path / "a.ipynb"
    nbformat.write(_notebook(), source)
    done = _notebook()
    done.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    executed = tmp_path / "done.ipynb"
    nbformat.write(done, executed)
    assert downloads.executed_notebook(source, tmp_path / "no-cache", executed
                                       ).cells[1].outputs[0].text == "42\n"
    stale = _notebook()
    stale.cells[1].source = "print(1)"
    stale.cells[1].outputs = done.cells[1].outputs
    nbformat.write(stale, executed)  # another notebook's outputs are never used
    assert downloads.executed_notebook(source, None, executed).cells[1].outputs == []
    assert not (tmp_path / "no-cache").exists()


def test_note_is_added_once_and_only_with_a_repository() -> None:
    nb = downloads.standalone_notebook(_notebook(), "note")
    nb = downloads.standalone_notebook(nb, "note")
    assert [c.source for c in nb.cells][:2] == ["note", "# A lesson\n\nSome text."]
    assert len(downloads.standalone_notebook(_notebook(), None).cells) == 2


def test_pip_requirement_names_the_lesson_extras_only(tmp_path: Path) -> None:
    assert downloads.pip_requirement(URL) == f"git+{URL}"
    assert downloads.pip_requirement(URL, tmp_path / "missing.toml") == f"git+{URL}"
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert (downloads.pip_requirement(URL, tmp_path / "pyproject.toml")
            == f"example-course[course] @ git+{URL}")


def test_note_gives_the_clone_folder_and_requirements_file() -> None:
    note = downloads.download_note("C", URL + ".git", "x", requirements="req/lock.txt")
    assert "cd example-course\n" in note and "pip install -r req/lock.txt" in note


def test_coursekit_downloads_names_no_course_package() -> None:
    text = Path(downloads.__file__).read_text(encoding="utf-8")
    assert "hipcapsule" not in text and "hipcourse" not in text
