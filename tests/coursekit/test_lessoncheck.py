"""Tests of coursekit.lessoncheck on synthetic MyST text."""

from __future__ import annotations

import json

from coursekit import lessoncheck as lc

TEXT = """# Title

## 1. Self-check

**1. First?**

:::{admonition} A. Yes
:class: dropdown

Right {cite:p}`a2000,b2001`.
:::

**2. Second?**

```{dropdown} B. No
Wrong.
```

:::{note}
Not a dropdown.
:::

```python
# Not a heading
```

## Key points

See the [safety page](../book/safety.md#top).
"""


def test_sections_and_find():
    titles = [s.title for s in lc.sections(TEXT)]
    assert titles == ["Title", "1. Self-check", "Key points"]
    quiz = lc.find_section(TEXT, "self-check")
    assert quiz is not None and "Key points" not in quiz.body
    assert lc.find_section(TEXT, "exercise") is None
    assert "Self-check" in lc.find_section(TEXT, "^title$").body  # a level-1 section holds all


def test_questions_and_dropdowns():
    quiz = lc.find_section(TEXT, "self-check")
    assert lc.questions(quiz.body) == 2
    assert lc.questions("**Question 1.** Why?\n\n**Q2:** How?\n\n**Bold** text\n") == 2
    assert lc.dropdowns(quiz.body) == ["A. Yes", "B. No"]


def test_cite_keys_and_links():
    assert lc.cite_keys(TEXT) == ["a2000", "b2001"]
    assert lc.links_to(TEXT, "safety.md")
    assert not lc.links_to(TEXT, "faq.md")


def test_load_page_notebook(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": ["# A\n"]},
                    {"cell_type": "code", "source": "# not\n"}]}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb))
    text, parsed = lc.load_page(path)
    assert text == "# A\n" and parsed == nb
