"""A toc Jupyter Book cannot use is one line with its ``line:col`` (issue 14, toc handling).

Before: ``chapters: "oops"`` was a traceback in ``new`` and silently ignored by ``check``;
YAML errors had no line numbers; an empty or old-format toc was reported as "_toc.yml not
found" once per notebook; and ``check`` exited 0 on all of these in a book without a
``notebooks/`` folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT

from coursekit import toc
from coursekit.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
LESSON = FIXTURES / "book" / "notebooks" / "01_good.ipynb"

#: (id, toc text, the one error line coursekit prints).
BAD_TOCS = [
    (
        "chapters-a-string",
        'format: jb-book\nroot: intro\nchapters: "oops"\n',
        "_toc.yml:3:11: 'chapters' must be a list of entries (- file: ...), not a string",
    ),
    (
        "yaml-syntax",
        "format: jb-book\nroot: intro\nchapters:\n- file: a\n  - bad: [\n",
        "_toc.yml:5:3: invalid YAML: expected <block end>, but found '-' "
        "(while parsing a block mapping at line 4)",
    ),
    (
        "duplicate-key",
        "format: jb-book\nroot: intro\nroot: other\n",
        '_toc.yml:3:1: invalid YAML: found duplicate key "root" with value "other" '
        '(original value: "intro") (while constructing a mapping at line 1)',
    ),
    (
        "empty",
        "",
        "_toc.yml: is empty; a Jupyter Book toc needs at least 'format: jb-book' and "
        "'root: <first page>'",
    ),
    (
        "comments-only",
        "# contents to come\n",
        "_toc.yml: is empty; a Jupyter Book toc needs at least 'format: jb-book' and "
        "'root: <first page>'",
    ),
    (
        "old-format",
        "- file: intro\n- part: Lessons\n  chapters:\n  - file: notebooks/01_good\n",
        "_toc.yml: uses the old toc format (a list, Jupyter Book 0.10 and before); convert it "
        "with: jupyter-book toc migrate _toc.yml -o _toc.yml",
    ),
    (
        "scalar",
        "just some text\n",
        "_toc.yml: top level must be a mapping (format:, root:, chapters:), not a string",
    ),
    (
        "no-root",
        "format: jb-book\nchapters:\n- file: intro\n",
        "_toc.yml: no 'root:' key (the book's first page, for example root: intro)",
    ),
    (
        "root-a-list",
        "format: jb-book\nroot: [intro]\n",
        "_toc.yml:2:7: 'root' must be a file name, not a list",
    ),
    (
        "entry-a-string",
        "format: jb-book\nroot: intro\nchapters:\n- file: a\n- oops\n",
        "_toc.yml:5:3: an entry of 'chapters' must be a mapping (file:, url: or glob:), "
        "not a string",
    ),
    (
        "entry-without-file",
        "format: jb-book\nroot: intro\nparts:\n- caption: A\n  chapters:\n  - title: T\n",
        "_toc.yml:6:5: an entry of 'chapters' has no file:, url: or glob:",
    ),
    (
        "file-a-list",
        "format: jb-book\nroot: intro\nchapters:\n- file: [a, b]\n",
        "_toc.yml:4:9: 'file' must be a string, not a list",
    ),
    (
        "file-and-url",
        "format: jb-book\nroot: intro\nchapters:\n- file: a\n  url: https://example.org\n",
        "_toc.yml:4:3: an entry has both file: and url:",
    ),
    (
        "sections-a-number",
        "format: jb-book\nroot: intro\nchapters:\n- file: a\n  sections: 3\n",
        "_toc.yml:5:13: 'sections' must be a list of entries (- file: ...), not a number",
    ),
    (
        "part-without-chapters",
        "format: jb-book\nroot: intro\nparts:\n- caption: Lessons\n",
        "_toc.yml:4:3: entry not a mapping containing 'chapters' key (at parts/0) "
        "(sphinx-external-toc)",
    ),
    (
        "empty-chapters",
        "format: jb-book\nroot: intro\nchapters: []\n",
        "_toc.yml: 'chapters' not a non-empty list (sphinx-external-toc)",
    ),
    (
        "unknown-format",
        "format: jb-books\nroot: intro\n",
        "_toc.yml: 'format' key value not recognised: 'jb-books' (sphinx-external-toc)",
    ),
]

GOOD_TOCS = [
    "format: jb-book\nroot: intro\n",
    "format: jb-book\nroot: intro.md\nchapters:\n- file: notebooks/01_good.ipynb\n  title: One\n"
    "  sections:\n  - url: https://example.org\n    title: Elsewhere\n  - glob: notebooks/*\n",
    "format: jb-book\nroot: intro\ndefaults:\n  numbered: true\nparts:\n- caption: Lessons\n"
    "  numbered: true\n  chapters:\n  - file: notebooks/01_good\n",
    "format: jb-article\nroot: intro\nsections:\n- file: notebooks/01_good\n",
    "root: intro\nsubtrees:\n- caption: Lessons\n  entries:\n  - file: notebooks/01_good\n",
    "# a comment first\nformat: jb-book   # the book\nroot: intro\nchapters:\n- file: a  # A\n",
]


def _book(root: Path, toc_text: str, notebooks: bool) -> Path:
    root.mkdir()
    (root / "_toc.yml").write_text(toc_text)
    (root / "_config.yml").write_text("title: T\n")
    (root / "intro.md").write_text("# Intro\n")
    if notebooks:
        (root / "notebooks").mkdir()
        (root / "notebooks" / "01_good.ipynb").write_bytes(LESSON.read_bytes())
        # a course whose every notebook under notebooks/ is a lesson, listed or not
        (root / "pyproject.toml").write_text('[tool.coursekit]\nnotebooks_dir = "notebooks"\n')
    return root


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    assert err.startswith("coursekit: error: ") and err.count("\n") == 1, err
    return err.removeprefix("coursekit: error: ").rstrip("\n")


@pytest.mark.parametrize("notebooks", [True, False], ids=["with-notebooks", "no-notebooks"])
@pytest.mark.parametrize("text, message", [c[1:] for c in BAD_TOCS], ids=[c[0] for c in BAD_TOCS])
def test_check_reports_an_unusable_toc_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
    notebooks: bool,
) -> None:
    monkeypatch.chdir(_book(tmp_path / "b", text, notebooks))
    assert main(["check"]) == 2
    out, err = capsys.readouterr()
    assert one_error_line(err) == message
    assert "_toc.yml not found" not in out  # the toc exists: say what is wrong with it


@pytest.mark.parametrize("text, message", [c[1:] for c in BAD_TOCS], ids=[c[0] for c in BAD_TOCS])
def test_new_refuses_an_unusable_toc_and_writes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    root = _book(tmp_path / "b", text, notebooks=True)
    monkeypatch.chdir(root)
    assert main(["new", "Second"]) == 2
    assert one_error_line(capsys.readouterr().err) == message
    assert (root / "_toc.yml").read_text() == text
    assert sorted(p.name for p in (root / "notebooks").iterdir()) == ["01_good.ipynb"]


def test_check_of_one_file_reports_the_toc_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _book(tmp_path / "b", 'format: jb-book\nroot: intro\nchapters: "oops"\n', True)
    monkeypatch.chdir(root)
    assert main(["check", "notebooks/01_good.ipynb"]) == 2
    assert one_error_line(capsys.readouterr().err).startswith("_toc.yml:3:11: ")


@pytest.mark.parametrize("text, message", [c[1:] for c in BAD_TOCS], ids=[c[0] for c in BAD_TOCS])
def test_jupyter_book_rejects_every_toc_coursekit_rejects(text: str, message: str) -> None:
    """No false alarm: sphinx-external-toc (what Jupyter Book builds with) refuses them too."""
    from sphinx_external_toc.parsing import parse_toc_data

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return  # not YAML at all
    if text.count("root:") == 2:
        return  # PyYAML keeps the last duplicate key; ruamel (and a careful reader) refuses
    with pytest.raises(Exception):  # noqa: B017 - MalformedError, or a crash on odd shapes
        parse_toc_data(data)


@pytest.mark.parametrize("text", GOOD_TOCS)
def test_good_tocs_pass_both(tmp_path: Path, text: str) -> None:
    from sphinx_external_toc.parsing import parse_toc_data

    parse_toc_data(yaml.safe_load(text))
    path = tmp_path / "_toc.yml"
    path.write_text(text)
    assert toc.toc_problem(toc.load_toc_rt(path)[1]) is None


def test_this_course_and_the_fixture_tocs_are_fine() -> None:
    for path in (ROOT / "_toc.yml", FIXTURES / "book" / "_toc.yml"):
        assert toc.load_toc(path) is not None


def test_missing_toc_is_still_not_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _book(tmp_path / "b", "", notebooks=True)
    (root / "_toc.yml").unlink()
    monkeypatch.chdir(root)
    assert toc.load_toc(root / "_toc.yml") is None
    assert main(["check"]) == 1
    assert "notebooks/01_good.ipynb:-:toc-missing _toc.yml not found" in capsys.readouterr().out


def test_config_yaml_errors_have_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _book(tmp_path / "b", "format: jb-book\nroot: intro\n", notebooks=True)
    (root / "_config.yml").write_text("title: T\nsphinx:\n  config: [\n")
    monkeypatch.chdir(root)
    assert main(["check"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith("_config.yml:4:1: invalid YAML: ")


def test_toc_that_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _book(tmp_path / "b", "", notebooks=False)
    (root / "_toc.yml").write_bytes(b"format: jb-book\nroot: \xff\n")
    monkeypatch.chdir(root)
    assert main(["check"]) == 2
    assert one_error_line(capsys.readouterr().err) == "_toc.yml: not UTF-8 (byte 22)"


TOC_KEYS = ["format", "root", "chapters", "parts", "sections", "file", "url", "glob", "caption",
            "title", "entries", "subtrees", "numbered"]
toc_values = st.recursive(
    st.none() | st.booleans() | st.integers(0, 3) | st.sampled_from(["intro", "jb-book", "a/b"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(TOC_KEYS), inner, max_size=4),
    max_leaves=10,
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=toc_values)
def test_any_toc_shape_is_findings_or_one_line(
    tmp_path_factory: pytest.TempPathFactory, data: object
) -> None:
    """check and new never crash on a toc, whatever its shape."""
    import contextlib
    import io
    import os

    root = _book(tmp_path_factory.mktemp("toc") / "b", yaml.safe_dump(data), notebooks=True)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        for argv in (["check"], ["new", "Second"]):
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                status = main(argv)
            assert status in (0, 1, 2)
            if status == 2:
                one_error_line(err.getvalue())
    finally:
        os.chdir(cwd)
