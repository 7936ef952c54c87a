"""The log's PostgreSQL recorder sends a save's events in binary and stores exactly the bytes the log's
mapper wrote, whatever they hold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from adapters.bootstrap import init_database
from adapters.postgres.connection import PostgresUrl
from adapters.postgres.event_recorder import BinaryInsertRecorder
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
    assert isinstance(log.recorder, BinaryInsertRecorder)
    assert "unnest(%b::" in log.recorder.insert_events_statement.as_string()


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
