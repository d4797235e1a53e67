"""The coursekit documentation pages cover every rule and are well formed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT

from coursekit import markdown as md
from coursekit.check import ALLOWED_TAGS, RULES

BOOK = ROOT / "book"
PAGES = ["writing_a_lesson.md", "coursekit_rules.md"]


def headings(text: str) -> list[int]:
    prose = md.strip_code_and_comments(text)
    return [len(m.group(1)) for m in re.finditer(r"^(#{1,6})\s", prose, re.M)]


@pytest.mark.parametrize("page", PAGES)
def test_one_title_and_no_skipped_levels(page: str) -> None:
    levels = headings((BOOK / page).read_text(encoding="utf-8"))
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_every_rule_and_tag_is_documented() -> None:
    text = (BOOK / "coursekit_rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"### {rule}\n" in text
    for tag in ALLOWED_TAGS:
        assert f"`{tag}`" in text


def test_writing_a_lesson_walks_through_every_command() -> None:
    text = (BOOK / "writing_a_lesson.md").read_text(encoding="utf-8")
    for command in ("new", "clean", "check", "test", "preview", "build"):
        assert f"coursekit {command}" in text


@given(st.text(alphabet="`~:%{}()[]!<>-#ab \n", max_size=200))
def test_stripping_keeps_the_shape_of_the_text(text: str) -> None:
    stripped = md.strip_code_and_comments(text)
    assert stripped.count("\n") == text.count("\n")
    assert len(stripped) <= len(text)
