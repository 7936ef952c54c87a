"""Version reads shared by the requests waiting at the same time."""

from __future__ import annotations

import asyncio
import itertools
import threading

from api.versions import SharedReads
from application.records import ReadVersion


class GatedReads:
    """Numbered versions; the first read waits, once begun, until `release` is set."""

    def __init__(self) -> None:
        self.began = threading.Event()
        self.release = threading.Event()
        self._numbers = itertools.count(1)

    def __call__(self) -> ReadVersion:
        number = next(self._numbers)
        if number == 1:
            self.began.set()
            self.release.wait(5)
        return ReadVersion(number, caught_up=False)


def test_requests_waiting_at_the_same_time_share_one_read() -> None:
    numbers = itertools.count(1)

    async def five_requests() -> list[ReadVersion | None]:
        shared = SharedReads(lambda: ReadVersion(next(numbers), caught_up=False))
        return await asyncio.gather(*(shared.read() for _ in range(5)))

    answers = asyncio.run(five_requests())

    assert answers == [ReadVersion(1, caught_up=False)] * 5


def test_a_request_arriving_during_a_read_waits_for_a_read_begun_after_it() -> None:
    reads = GatedReads()

    async def one_request_during_a_read() -> tuple[ReadVersion | None, ReadVersion | None]:
        shared = SharedReads(reads)
        first = asyncio.create_task(shared.read())
        await asyncio.to_thread(reads.began.wait, 5)
        second = asyncio.create_task(shared.read())
        await asyncio.sleep(0)
        reads.release.set()
        return await first, await second

    first, second = asyncio.run(one_request_during_a_read())

    assert first == ReadVersion(1, caught_up=False)
    assert second == ReadVersion(2, caught_up=False)


def test_a_failed_read_answers_none() -> None:
    def read() -> ReadVersion:
        raise OSError("the database is gone")

    assert asyncio.run(SharedReads(read).read()) is None


def test_a_request_that_goes_away_leaves_the_others_their_answer() -> None:
    reads = GatedReads()

    async def one_request_leaves() -> ReadVersion | None:
        shared = SharedReads(reads)
        leaving = asyncio.create_task(shared.read())
        staying = asyncio.create_task(shared.read())
        await asyncio.to_thread(reads.began.wait, 5)
        leaving.cancel()
        reads.release.set()
        return await staying

    assert asyncio.run(one_request_leaves()) == ReadVersion(1, caught_up=False)
