"""Tests of coursekit.readability: syllables, prose extraction, scores, CLI."""

from __future__ import annotations

import json

import pytest

from coursekit import readability as rd

#: Words with dictionary syllable counts.
KNOWN = {
    1: "the cat hip joint stretch thigh make hoped knees makes thought strength through one "
       "where fire hours each walk leg bone",
    2: "table simple little every capsule muscle people happy running gently pelvis wanted "
       "quiet science boxes pages over water hold-up",
    3: "rotation ligament area idea video beautiful yesterday possible exercise created "
       "several energy",
    4: "anterior posterior flexibility-free activity",
    5: "acetabulum",
}


@pytest.mark.parametrize(
    ("word", "n"), [(w, n) for n, ws in KNOWN.items() for w in ws.split()]
)
def test_syllables_known_words(word, n):
    expected = {"flexibility-free": 6}.get(word, n)
    assert rd.count_syllables(word) == expected


def test_numbers_and_apostrophes():
    assert rd.count_syllables("10") == 1
    assert rd.count_syllables("don't") == 1
    assert rd.count_syllables("hip's") == 1


def test_grade_hand_computed():
    # 2 sentences, 9 words, 10 syllables ("table" 2, the rest 1 each)
    s = rd.score_text("The cat sat on the table. It ran off.")
    assert (s.words, s.sentences, s.syllables) == (9, 2, 10)
    assert s.grade == pytest.approx(0.39 * 4.5 + 11.8 * 10 / 9 - 15.59)
    assert s.ease == pytest.approx(206.835 - 1.015 * 4.5 - 84.6 * 10 / 9)


def test_abbreviations_and_decimals_do_not_end_sentences():
    s = rd.score_text("Rise by 2.5 cm, e.g. on a step. Stop.")
    assert s.sentences == 2


def test_empty_text():
    assert rd.score_text("").words == 0


PAGE = """---
title: x
---
(label)=
# A heading that is dropped

See {cite:p}`key2000` and the {term}`capsule <Capsule>`. Hold {eval}`HOLD_S` s.
Visit [the safety page](safety.md) or https://example.org now <b>please</b>.

```python
print("code is dropped")
```

:::{admonition} Note
:class: dropdown

Body text is kept
:::

```{figure} a.png
---
alt: a picture
---
Caption text
```

| a table | row |
|---|---|

- a list item
- another one
"""


def test_markup_stripping():
    prose = rd.prose_from_markdown(PAGE)
    for gone in ("heading", "key2000", "print", "class", "dropdown", "https", "<b>", "table",
                 "title", "label", "alt", "Capsule>", "HOLD_S", "safety.md", "Note"):
        assert gone not in prose, (gone, prose)
    for kept in ("the capsule.", "Hold 10 s.", "the safety page", "Body text is kept.",
                 "a list item.", "another one.", "Caption text."):
        assert kept in prose, (kept, prose)


def test_notebook_prose_skips_code(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "x = 1"},
                    {"cell_type": "markdown", "source": ["Short words here."]}]}
    path = tmp_path / "a.ipynb"
    path.write_text(json.dumps(nb))
    assert rd.page_prose(path) == "Short words here."
    assert rd.score_file(path).words == 3


def test_cli_text_and_json(tmp_path, capsys):
    page = tmp_path / "p.md"
    page.write_text("The cat sat. The dog ran.\n")
    assert rd.main([str(page)]) == 0
    assert "p.md" in capsys.readouterr().out
    assert rd.main([str(page), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[str(page)]["words"] == 6 and data[str(page)]["sentences"] == 2


def test_cli_missing_file(tmp_path, capsys):
    assert rd.main([str(tmp_path / "nope.md")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot read" in err[0]


def test_cli_bad_notebook(tmp_path, capsys):
    bad = tmp_path / "b.ipynb"
    bad.write_text("{not json")
    assert rd.main([str(bad)]) == 2
