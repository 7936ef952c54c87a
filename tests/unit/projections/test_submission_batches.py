"""Submission events applied in one batch, their rows sent together, leave the rows that applying them one
at a time leaves (SQLite here; tests/integration/test_read_model_batches.py runs the same on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, Tracking
from eventsourcing.sqlite import SQLiteDatastore

from adapters.sqlite.read_model import SQLiteReadModel
from domain.quiz import Quiz
from domain.quiz_submission import QuizSubmission
from projections.read_model import ReadModelProjection
from tests.unit.application.harness import (
    COURSE_ID,
    INTEGRATION,
    OTHER_QUIZ_ID,
    QUIZ_ID,
    Harness,
    attempt,
    quiz_definition,
    submission,
)

TABLES = ("courses", "quizzes", "submissions", "attempts")
Events = list[tuple[Any, Tracking]]


@pytest.fixture
def harness() -> Iterator[Harness]:
    """Two quizzes with submissions; a re-publication of the second; then, in the first quiz, a submission
    changed (an attempt recorded again), another one created, and the first one changed again (its profile,
    the same attempt once more, and a new attempt)."""
    built = Harness()
    built.ingest_quiz()
    built.ingest_quiz(OTHER_QUIZ_ID)
    built.ingest_submissions(submission(1, attempt(1), attempt(2)), submission(2))
    built.ingest_submissions(submission(7, attempt(1, answer_id=4012)), quiz_id=OTHER_QUIZ_ID)
    republished = quiz_definition(published_at="2026-02-01T09:00:00Z")
    built.quiz_data.put_quiz(INTEGRATION, COURSE_ID, OTHER_QUIZ_ID, republished)
    built.ingest_submissions(submission(1, attempt(1, answer_id=4012), attempt(2)))
    built.ingest_submissions(submission(3))
    built.ingest_submissions({**submission(1, attempt(1), attempt(2), attempt(3)), "kept_score": 0})
    yield built
    built.close()


@pytest.fixture
def new_view() -> Iterator[Callable[[], SQLiteReadModel]]:
    """Makes empty read models."""
    datastores: list[SQLiteDatastore] = []

    def make() -> SQLiteReadModel:
        datastores.append(SQLiteDatastore(f"file:batches-{uuid4().hex}?mode=memory&cache=shared"))
        view = SQLiteReadModel(datastores[-1])
        view.create_table()
        return view

    yield make
    for datastore in datastores:
        datastore.close()


def events(harness: Harness) -> Events:
    notifications = harness.log.recorder.select_notifications(start=1, limit=10_000)
    return [(harness.log.mapper.to_domain_event(n), Tracking("read_model", n.id)) for n in notifications]


def rows(view: SQLiteReadModel) -> dict[str, Any]:
    dump: dict[str, Any] = {
        table: [tuple(row) for row in view._all(f"SELECT * FROM {table} ORDER BY 1, 2, 3", ())] for table in TABLES
    }
    dump["position"] = view.max_position("read_model")
    return dump


def applied_one_at_a_time(view: SQLiteReadModel, applied: Events) -> SQLiteReadModel:
    projection = ReadModelProjection(view)
    for event, tracking in applied:
        projection.process_event(event, tracking)
    return view


def test_a_batch_leaves_the_rows_of_its_events_applied_one_at_a_time(
    harness: Harness, new_view: Callable[[], SQLiteReadModel]
) -> None:
    one_at_a_time = rows(applied_one_at_a_time(new_view(), events(harness)))
    view = new_view()

    ReadModelProjection(view).process_batch(events(harness))

    assert rows(view) == one_at_a_time
    assert len(one_at_a_time["attempts"]) == 6
    recorded_again = "SELECT answer_ids FROM attempts WHERE quiz_id = ? AND submission_id = 1 AND attempt = 1"
    assert view._one(recorded_again, (QUIZ_ID,))["answer_ids"] == "[4011]"


def test_a_quiz_takes_the_position_of_its_last_attempt_or_publication(
    harness: Harness, new_view: Callable[[], SQLiteReadModel]
) -> None:
    applied = events(harness)
    quizzes = {e.originator_id: e.quiz_id for e, _ in applied if isinstance(e, QuizSubmission.Created)}
    expected: dict[int, int] = {}
    for event, tracking in applied:
        if isinstance(event, Quiz.Created):
            expected[event.quiz_id] = tracking.notification_id
        elif isinstance(event, Quiz.Published):
            expected[OTHER_QUIZ_ID] = tracking.notification_id
        elif isinstance(event, QuizSubmission.AttemptRecorded):
            expected[quizzes[event.originator_id]] = tracking.notification_id
    view = new_view()

    ReadModelProjection(view).process_batch(applied)

    found = view._all("SELECT quiz_id, activity_position FROM quizzes", ())
    assert {row["quiz_id"]: row["activity_position"] for row in found} == expected


def test_a_batch_creating_a_submission_twice_writes_nothing(
    harness: Harness, new_view: Callable[[], SQLiteReadModel]
) -> None:
    applied = events(harness)
    created = next(event for event, _ in applied if isinstance(event, QuizSubmission.Created))
    again = (created, Tracking("read_model", applied[-1][1].notification_id + 1))
    view = new_view()

    with pytest.raises(IntegrityError):
        ReadModelProjection(view).process_batch([*applied, again])

    assert rows(view) == {**{table: [] for table in TABLES}, "position": 0}


def test_an_attempt_applied_alone_is_written_with_its_position(
    harness: Harness, new_view: Callable[[], SQLiteReadModel]
) -> None:
    applied = events(harness)
    last_attempt = max(i for i, (event, _) in enumerate(applied) if isinstance(event, QuizSubmission.AttemptRecorded))
    view = new_view()
    ReadModelProjection(view).process_batch(applied[:last_attempt])
    before = len(rows(view)["attempts"])

    applied_one_at_a_time(view, [applied[last_attempt]])

    assert view.max_position("read_model") == applied[last_attempt][1].notification_id
    assert len(rows(view)["attempts"]) == before + 1
