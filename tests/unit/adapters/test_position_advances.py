"""A wait for the read model wakes as soon as an advance is reported (by this process's projector, or by the
listener that hears the active one), even one reported before the wait began but after the waiter's mark."""

from __future__ import annotations

import threading

import psycopg
import pytest

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import AdvanceListener, Advances


def test_a_waiter_wakes_on_an_advance_before_its_timeout() -> None:
    advances = Advances()
    waiting = threading.Event()
    woken = threading.Event()

    def wait() -> None:
        waiting.set()
        advances.wait(advances.mark(), timeout=60)
        woken.set()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    waiting.wait()
    for _ in range(1_000):  # the waiter may not be waiting yet when first notified
        advances.notify()
        if woken.wait(0.01):
            break

    assert woken.is_set()


def test_an_advance_after_the_mark_ends_the_wait_at_once() -> None:
    advances = Advances()
    mark = advances.mark()
    advances.notify()

    woken = threading.Thread(target=advances.wait, args=(mark, 60), daemon=True)
    woken.start()
    woken.join(timeout=30)

    assert not woken.is_alive()


def test_waiters_are_woken_while_this_process_projects_or_hears_the_projector() -> None:
    advances = Advances()
    assert not advances.woken

    advances.active.set()
    assert advances.woken
    advances.active.clear()
    advances.listening.set()
    assert advances.woken
    advances.listening.clear()
    assert not advances.woken


def test_a_listener_that_fails_listens_again_and_the_waiters_poll_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    advances = Advances()
    listener = AdvanceListener(PostgresUrl.parse("postgresql://nowhere.invalid/quiz"), advances)
    listener.retry_seconds = 0.01
    failures = iter([psycopg.OperationalError("the server went away"), RuntimeError("a bug")])
    heard_again = threading.Event()

    def listen() -> None:
        advances.listening.set()
        failure = next(failures, None)
        if failure is not None:
            raise failure
        heard_again.set()
        listener._stopping.wait()

    monkeypatch.setattr(listener, "_listen", listen)
    listener.start()
    try:
        assert heard_again.wait(10)
        assert advances.woken
    finally:
        listener.stop()
    assert not advances.woken
