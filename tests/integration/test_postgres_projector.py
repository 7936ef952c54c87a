"""Two projectors on one PostgreSQL database: one follows the log, the other waits, and takes over when the
first stops; each tells its own process's waiters whether it is the active one."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from dramatiq.brokers.stub import StubBroker

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import Advances, PostgresProjector
from adapters.queue import DramatiqGenerationQueue
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
        assert (first.active.is_set(), first_advances.local) == (True, True)
        assert (second.active.is_set(), second_advances.local) == (False, False)

        first.stop()
        wait_until(second.active.is_set)

        assert not first_advances.local
        assert (second.active.is_set(), second_advances.local) == (True, True)
    finally:
        first.stop()
        second.stop()
    assert not second_advances.local
