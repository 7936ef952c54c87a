"""The log's PostgreSQL recorder sends a save's events in binary and stores exactly the bytes the log's
mapper wrote, whatever they hold; it reads notifications in binary exactly as eventsourcing selects them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from eventsourcing.postgres import PostgresApplicationRecorder

from adapters.bootstrap import init_database
from adapters.postgres.connection import PostgresUrl
from adapters.postgres.event_recorder import EventLogRecorder
from adapters.settings import Settings
from application.event_store import QuizReportsLog
from domain.quiz_submission import QuizSubmission
from tests.backends import fresh_postgres_database

AWKWARD_TEXT = "quotes \" and ' , commas, {braces}, (parens), back\\slash, \\x00 NUL \u0000, é, \U0001f600, NULL"


@pytest.fixture
def log() -> Iterator[QuizReportsLog]:
    with fresh_postgres_database() as database_url:
        init_database(Settings.from_env(env={"QUIZ_REPORTS_DATABASE_URL": database_url}))
        built = QuizReportsLog(env=PostgresUrl.parse(database_url).event_store_env(create_tables=False))
        yield built
        built.close()


def test_the_log_records_with_the_binary_recorder(log: QuizReportsLog) -> None:
    assert isinstance(log.recorder, EventLogRecorder)
    assert "unnest(%b::" in log.recorder.insert_events_statement.as_string()
    assert type(log.recorder).select_notifications is not PostgresApplicationRecorder.select_notifications


def test_a_save_of_many_events_stores_the_bytes_the_mapper_wrote(log: QuizReportsLog) -> None:
    submissions = []
    for number in range(1, 51):
        submission = QuizSubmission(1, 2, number, {"name": AWKWARD_TEXT, "n": number}, actor="0", request_id="r")
        submission.revise({"name": AWKWARD_TEXT, "n": number}, [{"attempt": 1, "text": AWKWARD_TEXT}], "0", "r")
        submissions.append(submission)

    recordings = log.save(*submissions)

    assert len(recordings) == 100
    for recording in recordings:
        stored = log.recorder.select_events(recording.domain_event.originator_id)
        expected = log.mapper.to_stored_event(recording.domain_event)
        assert stored[recording.domain_event.originator_version - 1] == expected
    reread: QuizSubmission = log.repository.get(submissions[-1].id)
    assert reread.profile["name"] == AWKWARD_TEXT
    assert reread.attempts[1]["text"] == AWKWARD_TEXT


@pytest.mark.parametrize(
    "selection",
    [
        {"start": 1, "limit": 1000},
        {"start": 5, "limit": 7},
        {"start": 5, "limit": 1000, "inclusive_of_start": False},
        {"start": 3, "limit": 1000, "stop": 20},
        {"start": None, "limit": 4},
        {"start": None, "limit": 1000, "stop": 9},
        {"start": 2, "limit": 1000, "topics": ["domain.quiz_submission:QuizSubmission.AttemptRecorded"]},
        {"start": 2, "limit": 3, "stop": 30, "topics": ("domain.quiz_submission:QuizSubmission.Created",)},
        {"start": 1000, "limit": 10},
    ],
)
def test_notifications_are_selected_as_eventsourcing_selects_them(
    log: QuizReportsLog, selection: dict[str, Any]
) -> None:
    for number in range(1, 11):
        submission = QuizSubmission(1, 2, number, {"name": AWKWARD_TEXT}, actor="0", request_id="r")
        submission.revise({"name": AWKWARD_TEXT}, [{"attempt": 1, "text": AWKWARD_TEXT}, {"attempt": 2}], "0", "r")
        log.save(submission)

    ours = log.recorder.select_notifications(**selection)

    assert ours == PostgresApplicationRecorder.select_notifications(log.recorder, **selection)
    assert all(type(notification.state) is bytes for notification in ours)
