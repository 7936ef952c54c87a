"""The read-model projection applied in batches, on each backend: a batch commits all of its rows and its
last position or nothing, a batch delivered again changes nothing, a batch leaves the rows its events leave
applied one at a time, and a read model rebuilt from the log equals the one the running service built."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError, Tracking
from eventsourcing.sqlite import SQLiteDatastore

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import APPLICATION_NAME
from adapters.postgres.read_model import TRACKING_TABLE, PostgresReadModel
from adapters.projector import LogFollower
from adapters.sql.read_model import SqlReadModel
from adapters.sqlite.read_model import SQLiteReadModel
from application.event_store import QuizReportsLog
from projections.read_model import ReadModelProjection
from tests import quiz_fixtures
from tests.integration.conftest import (
    ADMIN,
    COURSE,
    QUIZ,
    TEACHER,
    Deployment,
    running,
    seed,
    wait_until_completed,
)

# The conftest's deployments, limited to the two storage backends.
pytestmark = [pytest.mark.integration, pytest.mark.parametrize("deployment", ["sqlite", "postgres"], indirect=True)]
TABLES = ("courses", "quizzes", "submissions", "attempts", "reports", "progress", "files")
Events = list[tuple[Any, Tracking]]


def dump(view: SqlReadModel) -> dict[str, list[dict[str, Any]]]:
    ordered = "SELECT * FROM {} ORDER BY 1, 2, 3, 4"
    return {table: [dict(row) for row in view._all(ordered.format(table), ())] for table in TABLES}


@contextmanager
def log_and_empty_view(deployment: Deployment) -> Iterator[tuple[QuizReportsLog, SqlReadModel, str]]:
    """The deployment's event log and a read model with no rows and no tracking, and its tracking name."""
    if deployment.backend == "sqlite":
        log = QuizReportsLog(
            env={
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(deployment.data_dir / "events.sqlite3"),
            }
        )
        view: SqlReadModel = SQLiteReadModel(SQLiteDatastore(str(deployment.data_dir / "rebuilt.sqlite3")))
        view.create_table()  # type: ignore[attr-defined]
        yield log, view, "read_model"
        log.close()
        return
    database_url = deployment.env["QUIZ_REPORTS_DATABASE_URL"]
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(f"TRUNCATE {', '.join((*TABLES, TRACKING_TABLE))}")
    url = PostgresUrl.parse(database_url)
    log = QuizReportsLog(env=url.event_store_env(create_tables=False))
    datastore = url.datastore()
    yield log, PostgresReadModel(datastore), APPLICATION_NAME
    log.close()
    datastore.close()


def all_events(log: QuizReportsLog, name: str) -> Events:
    notifications = log.recorder.select_notifications(start=1, limit=10_000)
    return [(log.mapper.to_domain_event(n), Tracking(name, n.id)) for n in notifications]


def serve_and_generate(deployment: Deployment) -> dict[str, list[dict[str, Any]]]:
    """Seed, generate a report, and return the read model the running service built."""
    with running(deployment) as services:
        seed(services)
        created = services.reports.create(TEACHER, COURSE, QUIZ, "student_analysis", False)
        wait_until_completed(services, created.report_id)
        services.sync.caught_up()
        return dump(services.read_model)


def test_a_batch_applies_all_of_its_events_or_none(deployment: Deployment) -> None:
    with running(deployment, worker=False) as services:
        seed(services)
    with log_and_empty_view(deployment) as (log, view, name):
        events = all_events(log, name)
        course_created_again = (events[0][0], Tracking(name, events[-1][1].notification_id + 1))
        projection = ReadModelProjection(view)

        with pytest.raises((IntegrityError, psycopg.IntegrityError, sqlite3.IntegrityError)):
            projection.process_batch([*events, course_created_again])

        assert view.max_position(name) == 0
        assert all(rows == [] for rows in dump(view).values())
        projection.process_batch(events)  # the same events without the failing one apply
        assert view.max_position(name) == events[-1][1].notification_id


def test_a_batch_delivered_again_changes_nothing(deployment: Deployment) -> None:
    with running(deployment, worker=False) as services:
        seed(services)
    with log_and_empty_view(deployment) as (log, view, name):
        events = all_events(log, name)
        projection = ReadModelProjection(view)
        for start in range(0, len(events), 3):
            projection.process_batch(events[start : start + 3])
        applied = dump(view)

        projection.process_batch(events)
        projection.process_batch(events[1:4])

        assert dump(view) == applied
        assert view.max_position(name) == events[-1][1].notification_id


def test_a_rebuilt_read_model_equals_the_one_the_service_built(deployment: Deployment) -> None:
    original = serve_and_generate(deployment)
    with log_and_empty_view(deployment) as (log, view, name):
        LogFollower(log, ReadModelProjection(view), view, name).catch_up()
        rebuilt = dump(view)
        assert view.max_position(name) == log.recorder.max_notification_id()
    assert rebuilt == original
    assert original["files"]
    assert original["attempts"]


def empty(view: SqlReadModel, name: str) -> None:
    """Delete the view's rows and its tracking position of `name`."""
    tracking = TRACKING_TABLE if isinstance(view, PostgresReadModel) else "tracking"
    with view.datastore.transaction(commit=True) as c:
        for table in TABLES:
            view._run(c, f"DELETE FROM {table}")
        view._run(c, f"DELETE FROM {tracking} WHERE application_name = ?", (name,))


def test_a_batch_leaves_the_rows_of_its_events_applied_one_at_a_time(deployment: Deployment) -> None:
    odd = quiz_fixtures.submission(3)
    odd["attempts"][0].update(score=math.nan, fudge_points=2**70)
    with running(deployment, worker=False) as services:
        seed(services)
        services.quiz_data.put_quiz(ADMIN, COURSE, QUIZ + 1, quiz_fixtures.quiz("Other"))
        services.quiz_data.put_submissions(ADMIN, COURSE, QUIZ + 1, [quiz_fixtures.submission(1), odd])
        changed = [quiz_fixtures.submission(1, "FATD"), {**quiz_fixtures.submission(2), "kept_score": 0.5}]
        services.quiz_data.put_submissions(ADMIN, COURSE, QUIZ, changed)
        services.quiz_data.put_submissions(ADMIN, COURSE, QUIZ, [quiz_fixtures.submission(1, "TDFA", attempt=2)])
    with log_and_empty_view(deployment) as (log, view, name):
        events = all_events(log, name)
        projection = ReadModelProjection(view)
        for event, tracking in events:
            projection.process_event(event, tracking)
        one_at_a_time = dump(view)
        empty(view, name)

        projection.process_batch(events)

        assert dump(view) == one_at_a_time
        assert view.max_position(name) == events[-1][1].notification_id
    by_quiz = [(row["quiz_id"], row["submission_id"], row["attempt"]) for row in one_at_a_time["attempts"]]
    assert (QUIZ, 501, 2) in by_quiz
    assert (QUIZ + 1, 503, 1) in by_quiz


def test_the_recorded_submissions_are_those_with_a_row(deployment: Deployment) -> None:
    with running(deployment, worker=False) as services:
        seed(services)
        ids = [submission["id"] for submission in quiz_fixtures.submissions()]

        recorded = services.read_model.recorded_submissions(COURSE, QUIZ, [*ids, *range(10_000, 10_700)])
        elsewhere = services.read_model.recorded_submissions(COURSE, QUIZ + 1, ids)

    assert recorded == set(ids)
    assert elsewhere == set()
