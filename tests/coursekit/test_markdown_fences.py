"""Code fences nested in directives are code, not prose (issue 14: a code fence inside a
``{list-table}`` was read as prose, so ``check`` reported the links and roles in it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import markdown as md
from coursekit.cli import main

#: The defect: a list-table whose cells hold fenced code (indented under ``* -`` markers).
LIST_TABLE = """\
# Intro

````{list-table} Commands
:header-rows: 1

* - What
  - Code
* - Link a page
  - ```md
    See [the page](missing.md) and {ref}`no-such-label`.
    ```
* - Show an image
  - ```
    ![](picture.png)
    ```
````

After the table {ref}`really-missing`.
"""


def _prose(text: str) -> str:
    return md.strip_code_and_comments(text)


def _refs(text: str) -> list[tuple[int, str]]:
    return [(hit.line, hit.value) for hit in md.ref_targets(_prose(text))]


def test_code_in_a_list_table_is_not_checked(
    empty_book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (empty_book / "intro.md").write_text(LIST_TABLE)
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    # only the reference after the table, on its own line: the code in the cells is code
    assert out == ["intro.md:-:ref-unresolved no label (really-missing)= defined in the book "
                   "(line 18)"]


def test_list_table_code_keeps_line_numbers_and_the_table_closes() -> None:
    prose = _prose(LIST_TABLE)
    assert len(prose.split("\n")) == len(LIST_TABLE.split("\n"))
    assert "missing.md" not in prose and "no-such-label" not in prose
    assert "picture.png" not in prose
    assert "* - Link a page" in prose  # the table's own text is still prose
    assert _refs(LIST_TABLE) == [(18, "really-missing")]


def test_three_backticks_inside_four() -> None:
    text = (
        "````{note}\n"
        "```python\n"
        "x = 1  # {ref}`in-code`\n"
        "```\n"
        "Inside the note {ref}`in-note`.\n"
        "````\n"
        "After {ref}`after`.\n"
    )
    assert _refs(text) == [(5, "in-note"), (7, "after")]


def test_bare_three_backticks_inside_four_open_code_not_close_the_directive() -> None:
    text = "````{note}\n```\n{ref}`in-code`\n```\n{ref}`in-note`\n````\n{ref}`after`\n"
    assert _refs(text) == [(5, "in-note"), (7, "after")]


def test_tilde_fence_inside_a_directive() -> None:
    text = "```{note}\n~~~\n[x](missing.md) {ref}`in-code`\n~~~\n{ref}`in-note`\n```\n"
    prose = _prose(text)
    assert "missing.md" not in prose
    assert _refs(text) == [(5, "in-note")]


def test_colon_fence_directive_containing_a_fence() -> None:
    text = (
        ":::{tip}\n"
        "```bash\n"
        "echo {cite}`not-a-key` [x](missing.md)\n"
        "```\n"
        "A real citation {cite}`key`.\n"
        ":::\n"
    )
    prose = _prose(text)
    assert [hit.value for hit in md.cite_keys(prose)] == ["key"]
    assert list(md.link_targets(prose)) == []


def test_colon_fence_list_table_with_fenced_cells() -> None:
    text = (
        ":::{list-table}\n"
        "* - ~~~\n"
        "    {ref}`tilde-code`\n"
        "    ~~~\n"
        "  - ```python\n"
        "    print('{ref}`backtick-code`')\n"
        "    ```\n"
        "* - {ref}`cell-prose`\n"
        ":::\n"
    )
    assert _refs(text) == [(8, "cell-prose")]


def test_fence_opening_a_numbered_list_item() -> None:
    text = "1. ```python\n   x = '(fake-label)='\n   ```\n2. See {ref}`kept`.\n"
    assert _refs(text) == [(4, "kept")]


def test_labels_inside_list_table_code_are_not_labels() -> None:
    text = "````{list-table}\n* - ```md\n    (not-a-label)=\n    ```\n  - (\n````\n(real)=\n"
    assert set(md.labels(_prose(text))) == {"real"}


def test_inline_triple_backticks_in_a_list_item_are_inline_code() -> None:
    # CommonMark: a backtick fence's info string has no backtick, so this is inline code
    text = "- ```x = {ref}`in-code` ``` and {ref}`kept`\n- {ref}`also-kept`\n"
    assert _refs(text) == [(1, "kept"), (2, "also-kept")]
