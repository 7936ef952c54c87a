"""A wait for the read model wakes as soon as an advance is reported (by this process's projector, or by the
listener that hears the active one), even one reported before the wait began but after the waiter's mark."""

from __future__ import annotations

import threading

from adapters.postgres.projector import Advances


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
