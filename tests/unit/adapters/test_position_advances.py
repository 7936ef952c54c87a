"""A wait for the read model wakes as soon as this process's projector reports an advance."""

from __future__ import annotations

import threading

from adapters.postgres.projector import Advances


def test_a_waiter_wakes_on_an_advance_before_its_timeout() -> None:
    advances = Advances()
    waiting = threading.Event()
    woken = threading.Event()

    def wait() -> None:
        waiting.set()
        advances.wait(timeout=60)
        woken.set()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    waiting.wait()
    for _ in range(1_000):  # the waiter may not be waiting yet when first notified
        advances.notify()
        if woken.wait(0.01):
            break

    assert woken.is_set()
