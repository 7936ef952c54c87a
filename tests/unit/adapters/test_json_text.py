"""Read-model documents read back with orjson hold exactly the values the standard library reads."""

from __future__ import annotations

import json
import math
from typing import Any

import orjson
import pytest

from adapters.sql.attempt_rows import AttemptRow, answer_ids, light, whole
from adapters.sql.json_text import decode, decode_lines, encode, encode_lines

VALUES: list[Any] = [
    {"score": 39.34, "points": 0.67, "n": 3, "big": 2**63 - 1, "u64": 2**64 - 1},
    {"neg": -(2**63), "zero": -0.0, "tiny": 5e-324, "e": 1e16, "text": "é \u2028 \U0001f600"},
    [0.1 + 0.2, 1.0, 1, True, None, "1"],
]
AWKWARD: list[Any] = [{"big": 2**64}, {"small": -(2**63) - 1}, [10**30], {"nan": math.nan}, ["\ud800"], [math.inf]]


@pytest.mark.parametrize("value", VALUES + AWKWARD)
def test_decoded_documents_equal_what_json_reads(value: Any) -> None:
    text, fast = encode(value)

    decoded = decode(text, fast)

    assert json.dumps(decoded) == json.dumps(value)
    assert repr(decoded) == repr(json.loads(json.dumps(value)))


@pytest.mark.parametrize("value", VALUES)
def test_a_document_orjson_reads_back_exactly_is_written_by_orjson(value: Any) -> None:
    assert encode(value)[0] == orjson.dumps(value).decode()


@pytest.mark.parametrize("value", AWKWARD)
def test_a_document_orjson_would_change_is_written_by_the_standard_library(value: Any) -> None:
    assert encode(value)[0] == json.dumps(value)


def test_lines_hold_none_as_written_by_orjson_and_nan_as_written_by_the_standard_library() -> None:
    with_none: list[Any] = [{"answer_id": None}, [1, None]]
    with_nan: list[Any] = [{"answer_id": None}, {"points": math.nan}]

    none_text, none_fast = encode_lines(with_none)
    nan_text, nan_fast = encode_lines(with_nan)

    assert decode_lines(none_text) == [orjson.dumps(value).decode() for value in with_none]
    assert decode_lines(nan_text) == [json.dumps(value) for value in with_nan]
    assert (none_fast, nan_fast) == (True, True)
    assert [decode(line, True) for line in decode_lines(none_text)] == with_none
    assert json.dumps([decode(line, True) for line in decode_lines(nan_text)]) == json.dumps(with_nan)


def test_only_integers_beyond_64_bits_or_unencodable_text_make_a_document_slow() -> None:
    assert [encode(value)[1] for value in VALUES] == [True] * len(VALUES)
    assert [encode(value)[1] for value in AWKWARD] == [False, False, False, True, False, True]


def test_an_attempt_is_stored_in_parts_and_put_together_in_its_key_order() -> None:
    responses = [
        {"question_id": 1, "answer_id": 11, "points": 1.0},
        {"question_id": 2, "text": "x"},
        {"answer_id": 2**70},
    ]
    attempt = {"attempt": 2, "submission_data": responses, "score": 1.5, "quiz_data": None}

    row = AttemptRow.of(attempt)

    assert row.number == 2
    assert not row.fast
    rebuilt = whole(row.head, row.responses, row.fast)
    assert rebuilt == attempt
    assert list(rebuilt) == list(attempt)
    assert light(row.head, row.fast) == {**attempt, "submission_data": []}
    assert answer_ids(row.answer_ids, row.fast) == [11, None, 2**70]


def test_responses_that_are_no_objects_have_no_answer_id() -> None:
    attempt = {"attempt": 1, "submission_data": [{"answer_id": 5}, "text", 7, None, ["answer_id"], {"text": ""}]}

    row = AttemptRow.of(attempt)

    assert answer_ids(row.answer_ids, row.fast) == [5, None, None, None, None, None]
    assert whole(row.head, row.responses, row.fast) == attempt


def test_an_attempt_without_a_response_list_keeps_its_value() -> None:
    attempt = {"attempt": 1, "submission_data": None}

    row = AttemptRow.of(attempt)

    assert row.responses is None
    assert row.answer_ids is None
    assert whole(row.head, row.responses, row.fast) == light(row.head, row.fast) == attempt
    assert answer_ids(row.answer_ids, row.fast) == []


def test_unflagged_text_without_wide_numbers_reads_as_the_standard_library_does() -> None:
    text = '{"user": {"id": 123456789012345678, "name": "Ada"}, "score": 0.1, "x": NaN}'

    value = decode(text, False)

    assert repr(value) == repr(json.loads(text))


def test_unflagged_text_with_a_wide_integer_keeps_it_exact() -> None:
    text = '{"id": 12345678901234567890123}'

    assert decode(text, False) == {"id": 12345678901234567890123}


@pytest.mark.parametrize("value", VALUES)
def test_a_value_known_to_be_plain_json_is_written_as_it_is_when_checked(value: Any) -> None:
    assert encode(value, plain=True) == encode(value)
    assert encode_lines([value, value], plain=True) == encode_lines([value, value])


def test_an_attempt_known_to_be_plain_json_is_stored_as_it_is_when_checked() -> None:
    responses = [{"question_id": 1, "answer_id": 11, "points": 0.67}, {"question_id": 2, "answer_id": None}]
    for attempt in ({"attempt": 1, "submission_data": responses, "quiz_data": None}, {"attempt": 2}):
        assert AttemptRow.of(attempt, plain=True) == AttemptRow.of(attempt)
