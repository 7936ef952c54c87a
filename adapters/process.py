"""What every long-running process of the service (API, projector, worker) does once it has started."""

from __future__ import annotations

import gc


def settle() -> None:
    """Keep what is alive once the process has started out of garbage collection, and collect less often.

    What is alive then (modules, schemas, stores, connections) lives as long as the process. Left to the
    collector, every full collection walks all of it again: pauses of tens of milliseconds several times a
    second under load, and ~14% of a bulk ingestion's time. The objects of a request, a batch of events or
    a generation die with it, nearly all of them by reference counting, so collections need not come every
    700 allocations.
    """
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
