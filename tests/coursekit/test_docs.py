"""The coursekit documentation pages cover every rule and are well formed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT

from coursekit import cli
from coursekit import markdown as md
from coursekit.check import RULES, allowed_tags
from coursekit.config import load_settings, setting_fields

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
    for tag in allowed_tags(load_settings(ROOT)):
        assert f"`{tag}`" in text


def test_writing_a_lesson_walks_through_every_command() -> None:
    text = (BOOK / "writing_a_lesson.md").read_text(encoding="utf-8")
    for command in ("new", "clean", "check", "test", "preview", "build", "links", "rename",
                    "remove"):
        assert f"coursekit {command}" in text


def settings_rows() -> dict[str, list[str]]:
    """Rows of the settings table in coursekit_rules.md, by key."""
    text = (BOOK / "coursekit_rules.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        match = re.match(r"^\| `([a-z_]+)` \|", line)
        if match:
            rows[match.group(1)] = [c.strip() for c in line.strip().strip("|").split("|")]
    return rows


def test_every_setting_is_in_the_settings_table() -> None:
    rows = settings_rows()
    assert set(setting_fields()) <= set(rows)
    for key in setting_fields():
        assert len(rows[key]) == 5, key  # key, value, default, this course, read by


def test_settings_table_shows_this_courses_values() -> None:
    import tomllib

    from coursekit.cli import _toml

    table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "coursekit"
    ]
    rows = settings_rows()
    for key in setting_fields():
        course = rows[key][3]
        if key in table:
            assert course == f"`{_toml(table[key])}`", key  # as `coursekit settings` prints
        else:
            assert course.startswith("not set"), key


def test_exit_status_convention_is_documented() -> None:
    text = (BOOK / "writing_a_lesson.md").read_text(encoding="utf-8")
    assert "(coursekit-exit-status)=" in text
    for status in ("0", "1", "2"):
        assert f"| `{status}` |" in text
    assert "0 ok, 1 findings, 2 usage or I/O error" in cli.usage()
    assert "Exit status, the same for every subcommand" in (cli.__doc__ or "")


@given(st.text(alphabet="`~:%{}()[]!<>-#ab \n", max_size=200))
def test_stripping_keeps_the_shape_of_the_text(text: str) -> None:
    stripped = md.strip_code_and_comments(text)
    assert stripped.count("\n") == text.count("\n")
    assert len(stripped) <= len(text)
