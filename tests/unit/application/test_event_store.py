"""The log's `save` records what eventsourcing's records: every pending event of the aggregates given, in
order, and anything else through eventsourcing's own collection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from application.event_store import QuizReportsLog
from domain.quiz_submission import QuizSubmission


@pytest.fixture
def log() -> Iterator[QuizReportsLog]:
    built = QuizReportsLog(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    yield built
    built.close()


def submission(number: int) -> QuizSubmission:
    created = QuizSubmission(1, 2, number, {"name": f"student {number}"}, actor="0", request_id="r")
    created.revise({"name": f"student {number}"}, [{"attempt": 1}, {"attempt": 2}], "0", "r")
    return created


def test_a_save_of_aggregates_records_their_pending_events_in_order(log: QuizReportsLog) -> None:
    first, second = submission(1), submission(2)
    pending = [*first.pending_events, *second.pending_events]

    recordings = log.save(first, second)

    assert [recording.domain_event for recording in recordings] == pending
    assert [recording.notification.id for recording in recordings] == [1, 2, 3, 4, 5, 6]
    assert first.pending_events == second.pending_events == []
    reread: QuizSubmission = log.repository.get(second.id)
    assert (reread.version, reread.attempts) == (3, second.attempts)


def test_a_save_of_anything_else_is_collected_by_eventsourcing(log: QuizReportsLog) -> None:
    recorded = submission(3)
    events = recorded.collect_events()

    recordings = log.save(None, *events)

    assert [recording.domain_event for recording in recordings] == events
