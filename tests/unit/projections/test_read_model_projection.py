from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, Notification, Tracking
from eventsourcing.sqlite import SQLiteDatastore

from adapters.projector import LogFollower
from adapters.sqlite.read_model import SQLiteReadModel
from projections.read_model import ReadModelProjection
from tests.unit.application.harness import COURSE_ID, QUIZ_ID, TA, TEACHER, Harness, submission

TABLES = ("courses", "quizzes", "submissions", "attempts", "reports", "progress", "files")


@pytest.fixture
def harness() -> Iterator[Harness]:
    """A quiz with submissions, a generated report, an aborted one and a queued one."""
    built = Harness()
    built.ingest_quiz()
    built.ingest_submissions(*(submission(n) for n in range(1, 13)))
    built.generated_report()
    aborted = built.reports.create(TA, COURSE_ID, QUIZ_ID, "student_analysis", False).report_id
    built.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, aborted)
    built.queued_report("item_analysis")
    yield built
    built.close()


@pytest.fixture
def empty_datastore() -> Iterator[SQLiteDatastore]:
    datastore = SQLiteDatastore(f"file:rebuilt-{uuid4().hex}?mode=memory&cache=shared")
    yield datastore
    datastore.close()


def rows(datastore: SQLiteDatastore) -> dict[str, list[tuple[Any, ...]]]:
    dump = {}
    with datastore.transaction(commit=False) as c:
        for table in TABLES:
            c.execute(f"SELECT * FROM {table} ORDER BY 1")
            dump[table] = [tuple(row) for row in c.fetchall()]
        c.execute("SELECT * FROM tracking WHERE application_name = 'read_model'")
        dump["tracking"] = [tuple(row) for row in c.fetchall()]
    return dump


def notifications(harness: Harness, topic_suffix: str) -> list[Notification]:
    found = harness.log.recorder.select_notifications(start=1, limit=10_000)
    return [n for n in found if n.topic.endswith(topic_suffix)]


def replay(harness: Harness, notification: Notification) -> None:
    event = harness.log.mapper.to_domain_event(notification)
    ReadModelProjection(harness.read_model).process_event(event, Tracking("read_model", notification.id))


def test_replaying_a_created_event_is_refused_and_changes_nothing(harness: Harness) -> None:
    before = rows(harness.datastore)

    with pytest.raises(IntegrityError):
        replay(harness, notifications(harness, "QuizReport.Created")[0])

    assert rows(harness.datastore) == before


def test_replaying_an_update_rolls_back_its_rows_with_its_tracking(harness: Harness) -> None:
    before = rows(harness.datastore)

    with pytest.raises(IntegrityError):
        replay(harness, notifications(harness, "QuizReport.ProgressUpdated")[0])

    assert rows(harness.datastore) == before


def test_a_follower_that_caught_up_applies_nothing_again(harness: Harness) -> None:
    before = rows(harness.datastore)
    position = harness.read_model_follower.catch_up()

    again = harness.read_model_follower.catch_up()

    assert again == position == harness.event_count()
    assert rows(harness.datastore) == before


def test_a_read_model_rebuilt_from_the_log_has_identical_rows(
    harness: Harness, empty_datastore: SQLiteDatastore
) -> None:
    rebuilt = SQLiteReadModel(empty_datastore)
    rebuilt.create_table()
    follower = LogFollower(harness.log, ReadModelProjection(rebuilt), rebuilt, "read_model")

    follower.catch_up()

    assert rows(empty_datastore) == rows(harness.datastore)
