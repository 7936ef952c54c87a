from __future__ import annotations

from domain.reports.strip_tags import strip_tags


def test_tags_are_removed() -> None:
    assert strip_tags("<p>What is <strong>2 + 2</strong>?</p>") == "What is 2 + 2?"


def test_decimal_entities_are_decoded() -> None:
    assert strip_tags("caf&#233; &#38; bar") == "café & bar"


def test_named_entities_are_deleted_not_decoded() -> None:
    assert strip_tags("Tom &amp; Jerry&nbsp;show") == "Tom  Jerryshow"


def test_unclosed_tag_is_removed_to_the_end_of_line() -> None:
    assert strip_tags("1 < 3\nnext") == "1 \nnext"


def test_code_points_utf8_cannot_hold_vanish() -> None:
    assert strip_tags("a&#55296;b&#1114112;c") == "abc"


def test_hexadecimal_entities_are_left_as_written() -> None:
    assert strip_tags("&#x41;") == "&#x41;"


def test_none_becomes_empty_text() -> None:
    assert strip_tags(None) == ""
