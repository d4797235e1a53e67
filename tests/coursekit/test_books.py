"""Every command on sample Jupyter Book 1 books of each layout (tests/coursekit/books/).

coursekit reads the book instead of assuming this course's layout: the lessons are what
``_toc.yml`` lists, execution settings come from ``_config.yml``, and this course's own
conventions are off unless ``[tool.coursekit] conventions`` lists them. Each scenario is a
small copy of a real-world shape:

* ``flat``: named notebooks at the book root, tags Jupyter Book supports, a lesson that
  teaches by defining a function;
* ``lectures``: a repository whose book is the ``lectures/`` folder, of MyST ``.md`` lessons;
* ``nested``: parts, chapters with sections, a ``glob:`` and an appendix after the lessons;
* ``excluded``: a notebook excluded from execution, whose committed outputs the book needs;
* ``oldtoc``: a Jupyter Book 0.10 (list) toc;
* ``template``: what ``jupyter-book create`` writes.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit import toc as tocmod
from coursekit.book import Book
from coursekit.cli import main
from coursekit.config import load_settings

BOOKS = Path(__file__).parent / "books"
#: Scenario -> folder of the book root inside the scenario's copy.
ROOTS = {
    "flat": ".",
    "lectures": "lectures",
    "nested": ".",
    "excluded": ".",
    "oldtoc": ".",
    "template": ".",
}
#: Scenario -> exit status of check, clean --check and test --dry-run on the pristine book.
EXPECTED = {
    "flat": (0, 0, 0),
    "lectures": (0, 0, 0),
    "nested": (0, 0, 0),
    "excluded": (0, 0, 0),
    "oldtoc": (2, 2, 2),
    # the template's notebook has an image without alt text (a real a11y finding) and
    # notebook metadata (language_info, widgets) that clean drops
    "template": (1, 1, 0),
}
COMMANDS = [["check"], ["clean", "--check"], ["test", "--dry-run"]]


def copy_book(tmp_path: Path, name: str) -> Path:
    """A copy of a sample book; returns its root."""
    shutil.copytree(BOOKS / name, tmp_path / name)
    return (tmp_path / name / ROOTS[name]).resolve()


@pytest.fixture(params=sorted(ROOTS))
def scenario(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch) -> tuple[str, Path]:
    root = copy_book(tmp_path, request.param)
    monkeypatch.chdir(root)
    return request.param, root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert all(line.startswith(("coursekit: error: ", "coursekit: note: ")) or "pytest" in line
               or line == "nothing to test" for line in err.splitlines()), err
    return status, out, err


def set_table(root: Path, text: str) -> None:
    (root / "pyproject.toml").write_text("[tool.coursekit]\n" + text)


# --- every command on every book ---------------------------------------------------------------


def test_every_command_status(scenario: tuple[str, Path], capsys) -> None:
    name, _root = scenario
    statuses = tuple(run(capsys, *cmd)[0] for cmd in COMMANDS)
    assert statuses == EXPECTED[name]
    for extra in (["rules"], ["settings"]):
        assert run(capsys, *extra)[0] == 0


#: Every other command, run as an author would on a book it was not set up for (the ones that
#: change the book, new, rename and remove, have tests of their own below).
OTHER_COMMANDS = {
    "lint": [], "build": ["--dry-run"], "preview": ["--dry-run"], "links": ["--dry-run"],
    "snapshot": ["check"], "setup-cell": [], "vendor": ["check"], "offline": [],
    "buildlog": [], "cachestamp": [], "rules": [], "settings": [],
    "check": [], "clean": ["--check"], "test": ["--dry-run"],
}  # fmt: skip


def test_every_command_runs_on_every_book_without_a_traceback(
    scenario: tuple[str, Path], capsys
) -> None:
    from coursekit.cli import COMMANDS as ALL

    assert set(OTHER_COMMANDS) | {"new", "rename", "remove"} == set(ALL)
    for command, args in OTHER_COMMANDS.items():
        status, _out, err = run(capsys, command, *args)  # run() asserts no traceback
        assert status in (0, 1, 2), command
        errors = [line for line in err.splitlines() if line.startswith("coursekit: error: ")]
        assert len(errors) == (1 if status == 2 else 0), (command, err)


def test_check_findings_are_only_justified_ones(scenario: tuple[str, Path], capsys) -> None:
    name, _root = scenario
    _status, out, _err = run(capsys, "check")
    rules = {line.split(" ", 1)[0].split(":")[-1] for line in out.splitlines()}
    assert rules == ({"alt-text"} if name == "template" else set())
    assert "run coursekit clean" not in out


def test_new_then_everything_still_passes(scenario: tuple[str, Path], capsys) -> None:
    name, root = scenario
    before = (root / "_toc.yml").read_text()
    status, out, err = run(capsys, "new", "Hip rotation basics")
    if name == "oldtoc":
        assert status == 2 and "jupyter-book toc migrate" in err and err.count("\n") == 1
        return
    assert status == 0, err
    after = (root / "_toc.yml").read_text()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    if name == "nested":  # the last lessons are a glob's: the new one joins them, toc unchanged
        assert added == [] and "listed by the _toc.yml glob part2/topics/*" in out
    else:
        assert len(added) == 1 and added[0].strip().startswith("- file: ")
    assert [line for line in after.splitlines() if line not in added] == before.splitlines()
    assert run(capsys, "check")[0] == EXPECTED[name][0]
    assert run(capsys, "clean", "--check")[0] == EXPECTED[name][1]


# --- what each layout needs --------------------------------------------------------------------


def test_flat_book_lessons_and_jupyter_book_tags(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_book(tmp_path, "flat")
    monkeypatch.chdir(root)
    _status, out, _err = run(capsys, "test", "--dry-run")
    assert "first_steps.ipynb" in out and "functions.ipynb" in out
    # remove-stdout, margin, popout, thebe-init, full-width and a tag of its own are fine;
    # a near-miss of a known tag is not
    nb = json.loads((root / "functions.ipynb").read_text())
    nb["cells"][2]["metadata"]["tags"].append("hide_input")
    (root / "functions.ipynb").write_text(json.dumps(nb))
    _status, out, _err = run(capsys, "check", "functions.ipynb")
    assert out == "functions.ipynb:3:unknown-tag tag 'hide_input' is not known; did you mean " \
                  "'hide-input'?\n"


def test_course_conventions_are_opt_in(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_book(tmp_path, "flat")
    monkeypatch.chdir(root)
    set_table(root, 'conventions = ["model-logic", "closed-tags", "course-metadata"]\n')
    _status, out, _err = run(capsys, "check")
    assert "functions.ipynb:2:model-logic " in out
    assert "functions.ipynb:3:unknown-tag tag 'my-own-tag'" in out
    assert "first_steps.ipynb:-:metadata metadata.course is missing" in out
    assert "remove-stdout" not in out and "'margin'" not in out  # Jupyter Book's own tags


def test_outputs_of_an_executed_notebook_one_finding_and_clean(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    root = copy_book(tmp_path, "flat")
    monkeypatch.chdir(root)
    path = root / "first_steps.ipynb"
    nb = json.loads(path.read_text())
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"name": "stdout", "output_type": "stream", "text": "2\n"}]
    path.write_text(json.dumps(nb))
    status, out, _err = run(capsys, "check")
    assert status == 1
    assert out == (
        "first_steps.ipynb:2:not-stripped cell has 1 output(s) and execution count 1 "
        "(and 2 more code cells); run coursekit clean\n"
    )
    assert run(capsys, "clean", "--check") == (1, "would clean first_steps.ipynb\n", "")
    assert run(capsys, "clean")[1] == "cleaned first_steps.ipynb\n"
    assert run(capsys, "check")[0] == 0


def test_lectures_root_of_myst_lessons(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_book(tmp_path, "lectures")
    monkeypatch.chdir(root.parent)  # the repository, with --root
    status, out, _err = run(capsys, "test", "--dry-run", "--root", "lectures")
    assert status == 0 and out.split(" -m ")[1].split()[0] == "coursekit.textnb"
    assert out.rstrip().endswith("lectures/about_py.md " + str(root / "numbers.md"))
    assert run(capsys, "new", "Arrays", "--root", "lectures")[1] == (
        "created lectures/arrays.md (listed in _toc.yml after numbers)\n"
    )
    text = (root / "arrays.md").read_text()
    assert text.startswith((root / "numbers.md").read_text().split("\n---\n")[0] + "\n---\n")
    assert "# Arrays\n" in text and "```{code-cell} ipython3\n" in text
    assert "      - file: numbers\n      - file: arrays\n" in (root / "_toc.yml").read_text()
    assert run(capsys, "check", "--root", "lectures")[0] == 0
    assert run(capsys, "check", "--book", "lectures")[0] == 0
    # from the repository, the only sub-folder with a _toc.yml and _config.yml is the book
    assert run(capsys, "clean", "--check")[0] == 0
    (root.parent / "other").mkdir()
    (root.parent / "other" / "_toc.yml").write_text("root: x\n")
    (root.parent / "other" / "_config.yml").write_text("title: x\n")
    status, _out, err = run(capsys, "check")
    assert status == 2 and "(books in: lectures/, other/); use --root DIR" in err


def test_nested_book_new_goes_with_the_last_lessons_not_the_appendix(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    root = copy_book(tmp_path, "nested")
    monkeypatch.chdir(root)
    assert run(capsys, "new", "Topic three")[1] == (
        "created part2/topics/topic_three.ipynb (listed by the _toc.yml glob part2/topics/*)\n"
    )
    assert run(capsys, "new", "Section C", "--after", "part1/section_b")[1] == (
        "created part1/section_c.ipynb (listed in _toc.yml after part1/section_b)\n"
    )
    toc = (root / "_toc.yml").read_text()
    assert "      - file: part1/section_b\n      - file: part1/section_c\n" in toc
    assert run(capsys, "new", "Wrap up", "--after", "part2/overview.md")[0] == 0
    toc = (root / "_toc.yml").read_text()
    assert "    - file: part2/overview\n      sections:\n      - glob: part2/topics/*\n" \
           "    - file: part2/wrap_up\n" in toc
    status, _out, err = run(capsys, "new", "X", "--after", "part9/none")
    assert status == 2 and "lists no part9/none" in err
    assert run(capsys, "check")[0] == 0


def test_new_skips_a_notebook_in_the_appendix(tmp_path: Path, monkeypatch, capsys) -> None:
    """A real book (Project Pythia Foundations) ends with a notebook in its Appendix part:
    without --after, the new lesson follows the last notebook before the back matter."""
    root = copy_book(tmp_path, "nested")
    shutil.copy2(root / "part2" / "topics" / "one.ipynb", root / "appendix" / "template.ipynb")
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text() + "    - file: appendix/template\n")
    monkeypatch.chdir(root)
    assert run(capsys, "new", "Topic three")[1] == (
        "created part2/topics/topic_three.ipynb (listed by the _toc.yml glob part2/topics/*)\n"
    )
    assert run(capsys, "new", "More help", "--after", "appendix/template")[0] == 0
    assert "    - file: appendix/template\n    - file: appendix/more_help\n" in toc.read_text()
    assert run(capsys, "check")[0] == 0


def test_execution_excluded_notebooks_keep_their_outputs(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    root = copy_book(tmp_path, "excluded")
    monkeypatch.chdir(root)
    slow = root / "simulation_slow.ipynb"
    nb = json.loads(slow.read_text())
    nb["metadata"]["widgets"] = {"state": {}}  # metadata is still cleaned
    slow.write_text(json.dumps(nb))
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "clean")[1] == "cleaned simulation_slow.ipynb\n"
    cleaned = json.loads(slow.read_text())
    assert [c.get("outputs") for c in cleaned["cells"]] == [c.get("outputs") for c in nb["cells"]]
    assert "widgets" not in cleaned["metadata"]
    _status, out, err = run(capsys, "test", "--dry-run")
    assert "quick.ipynb" in out and "simulation_slow" not in out and "not run" in err
    # execute_notebooks: off: no notebook is executed, so none loses its outputs
    (root / "_config.yml").write_text("title: Excluded\nexecute:\n  execute_notebooks: 'off'\n")
    quick = root / "quick.ipynb"
    data = json.loads(quick.read_text())
    data["cells"][1]["outputs"] = [{"name": "stdout", "output_type": "stream", "text": "4\n"}]
    quick.write_text(json.dumps(data, indent=1) + "\n")
    assert run(capsys, "check")[0] == 0
    run(capsys, "clean")
    assert json.loads(quick.read_text())["cells"][1]["outputs"] != []


def test_old_toc_is_one_line_everywhere(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_book(tmp_path, "oldtoc")
    monkeypatch.chdir(root)
    for cmd in (*COMMANDS, ["clean"], ["new", "X"]):
        status, _out, err = run(capsys, *cmd)
        assert status == 2 and err.count("\n") == 1 and "jupyter-book toc migrate" in err, cmd


def test_template_book(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_book(tmp_path, "template")
    monkeypatch.chdir(root)
    assert run(capsys, "clean")[1] == "cleaned notebooks.ipynb\n"
    assert set(json.loads((root / "notebooks.ipynb").read_text())["metadata"]) == {"kernelspec"}
    assert run(capsys, "new", "Next page")[1] == (
        "created next-page.md (listed in _toc.yml after markdown-notebooks)\n"
    )
    toc = (root / "_toc.yml").read_text()
    assert toc.endswith("- file: markdown-notebooks\n- file: next-page\n")


def test_metadata_keep_lists_are_settings(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_book(tmp_path, "template")
    monkeypatch.chdir(root)
    set_table(root, 'notebook_metadata_keep = ["kernelspec", "language_info", "widgets"]\n')
    assert run(capsys, "clean", "--check")[0] == 0


# --- toc text is kept byte for byte --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, after, expected",
    [
        (  # four-space indentation and comments
            "format: jb-book\nroot: intro\nchapters:\n    - file: a  # first\n"
            "    # between\n    - file: b\n",
            "a",
            "format: jb-book\nroot: intro\nchapters:\n    - file: a  # first\n    - file: new\n"
            "    # between\n    - file: b\n",
        ),
        (  # CRLF line endings, suffixes written out, no final newline
            "format: jb-book\r\nroot: intro\r\nchapters:\r\n- file: a.ipynb\r\n- file: b.ipynb",
            "b",
            "format: jb-book\r\nroot: intro\r\nchapters:\r\n- file: a.ipynb\r\n"
            "- file: b.ipynb\r\n- file: new.ipynb\r\n",
        ),
        (  # an entry with sections: the new one follows the whole entry
            "root: intro\nchapters:\n  - file: a\n    title: A\n    sections:\n"
            "      - file: a1\n\n  - file: b\n",
            "a",
            "root: intro\nchapters:\n  - file: a\n    title: A\n    sections:\n"
            "      - file: a1\n  - file: new\n\n  - file: b\n",
        ),
    ],
)
def test_toc_insertion_touches_nothing_else(text: str, after: str, expected: str) -> None:
    yaml, data = tocmod._round_trip_yaml(text)
    tocmod.insert_after(data, "new", after)
    assert tocmod.text_with_entry(text, data, "new", yaml) == expected


def test_first_entry_of_a_root_only_toc_is_appended_as_text() -> None:
    text = "# my book\nformat: jb-book\nroot: intro   # the landing page\n"
    yaml, data = tocmod._round_trip_yaml(text)
    tocmod.insert_after(data, "first", None)
    assert tocmod.text_with_entry(text, data, "first", yaml) == text + "chapters:\n- file: first\n"


def test_flow_style_toc_falls_back_to_a_yaml_dump() -> None:
    text = "root: intro\nchapters: [{file: a}]\n"
    yaml, data = tocmod._round_trip_yaml(text)
    tocmod.insert_after(data, "new", "a")
    result = tocmod.text_with_entry(text, data, "new", yaml)
    assert tocmod.toc_docnames(tocmod._round_trip_yaml(result)[1])[0] == ["intro", "a", "new"]


# --- rename and remove ---------------------------------------------------------------------------


def _first_listed_lesson(root: Path) -> Path:
    """The first notebook the toc lists by name (not by a glob)."""
    book = Book(root, load_settings(root))
    names, _globs = tocmod.toc_docnames(book.toc)
    return next(
        p for p in book.lessons() if tocmod.doc_name(p.relative_to(root).as_posix()) in names
    )


def test_rename_and_remove_on_every_book(scenario: tuple[str, Path], capsys) -> None:
    name, root = scenario
    if name == "oldtoc":
        for cmd in (["rename", "lesson.ipynb", "other.ipynb"], ["remove", "lesson.ipynb"]):
            status, _out, err = run(capsys, *cmd)
            assert status == 2 and "jupyter-book toc migrate" in err and err.count("\n") == 1
        return
    lesson = _first_listed_lesson(root)
    renamed = lesson.with_name("renamed_" + lesson.name)
    toc_lines = (root / "_toc.yml").read_text().splitlines()
    status, out, err = run(capsys, "rename", str(lesson), str(renamed))
    assert status == 0, err
    assert renamed.is_file() and not lesson.exists()
    changed = [line for line in (root / "_toc.yml").read_text().splitlines()
               if line not in toc_lines]
    assert len(changed) == 1 and "renamed_" in changed[0]
    assert run(capsys, "check")[0] == EXPECTED[name][0]  # every link to it still resolves
    status, out, err = run(capsys, "remove", str(renamed), "--force")
    assert status == 0, err
    assert not renamed.exists()
    docname = tocmod.doc_name(renamed.relative_to(root).as_posix())
    assert docname not in tocmod.toc_docnames(tocmod.load_toc(root / "_toc.yml"))[0]


# --- the books still build -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", ["flat", "lectures", "nested", "excluded", "template"])
def test_book_builds_strictly_after_clean_and_new(name: str, tmp_path: Path, monkeypatch) -> None:
    root = copy_book(tmp_path, name)
    if name == "template" and importlib.util.find_spec("matplotlib") is None:
        # the template's notebook plots with matplotlib, which this environment lacks: build
        # it without executing (clean and new still change what Sphinx reads)
        config = root / "_config.yml"
        config.write_text(config.read_text().replace("execute_notebooks: force",
                                                     "execute_notebooks: 'off'"))
    monkeypatch.chdir(root)
    assert main(["clean"]) == 0
    assert main(["new", "Added later"]) == 0
    first = _first_listed_lesson(root)
    assert main(["rename", str(first), str(first.with_name("renamed_" + first.name))]) == 0
    jb = Path(sys.executable).with_name("jupyter-book")
    out = tmp_path / "site"
    proc = subprocess.run(
        [str(jb), "build", str(root), "--path-output", str(out), "-W", "--keep-going"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert (out / "_build" / "html" / "index.html").is_file()


# --- other formats and label styles --------------------------------------------------------------

RMD_CONFIG = """\
title: R book
sphinx:
  config:
    nb_custom_formats:
      .Rmd:
        - jupytext.reads
        - fmt: Rmd
"""


def test_rmd_lessons_are_read_and_imitated(tmp_path: Path, monkeypatch, capsys) -> None:
    from coursekit.book import Book
    from coursekit.config import Settings

    (tmp_path / "_config.yml").write_text(RMD_CONFIG)
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: analysis\n"
    )
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "analysis.Rmd").write_text(
        "---\ntitle: Analysis\n---\n\n# Analysis\n\n![](missing-alt.png)\n\n```{r}\n1 + 1\n```\n"
    )
    monkeypatch.chdir(tmp_path)
    assert Book(tmp_path, Settings()).lessons() == [tmp_path / "analysis.Rmd"]
    status, out, _err = run(capsys, "check")
    assert status == 1 and out.startswith("analysis.Rmd:-:alt-text ")  # read, not dangling
    assert run(capsys, "new", "Models")[1] == (
        "created models.Rmd (listed in _toc.yml after analysis)\n"
    )
    text = (tmp_path / "models.Rmd").read_text()
    assert text.startswith("---\ntitle: Analysis\n---\n") and "```{r}\n" in text


def test_labels_from_yaml_options_and_label_option(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (tmp_path / "intro.md").write_text(
        "# Intro\n\n```{figure} a.png\n---\nname: fig-yaml\nalt: A\n---\nCaption\n```\n\n"
        "```{prf:theorem}\n:label: thm-one\nText\n```\n\n"
        "See {ref}`fig-yaml`, {ref}`thm-one` and {ref}`nothing-here`.\n\n"
        "```{glue:figure} boot_fig\n:name: \"fig-boot\"\n```\n\n"  # quoted, as JB1's docs do
        "And {ref}`the figure <fig-boot>`.\n"
    )
    monkeypatch.chdir(tmp_path)
    _status, out, _err = run(capsys, "check")
    assert out == (
        "intro.md:-:ref-unresolved no label (nothing-here)= defined in the book (line 16)\n"
    )


def test_figure_names_of_myst_notebook_code_cells_are_labels(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """A MyST ``.md`` notebook names a figure in a code cell's ``mystnb`` options (as
    QuantEcon's lectures do); another page refers to it."""
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: lecture\n"
    )
    (tmp_path / "lecture.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n"
        "  name: python3\n  display_name: Python 3\n---\n\n# Lecture\n\n"
        "```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    caption: Spending\n"
        "    name: fig_spending\n---\nprint(1)\n```\n\n"
        "```{code-cell} ipython3\nname: not_a_label = 1\n```\n"
    )
    (tmp_path / "intro.md").write_text(
        "# Intro\n\n{numref}`fig_spending` and {ref}`not_a_label`.\n"
    )
    monkeypatch.chdir(tmp_path)
    _status, out, _err = run(capsys, "check")
    assert out == "intro.md:-:ref-unresolved no label (not_a_label)= defined in the book (line 3)\n"


def test_execution_settings_follow_myst_nb(tmp_path: Path) -> None:
    from coursekit.book import Book
    from coursekit.config import Settings

    (tmp_path / "_config.yml").write_text(
        "execute:\n  exclude_patterns: ['*_slow.ipynb', 'part1/*']\n"
        "exclude_patterns: [drafts/*]\n"
    )
    book = Book(tmp_path, Settings())
    assert book.execution_mode == "auto"  # Jupyter Book 1's default
    assert not book.executes(tmp_path / "a" / "b_slow.ipynb")
    assert not book.executes(tmp_path / "part1" / "x.ipynb")
    assert book.executes(tmp_path / "part1" / "deeper" / "x.ipynb")  # match is per component
    assert book.executes(tmp_path / "fast.ipynb")
    assert book.excluded(tmp_path / "drafts" / "x.ipynb") and not book.excluded(tmp_path / "x.md")
    (tmp_path / "_config.yml").write_text("execute:\n  execute_notebooks: 'off'\n")
    assert not Book(tmp_path, Settings()).executes(tmp_path / "fast.ipynb")
    (tmp_path / "_config.yml").write_text("execute: [\n")
    assert "_config.yml:2:1: invalid YAML" in str(Book(tmp_path, Settings()).config_error)


def test_lessons_are_the_notebooks_the_toc_lists(tmp_path: Path) -> None:
    from coursekit.book import Book
    from coursekit.config import Settings

    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: a/page\n- file: a/nb.ipynb\n"
        "- file: b/mystnb\n- file: b/jupytext\n- file: missing\n"
    )
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.md").write_text("---\ntitle: just a page\n---\n# Page\n")
    (tmp_path / "a" / "nb.ipynb").write_text("{}")
    (tmp_path / "a" / "unlisted.ipynb").write_text("{}")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "mystnb.md").write_text("---\nfile_format: mystnb\n---\n# M\n")
    (tmp_path / "b" / "jupytext.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\n---\n# J\n"
    )
    book = Book(tmp_path, Settings())
    assert [p.relative_to(tmp_path).as_posix() for p in book.lessons()] == [
        "a/nb.ipynb", "b/jupytext.md", "b/mystnb.md"]
    assert book.ipynb_lessons() == [tmp_path / "a" / "nb.ipynb"]
    with_dir = Book(tmp_path, Settings(notebooks_dir="a"))
    assert tmp_path / "a" / "unlisted.ipynb" in with_dir.lessons()


def test_no_toc_and_no_notebooks_dir_is_one_error(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "_config.yml").write_text("title: T\n")
    monkeypatch.chdir(tmp_path)
    for cmd in COMMANDS:
        status, _out, err = run(capsys, *cmd)
        assert status == 2 and err.count("\n") == 1 and "_toc.yml: not found" in err, cmd


@pytest.mark.slow
def test_text_notebooks_are_run_top_to_bottom(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_book(tmp_path, "lectures")
    monkeypatch.chdir(root)
    assert main(["test", "about_py.md", "numbers.md"]) == 0
    broken = root / "numbers.md"
    broken.write_text(broken.read_text() + "\n```{code-cell} ipython3\n1 / 0\n```\n")
    proc = subprocess.run(
        [sys.executable, "-m", "coursekit.textnb", "numbers.md"],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stdout
    assert proc.stdout == "numbers.md:4: ZeroDivisionError: division by zero\n"
