"""Numbers in lesson prose come from code: every ``{eval}`` name is a computed number.

A lesson's Markdown pastes numbers with ``{eval}`NAME```; the names come from the lesson's
module in :mod:`hipcourse.numbers`, imported by its first code cell, and are evaluated in
myst-nb's inline execution mode.
"""

from __future__ import annotations

import importlib
import json
import re

import pytest
from support import ROOT

from hipcourse.numbers import Prose

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EVAL_RE = re.compile(r"\{eval\}`([^`]+)`")


def _markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_eval_names_come_from_the_lessons_numbers_module(path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    names = set(EVAL_RE.findall(_markdown(nb)))
    assert "{glue" not in _markdown(nb), "use {eval} with hipcourse.numbers, not glue"
    module_name = f"hipcourse.numbers.lesson{path.name[:2]}"
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    if not names:
        assert module_name not in code
        return
    assert nb["metadata"]["mystnb"]["execution_mode"] == "inline", "eval needs inline mode"
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert f"from {module_name} import *" in "".join(first["source"])
    module = importlib.import_module(module_name)
    exported = set(module.__all__)
    assert names <= exported, f"not in {module_name}: {sorted(names - exported)}"
    assert exported <= names, f"unused in the prose: {sorted(exported - names)}"
    for name in names:
        value = getattr(module, name)
        assert isinstance(value, Prose) and value.strip(), name
        assert repr(value) == str(value) == value._repr_markdown_()


def test_validation_page_numbers_come_from_code() -> None:
    page = (ROOT / "book" / "model_validation.md").read_text(encoding="utf-8")
    front = page.split("---")[1]
    assert "execution_mode: inline" in front
    prose = re.sub(r"```\{code-cell\}.*?```", "", page, flags=re.S)
    names = set(EVAL_RE.findall(prose))
    assert names
    assert "from hipcourse.numbers.validation import *" in page
    module = importlib.import_module("hipcourse.numbers.validation")
    assert names == set(module.__all__)
    assert all(isinstance(getattr(module, n), Prose) for n in names)
