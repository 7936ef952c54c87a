"""What every part of the SQL read model shares: the recorder's datastore and tracking, statements, and
the batch that lets many projected events share one transaction."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, Protocol, TypeVar

from eventsourcing.persistence import Tracking


class HeldWrites(Protocol):
    """Writes a batch holds back to send together (see ``SqlBase._hold``), made by the ``writer`` that
    sends them."""

    def __init__(self, writer: Any) -> None: ...

    def __len__(self) -> int:
        """The rows held."""
        ...

    def flush(self, c: Any) -> None:
        """Send the writes held on cursor ``c``."""
        ...


_Held = TypeVar("_Held", bound=HeldWrites)


class _Batch:
    """The open transaction of a batch, the last tracking position its writes reported, and the writes it
    holds back."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor
        self.last: Tracking | None = None
        self.held: HeldWrites | None = None


class SqlBase:
    """Statements are written with ``?`` placeholders; ``placeholder`` adapts them to the dialect.

    ``datastore``, ``_insert_tracking``, ``_max_tracking_id``, ``insert_tracking`` and ``max_tracking_id``
    are provided by the eventsourcing tracking recorder the concrete read model also derives from (it comes
    first in the MRO).

    Every write method runs its statements in ``with self._write() as c`` and reports its position with
    ``self._track(c, tracking)``. Outside a batch that is one transaction per write, tracking included.
    Inside ``batch()`` (on the same thread) the writes join the batch's transaction and only the last
    position is recorded, at its end: rows and tracking still commit together, or not at all. A write may
    also be held back (``_hold``) to go out with the next ones of its kind in fewer statements; held writes
    are sent before any other write of the batch, before it commits, and once ``held_rows`` are held, so
    every write lands in order.
    """

    placeholder = "?"
    # Held writes go out once this many rows are held: the database stores them while the batch goes on.
    held_rows = 128
    datastore: Any

    def _insert_tracking(self, c: Any, tracking: Tracking) -> None:  # provided by the recorder
        raise NotImplementedError

    def _max_tracking_id(self, application_name: str, c: Any) -> int | None:  # provided by the recorder
        raise NotImplementedError

    def insert_tracking(self, tracking: Tracking) -> None:  # provided by the recorder
        raise NotImplementedError

    def max_tracking_id(self, application_name: str) -> int | None:  # provided by the recorder
        raise NotImplementedError

    @contextmanager
    def batch(self, application_name: str) -> Iterator[int]:
        """One transaction for every write made in the block by this thread; yields the position of
        `application_name` already tracked (read in the transaction), so that the caller can skip events
        applied before. On leaving, the last reported position is tracked and everything commits; an
        error rolls all of it back. Batches do not nest."""
        if self._batch() is not None:
            raise RuntimeError("a read-model batch is already open on this thread")
        with self.datastore.transaction(commit=True) as c, self._pipelined(c):
            self._begin_batch(c)
            batch = _Batch(c)
            self._batches().current = batch
            try:
                yield self._max_tracking_id(application_name, c) or 0
                self._flush(batch)
                if batch.last is not None:
                    self._insert_tracking(c, batch.last)
            finally:
                self._batches().current = None

    def _begin_batch(self, c: Any) -> None:
        """Called as a batch begins on cursor `c`. A batch writes only what the event log derives, rows and
        position together, so a batch lost with its position is applied again from the log: a dialect may
        let it commit without waiting for its disk (here, nothing to do)."""

    def _pipelined(self, c: Any) -> AbstractContextManager[Any]:
        """How a batch sends its statements on cursor `c`: as they come (here); a dialect whose
        statements cost a round trip each sends them without waiting (PostgreSQL's pipeline mode)."""
        return nullcontext()

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """The cursor of the open batch, or a transaction of its own."""
        batch = self._batch()
        if batch is not None:
            self._flush(batch)
            yield batch.cursor
            return
        with self.datastore.transaction(commit=True) as c:
            yield c

    def _hold(self, kind: type[_Held], tracking: Tracking, add: Callable[[_Held], object]) -> None:
        """Hand `add` the writes of ``kind`` to add to, which report ``tracking``. In a batch they are held with
        the batch's other writes of ``kind`` (writes of another kind held before are sent first), and sent
        before any other write of the batch, before it commits, and once ``held_rows`` are held. Outside a
        batch they are sent at once, in a transaction of their own with ``tracking``. (A plain call: a
        context manager around each of a rebuild's writes cost a few percent of it.)"""
        batch = self._batch()
        if batch is None:
            writes = kind(self)
            add(writes)
            with self.datastore.transaction(commit=True) as c:
                writes.flush(c)
                self._insert_tracking(c, tracking)
            return
        held = batch.held if isinstance(batch.held, kind) else None
        if held is None:
            self._flush(batch)
            held = batch.held = kind(self)
        add(held)
        batch.last = tracking
        if len(held) >= self.held_rows:
            self._flush(batch)

    @staticmethod
    def _flush(batch: _Batch) -> None:
        held, batch.held = batch.held, None
        if held is not None:
            held.flush(batch.cursor)

    def _track(self, c: Any, tracking: Tracking) -> None:
        batch = self._batch()
        if batch is None:
            self._insert_tracking(c, tracking)
        else:
            batch.last = tracking

    def _batch(self) -> _Batch | None:
        current: _Batch | None = getattr(self._batches(), "current", None)
        return current

    def _batches(self) -> threading.local:
        # Per instance and per thread: request threads reading (or writing alone) never join the
        # projector's batch. dict.setdefault is atomic, so two threads cannot install two; it is only
        # reached once, as every call would otherwise make a threading.local to throw away.
        local: threading.local | None = self.__dict__.get("_batch_state")
        if local is None:
            local = self.__dict__.setdefault("_batch_state", threading.local())
        return local

    def _run(self, c: Any, sql: str, params: Sequence[Any] = ()) -> None:
        c.execute(self._dialect(sql), tuple(params))

    def _run_many(self, c: Any, sql: str, params: Sequence[Sequence[Any]]) -> None:
        """``sql`` once for each of ``params``, in order."""
        c.executemany(self._dialect(sql), params)

    def _dialect(self, sql: str) -> str:
        return sql.replace("?", self.placeholder) if self.placeholder != "?" else sql

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        with self.datastore.transaction(commit=False) as c:
            self._run(c, sql, params)
            return c.fetchone()

    def _all(self, sql: str, params: Sequence[Any]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            self._run(c, sql, params)
            return list(c.fetchall())
