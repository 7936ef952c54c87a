"""The pipeline benchmark's PostgreSQL parts: bulk ingestion and a rebuild of the read model from the log.

Both run in this process against a database of their own (see ``bench.pipeline``). Ingestion goes through
``QuizData.put_submissions`` with the in-process projector, as an API process does (and settled as it is,
``adapters.process.settle``): each call saves its batch in one transaction and returns once the read model
reflects it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

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


def _read_and_decode(log: QuizReportsLog, page: int = 500) -> int:
    """Every notification of the log read in pages and mapped to its domain event; returns the count."""
    count, position = 0, 0
    while notifications := log.recorder.select_notifications(start=position + 1, limit=page):
        for notification in notifications:
            log.mapper.to_domain_event(notification)
        count += len(notifications)
        position = notifications[-1].id
    return count
