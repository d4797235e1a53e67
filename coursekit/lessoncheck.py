"""Generic structure checks for lesson pages of a Jupyter Book 1 book.

Pure functions over MyST Markdown text (a ``.md`` page, or a notebook's
markdown cells joined with :func:`notebook_markdown`): find sections by
heading, count questions and dropdown admonitions in a section, list
citation keys and links. A course's tests combine them into its own gates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import markdown as md

__all__ = [
    "Section",
    "cite_keys",
    "dropdowns",
    "find_section",
    "links_to",
    "load_page",
    "notebook_markdown",
    "questions",
    "sections",
]

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
QUESTION_RE = re.compile(r"^\s*\*\*\s*(?:Question\s+|Q)?\d+[.):]", re.M | re.I)
DROPDOWN_CLASS_RE = re.compile(r"^\s*:class:.*\bdropdown\b", re.M)
ADMONITION_OPEN_RE = re.compile(r"^\s*(`{3,}|:{3,})\s*\{(admonition|dropdown|[a-z-]+)\}(.*)$")


@dataclass(frozen=True)
class Section:
    """A heading and the text up to the next heading of the same or a higher level."""

    level: int
    title: str
    body: str


def notebook_markdown(nb: dict[str, Any]) -> str:
    """The markdown cells of a notebook, joined by blank lines."""
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            out.append("".join(src) if isinstance(src, list) else src)
    return "\n\n".join(out)


def load_page(path: Path) -> tuple[str, dict[str, Any] | None]:
    """Markdown text of a page and, for a notebook, the parsed notebook."""
    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix == ".ipynb":
        nb = json.loads(text)
        return notebook_markdown(nb), nb
    return text, None


def sections(text: str) -> list[Section]:
    """All sections of MyST text (headings inside code blocks are ignored)."""
    clean = md.strip_code_and_comments(text).split("\n")
    raw = text.split("\n")
    heads = [(i, HEADING_RE.match(line)) for i, line in enumerate(clean)]
    heads = [(i, m) for i, m in heads if m]
    found = []
    for k, (i, m) in enumerate(heads):
        level = len(m.group(1))
        end = len(raw)
        for j, m2 in heads[k + 1 :]:
            if len(m2.group(1)) <= level:
                end = j
                break
        found.append(Section(level, m.group(2).strip(), "\n".join(raw[i + 1 : end])))
    return found


def find_section(text: str, pattern: str) -> Section | None:
    """First section whose title matches ``pattern`` (a regex, case-insensitive)."""
    for sec in sections(text):
        if re.search(pattern, sec.title, re.I):
            return sec
    return None


def dropdowns(text: str) -> list[str]:
    """Titles of admonitions with ``:class: dropdown`` (and ``{dropdown}`` directives)."""
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        m = ADMONITION_OPEN_RE.match(line)
        if not m:
            continue
        if m.group(2) == "dropdown":
            found.append(m.group(3).strip())
            continue
        for opt in lines[i + 1 : i + 8]:
            if not md.OPTION_RE.match(opt):
                break
            if DROPDOWN_CLASS_RE.match(opt):
                found.append(m.group(3).strip())
                break
    return found


def questions(text: str) -> int:
    """Number of numbered bold questions (``**1. ...**``, ``**Question 1.**``) in text."""
    return len(QUESTION_RE.findall(md.strip_code_and_comments(text)))


def cite_keys(text: str) -> list[str]:
    """Citation keys of ``{cite...}`` roles, in order (code excluded)."""
    return [h.value for h in md.cite_keys(md.strip_code_and_comments(text))]


def links_to(text: str, name: str) -> bool:
    """Whether a link target's file name is ``name`` (e.g. ``"safety.md"``)."""
    for hit in md.link_targets(md.strip_code_and_comments(text)):
        path = re.split(r"[#?]", hit.value, maxsplit=1)[0]
        if path.rsplit("/", 1)[-1] == name:
            return True
    return False
