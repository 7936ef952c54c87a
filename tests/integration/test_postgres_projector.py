"""Two projectors on one PostgreSQL database: one follows the log, the other waits, and takes over when the
first stops; each tells its own process's waiters whether it is the active one. Other processes hear the
active projector's advances."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from dramatiq.brokers.stub import StubBroker

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import AdvanceListener, Advances, PostgresProjector
from adapters.postgres.read_model import PostgresReadModel
from adapters.queue import DramatiqGenerationQueue
from application.event_store import QuizReportsLog
from domain.course import Course
from tests.backends import backend_env


@pytest.fixture
def url() -> Iterator[PostgresUrl]:
    with backend_env("postgres") as env:
        yield PostgresUrl.parse(env["QUIZ_REPORTS_DATABASE_URL"])


def started(url: PostgresUrl, advances: Advances) -> PostgresProjector:
    projector = PostgresProjector(url, DramatiqGenerationQueue(StubBroker()), advances=advances)
    projector.start()
    return projector


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_one_projector_follows_and_the_other_takes_over_when_it_stops(url: PostgresUrl) -> None:
    first_advances, second_advances = Advances(), Advances()
    first = started(url, first_advances)
    wait_until(first.active.is_set)
    second = started(url, second_advances)
    try:
        assert (first.active.is_set(), first_advances.active.is_set()) == (True, True)
        assert (second.active.is_set(), second_advances.active.is_set()) == (False, False)

        first.stop()
        wait_until(second.active.is_set)

        assert not first_advances.active.is_set()
        assert (second.active.is_set(), second_advances.active.is_set()) == (True, True)
    finally:
        first.stop()
        second.stop()
    assert not second_advances.active.is_set()


def test_a_listener_hears_each_advance_of_the_read_model_made_by_another_process(url: PostgresUrl) -> None:
    projector = started(url, Advances())
    heard = Advances()
    listener = AdvanceListener(url, heard)
    listener.start()
    log = QuizReportsLog(env=url.event_store_env(create_tables=False))
    datastore = url.datastore()
    try:
        # Listening starts with an advance of its own (one may have been missed before LISTEN).
        wait_until(lambda: projector.active.is_set() and heard.listening.is_set() and heard.mark() > 0)
        assert (heard.woken, heard.active.is_set()) == (True, False)
        for course_id in (1, 2):
            mark = heard.mark()
            position = log.last_position(log.save(Course(course_id, "Course", False, "1", "request")))

            heard.wait(mark, timeout=10)

            assert heard.mark() != mark
            assert PostgresReadModel(datastore).max_position(log.name) >= position
    finally:
        listener.stop()
        projector.stop()
        log.close()
        datastore.close()
    assert not heard.listening.is_set()
    assert not heard.woken
