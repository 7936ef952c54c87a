"""The composition root: the one place that knows every concrete adapter."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import dramatiq
from eventsourcing.sqlite import SQLiteDatastore

from adapters.file_store import DirectoryFileStore
from adapters.projector import BackgroundFollowers, LogFollower, ProjectionSync
from adapters.queue import DramatiqGenerationQueue, InProcessWorker, build_broker, declare_generation_actor
from adapters.settings import Settings
from adapters.sqlite.read_model import SQLiteReadModel
from adapters.sqlite.service_store import SQLiteServiceStore
from application.event_store import QuizReportsLog
from application.generation import ReportGeneration
from application.quiz_data import QuizData
from application.reports import QuizReports
from application.tokens import Tokens
from projections.dispatch import GenerationDispatch
from projections.read_model import ReadModelProjection

logger = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything the entry points use, built once from the settings."""

    settings: Settings
    log: QuizReportsLog
    read_model: SQLiteReadModel
    quiz_data: QuizData
    reports: QuizReports
    generation: ReportGeneration
    tokens: Tokens
    files: DirectoryFileStore
    error_ids: SQLiteServiceStore
    broker: dramatiq.Broker
    read_model_follower: LogFollower
    dispatch_follower: LogFollower
    background: BackgroundFollowers
    worker: InProcessWorker | None

    def start(self) -> None:
        """Bring the read model up to date, hand interrupted and queued generations back to the
        queue, then start following the log and (embedded mode) the worker threads."""
        self.read_model_follower.catch_up()
        retried = self.generation.retry_interrupted("startup")
        self.dispatch_follower.catch_up()
        if not self.settings.broker_url:
            queued = self.read_model.reports_in_states(["queued"])
            queue = DramatiqGenerationQueue(self.broker)
            for report_id in queued:
                queue.enqueue(report_id)
            logger.info("re-dispatched %d queued reports, retried %d interrupted", len(queued), len(retried))
        self.background.start()
        if self.worker is not None:
            self.worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.background.stop()
        self.broker.close()
        self.log.close()


def build_services(settings: Settings, *, with_worker: bool = True) -> Services:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    log = QuizReportsLog(env=_event_store_env(settings))
    datastore = SQLiteDatastore(str(settings.data_dir / "read_model.sqlite3"), lock_timeout=30)
    read_model = SQLiteReadModel(datastore)
    read_model.create_table()
    service_store = SQLiteServiceStore(settings.data_dir / "service.sqlite3")
    files = DirectoryFileStore(settings.data_dir / "files")

    read_model_follower = LogFollower(log, ReadModelProjection(read_model), read_model, "read_model")
    broker = build_broker(settings.broker_url)
    dispatch = GenerationDispatch(read_model, DramatiqGenerationQueue(broker))
    dispatch_follower = LogFollower(log, dispatch, read_model, "generation_dispatch")
    background = BackgroundFollowers([read_model_follower, dispatch_follower])
    sync = ProjectionSync(read_model_follower, background)

    generation = ReportGeneration(log, read_model, sync, service_store, files, settings.csv_formula_guard)
    declare_generation_actor(broker, generation.generate)
    embedded = with_worker and not settings.broker_url and settings.worker_threads > 0
    return Services(
        settings=settings,
        log=log,
        read_model=read_model,
        quiz_data=QuizData(log, read_model, sync),
        reports=QuizReports(log, read_model, sync, service_store, files),
        generation=generation,
        tokens=Tokens(service_store),
        files=files,
        error_ids=service_store,
        broker=broker,
        read_model_follower=read_model_follower,
        dispatch_follower=dispatch_follower,
        background=background,
        worker=InProcessWorker(broker, settings.worker_threads) if embedded else None,
    )


def _event_store_env(settings: Settings) -> dict[str, Any]:
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(settings.sqlite_path),
        "SQLITE_LOCK_TIMEOUT": "30",
    }
