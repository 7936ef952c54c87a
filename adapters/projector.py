"""Followers of the event log: the pull loop that feeds every projection (SQLite and PostgreSQL).

Each follower reads new notifications after its tracked position, up to 2,000 at a time, and hands each
read batch to its projection's `process_batch`, which applies it in one transaction (rows and the last
tracking position together). eventsourcing's projection runner delivers one event at a time, which
costs a transaction per event; this loop does not. Each notification is decoded into its domain event
as the projection takes it, and only once for all the followers of a log (`SharedDecoding`): a lone
follower going through its batch once never holds all of the batch's events at a time. A lock makes
catching up safe from any thread: request threads catch up to see their own writes (SQLite), and a
background thread (SQLite) or the PostgreSQL projector, woken by LISTEN/NOTIFY, keeps followers current
when nobody asks.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar, Protocol, overload

from eventsourcing.application import Application
from eventsourcing.persistence import Notification, Tracking

logger = logging.getLogger(__name__)
_BATCH = 2_000  # each batch costs a read and a transaction, round trips that larger batches share
_SHARED = 1_000  # events decoded by one follower and kept for the others
_MISSING = object()


class BatchProjection(Protocol):
    @property
    def topics(self) -> Sequence[str]:
        """The topics of the events it needs (none: every event); the others are not read at all."""
        ...

    def process_batch(self, events: Sequence[tuple[Any, Tracking]]) -> None:
        """Apply consecutive events exactly once; skip those at or below the tracked position."""
        ...


class TrackedPosition(Protocol):
    def max_tracking_id(self, application_name: str) -> int | None: ...


class DecodedNotifications(Sequence[tuple[Any, Tracking]]):
    """Notifications as (domain event, tracking) pairs, each event decoded whenever it is taken."""

    def __init__(
        self, notifications: Sequence[Notification], decode: Callable[[Notification], Any], tracking_name: str
    ) -> None:
        self._notifications = notifications
        self._decode = decode
        self._name = tracking_name

    def __len__(self) -> int:
        return len(self._notifications)

    @overload
    def __getitem__(self, index: int) -> tuple[Any, Tracking]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Any, Tracking]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Any, Tracking] | Sequence[tuple[Any, Tracking]]:
        if isinstance(index, slice):
            return DecodedNotifications(self._notifications[index], self._decode, self._name)
        return self._pair(self._notifications[index])

    def __iter__(self) -> Iterator[tuple[Any, Tracking]]:
        return map(self._pair, self._notifications)

    def _pair(self, notification: Notification) -> tuple[Any, Tracking]:
        return self._decode(notification), Tracking(self._name, notification.id)


class SharedDecoding:
    """The domain events that the followers of one log decoded last, by notification id: a follower that
    reads the notifications another one has just read (the dispatcher after the read model) decodes none of
    them again. Events are kept only while more than one follower joined, `_SHARED` at most, the latest."""

    def __init__(self, decode: Callable[[Notification], Any]) -> None:
        self._decode = decode
        self._lock = threading.Lock()
        self._followers: weakref.WeakSet[LogFollower] = weakref.WeakSet()
        self._events: dict[int, Any] = {}

    def join(self, follower: LogFollower) -> None:
        with self._lock:
            self._followers.add(follower)

    def event(self, notification: Notification) -> Any:
        with self._lock:
            event = self._events.get(notification.id, _MISSING)
        if event is not _MISSING:
            return event
        event = self._decode(notification)
        with self._lock:
            if len(self._followers) > 1:
                self._events[notification.id] = event
                if len(self._events) > _SHARED:
                    del self._events[next(iter(self._events))]
        return event


class LogFollower:
    """Feeds `projection` the notifications after the position `view` tracks under `tracking_name`; the
    followers of one log share their decoding."""

    _decodings: ClassVar[weakref.WeakKeyDictionary[Application[Any], SharedDecoding]] = weakref.WeakKeyDictionary()
    _decodings_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, log: Application[Any], projection: BatchProjection, view: TrackedPosition, tracking_name: str
    ) -> None:
        self._log = log
        self._projection = projection
        self._view = view
        self._name = tracking_name
        self._lock = threading.Lock()
        self._position: int | None = None
        with self._decodings_lock:
            decoding = self._decodings.get(log)
            if decoding is None:
                decoding = self._decodings[log] = SharedDecoding(log.mapper.to_domain_event)
        decoding.join(self)
        self._decoding = decoding

    @property
    def position(self) -> int:
        return self._position or 0

    def catch_up(self, until: int | None = None) -> int:
        """Process notifications after the tracked position, up to `until` (default: the end, which a read
        of less than a full batch reaches)."""
        if until is not None and self._position is not None and self._position >= until:
            return self._position
        with self._lock:
            position = self._view.max_tracking_id(self._name) or 0
            while until is None or position < until:
                notifications = self._log.recorder.select_notifications(
                    start=position + 1, limit=_BATCH, topics=self._projection.topics
                )
                if notifications:
                    events = DecodedNotifications(notifications, self._decoding.event, self._name)
                    self._projection.process_batch(events)
                    position = notifications[-1].id
                if len(notifications) < _BATCH:
                    break
            self._position = position
            return position


class Periodic:
    """A task run at most every `every` seconds by a loop that calls `maybe_run`."""

    def __init__(self, task: Callable[[], object], every: float) -> None:
        self._task = task
        self._every = every
        self._next = 0.0

    def maybe_run(self) -> None:
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + self._every
        try:
            self._task()
        except Exception:
            logger.exception("periodic task failed; it runs again later")


class BackgroundFollowers:
    """Runs followers in one thread: on a nudge, and every `interval` seconds for other writers;
    also runs `periodic` tasks."""

    def __init__(
        self, followers: Sequence[LogFollower], interval: float = 0.5, periodic: Sequence[Periodic] = ()
    ) -> None:
        self._followers = followers
        self._interval = interval
        self._periodic = periodic
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="log-followers", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            for follower in self._followers:
                try:
                    follower.catch_up()
                except Exception:
                    logger.exception("following the event log failed; retrying")
            for task in self._periodic:
                task.maybe_run()


class ProjectionSync:
    """Implements the application's `ProjectionSync` port over the read-model follower."""

    def __init__(self, read_model: LogFollower, background: BackgroundFollowers | None) -> None:
        self._read_model = read_model
        self._background = background

    def wait_for(self, position: int) -> None:
        self._read_model.catch_up(until=position)
        if self._background is not None:
            self._background.nudge()

    def caught_up(self) -> int:
        return self._read_model.catch_up()


class EmbeddedProjector:
    """The projections of the embedded mode: followers of the SQLite log inside this process."""

    def __init__(self, read_model: LogFollower, dispatch: LogFollower, background: BackgroundFollowers) -> None:
        self.read_model = read_model
        self.dispatch = dispatch
        self._background = background

    def start(self) -> None:
        self._background.start()

    def stop(self) -> None:
        self._background.stop()
