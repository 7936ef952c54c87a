"""A settled process keeps what was alive out of collection and collects young objects less often."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from adapters.process import settle


@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored_collector")
def test_settling_freezes_what_is_alive_and_raises_the_thresholds() -> None:
    alive = [[n] for n in range(1_000)]  # lists: objects the collector tracks
    before = gc.get_freeze_count()

    settle()

    assert before == 0
    assert gc.get_freeze_count() >= len(alive)
    assert gc.get_threshold() == (20_000, 20, 20)
