"""The pipeline benchmark's PostgreSQL parts: bulk ingestion and a rebuild of the read model from the log.

Each runs against a database of its own (see ``bench.pipeline``). Ingestion goes through
``QuizData.put_submissions``: each call saves its batch in one transaction and returns once the read model
reflects it. It runs in two layouts. ``ingest``: in this process, with its in-process projector, as a lone
API process does (and settled as it is, ``adapters.process.settle``). ``ingest_in_layout``: the production
layout of README's Production section, a ``quiz-reports projector`` process and several ingesting processes,
each holding the services of an API process with ``QUIZ_REPORTS_PROJECTOR=external`` and sending its share
of the batches, all at once. The rebuild runs in this process.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from adapters.bootstrap import build_services
from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import APPLICATION_NAME
from adapters.postgres.read_model import TRACKING_TABLE, PostgresReadModel
from adapters.process import settle
from adapters.projector import LogFollower
from adapters.settings import Settings
from application.event_store import QuizReportsLog
from bench.children import ADMIN
from bench.quiz_data import COURSE_ID, COURSE_NAME, THREE_ATTEMPTS_QUIZ, quiz_definition, submission_batches
from projections.read_model import ReadModelProjection
from tests.integration.cluster import Cluster

READ_MODEL_TABLES = ("courses", "quizzes", "submissions", "attempts", "reports", "progress", "files", TRACKING_TABLE)


@dataclass(frozen=True)
class Ingestion:
    submissions: int
    attempts: int
    events: int
    seconds: float

    @property
    def attempts_per_second(self) -> float:
        return self.attempts / self.seconds


@dataclass(frozen=True)
class Rebuild:
    events: int
    raw_seconds: float
    rebuild_seconds: float

    @property
    def raw_rate(self) -> float:
        return self.events / self.raw_seconds

    @property
    def rebuild_rate(self) -> float:
        return self.events / self.rebuild_seconds


def ingest(env: dict[str, str], students: int, questions: int, batch_size: int) -> Ingestion:
    """Upsert a course, a quiz of ``questions`` questions and ``students`` submissions of three attempts
    each, ``batch_size`` submissions per call; only the submissions are timed."""
    settings = Settings.from_env(env={**env, "QUIZ_REPORTS_WORKER_THREADS": "0"})
    services = build_services(settings, with_worker=False, with_projector=True)
    services.start()
    settle()  # as `quiz-reports serve` does once its services have started
    try:
        services.quiz_data.put_course(ADMIN, COURSE_ID, COURSE_NAME)
        quiz = quiz_definition(THREE_ATTEMPTS_QUIZ, questions)
        services.quiz_data.put_quiz(ADMIN, COURSE_ID, THREE_ATTEMPTS_QUIZ, quiz)
        batches = list(submission_batches(quiz, THREE_ATTEMPTS_QUIZ, students, batch_size, seed=7))
        events = 0
        started = time.perf_counter()
        for batch in batches:
            events += services.quiz_data.put_submissions(ADMIN, COURSE_ID, THREE_ATTEMPTS_QUIZ, batch)
        seconds = time.perf_counter() - started
    finally:
        services.stop()
    return Ingestion(students, students * 3, events, seconds)


def ingest_in_layout(
    env: dict[str, str], students: int, questions: int, batch_size: int, processes: int, data_dir: Path
) -> Ingestion:
    """``ingest`` in the production layout: a ``quiz-reports projector`` process, and ``processes``
    ingesting processes sending every ``processes``-th batch each, all at once. Timed from the moment every
    process is ready until the last call returned (each once the read model reflects it)."""
    running = Cluster(env, data_dir)
    running.start("projector")
    context = multiprocessing.get_context("spawn")
    go, messages = context.Event(), context.Queue()
    shares = [
        context.Process(
            target=_ingest_share,
            args=(env, questions, students, batch_size, slice(index, None, processes), go, messages),
        )
        for index in range(processes)
    ]
    try:
        services = build_services(_external(env), with_worker=False, with_projector=False)
        try:  # its calls wait for the projector, so the projector is running when they return
            services.quiz_data.put_course(ADMIN, COURSE_ID, COURSE_NAME)
            quiz = quiz_definition(THREE_ATTEMPTS_QUIZ, questions)
            services.quiz_data.put_quiz(ADMIN, COURSE_ID, THREE_ATTEMPTS_QUIZ, quiz)
        finally:
            services.stop()
        for share in shares:
            share.start()
        _collect(shares, messages, "ready")
        go.set()
        started = time.perf_counter()
        events = sum(_collect(shares, messages, "done"))
        seconds = time.perf_counter() - started
    except RuntimeError as error:
        raise RuntimeError(f"{error}\n{running.logs()}") from error
    finally:
        for share in shares:
            if share.is_alive():
                share.terminate()
            share.join()
        running.stop_all()
    return Ingestion(students, students * 3, events, seconds)


def _collect(shares: list[Any], messages: Any, kind: str) -> list[Any]:
    """The value of each share's ``kind`` message; RuntimeError when a share failed or ended without one."""
    values: list[Any] = []
    while len(values) < len(shares):
        try:
            message, value = messages.get(timeout=1)
        except queue.Empty:
            if any(share.exitcode not in (None, 0) for share in shares) or all(not s.is_alive() for s in shares):
                raise RuntimeError("an ingesting process ended without a result") from None
            continue
        if message == "failed":
            raise RuntimeError(f"an ingesting process failed: {value}")
        values.append(value)
    return values


def _external(env: dict[str, str]) -> Settings:
    """An API process's settings when projector processes run the projections."""
    return Settings.from_env(env={**env, "QUIZ_REPORTS_WORKER_THREADS": "0", "QUIZ_REPORTS_PROJECTOR": "external"})


def _ingest_share(
    env: dict[str, str], questions: int, students: int, batch_size: int, share: slice, go: Any, messages: Any
) -> None:
    """One ingesting process of ``ingest_in_layout``: says it is ready, then sends its ``share`` of the
    batches once told to go, and says how many events it recorded (or what failed)."""
    try:
        services = build_services(_external(env), with_worker=False, with_projector=False)
        services.start()
        settle()  # as `quiz-reports serve` does once its services have started
        quiz = quiz_definition(THREE_ATTEMPTS_QUIZ, questions)
        batches = list(submission_batches(quiz, THREE_ATTEMPTS_QUIZ, students, batch_size, seed=7))[share]
        messages.put(("ready", None))
        go.wait()
        events = 0
        for batch in batches:
            events += services.quiz_data.put_submissions(ADMIN, COURSE_ID, THREE_ATTEMPTS_QUIZ, batch)
        services.stop()
    except BaseException as error:
        messages.put(("failed", f"{type(error).__name__}: {error}"))
        raise
    messages.put(("done", events))


def rebuild(database_url: str) -> Rebuild:
    """Time reading and decoding the whole log, then empty the read model and its tracking and time a
    full catch-up of the read-model projection (the same reads and decodes, plus the writes)."""
    url = PostgresUrl.parse(database_url)
    log = QuizReportsLog(env=url.event_store_env(create_tables=False))
    datastore = url.datastore()
    try:
        started = time.perf_counter()
        events = _read_and_decode(log)
        raw_seconds = time.perf_counter() - started
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(f"TRUNCATE {', '.join(READ_MODEL_TABLES)}")
        view = PostgresReadModel(datastore)
        follower = LogFollower(log, ReadModelProjection(view), view, APPLICATION_NAME)
        started = time.perf_counter()
        follower.catch_up()
        rebuild_seconds = time.perf_counter() - started
    finally:
        log.close()
        datastore.close()
    return Rebuild(events, raw_seconds, rebuild_seconds)


def _read_and_decode(log: QuizReportsLog, page: int = 2_000) -> int:
    """Every notification of the log read in pages (as large as a follower's batches, which read fastest)
    and mapped to its domain event; returns the count."""
    count, position = 0, 0
    while notifications := log.recorder.select_notifications(start=position + 1, limit=page):
        for notification in notifications:
            log.mapper.to_domain_event(notification)
        count += len(notifications)
        position = notifications[-1].id
    return count
