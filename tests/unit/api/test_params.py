"""Canvas-style request parameters: bracketed names, booleans, includes."""

from __future__ import annotations

import pytest

from api.params import canvas_boolean, includes, nest


def test_bracketed_names_nest_into_objects() -> None:
    nested = nest([("quiz_report[report_type]", "item_analysis"), ("quiz_report[includes_all_versions]", "1")])

    assert nested == {"quiz_report": {"report_type": "item_analysis", "includes_all_versions": "1"}}


def test_empty_brackets_collect_a_list() -> None:
    nested = nest([("include[]", "file"), ("include[]", "progress")])

    assert nested == {"include": ["file", "progress"]}


def test_a_later_scalar_replaces_an_earlier_one() -> None:
    assert nest([("a", "1"), ("a", "2")]) == {"a": "2"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("true", True),
        ("yes", True),
        ("on", True),
        ("1", True),
        ("2", True),
        ("false", False),
        ("NO", False),
        ("0", False),
        ("", False),
        (None, False),
        ("maybe", False),
    ],
)
def test_canvas_booleans(value: object, expected: bool) -> None:
    assert canvas_boolean(value) is expected


def test_includes_accept_both_the_canvas_and_the_comma_forms() -> None:
    assert includes({"include": ["file", "progress"]}) == {"file", "progress"}
    assert includes({"include": "file,progress"}) == {"file", "progress"}
    assert includes({}) == set()
