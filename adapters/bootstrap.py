"""The composition root: the one place that knows every concrete adapter.

Embedded (default): SQLite event store, read model and service data under the data directory,
report files on disk, projections followed inside the process, the in-process broker and worker
threads. Production (`QUIZ_REPORTS_DATABASE_URL=postgresql://…`): everything in PostgreSQL, tables
created beforehand by `quiz-reports db init`, projections followed in batches (woken by LISTEN/NOTIFY) in one
active projector (in-process behind a lock, or `quiz-reports projector`), and a Redis or RabbitMQ
broker when `QUIZ_REPORTS_BROKER_URL` is set.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

import dramatiq
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore

from adapters.file_store import DirectoryFileStore
from adapters.health import broker_reachable, report_states
from adapters.postgres.compression import lz4_columns
from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import AdvanceListener, Advances, PostgresProjector, TrackedPositionSync
from adapters.postgres.read_model import PostgresReadModel
from adapters.postgres.service_store import PostgresFileStore, PostgresServiceStore
from adapters.projector import BackgroundFollowers, EmbeddedProjector, LogFollower, Periodic, ProjectionSync
from adapters.queue import DramatiqGenerationQueue, InProcessWorker, build_broker, declare_generation_actor
from adapters.settings import Settings
from adapters.sql.read_model import SqlReadModel
from adapters.sqlite.read_model import SQLiteReadModel
from adapters.sqlite.service_store import SQLiteServiceStore
from application import ports
from application.audit import Audit
from application.event_store import QuizReportsLog
from application.generation import ReportGeneration
from application.quiz_data import QuizData
from application.recovery import QueuedGenerations
from application.reports import QuizReports
from application.tokens import Tokens
from projections.dispatch import GenerationDispatch
from projections.read_model import ReadModelProjection
from projections.report_state import report_state

logger = logging.getLogger(__name__)


class Background(Protocol):
    """A task of the process's own that runs in the background between `start` and `stop`."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


class ServiceStore(ports.IdSequence, Protocol):
    def add(self, token_hash: str, principal: Any) -> None: ...

    def get(self, token_hash: str) -> Any: ...


@dataclass
class Storage:
    log: QuizReportsLog
    read_model: SqlReadModel
    service_store: ServiceStore
    files: ports.ReportFileStore
    sync: ports.ProjectionSync
    projector: Background | None
    listener: Background | None = None  # hears the read model advance (PostgreSQL)


@dataclass
class Services:
    """Everything the entry points use, built once from the settings."""

    settings: Settings
    log: QuizReportsLog
    read_model: SqlReadModel
    sync: ports.ProjectionSync
    quiz_data: QuizData
    reports: QuizReports
    audit: Audit
    generation: ReportGeneration
    tokens: Tokens
    files: ports.ReportFileStore
    error_ids: ports.IdSequence
    broker: dramatiq.Broker
    projector: Background | None
    worker: InProcessWorker | None
    listener: Background | None = None

    def start(self) -> None:
        """Embedded mode: bring the read model up to date and hand generations that the last
        process left queued or running back to the queue. Then start the projector and workers."""
        if isinstance(self.projector, EmbeddedProjector):
            self.projector.read_model.catch_up()
            retried = self.generation.retry_interrupted("startup", self.settings.generation_retries)
            self.projector.dispatch.catch_up()
            queued = [] if self.settings.broker_url else self.read_model.reports_in_states(["queued"])
            queue = DramatiqGenerationQueue(self.broker, self.settings.queue_name)
            for report_id in queued:
                queue.enqueue(report_id)
            logger.info("re-dispatched %d queued reports, retried %d interrupted", len(queued), len(retried))
        if self.listener is not None:
            self.listener.start()
        if self.projector is not None:
            self.projector.start()
        if self.worker is not None:
            self.worker.start()

    def readiness(self) -> dict[str, bool]:
        """Whether the database (event store and read model) and the broker answer now; quick checks
        of their own, not the stores' retried calls."""
        checks: dict[str, Callable[[], object]] = {"database": self.ping_database}
        ready = {}
        for name, check in checks.items():
            try:
                check()
                ready[name] = True
            except Exception as error:
                logger.warning("%s unreachable: %s", name, error)
                ready[name] = False
        ready["broker"] = broker_reachable(self.broker)
        return ready

    def ping_database(self) -> None:
        if self.settings.is_postgres:
            PostgresUrl.parse(self.settings.database_url or "").ping()
        else:
            with closing(sqlite3.connect(self.settings.sqlite_path, timeout=2)) as connection:
                connection.execute("SELECT count(*) FROM stored_events").fetchone()

    def report_states(self) -> dict[str, int]:
        return report_states(self.read_model)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        if self.projector is not None:
            self.projector.stop()
        if self.listener is not None:
            self.listener.stop()
        self.broker.close()
        self.log.close()


def build_services(settings: Settings, *, with_worker: bool = True, with_projector: bool | None = None) -> Services:
    """`with_projector` defaults to the settings (`QUIZ_REPORTS_PROJECTOR`)."""
    broker = build_broker(settings.broker_url)
    queue = DramatiqGenerationQueue(broker, settings.queue_name)
    projector_wanted = settings.in_process_projector if with_projector is None else with_projector
    # The projector runs maintenance too; its tasks need the generation built from the storage.
    maintenance: list[Periodic] = []
    build = _postgres if settings.is_postgres else _sqlite
    storage = build(settings, queue, projector_wanted, maintenance)
    generation = ReportGeneration(
        storage.log, storage.read_model, storage.sync, storage.service_store, storage.files, settings.csv_formula_guard
    )
    lease = timedelta(seconds=settings.generation_lease_seconds)
    waiting = QueuedGenerations(storage.log, storage.read_model, queue)
    every = min(settings.generation_lease_seconds / 2, 30.0)
    maintenance.append(
        Periodic(lambda: generation.recover_stalled("lease-expired", lease, settings.generation_retries), every)
    )
    maintenance.append(Periodic(lambda: waiting.resend_waiting(lease), every))
    declare_generation_actor(broker, generation.generate, settings.queue_name)
    embedded_worker = with_worker and settings.worker_threads > 0
    reports = QuizReports(
        storage.log,
        storage.read_model,
        storage.sync,
        storage.service_store,
        storage.files,
        versions_cover_log=settings.is_postgres,
    )
    return Services(
        settings=settings,
        log=storage.log,
        read_model=storage.read_model,
        sync=storage.sync,
        quiz_data=QuizData(storage.log, storage.read_model, storage.sync),
        reports=reports,
        audit=Audit(storage.log, storage.read_model, reports.authorize, report_state),
        generation=generation,
        tokens=Tokens(storage.service_store),
        files=storage.files,
        error_ids=storage.service_store,
        broker=broker,
        projector=storage.projector,
        listener=storage.listener,
        worker=InProcessWorker(broker, settings.worker_threads) if embedded_worker else None,
    )


def _sqlite(
    settings: Settings, queue: DramatiqGenerationQueue, with_projector: bool, maintenance: Sequence[Periodic]
) -> Storage:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    log = QuizReportsLog(
        env={
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(settings.sqlite_path),
            "SQLITE_LOCK_TIMEOUT": "30",
        }
    )
    read_model = SQLiteReadModel(SQLiteDatastore(str(settings.data_dir / "read_model.sqlite3"), lock_timeout=30))
    read_model.create_table()
    read_model_follower = LogFollower(log, ReadModelProjection(read_model), read_model, "read_model")
    dispatch_follower = LogFollower(log, GenerationDispatch(read_model, queue), read_model, "generation_dispatch")
    background = BackgroundFollowers([read_model_follower, dispatch_follower], periodic=maintenance)
    return Storage(
        log=log,
        read_model=read_model,
        service_store=SQLiteServiceStore(settings.data_dir / "service.sqlite3"),
        files=DirectoryFileStore(settings.data_dir / "files"),
        sync=ProjectionSync(read_model_follower, background),
        projector=EmbeddedProjector(read_model_follower, dispatch_follower, background) if with_projector else None,
    )


def _postgres(
    settings: Settings, queue: DramatiqGenerationQueue, with_projector: bool, maintenance: Sequence[Periodic]
) -> Storage:
    url = PostgresUrl.parse(settings.database_url or "")
    log = QuizReportsLog(env=url.event_store_env(create_tables=False))
    datastore = url.datastore()
    read_model = PostgresReadModel(datastore)
    service_store = PostgresServiceStore(datastore)
    advances = Advances()
    return Storage(
        log=log,
        read_model=read_model,
        service_store=service_store,
        files=PostgresFileStore(datastore),
        sync=TrackedPositionSync(log, read_model, advances),
        projector=PostgresProjector(url, queue, maintenance, advances) if with_projector else None,
        listener=AdvanceListener(url, advances),
    )


def init_database(settings: Settings) -> None:
    """Create every table the settings' database needs (idempotent); PostgreSQL only needs it."""
    if not settings.is_postgres:
        build_services(settings, with_worker=False).stop()
        return
    url = PostgresUrl.parse(settings.database_url or "")
    log = QuizReportsLog(env=url.event_store_env(create_tables=True))
    events_table = getattr(log.recorder, "events_table_name")  # noqa: B009 - PostgreSQL recorders only
    log.close()
    datastore = url.datastore()
    with datastore.transaction(commit=True) as c:
        c.execute(lz4_columns({events_table: ["state"]}))
    PostgresReadModel(datastore).create_table()
    PostgresTrackingRecorder(datastore, tracking_table_name=f"{GenerationDispatch.name}_tracking").create_table()
    PostgresServiceStore(datastore).create_tables()
    datastore.close()
