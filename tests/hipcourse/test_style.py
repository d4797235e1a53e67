"""The figure-text helpers of hipcourse.style."""

from __future__ import annotations

import re

import pytest

from hipcourse import style


def test_wrap_html_keeps_lines_within_width_and_words_whole() -> None:
    text = "Fitted tightness of the posterior capsule (ischiofemoral): <b>2.1 % (68 % interval)</b>"
    wrapped = style.wrap_html(text, 30)
    lines = wrapped.split(style.WRAP_BREAK)
    assert len(lines) > 1
    assert all(len(re.sub(r"<[^>]+>", "", line)) <= 30 for line in lines)
    assert " ".join(lines) == text  # only spaces became breaks


def test_wrap_html_leaves_short_text_and_long_words_alone() -> None:
    assert style.wrap_html("IR 35°", 10) == "IR 35°"
    expected = f"ischiofemoral{style.WRAP_BREAK}ligament"
    assert style.wrap_html("ischiofemoral ligament", 5) == expected


def test_wrap_html_break_differs_from_a_new_line() -> None:
    assert "<br>" not in style.WRAP_BREAK and "br" in style.WRAP_BREAK


def test_wrap_html_rejects_a_width_below_one() -> None:
    with pytest.raises(ValueError, match="width=0"):
        style.wrap_html("text", 0)


def test_word_list_joins_items_as_running_text() -> None:
    from hipcourse import style

    assert style.word_list([]) == "none"
    assert style.word_list(["flexion"]) == "flexion"
    assert style.word_list(["a", "b"]) == "a and b"
    assert style.word_list(iter(["a", "b", "c"])) == "a, b and c"
