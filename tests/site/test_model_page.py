"""The model validation page: structure, citations, and its code runs."""

from __future__ import annotations

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
    from hipcapsule.validation import _BIB_KEYS

    keys.update(_BIB_KEYS)
    assert keys <= ALLOWED_KEYS, keys - ALLOWED_KEYS
    bib = (root / "book" / "references.bib").read_text()
    for key in keys:
        assert "{" + key + "," in bib


def test_code_cells_run(page, monkeypatch):
    pytest.importorskip("IPython")
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj.data))
    cells = re.findall(r"```\{code-cell\} ipython3\n(.*?)```", page, flags=re.S)
    assert cells
    namespace: dict = {}
    for cell in cells:
        code = re.sub(r"^:tags:.*\n", "", cell, flags=re.M)
        exec(compile(code, "model_validation.md", "exec"), namespace)  # noqa: S102
    tables = [s for s in shown if s.startswith("| ")]
    assert len(tables) >= 6
