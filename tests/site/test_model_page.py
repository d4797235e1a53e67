"""The model validation page: structure, citations, and its code runs."""

from __future__ import annotations

import ast
import re

import pytest

ALLOWED_KEYS = {
    "wu2002", "tamaki2020", "wagner2012", "schleifenbaum2016", "blankevoort1991",
    "vanarkel2015", "vanarkel2021", "martin2008", "baba2021", "myers2011", "myers2020",
    "ananthakrishnan2024", "kouyoumdjian2012", "klassbo2003", "bijl1998", "birrell2001",
    "altman1991", "hewitt2002", "hidaka2014", "cyriax1982", "aaos1965",
}


@pytest.fixture(scope="module")
def page(root):
    return (root / "book" / "model_validation.md").read_text()


def _strip_code(text: str) -> str:
    return re.sub(r"```.*?```", "", text, flags=re.S)


def test_front_matter_is_a_mystnb_text_notebook(page):
    front = page.split("---")[1]
    for needle in ("jupytext:", "kernelspec:", "name: python3", "file_format: mystnb"):
        assert needle in front


def test_headings(page):
    levels = [len(m.group(1)) for m in re.finditer(r"^(#+) ", _strip_code(page), flags=re.M)]
    assert levels.count(1) == 1 and levels[0] == 1
    for a, b in zip(levels, levels[1:], strict=False):
        assert b <= a + 1


def test_citations_use_known_keys(page, root):
    keys = set()
    for m in re.finditer(r"\{cite\}`([^`]+)`", page):
        keys.update(k.strip() for k in m.group(1).split(","))
    from hipcourse.captions import known_source_keys

    keys.update(known_source_keys())  # the generated tables cite these
    assert keys <= ALLOWED_KEYS | known_source_keys(), keys - ALLOWED_KEYS
    bib = (root / "book" / "references.bib").read_text()
    for key in keys:
        assert "{" + key + "," in bib, key


def _run_cells(page: str) -> list:
    """Execute the page's code cells like a kernel; return each cell's displayed value."""
    cells = re.findall(r"```\{code-cell\} ipython3\n(.*?)```", page, flags=re.S)
    assert cells
    namespace: dict = {}
    shown = []
    for cell in cells:
        code = re.sub(r"^:tags:.*\n", "", cell, flags=re.M)
        tree = ast.parse(code)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = tree.body[:-1] if last is not None else tree.body
        exec(compile(ast.Module(body, []), "model_validation.md", "exec"), namespace)  # noqa: S102
        if last is not None:
            shown.append(eval(compile(ast.Expression(last.value), "model_validation.md", "eval"),
                              namespace))
    return shown


def test_code_cells_run_and_show_tables(page):
    pytest.importorskip("IPython")
    shown = [getattr(obj, "data", obj) for obj in _run_cells(page)]
    assert all(isinstance(text, str) and text.strip() for text in shown)
    tables = [text for text in shown if "\n| " in text or text.startswith("| ")]
    assert len(tables) >= 5
    # no raw citation key is left in a generated table: they are {cite} roles
    from hipcourse.captions import known_source_keys

    for text in tables:
        bare = re.sub(r"\{cite\}`[^`]*`", "", text)
        assert not [k for k in known_source_keys() if k in bare]
