"""The log's transcoder writes with orjson only what reads back exactly as eventsourcing's own transcoder
would read its own document, and reads with orjson only what it reads exactly as that transcoder would;
everything else is written and read by the standard library as before."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import orjson
import pytest
from eventsourcing.persistence import DatetimeAsISO, DecimalAsStr, JSONTranscoder, StoredEvent, UUIDAsHex
from hypothesis import given
from hypothesis import strategies as st

from application.event_store import EventTranscoder, QuizReportsLog, holds_plain_json
from domain.quiz_submission import QuizSubmission

WHEN = datetime(2026, 11, 27, 17, 9, 1, 123456, tzinfo=UTC)
PLAIN: list[dict[str, Any]] = [
    {"timestamp": WHEN, "chain_hash": "ab" * 32, "actor": "42", "request_id": "r-1"},
    {
        "timestamp": WHEN,
        "attempt": {"attempt": 1, "score": 16.34, "end_at": None, "submission_data": [{"points": 0.67}]},
        "text": "é \u2028 \U0001f600",
        "big": 2**63 - 1,
    },
    {"timestamp": WHEN, "when": {"nested": WHEN}, "none": None},
]
AWKWARD: list[dict[str, Any]] = [
    {"timestamp": WHEN, "score": math.nan},
    {"timestamp": WHEN, "scores": [1.0, math.inf]},
    {"timestamp": WHEN, "big": 2**64},
    {"timestamp": WHEN, "keys": {1: "one"}},
    {"timestamp": WHEN, "id": UUID(int=7)},
]


def transcoders() -> tuple[EventTranscoder, JSONTranscoder]:
    ours, theirs = EventTranscoder(), JSONTranscoder()
    for transcoder in (ours, theirs):
        for transcoding in (UUIDAsHex(), DatetimeAsISO(), DecimalAsStr()):
            transcoder.register(transcoding)
    return ours, theirs


def same(left: Any, right: Any) -> bool:
    """Equal values, NaN included, of equal types."""
    return repr(left) == repr(right)


@pytest.mark.parametrize("state", PLAIN + AWKWARD)
def test_every_state_reads_back_as_eventsourcings_own_document(state: dict[str, Any]) -> None:
    ours, theirs = transcoders()

    assert same(ours.decode(ours.encode(state)), theirs.decode(theirs.encode(state)))


@pytest.mark.parametrize("state", PLAIN)
def test_json_values_and_times_are_written_by_orjson(state: dict[str, Any]) -> None:
    ours, theirs = transcoders()

    data = ours.encode(state)

    assert data == orjson.dumps(state, default=theirs._encode_obj, option=orjson.OPT_PASSTHROUGH_DATETIME)


@pytest.mark.parametrize("state", AWKWARD)
def test_what_orjson_would_write_differently_is_written_by_the_standard_library(state: dict[str, Any]) -> None:
    ours, theirs = transcoders()

    assert ours.encode(state) == theirs.encode(state)


@pytest.mark.parametrize("state", [{"day": date(2026, 11, 27)}, {"text": "\ud800"}])
def test_what_eventsourcing_cannot_write_is_refused_as_before(state: dict[str, Any]) -> None:
    ours, theirs = transcoders()

    with pytest.raises((TypeError, ValueError)) as refused:
        theirs.encode(state)
    with pytest.raises(type(refused.value)):
        ours.encode(state)


def test_the_log_writes_with_the_event_transcoder() -> None:
    log = QuizReportsLog(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    try:
        assert isinstance(log.mapper.transcoder, EventTranscoder)
        assert log.mapper.transcoder.decode(log.mapper.transcoder.encode({"at": WHEN})) == {"at": WHEN}
    finally:
        log.close()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=5))
def test_any_json_state_reads_back_as_the_standard_library_reads_it(state: dict[str, Any]) -> None:
    ours, theirs = transcoders()
    state["timestamp"] = WHEN

    decoded = ours.decode(ours.encode(state))

    assert same(decoded, theirs.decode(theirs.encode(state)))
    assert json.dumps(decoded, sort_keys=True, default=str) == json.dumps(state, sort_keys=True, default=str)


READ_AWKWARD: list[bytes] = [
    b'{"n":18446744073709551616,"m":-9223372036854775809}',  # beyond 64 bits: orjson would read floats
    b'{"nan":NaN,"inf":Infinity,"big":1e400}',
    b'{"text":"\\ud800 lone","nul":"\\u0000"}',
    b'{"nested":{"at":{"_type_":"datetime_iso","_data_":"2026-11-27T17:09:01+00:00"}}}',
    b'{"escaped":{"\\u005ftype_":"uuid_hex","_data_":"00000000000000000000000000000007"}}',
    b'{"_type_":"uuid_hex","_data_":"00000000000000000000000000000007"}',
    b'{"text":"a \\"_type_\\" in a text","at":{"_type_":"datetime_iso","_data_":"2026-11-27T17:09:01+00:00"}}',
    b'{"a":1,"a":2}',
    b"[1,2]",
]


@pytest.mark.parametrize("data", READ_AWKWARD)
def test_every_document_reads_as_eventsourcings_transcoder_reads_it(data: bytes) -> None:
    ours, theirs = transcoders()

    assert same(ours.decode(data), theirs.decode(data))


def test_a_plain_state_is_read_by_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    ours, theirs = transcoders()
    state = {**PLAIN[0], "attempt": {"attempt": 1, "score": 16.34, "end_at": None, "text": "é \U0001f600"}}
    data = theirs.encode(state)

    def refuse(self: JSONTranscoder, data: bytes) -> Any:
        raise AssertionError("read by the standard library")

    monkeypatch.setattr(JSONTranscoder, "decode", refuse)

    assert ours.decode(data) == state


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.just("_type_") | st.just(WHEN),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=4) | st.sampled_from(["_type_", "_data_"]), children, max_size=4)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=6) | st.sampled_from(["_type_", "_data_"]), ANY_JSON, max_size=5))
def test_any_document_of_either_writer_reads_as_eventsourcing_reads_it(state: dict[str, Any]) -> None:
    ours, theirs = transcoders()

    for data in (theirs.encode(state), ours.encode(state)):
        assert outcome(ours.decode, data) == outcome(theirs.decode, data)


def outcome(decode: Callable[[bytes], Any], data: bytes) -> tuple[str, str]:
    """What `decode` made of `data`: the value's repr, or the type of the error it raised."""
    try:
        return "read", repr(decode(data))
    except (TypeError, ValueError) as error:
        return "refused", type(error).__name__


def read_event(data: bytes) -> Any:
    """The event the log's mapper reads from a stored event of document `data`."""
    log = QuizReportsLog(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    try:
        topic = "domain.quiz_submission:QuizSubmission.AttemptRecorded"
        return log.mapper.to_domain_event(StoredEvent(UUID(int=1), 2, topic, data))
    finally:
        log.close()


def test_an_event_orjson_read_holds_plain_json_and_one_the_standard_library_read_does_not() -> None:
    ours = transcoders()[0]
    attempt = {"attempt": 1, "score": 16.34, "end_at": None, "submission_data": [{"points": 0.67}], "text": "é"}

    read = read_event(ours.encode({"timestamp": WHEN, "attempt": attempt}))

    assert isinstance(read, QuizSubmission.AttemptRecorded)
    assert (read.attempt, read.timestamp) == (attempt, WHEN)
    assert holds_plain_json(read)
    assert type(vars(read).copy()) is dict  # a copy is not marked
    for awkward in AWKWARD[:3]:  # NaN, an infinity, an integer beyond 64 bits
        assert not holds_plain_json(read_event(ours.encode(awkward)))
    made = QuizSubmission(1, 2, 3, {"name": "A"}, actor="42", request_id="r-1").collect_events()[0]
    assert not holds_plain_json(made)


@given(st.dictionaries(st.text(max_size=6) | st.sampled_from(["_type_", "_data_"]), ANY_JSON, max_size=5))
def test_whatever_an_event_holding_plain_json_holds_orjson_writes_back_exactly(state: dict[str, Any]) -> None:
    ours, theirs = transcoders()

    for data in (theirs.encode(state), ours.encode(state)):
        try:
            event = read_event(data)
        except (TypeError, ValueError):
            continue
        if holds_plain_json(event):
            read = {key: value for key, value in vars(event).items() if key in state and type(value) is not datetime}
            assert same(orjson.loads(orjson.dumps(read)), read)
            assert same(read, {key: theirs.decode(data)[key] for key in read})
