"""The setup cell (coursekit.setupcell): rendering, the check rule, --write and `new`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from coursekit import setupcell
from coursekit.check import main as check_main
from coursekit.errors import CourseKitError
from coursekit.lesson import main as new_main
from coursekit.setupcell import main as setup_main

REPO = "https://example.org/me/my-course"
TEMPLATE = (
    "try:\n"
    "    import mycourse\n"
    "except ModuleNotFoundError:\n"
    '    %pip install --quiet "{pip}"\n'
    "    import mycourse"
)


def _notebook(*sources: str) -> dict:
    cells = [{"cell_type": "markdown", "id": "m0", "metadata": {}, "source": "# 01 · A"}]
    cells += [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {},
               "outputs": [], "source": src} for i, src in enumerate(sources)]
    return {"cells": cells, "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}


def _write_book(root: Path, repository: str | None = REPO, first_code: str = "import mycourse",
                template: str = TEMPLATE) -> Path:
    config = "title: A course\n"
    if repository is not None:
        config += f"repository:\n  url: {repository}\n"
    (root / "_config.yml").write_text(config)
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: lessons/01_a\n")
    (root / "intro.md").write_text("# Intro\n")
    (root / "lessons").mkdir()
    lesson = root / "lessons" / "01_a.ipynb"
    lesson.write_text(json.dumps(_notebook(first_code, "mycourse.figure()"), indent=1) + "\n")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "my-course"\nversion = "1"\n'
        '[project.optional-dependencies]\nlessons = ["plotly"]\n'
        'authoring = ["jupyter-book>=1,<2"]\n'
        "[tool.coursekit]\nsetup_cell = '''\n" + template + "'''\n")
    return lesson


def _first_code(path: Path) -> str:
    nb = json.loads(path.read_text())
    cell = nb["cells"][setupcell.first_code_cell(nb)]
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def test_render_fills_in_the_repository_and_the_lesson_extras(tmp_path: Path) -> None:
    _write_book(tmp_path)
    text = setupcell.render(TEMPLATE, tmp_path, {"repository": {"url": REPO}})
    # the extra that needs Jupyter Book is an authoring tool, not a lesson dependency
    assert f'%pip install --quiet "my-course[lessons] @ git+{REPO}"' in text
    assert "{pip}" not in text and "{repository}" not in text
    assert setupcell.render("print('{repository}')", tmp_path,
                            {"repository": {"url": REPO}}) == f"print('{REPO}')"


def test_render_without_a_repository_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CourseKitError, match="no repository.url"):
        setupcell.render(TEMPLATE, tmp_path, {})
    assert setupcell.render("import os", tmp_path, {}) == "import os"  # no placeholder


def test_rule_flags_a_lesson_without_the_setup_cell() -> None:
    setup = "import os"
    assert list(setupcell.rule_setup_cell(_notebook("import os\nx = 1"), setup)) == []
    assert list(setupcell.rule_setup_cell(_notebook("import os"), setup)) == []
    (cell, rule, message), = setupcell.rule_setup_cell(_notebook("import sys"), setup)
    assert (cell, rule) == (1, "setup-cell") and "coursekit setup-cell --write" in message
    # a line that merely starts like the setup cell does not count as it
    assert list(setupcell.rule_setup_cell(_notebook("import osmium"), setup))
    (cell, rule, _), = setupcell.rule_setup_cell(
        {"cells": [{"cell_type": "markdown", "source": "# A"}]}, setup)
    assert (cell, rule) == (None, "setup-cell")


def test_apply_inserts_replaces_an_older_rendering_and_is_idempotent() -> None:
    new = "try:\n    import a\nexcept ImportError:\n    install('new')"
    old = "try:\n    import a\nexcept ImportError:\n    install('old')"
    nb = _notebook(old + "\nfrom a import b")
    assert setupcell.apply(nb, new)
    assert nb["cells"][1]["source"] == new + "\nfrom a import b"
    assert not setupcell.apply(nb, new)  # already there: unchanged
    nb = _notebook("from a import b")
    assert setupcell.apply(nb, new) and nb["cells"][1]["source"] == new + "\nfrom a import b"
    nb = _notebook("")
    assert setupcell.apply(nb, new) and nb["cells"][1]["source"] == new
    with pytest.raises(CourseKitError, match="no code cell"):
        setupcell.apply({"cells": []}, new)


def test_check_reports_it_and_write_fixes_it(tmp_path: Path, monkeypatch, capsys) -> None:
    lesson = _write_book(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert check_main([]) == 1
    out = capsys.readouterr().out
    assert "lessons/01_a.ipynb:2:setup-cell" in out  # cell 2 (1-based), the first code cell
    assert setup_main([]) == 0
    printed = capsys.readouterr().out
    assert f"my-course[lessons] @ git+{REPO}" in printed
    assert setup_main(["--write"]) == 0
    assert "setup cell written" in capsys.readouterr().out
    assert _first_code(lesson) == printed.rstrip("\n") + "\nimport mycourse"
    assert check_main([]) == 0
    before = lesson.read_bytes()
    assert setup_main(["--write"]) == 0  # nothing to do: the file is not rewritten
    assert lesson.read_bytes() == before


def test_write_after_the_repository_moved_updates_every_lesson(tmp_path: Path, monkeypatch,
                                                               capsys) -> None:
    lesson = _write_book(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert setup_main(["--write"]) == 0
    config = tmp_path / "_config.yml"
    config.write_text(config.read_text().replace(REPO, "https://example.org/new/home"))
    assert check_main([]) == 1
    assert setup_main(["--write"]) == 0
    text = _first_code(lesson)
    assert "git+https://example.org/new/home" in text and REPO not in text
    assert text.count("try:") == 1 and text.endswith("    import mycourse\nimport mycourse")
    capsys.readouterr()
    assert check_main([]) == 0


def test_write_refuses_a_read_only_lesson(tmp_path: Path, monkeypatch, capsys) -> None:
    """Refused by its mode bits, whoever runs it (root too), with one line and no change."""
    lesson = _write_book(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = lesson.read_bytes()
    lesson.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        assert setup_main(["--write"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("coursekit: error:")
        assert lesson.read_bytes() == before
    finally:
        lesson.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_without_the_setting_there_is_no_rule_and_the_command_says_so(
        tmp_path: Path, monkeypatch, capsys) -> None:
    _write_book(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n')
    monkeypatch.chdir(tmp_path)
    assert check_main([]) == 0
    assert setup_main([]) == 2
    assert "setup_cell is not set" in capsys.readouterr().err


def test_missing_repository_is_one_line_not_a_traceback(tmp_path: Path, monkeypatch,
                                                         capsys) -> None:
    _write_book(tmp_path, repository=None)
    monkeypatch.chdir(tmp_path)
    assert setup_main([]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "repository.url" in err[0]
    assert check_main([]) == 2
    assert "repository.url" in capsys.readouterr().err


def test_new_lesson_starts_with_the_setup_cell(tmp_path: Path, monkeypatch, capsys) -> None:
    _write_book(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert setup_main(["--write"]) == 0
    assert new_main(["A second lesson"]) == 0
    capsys.readouterr()
    created = sorted((tmp_path / "lessons").glob("*.ipynb"))
    assert len(created) == 2
    assert _first_code(created[-1]).startswith("try:\n    import mycourse\n")
    assert check_main([]) == 0, capsys.readouterr().out
