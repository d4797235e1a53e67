"""Notebooks coursekit cannot handle get one honest line (issue 14, part 2, errors).

Before: ``check`` crashed (exit 1, a traceback from nbformat) on a notebook whose cells are
not objects; ``clean`` said "cleaned" on a schema-invalid notebook and wrote it; an nbformat
3 notebook was "unsupported" with no way forward.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT

from coursekit import clean as clean_module
from coursekit.check import schema_error
from coursekit.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def v4(cells: list, minor: int = 5) -> dict:
    return {"cells": cells, "metadata": {"kernelspec": KERNELSPEC}, "nbformat": 4,
            "nbformat_minor": minor}


def v3_notebook() -> dict:
    """An nbformat 3 notebook as IPython 1-2 saved them (worksheets, input, prompt_number)."""
    return {
        "metadata": {"name": "old"},
        "nbformat": 3,
        "nbformat_minor": 0,
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "markdown", "metadata": {}, "source": "# Old lesson"},
                    {
                        "cell_type": "code",
                        "collapsed": False,
                        "input": "1 + 1",
                        "language": "python",
                        "metadata": {},
                        "outputs": [
                            {"metadata": {}, "output_type": "pyout", "prompt_number": 1,
                             "text": ["2"]}
                        ],
                        "prompt_number": 1,
                    },
                ],
                "metadata": {},
            }
        ],
    }


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A book with a good lesson 01 and room for a broken 02 (cwd = root)."""
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n- file: notebooks/01_good\n"
        "- file: notebooks/02_bad\n"
    )
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "notebooks").mkdir()
    good = FIXTURES / "book" / "notebooks" / "01_good.ipynb"
    (tmp_path / "notebooks" / "01_good.ipynb").write_bytes(good.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def put(book: Path, nb: dict | list) -> Path:
    path = book / "notebooks" / "02_bad.ipynb"
    path.write_text(json.dumps(nb, indent=1))
    return path


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    assert err.startswith("coursekit: error: ") and err.count("\n") == 1, err
    return err.removeprefix("coursekit: error: ").rstrip("\n")


# --- cells that are not objects ----------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, kind", [(1, "a number"), ("text", "a string"), (None, "null"), ([], "a list")]
)
@pytest.mark.parametrize("command", [["check"], ["clean"], ["clean", "--check"]])
def test_cells_that_are_not_objects(
    book: Path, capsys: pytest.CaptureFixture[str], cell: object, kind: str, command: list[str]
) -> None:
    markdown = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# T"}
    path = put(book, v4([markdown, cell]))
    before = path.read_bytes()
    assert main(command) == 2
    assert one_error_line(capsys.readouterr().err) == (
        f"notebooks/02_bad.ipynb: not a valid notebook: cells[1] is {kind}, not an object"
    )
    assert path.read_bytes() == before


# --- schema-invalid notebooks ------------------------------------------------------------------

INVALID = [
    (
        "bogus-cell-type",
        [{"cell_type": "bogus", "id": "a", "metadata": {}, "source": "x"}],
        "cell_type 'bogus' is not one of 'code', 'markdown', 'raw' (at cells/0)",
    ),
    (
        "source-a-number",
        [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": 3}],
        "has the wrong type or the wrong fields (at cells/0/source)",
    ),
    (
        "bad-id",
        [{"cell_type": "markdown", "id": "bad id!", "metadata": {}, "source": ""}],
        "must match pattern ^[a-zA-Z0-9-_]+$ (at cells/0/id)",
    ),
    (
        "tags-a-string",
        [{"cell_type": "markdown", "id": "a", "metadata": {"tags": "x"}, "source": ""}],
        "must be array (at cells/0/metadata/tags)",
    ),
]


@pytest.mark.parametrize("cells, problem", [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
@pytest.mark.parametrize("check_only", [False, True], ids=["clean", "clean-check"])
def test_clean_refuses_a_schema_invalid_notebook(
    book: Path, capsys: pytest.CaptureFixture[str], cells: list, problem: str, check_only: bool
) -> None:
    nb = v4(cells)
    nb["cells"][0]["outputs"] = []  # something clean would otherwise strip
    path = put(book, nb)
    before = path.read_bytes()
    assert main(["clean", *(["--check"] if check_only else [])]) == 2
    out, err = capsys.readouterr()
    assert "clean" not in out  # neither "cleaned" nor "would clean"
    assert one_error_line(err) == (
        f"notebooks/02_bad.ipynb: not a valid notebook (nbformat schema: {problem}); not cleaned"
    )
    assert path.read_bytes() == before


def test_already_clean_but_invalid_is_still_an_error(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Byte-for-byte what clean would write, yet not a notebook: clean does not stay silent."""
    from coursekit.nbio import dumps_notebook

    path = book / "notebooks" / "02_bad.ipynb"
    path.write_text(dumps_notebook(v4(INVALID[0][1])))
    assert main(["clean", "--check"]) == 2
    assert "not a valid notebook" in one_error_line(capsys.readouterr().err)


def test_clean_still_repairs_what_cleaning_removes(book: Path) -> None:
    """A malformed output is stripped anyway: the cleaned notebook is valid, so it is written."""
    code = {"cell_type": "code", "execution_count": 1, "id": "c", "metadata": {},
            "outputs": [{"output_type": "nonsense"}], "source": "1"}
    path = put(book, v4([code]))
    assert main(["clean"]) == 0
    nbformat.validate(nbformat.read(path, as_version=4))


def _nbformat_says_valid(nb: dict) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nbformat.validate(json.loads(json.dumps(nb)))
    except nbformat.ValidationError:
        return False
    return True


def _samples() -> list[tuple[str, dict]]:
    out = [(p.name, json.loads(p.read_text())) for p in sorted((FIXTURES / "rules").glob("*"))]
    out += [(p.name, json.loads(p.read_text())) for p in sorted((ROOT / "notebooks").glob("*"))]
    out += [(name, v4(cells)) for name, cells, _ in INVALID]
    out += [("minor-4", v4([{"cell_type": "raw", "metadata": {}, "source": ""}], minor=4))]
    out += [("no-kernelspec-name", {**v4([]), "metadata": {"kernelspec": {"name": "x"}}})]
    out += [("minor-9", {**v4([]), "nbformat_minor": 9, "extra": 1})]
    out += [("no-minor", {"cells": [], "metadata": {}, "nbformat": 4})]
    return out


@pytest.mark.parametrize("name, nb", _samples(), ids=[s[0] for s in _samples()])
def test_schema_check_agrees_with_nbformat(name: str, nb: dict) -> None:
    """coursekit validates with nbformat's own schema files through fastjsonschema (fast);
    it must find a notebook valid exactly when nbformat.validate does."""
    assert (schema_error(nb) is None) == _nbformat_says_valid(nb)


def test_clean_check_does_not_import_nbformat() -> None:
    """Importing nbformat takes over a second here (jsonschema's format checkers)."""
    code = (
        "import sys; from pathlib import Path; from coursekit.clean import clean_paths; "
        "from coursekit.check import Project, lesson_files; from coursekit.config import "
        "load_settings; r = Path.cwd(); s = load_settings(r); "
        "res = clean_paths(lesson_files(Project(r, s)), check_only=True, settings=s); "
        "assert not res.errors, res.errors; print('nbformat' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


# --- nbformat 3 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["clean"], ["clean", "--check"]])
def test_nbformat_3_is_named_with_the_way_out(
    book: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = put(book, v3_notebook())
    before = path.read_bytes()
    assert main(command) == 2
    assert one_error_line(capsys.readouterr().err) == (
        "notebooks/02_bad.ipynb: nbformat 3 notebook (coursekit reads nbformat 4); upgrade it "
        "with: coursekit clean --upgrade-nbformat notebooks/02_bad.ipynb"
    )
    assert path.read_bytes() == before


def test_upgrade_nbformat_converts_and_cleans(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = put(book, v3_notebook())
    before = path.read_bytes()
    assert main(["clean", "--check", "--upgrade-nbformat"]) == 1
    assert capsys.readouterr().out == (
        "would clean notebooks/02_bad.ipynb (upgraded from nbformat 3 to 4)\n"
    )
    assert path.read_bytes() == before
    assert main(["clean", "--upgrade-nbformat", str(path)]) == 0
    assert capsys.readouterr().out == (
        "cleaned notebooks/02_bad.ipynb (upgraded from nbformat 3 to 4)\n"
    )
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert [(c.cell_type, c.source) for c in nb.cells] == [
        ("markdown", "# Old lesson"), ("code", "1 + 1")]
    assert nb.cells[1].outputs == [] and nb.cells[1].execution_count is None
    assert main(["clean", "--upgrade-nbformat"]) == 0
    assert main(["clean", "--check"]) == 0  # now an ordinary clean nbformat 4 notebook
    assert capsys.readouterr().out == ""
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".cktmp")]


def test_upgrade_does_not_clobber_a_save_made_meanwhile(
    book: Path, edit_after_read, capsys: pytest.CaptureFixture[str]
) -> None:
    path = put(book, v3_notebook())

    def user_saves(p: Path) -> None:
        p.write_text(p.read_text() + "\n")

    edit_after_read(clean_module, "read_notebook", user_saves)
    assert main(["clean", "--upgrade-nbformat"]) == 2
    assert "changed on disk" in one_error_line(capsys.readouterr().err)
    assert json.loads(path.read_text())["nbformat"] == 3


def test_upgrade_of_a_broken_old_notebook_is_one_line(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = put(book, {"nbformat": 3, "nbformat_minor": 0, "worksheets": 5, "metadata": {}})
    before = path.read_bytes()
    assert main(["clean", "--upgrade-nbformat"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith("notebooks/02_bad.ipynb: cannot upgrade from nbformat 3: ")
    assert path.read_bytes() == before


# --- any JSON shape: never a traceback ------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers(-2, 9) | st.floats(allow_nan=False)
json_values = st.recursive(
    scalars | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
cell_fields = st.fixed_dictionaries(
    {},
    optional={
        "cell_type": st.sampled_from(["code", "markdown", "raw", "bogus"]) | json_values,
        "source": st.text(max_size=20) | json_values,
        "metadata": st.fixed_dictionaries({}, optional={"tags": json_values, "mystnb": json_values})
        | json_values,
        "outputs": json_values,
        "execution_count": json_values,
        "id": st.sampled_from(["a1", "bad id!"]) | json_values,
    },
)
notebooks = st.fixed_dictionaries(
    {"cells": st.lists(cell_fields, max_size=3), "nbformat": st.just(4)},
    optional={"nbformat_minor": st.sampled_from([0, 4, 5, 9]) | json_values,
              "metadata": json_values},
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(nb=notebooks)
def test_malformed_notebooks_never_crash_check_or_clean(book: Path, nb: dict) -> None:
    """Whatever the JSON inside, check and clean end with findings or one error line."""
    from coursekit.check import Project, run_check
    from coursekit.clean import clean_file
    from coursekit.config import Settings
    from coursekit.errors import CourseKitError

    path = put(book, nb)
    run_check(Project(book, Settings()), [path])
    before = path.read_bytes()
    try:
        clean_file(path)
    except CourseKitError:
        assert path.read_bytes() == before
    else:
        assert schema_error(json.loads(path.read_text())) is None  # what clean writes is valid
