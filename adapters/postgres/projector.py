"""Projections on PostgreSQL: eventsourcing's projection runners (live, by LISTEN/NOTIFY), one
active projector at a time (a session advisory lock; another projector waits for it), and the
API side's wait for its own writes to reach the read model."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

import psycopg
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.projection import ProjectionRunner
from psycopg.sql import SQL, Identifier

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.read_model import PostgresReadModel
from adapters.projector import Periodic
from application.errors import Unavailable
from application.event_store import QuizReportsLog
from application.ports import GenerationQueue
from projections.dispatch import GenerationDispatch
from projections.read_model import ReadModelProjection

logger = logging.getLogger(__name__)
PROJECTOR_LOCK = 7_301_146_021
APPLICATION_NAME = QuizReportsLog.name


class TrackedPositionSync:
    """Implements the `ProjectionSync` port by waiting for the projector's tracking position."""

    def __init__(self, log: QuizReportsLog, view: PostgresReadModel, timeout: float = 15.0) -> None:
        self._log = log
        self._view = view
        self._timeout = timeout

    def wait_for(self, position: int) -> None:
        deadline = time.monotonic() + self._timeout
        pause = 0.002
        while self._view.max_position(APPLICATION_NAME) < position:
            if time.monotonic() > deadline:
                raise Unavailable(f"the read model did not reach position {position} (is a projector running?)")
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def caught_up(self) -> int:
        position = self._log.recorder.max_notification_id() or 0
        self.wait_for(position)
        return position


def bound_dispatch(queue: GenerationQueue) -> type[GenerationDispatch]:
    """The dispatch projection class with its queue, as a runner constructs it from a view alone."""

    class BoundGenerationDispatch(GenerationDispatch):
        name = GenerationDispatch.name

        def __init__(self, view: Any) -> None:
            super().__init__(view, queue)

    return BoundGenerationDispatch


class PostgresProjector:
    """Runs the read-model and dispatch runners while holding the projector lock; restarts them
    after an error (the database went away) until stopped."""

    def __init__(self, url: PostgresUrl, queue: GenerationQueue, periodic: Sequence[Periodic] = ()) -> None:
        self._url = url
        self._queue = queue
        self._periodic = periodic
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.active = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run_until_stopped, name="projector", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=15)

    def run_until_stopped(self) -> None:
        while not self._stopping.is_set():
            try:
                self._run_once()
            except Exception:
                logger.exception("projector failed; restarting in a second")
                self.active.clear()
                self._stopping.wait(1.0)

    def _run_once(self) -> None:
        u = self._url
        conninfo = {"dbname": u.dbname, "host": u.host, "port": u.port, "user": u.user, "password": u.password}
        with psycopg.connect(**conninfo, autocommit=True, connect_timeout=5) as lock:  # type: ignore[arg-type]
            while not self._try_lock(lock):
                if self._stopping.wait(1.0):
                    return
            env = u.event_store_env(create_tables=False)
            dispatch = bound_dispatch(self._queue)
            with (
                ProjectionRunner(
                    application_class=QuizReportsLog,
                    projection_class=ReadModelProjection,
                    view_class=PostgresReadModel,
                    env=env,
                ) as read_model,
                ProjectionRunner(
                    application_class=QuizReportsLog,
                    projection_class=dispatch,
                    view_class=PostgresTrackingRecorder,
                    env=env,
                ) as dispatcher,
            ):
                self.active.set()
                logger.info("projector active")
                # A subscription misses an event recorded between its first read and its LISTEN;
                # a notification of our own each round bounds that delay.
                wake_up = SQL("NOTIFY {0}").format(Identifier(read_model.app.recorder.channel_name))
                while not self._stopping.is_set():
                    read_model.run_forever(timeout=0.25)
                    dispatcher.run_forever(timeout=0.25)
                    lock.execute(wake_up)
                    for task in self._periodic:
                        task.maybe_run()
            self.active.clear()

    @staticmethod
    def _try_lock(connection: psycopg.Connection[Any]) -> bool:
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", (PROJECTOR_LOCK,)).fetchone()
        return bool(row and row[0])
