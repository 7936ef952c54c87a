"""Reads of the read model's version, shared by the requests that wait at the same time.

A request that asks for the version waits for a read that begins after it asked, so the version it gets is
as fresh as one it would have read itself; every request that asked while a read was under way shares the
next one. Under load that is one thread-pool hop and one query for a whole crowd of requests instead of one
each.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool

from application.records import ReadVersion
from application.reports import QuizReports

logger = logging.getLogger(__name__)


class SharedReads:
    """Shares the (blocking) reads of `read` among the requests waiting for one; a read that fails answers
    None, so that each request goes its own way, as it would without the version."""

    def __init__(self, read: Callable[[], ReadVersion]) -> None:
        self._read = read
        self._waiting: list[asyncio.Future[ReadVersion | None]] = []
        self._reader: asyncio.Task[None] | None = None

    async def read(self) -> ReadVersion | None:
        waiter: asyncio.Future[ReadVersion | None] = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        if self._reader is None:
            self._reader = asyncio.create_task(self._read_for_waiters())
        return await waiter

    async def _read_for_waiters(self) -> None:
        waiting: list[asyncio.Future[ReadVersion | None]] = []
        try:
            while self._waiting:
                waiting, self._waiting = self._waiting, []
                try:
                    version: ReadVersion | None = await run_in_threadpool(self._read)
                except Exception as error:
                    logger.warning("reading the read model's version failed: %s", error)
                    version = None
                _answer(waiting, version)
        finally:
            self._reader = None
            _answer([*waiting, *self._waiting], None)
            self._waiting = []


def _answer(waiting: list[asyncio.Future[ReadVersion | None]], version: ReadVersion | None) -> None:
    for waiter in waiting:
        if not waiter.done():  # a request that went away cancelled its own waiter only
            waiter.set_result(version)


class ReadVersions:
    """The shared version reads of `reports`: plain ones (show, progress, file) and caught-up ones (index)."""

    def __init__(self, reports: QuizReports) -> None:
        self._plain = SharedReads(lambda: reports.version(caught_up=False))
        self._caught_up = SharedReads(lambda: reports.version(caught_up=True))

    async def read(self, *, caught_up: bool) -> ReadVersion | None:
        return await (self._caught_up if caught_up else self._plain).read()
