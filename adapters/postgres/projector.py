"""Projections on PostgreSQL: one active projector at a time (a session advisory lock; another
projector waits for it), and the API side's wait for its own writes to reach the read model.

The projector runs our `LogFollower` pull loop, woken by LISTEN/NOTIFY on the event table's channel,
rather than eventsourcing's `ProjectionRunner`: the runner hands over one event at a time, so the read
model committed a transaction per event (~2 ms of round trips each, ~350 attempts/s of ingestion). The
follower reads up to 2,000 notifications and applies them in one transaction, rows and the last tracking
position together, so delivery stays exactly-once. The tracking tables and positions are the runner's
(`read_model_tracking` and `generation_dispatch_tracking`, under the log's application name), so
existing databases resume where they were.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

import psycopg
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.read_model import PostgresReadModel
from adapters.projector import LogFollower, Periodic
from application.errors import Unavailable
from application.event_store import QuizReportsLog
from application.ports import GenerationQueue
from projections.dispatch import GenerationDispatch
from projections.read_model import ReadModelProjection

logger = logging.getLogger(__name__)
PROJECTOR_LOCK = 7_301_146_021
APPLICATION_NAME = QuizReportsLog.name
DISPATCH_TRACKING_TABLE = f"{GenerationDispatch.name}_tracking"
_FIRST_PAUSE = 0.002  # the first pause between two reads of the read model's position, doubled up to
_PAUSE = 0.01  # this one
_WOKEN_PAUSE = 0.1  # the same while every advance wakes the waiters
READ_MODEL_CHANNEL = "quiz_reports_read_model"  # the active projector notifies it whenever the read model advanced


class Advances:
    """Wakes this process's waiters for the read model whenever it has advanced: reported by this process's
    own projector when it is the active one, or by an `AdvanceListener` that hears the active projector's
    notifications, wherever it runs.

    `woken` tells whether either reports every advance now: then the waiters need not poll often (each poll
    takes the GIL and a connection, from the projector too when it runs here). A waiter takes a `mark`
    before it reads the position, and its wait returns at once if an advance was reported since, so none
    is missed."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._advances = 0
        self.active = threading.Event()  # set while this process's projector is active: it is that projector's `active`
        self.listening = threading.Event()  # set while an `AdvanceListener` hears the active projector

    @property
    def woken(self) -> bool:
        return self.active.is_set() or self.listening.is_set()

    def notify(self) -> None:
        with self._condition:
            self._advances += 1
            self._condition.notify_all()

    def mark(self) -> int:
        return self._advances

    def wait(self, mark: int, timeout: float) -> None:
        """Return once an advance after `mark` was reported, or after `timeout` seconds."""
        with self._condition:
            self._condition.wait_for(lambda: self._advances != mark, timeout)


class TrackedPositionSync:
    """Implements the `ProjectionSync` port by waiting for the projector's tracking position: read again at
    once when an advance is reported (by this process's own projector, or by the `AdvanceListener` that
    hears the active one wherever it runs), and polled meanwhile, often while nothing reports advances."""

    def __init__(
        self, log: QuizReportsLog, view: PostgresReadModel, advances: Advances | None = None, timeout: float = 15.0
    ) -> None:
        self._log = log
        self._view = view
        self._advances = advances or Advances()
        self._timeout = timeout

    def wait_for(self, position: int) -> None:
        deadline = time.monotonic() + self._timeout
        pause = _FIRST_PAUSE
        while True:
            mark = self._advances.mark()
            if self._view.max_position(APPLICATION_NAME) >= position:
                return
            if time.monotonic() > deadline:
                raise Unavailable(f"the read model did not reach position {position} (is a projector running?)")
            # A cheap single-row read, but every pause that outlasts the advance is latency, unless the
            # advance ends the pause.
            self._advances.wait(mark, _WOKEN_PAUSE if self._advances.woken else pause)
            pause = min(pause * 2, _PAUSE)

    def caught_up(self) -> int:
        position = self._log.recorder.max_notification_id() or 0
        self.wait_for(position)
        return position


class AdvanceListener:
    """Hears the active projector's notifications that the read model advanced, in a thread of its own
    with a connection of its own, and reports each to `advances` (`listening` is set while it hears). A
    lost connection is opened again after a second; meanwhile the waiters poll as before."""

    retry_seconds = 1.0

    def __init__(self, url: PostgresUrl, advances: Advances) -> None:
        self._url = url
        self._advances = advances
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run_until_stopped, name="read-model-listener", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run_until_stopped(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except psycopg.Error as error:
                logger.warning("not hearing the read model's advances (%s); polling until heard again", error)
            except Exception:  # never stop listening: the waiters would poll from then on
                logger.exception("hearing the read model's advances failed; polling until heard again")
            finally:
                self._advances.listening.clear()
            self._stopping.wait(self.retry_seconds)

    def _listen(self) -> None:
        with psycopg.connect(**self._url.conninfo(), autocommit=True, connect_timeout=5) as connection:
            connection.execute(SQL("LISTEN {0}").format(Identifier(READ_MODEL_CHANNEL)))
            self._advances.listening.set()
            self._advances.notify()  # an advance missed before LISTEN: the waiters read the position again
            while not self._stopping.is_set():
                for _ in connection.notifies(timeout=0.25):
                    self._advances.notify()


class PostgresProjector:
    """Follows the log for the read model and the dispatcher while holding the projector lock; restarts
    after an error (the database went away) until stopped."""

    def __init__(
        self,
        url: PostgresUrl,
        queue: GenerationQueue,
        periodic: Sequence[Periodic] = (),
        advances: Advances | None = None,
    ) -> None:
        self._url = url
        self._queue = queue
        self._periodic = periodic
        self._advances = advances or Advances()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.active = self._advances.active

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
        with psycopg.connect(**u.conninfo(), autocommit=True, connect_timeout=5) as lock:
            while not self._try_lock(lock):
                if self._stopping.wait(1.0):
                    return
            log = QuizReportsLog(env=u.event_store_env(create_tables=False))
            datastore = u.datastore()
            try:
                self._follow(lock, log, datastore)
            finally:
                self.active.clear()
                log.close()
                datastore.close()

    def _follow(self, lock: psycopg.Connection[Any], log: QuizReportsLog, datastore: PostgresDatastore) -> None:
        """Follow the log in a thread of its own, and run the periodic tasks in this one: a task that
        saves waits for the read model, so it must never wait on the thread that advances it."""
        read_model = PostgresReadModel(datastore)
        dispatch_view = PostgresTrackingRecorder(datastore, tracking_table_name=DISPATCH_TRACKING_TABLE)
        followers = (
            LogFollower(log, ReadModelProjection(read_model), read_model, APPLICATION_NAME),
            LogFollower(log, GenerationDispatch(dispatch_view, self._queue), dispatch_view, APPLICATION_NAME),
        )
        # LISTEN before the first read: an event committed after a read then always leaves a
        # notification waiting on this connection, so none is missed.
        channel: str = getattr(log.recorder, "channel_name")  # noqa: B009 - PostgreSQL recorders only
        lock.execute(SQL("LISTEN {0}").format(Identifier(channel)))
        done = threading.Event()
        failures: list[BaseException] = []
        thread = threading.Thread(
            target=self._follow_until, args=(lock, followers, done, failures), name="projector-followers"
        )
        thread.start()
        self.active.set()
        logger.info("projector active")
        try:
            while not self._stopping.is_set() and not done.is_set():
                for task in self._periodic:
                    task.maybe_run()
                done.wait(0.25)
        finally:
            done.set()
            thread.join()
        if failures:
            raise failures[0]

    def _follow_until(
        self,
        lock: psycopg.Connection[Any],
        followers: Sequence[LogFollower],
        done: threading.Event,
        failures: list[BaseException],
    ) -> None:
        try:
            read_model, *others = followers
            notify = SQL("NOTIFY {0}").format(Identifier(READ_MODEL_CHANNEL))
            position = read_model.position
            while not done.is_set() and not self._stopping.is_set():
                reached = read_model.catch_up()
                if reached != position:
                    position = reached
                    self._advances.notify()
                    lock.execute(notify)  # autocommit: the other processes' listeners hear it at once
                for follower in others:
                    follower.catch_up()
                # Wake on the next commit to the log, or after a quarter second to notice `stop()`.
                for _ in lock.notifies(timeout=0.25, stop_after=1):
                    pass
        except Exception as error:
            failures.append(error)
        finally:
            done.set()

    @staticmethod
    def _try_lock(connection: psycopg.Connection[Any]) -> bool:
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", (PROJECTOR_LOCK,)).fetchone()
        return bool(row and row[0])
