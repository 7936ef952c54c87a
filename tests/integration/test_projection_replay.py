"""The read-model projection replayed on each backend, beside a running service with reports in every state:
the whole log replayed twice gives the same tables as the service built, events delivered twice change
nothing, and a projector stopped mid-stream resumes where it stopped."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import SQLiteDatastore
from psycopg.sql import SQL, Identifier

from adapters.bootstrap import Services
from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import APPLICATION_NAME
from adapters.postgres.read_model import PostgresReadModel
from adapters.postgres.rebuild_tables import SchemaDatastore
from adapters.projector import LogFollower
from adapters.sql.read_model import SqlReadModel
from adapters.sqlite.read_model import SQLiteReadModel
from application.event_store import QuizReportsLog
from projections.read_model import ReadModelProjection
from tests.integration.conftest import Deployment, running, seed
from tests.integration.report_states import reports_in_every_state

pytestmark = [pytest.mark.integration, pytest.mark.parametrize("deployment", ["sqlite", "postgres"], indirect=True)]
TABLES = ("courses", "quizzes", "submissions", "attempts", "reports", "progress", "files")
Tables = dict[str, list[dict[str, Any]]]
Events = list[tuple[Any, Tracking]]


def dump(view: SqlReadModel) -> Tables:
    return {table: [dict(row) for row in view._all(f"SELECT * FROM {table} ORDER BY 1, 2, 3", ())] for table in TABLES}


class ReadModels:
    """Empty read models beside the deployment's, each in a SQLite file or a PostgreSQL schema of its own."""

    def __init__(self, deployment: Deployment, stack: ExitStack) -> None:
        self._deployment = deployment
        self._stack = stack
        url = deployment.env.get("QUIZ_REPORTS_DATABASE_URL")
        self._url = PostgresUrl.parse(url) if url else None
        self.tracking_name = APPLICATION_NAME if url else ReadModelProjection.name

    def create(self, name: str) -> SqlReadModel:
        if self._url is not None:
            with psycopg.connect(self._deployment.env["QUIZ_REPORTS_DATABASE_URL"], autocommit=True) as server:
                server.execute(SQL("CREATE SCHEMA {0}").format(Identifier(name)))
        view = self.reopen(name)
        view.create_table()  # type: ignore[attr-defined]
        return view

    def reopen(self, name: str) -> SqlReadModel:
        """The read model `name` over connections of its own, as a restarted projector has."""
        if self._url is None:
            datastore = SQLiteDatastore(str(self._deployment.data_dir / f"{name}.sqlite3"))
            self._stack.callback(datastore.close)
            return SQLiteReadModel(datastore)
        u = self._url
        schema_datastore = SchemaDatastore(u.dbname, u.host, u.port, u.user, u.password, schema=name)
        self._stack.callback(schema_datastore.close)
        return PostgresReadModel(schema_datastore)

    def events(self, log: QuizReportsLog) -> Events:
        notifications = log.recorder.select_notifications(start=1, limit=10_000)
        return [(log.mapper.to_domain_event(n), Tracking(self.tracking_name, n.id)) for n in notifications]


class RecordingProjection:
    """A read-model projection that remembers the position of every event it is handed."""

    def __init__(self, view: SqlReadModel) -> None:
        self._projection = ReadModelProjection(view)
        self.positions: list[int] = []

    @property
    def topics(self) -> Sequence[str]:
        return self._projection.topics

    def process_batch(self, events: Sequence[tuple[Any, Tracking]], through: Tracking | None = None) -> None:
        self.positions.extend(tracking.notification_id for _, tracking in events)
        self._projection.process_batch(events, through)


@pytest.fixture
def services(deployment: Deployment) -> Iterator[Services]:
    with running(deployment, worker=False) as started:
        seed(started)
        reports_in_every_state(started)
        yield started


@pytest.fixture
def read_models(deployment: Deployment) -> Iterator[ReadModels]:
    with ExitStack() as stack:
        yield ReadModels(deployment, stack)


def test_the_whole_log_replayed_twice_gives_the_tables_the_service_built(
    services: Services, read_models: ReadModels
) -> None:
    first, second = read_models.create("replay_first"), read_models.create("replay_second")
    name = read_models.tracking_name

    for view in (first, second):
        LogFollower(services.log, ReadModelProjection(view), view, name).catch_up()

    end = services.sync.caught_up()
    assert (first.max_position(name), second.max_position(name)) == (end, end)
    assert dump(first) == dump(second) == dump(services.read_model)
    assert all(dump(first).values())


def test_each_event_delivered_twice_changes_nothing(services: Services, read_models: ReadModels) -> None:
    view = read_models.create("twice")
    projection = ReadModelProjection(view)

    for event in read_models.events(services.log):
        projection.process_batch([event])
        projection.process_batch([event])

    assert dump(view) == dump(services.read_model)


def test_overlapping_batches_apply_each_event_once(services: Services, read_models: ReadModels) -> None:
    view = read_models.create("overlapping")
    projection = ReadModelProjection(view)
    events = read_models.events(services.log)

    for start in range(0, len(events), 3):
        projection.process_batch(events[max(start - 4, 0) : start + 3])  # the previous batch's events, and 3 more
    projection.process_batch(events)

    assert dump(view) == dump(services.read_model)
    assert view.max_position(read_models.tracking_name) == events[-1][1].notification_id


def test_a_projector_stopped_mid_stream_resumes_where_it_left_off(services: Services, read_models: ReadModels) -> None:
    events = read_models.events(services.log)
    stopped = ReadModelProjection(read_models.create("resumed"))
    for start in range(0, 20, 5):
        stopped.process_batch(events[start : start + 5])
    del stopped

    restarted = read_models.reopen("resumed")
    recording = RecordingProjection(restarted)
    LogFollower(services.log, recording, restarted, read_models.tracking_name).catch_up()

    assert recording.positions == [tracking.notification_id for _, tracking in events[20:]]
    assert dump(restarted) == dump(services.read_model)
