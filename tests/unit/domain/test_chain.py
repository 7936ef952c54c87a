"""The hash chain every aggregate's events carry (domain.chain, domain.events)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from domain import chain
from domain.quiz import Quiz
from domain.quiz_report import GeneratedFile, QuizReport

MOMENT = datetime(2026, 11, 27, 14, 5, 0, 123456, tzinfo=UTC)
AGGREGATE = UUID("12345678-1234-5678-1234-567812345678")


def report() -> QuizReport:
    return QuizReport(
        report_id=5,
        course_id=3,
        quiz_id=8,
        report_type="student_analysis",
        includes_all_versions=False,
        includes_sis_ids=True,
        anonymous=False,
        generatable=True,
        actor="1",
        request_id="request-1",
    )


def events_of(aggregate: Any) -> list[Any]:
    return list(aggregate.collect_events())


def relinked(events: list[Any]) -> list[str]:
    """Each event's chain hash recomputed from the one before, as a verifier does."""
    hashes, previous = [], chain.GENESIS
    for event in events:
        previous = chain.link(previous, type(event).__qualname__, vars(event))
        hashes.append(previous)
    return hashes


def test_the_canonical_content_is_sorted_compact_json_with_the_type_and_without_the_hash() -> None:
    content = {"b": 1, "a": [1.5, "é"], "timestamp": MOMENT, "originator_id": AGGREGATE, "chain_hash": "x"}

    text = chain.canonical("Quiz.Updated", content)

    assert (
        text
        == (
            '{"__type__":"Quiz.Updated","a":[1.5,"é"],"b":1,'
            '"originator_id":"12345678-1234-5678-1234-567812345678","timestamp":"2026-11-27T14:05:00.123456+00:00"}'
        ).encode()
    )


def test_a_link_hashes_the_previous_hash_a_newline_and_the_content() -> None:
    content = {"completion": 40.0}

    value = chain.link(chain.GENESIS, "QuizReport.ProgressUpdated", content)

    expected = hashlib.sha256(
        chain.GENESIS.encode() + b"\n" + chain.canonical("QuizReport.ProgressUpdated", content)
    ).hexdigest()
    assert value == expected


def test_content_beyond_what_orjson_writes_has_the_same_canonical_shape_from_the_standard_library() -> None:
    content = {"big": 2**70, "z": MOMENT, "id": AGGREGATE}

    text = chain.canonical("Quiz.Updated", content)

    assert text == (
        b'{"__type__":"Quiz.Updated","big":1180591620717411303424,'
        b'"id":"12345678-1234-5678-1234-567812345678","z":"2026-11-27T14:05:00.123456+00:00"}'
    )


def test_every_event_links_to_the_one_before_and_the_head_is_the_last_link() -> None:
    subject = report()
    subject.request_generation(9, "1", "request-2")
    subject.start("system", "message-1")
    subject.update_progress(50, "system", "message-1")
    subject.complete(GeneratedFile(10, "uuid", "f.csv", "F", 3, "ab", 1), "system", "message-1")

    events: list[Any] = list(subject.collect_events())

    assert [event.chain_hash for event in events] == relinked(events)
    assert subject.chain_head == events[-1].chain_hash
    assert len({event.chain_hash for event in events}) == len(events)


def test_changing_any_field_of_an_event_breaks_its_link() -> None:
    subject = report()
    subject.request_generation(9, "1", "request-2")
    created, requested = events_of(subject)

    tampered = {**vars(requested), "actor": "2"}

    assert chain.link(created.chain_hash, "QuizReport.Requested", vars(requested)) == requested.chain_hash
    assert chain.link(created.chain_hash, "QuizReport.Requested", tampered) != requested.chain_hash


def test_an_aggregate_rebuilt_from_its_events_continues_the_same_chain() -> None:
    quiz = Quiz(3, 8, {"title": "Midterm"}, "1", "request-1")
    first = events_of(quiz)
    rebuilt = first[0].mutate(None)
    assert rebuilt is not None

    rebuilt.revise({"title": "Final"}, "1", "request-2")
    (updated,) = events_of(rebuilt)

    assert rebuilt.chain_head == updated.chain_hash
    assert updated.chain_hash == chain.link(first[0].chain_hash, "Quiz.Updated", vars(updated))


def test_started_records_the_request_that_queued_the_generation() -> None:
    subject = report()
    subject.request_generation(9, "1", "request-2")
    subject.start("system", "message-1")

    started = events_of(subject)[-1]

    assert (started.request_id, started.queued_by) == ("message-1", "request-2")
