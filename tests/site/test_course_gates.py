"""Course-specific quality gates (issue 12): lesson skeleton, safety links, citations, DOIs,
readability. The checkers are plain functions tested on small synthetic inputs first; the gates
then run them over the real lessons and pages and must be able to fail."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coursekit import lessoncheck as lc
from coursekit import readability as rd

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BOOK_PAGES = sorted((ROOT / "book").glob("*.md"))
LEARNER_PAGES = [*LESSONS, *(ROOT / "book" / n for n in
                             ("start_here.md", "faq.md", "safety.md", "practice_log.md"))]
BIB = ROOT / "book" / "references.bib"
MAX_LEARNER_AVERAGE_GRADE = 8.5
MAX_SAFETY_GRADE = 8.0
#: Cited entries allowed without a DOI, with the reason.
DOI_ALLOWLIST: dict[str, str] = {
    "aaos1965": "book (1965), no DOI",
    "cyriax1982": "textbook (8th edition, 1982), no DOI",
    "harryman1990": "its PubMed record (PMID 2229109) lists no DOI",
    "nice2022": "NICE guideline NG226, a web page without DOI",
    "physiopedia2024": "Physiopedia wiki page, no DOI",
    "reid2014": "the journal's article page (New Zealand Journal of Physiotherapy) shows no DOI",
}
#: Gates the course does not meet yet (issue 12 is open): strict, so meeting one fails the run
#: until it is taken off this list. Each says what is missing.
NOT_MET_YET: dict[str, str] = {
    "citations": "DOIs not yet found and checked for han2019, saengnipanthkul2012, tamaki2020",
}


def _gate(name: str, *values):
    """A pytest param for a gate, marked as a strict expected failure if it is not met yet."""
    if name in NOT_MET_YET:
        return pytest.param(*values, id=name, marks=pytest.mark.xfail(
            strict=True, reason=f"not met yet: {NOT_MET_YET[name]}"))
    return pytest.param(*values, id=name)
FIGURE_CALL_RE = re.compile(r"hipcourse\.(?:figure|illustration)\(")
DOI_RE = re.compile(r"^10\.\d{4,}(?:\.\d+)*/\S+$")
STRETCH_LESSON = "05_"


# --------------------------------------------------------------------------- checkers


def lesson_problems(nb: dict) -> list[str]:
    """Every missing skeleton part of a lesson notebook (empty list: complete)."""
    text = lc.notebook_markdown(nb)
    problems = []
    course = nb.get("metadata", {}).get("course", {})
    if len(course.get("objectives") or []) < 2:
        problems.append("metadata course.objectives has fewer than 2 objectives")
    if not course.get("time_minutes"):
        problems.append("metadata course.time_minutes missing")
    quiz = lc.find_section(text, r"self-check")
    if quiz is None:
        problems.append("no 'Self-check' section")
    else:
        n_q = lc.questions(quiz.body)
        if n_q < 3:
            problems.append(f"Self-check has {n_q} numbered questions (needs >= 3)")
        if len(lc.dropdowns(quiz.body)) < n_q or not lc.dropdowns(quiz.body):
            problems.append("Self-check answers are not all dropdown admonitions")
    exercise = lc.find_section(text, r"exercise")
    if exercise is None:
        problems.append("no 'Exercise' section")
    elif not any(re.search("solution", t, re.I) for t in lc.dropdowns(exercise.body)):
        problems.append("Exercise has no dropdown 'Solution' admonition")
    if lc.find_section(text, r"key points") is None:
        problems.append("no 'Key points' section")
    if not lc.cite_keys(text):
        problems.append("no {cite} citation")
    n_fig = figure_count(nb)
    if n_fig < 3:
        problems.append(f"{n_fig} figures/illustrations (needs >= 3)")
    return problems


def figure_count(nb: dict) -> int:
    """Code cells calling hipcourse.figure(/illustration( plus markdown figures with alt text."""
    n = 0
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        if cell.get("cell_type") == "code":
            n += len(FIGURE_CALL_RE.findall(src))
        elif cell.get("cell_type") == "markdown":
            clean = lc.md.strip_code_and_comments(src)
            n += sum(1 for m in lc.md.MD_IMAGE_RE.finditer(clean) if m.group(1).strip())
            blocks = sum(1 for line in clean.split("\n") if lc.md.IMAGE_DIRECTIVE_RE.match(line))
            no_alt = [h for h in lc.md.images_without_alt(clean) if "directive" in h.value]
            n += blocks - len(no_alt)
    return n


def teaches_stretch(name: str, text: str) -> bool:
    """Lesson 05, start here, or a page with 'stretch' in a heading."""
    if name.startswith(STRETCH_LESSON) or name == "start_here.md":
        return True
    return any("stretch" in s.title.lower() for s in lc.sections(text))


def parse_bib(text: str) -> dict[str, dict[str, str]]:
    """Entries of BibTeX text: lower-cased key -> lower-cased field name -> value."""
    entries: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)(?=^@|\Z)", text, re.S | re.M):
        if m.group(1).lower() in {"comment", "string", "preamble"}:
            continue
        fields = {
            f.group(1).lower(): f.group(2).strip()
            for f in re.finditer(r"(\w+)\s*=\s*[{\"]\s*(.*?)\s*[}\"]\s*,?\s*$", m.group(3), re.M)
        }
        entries[m.group(2).lower()] = fields
    return entries


def citation_problems(used: dict[str, set[str]], bib: dict[str, dict[str, str]]) -> list[str]:
    """Unresolved keys, cited entries without a DOI (not allowlisted), malformed DOIs."""
    problems = []
    for key, where in sorted(used.items()):
        entry = bib.get(key.lower())
        if entry is None:
            problems.append(f"{key}: not in references.bib (used in {', '.join(sorted(where))})")
        elif "doi" not in entry:
            if key.lower() not in DOI_ALLOWLIST:
                problems.append(f"{key}: no doi field and not in DOI_ALLOWLIST")
        elif not DOI_RE.match(entry["doi"]):
            problems.append(f"{key}: malformed doi {entry['doi']!r}")
    return problems


# --------------------------------------------------------------------------- checker tests

GOOD_MD = """# 09 · Demo

## 5. Exercise

Do it.

:::{admonition} Solution
:class: dropdown

Done {cite:p}`rikli1999`.
:::

## 6. Self-check

**1. One?**

:::{admonition} A. Yes
:class: dropdown

Right.
:::

**2. Two?**

:::{admonition} A. Yes
:class: dropdown
Right.
:::

**3. Three?**

:::{admonition} A. Yes
:class: dropdown
Right.
:::

## Key points

- Fine.
"""


def _nb(md_text: str, code: list[str], course: dict | None = None) -> dict:
    cells = [{"cell_type": "markdown", "source": md_text, "metadata": {}}]
    cells += [{"cell_type": "code", "source": c, "metadata": {}} for c in code]
    meta = {"course": course if course is not None else {"objectives": ["a", "b"],
                                                          "time_minutes": 20}}
    return {"cells": cells, "metadata": meta}


FIGS = ['hipcourse.figure("a")', 'hipcourse.illustration("b")', 'hipcourse.figure("c")']


def test_lesson_checker_accepts_complete_lesson():
    assert lesson_problems(_nb(GOOD_MD, FIGS)) == []


def test_lesson_checker_reports_each_missing_part():
    bad = GOOD_MD.replace(":class: dropdown\n\nDone", "\nDone").replace("**3. Three?**", "")
    bad = bad.replace("## Key points", "## Summary").replace("{cite:p}`rikli1999`", "")
    problems = lesson_problems(_nb(bad, FIGS[:2], {"objectives": ["a"]}))
    text = "\n".join(problems)
    for expected in ("objectives", "time_minutes", "2 numbered questions", "Solution",
                     "Key points", "citation", "2 figures"):
        assert expected in text, (expected, problems)
    assert "no 'Self-check'" in "\n".join(lesson_problems(_nb("# x\n", FIGS)))


def test_figure_count_counts_markdown_figures_with_alt_only():
    md_text = "![a leg](x.png) ![](y.png)\n\n:::{figure} z.png\n:alt: hip\n:::\n"
    assert figure_count(_nb(md_text, ['hipcourse.figure("a")'])) == 3


def test_teaches_stretch():
    assert teaches_stretch("05_x.ipynb", "")
    assert teaches_stretch("faq.md", "## How to stretch\n")
    assert not teaches_stretch("glossary.md", "Stretch is a word.\n## Terms\n")


def test_citation_checker():
    bib = parse_bib(
        "@article{a2000,\n  title = {T},\n  doi = {10.1000/xyz.1},\n}\n"
        "@book{b2001,\n  title = {B},\n}\n@article{c2002,\n  doi = {doi:10.1/x},\n}\n"
    )
    assert bib["a2000"]["doi"] == "10.1000/xyz.1"
    problems = citation_problems({"a2000": {"p"}, "b2001": {"p"}, "c2002": {"p"},
                                  "zz": {"p"}}, bib)
    assert [p.split(":")[0] for p in problems] == ["b2001", "c2002", "zz"]


# --------------------------------------------------------------------------- gates


@pytest.mark.parametrize("path", [_gate(p.name, p) for p in LESSONS])
def test_lesson_skeleton(path):
    problems = lesson_problems(json.loads(path.read_text(encoding="utf-8")))
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", [*LESSONS, *BOOK_PAGES], ids=lambda p: p.name)
def test_stretch_pages_link_safety(path):
    text, _ = lc.load_page(path)
    if path.name == "safety.md" or not teaches_stretch(path.name, text):
        return
    assert lc.links_to(text, "safety.md"), f"{path.name} teaches a stretch, no safety.md link"


@pytest.mark.parametrize("bib", [_gate("citations", BIB)])
def test_citations_resolve_and_have_dois(bib):
    used: dict[str, set[str]] = {}
    for path in [*LESSONS, *BOOK_PAGES]:
        text, _ = lc.load_page(path)
        for key in lc.cite_keys(text):
            used.setdefault(key, set()).add(path.name)
    assert used, "no citation found anywhere"
    problems = citation_problems(used, parse_bib(bib.read_text(encoding="utf-8")))
    assert not problems, "\n".join(problems)


def readability_table() -> tuple[dict[str, rd.Score], str]:
    scores = {p.name: rd.score_file(p) for p in LEARNER_PAGES}
    rows = [f"{'page':40} {'words':>6} {'w/sent':>6} {'syl/w':>5} {'grade':>5}"]
    rows += [f"{n:40} {s.words:6d} {s.words_per_sentence:6.1f} {s.syllables_per_word:5.2f} "
             f"{s.grade:5.1f}" for n, s in scores.items()]
    avg = sum(s.grade for s in scores.values()) / len(scores)
    rows.append(f"{'average (learner pages)':40} {'':6} {'':6} {'':5} {avg:5.1f}")
    out = ROOT / "_build" / "readability.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({n: vars(s) for n, s in scores.items()} | {"average": avg},
                              indent=2, default=float), encoding="utf-8")
    return scores, "\n".join(rows)


def test_readability_learner_pages():
    scores, table = readability_table()
    print("\n" + table)
    avg = sum(s.grade for s in scores.values()) / len(scores)
    assert avg <= MAX_LEARNER_AVERAGE_GRADE, (
        f"average FK grade {avg:.1f} > {MAX_LEARNER_AVERAGE_GRADE}\n{table}")
    assert scores["safety.md"].grade <= MAX_SAFETY_GRADE, (
        f"safety.md FK grade {scores['safety.md'].grade:.1f} > {MAX_SAFETY_GRADE}\n{table}")
