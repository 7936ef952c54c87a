"""Followers of the event log: the pull loop that feeds every projection (SQLite and PostgreSQL).

Each follower reads new notifications after its tracked position, up to 2,000 at a time, and hands each
read batch to its projection's `process_batch`, which applies it in one transaction (rows and the last
tracking position together). eventsourcing's projection runner delivers one event at a time, which
costs a transaction per event; this loop does not. Each notification is decoded into its domain event
as the projection takes it, so a follower going through its batch once never holds all of the batch's
events at a time, and a projection that names the topics it needs reads no other event at all. A lock makes
catching up safe from any thread: request threads catch up to see their own writes (SQLite), and a
background thread (SQLite) or the PostgreSQL projector, woken by LISTEN/NOTIFY, keeps followers current
when nobody asks.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, overload

from eventsourcing.application import Application
from eventsourcing.persistence import Notification, Tracking

logger = logging.getLogger(__name__)
_BATCH = 2_000  # each batch costs a read and a transaction, round trips that larger batches share


class BatchProjection(Protocol):
    @property
    def topics(self) -> Sequence[str]:
        """The topics of the events it needs (none: every event); the others are not read at all."""
        ...

    def process_batch(self, events: Sequence[tuple[Any, Tracking]], through: Tracking | None = None) -> None:
        """Apply consecutive events exactly once, skipping those at or below the tracked position, and track
        `through` (a read of some topics: the position it read up to, maybe beyond the last event) or else
        the last event's position."""
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


class LogFollower:
    """Feeds `projection` the notifications after the position `view` tracks under `tracking_name`.

    A projection that names `topics` reads only those events, up to the head of the log as it was when the
    read began, and tracks that head: notification ids become visible in order (the recorders serialise
    their inserts), so nothing at or below it can appear later, and the next read starts after it instead
    of rescanning everything recorded since the last event of those topics."""

    def __init__(
        self, log: Application[Any], projection: BatchProjection, view: TrackedPosition, tracking_name: str
    ) -> None:
        self._log = log
        self._projection = projection
        self._view = view
        self._name = tracking_name
        self._lock = threading.Lock()
        self._position: int | None = None

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
            if self._projection.topics:
                position = self._catch_up_filtered(position, self._projection.topics)
            else:
                position = self._catch_up_all(position, until)
            self._position = position
            return position

    def _catch_up_all(self, position: int, until: int | None) -> int:
        while until is None or position < until:
            notifications = self._log.recorder.select_notifications(start=position + 1, limit=_BATCH)
            if notifications:
                self._projection.process_batch(self._events(notifications))
                position = notifications[-1].id
            if len(notifications) < _BATCH:
                break
        return position

    def _catch_up_filtered(self, position: int, topics: Sequence[str]) -> int:
        head = self._log.recorder.max_notification_id() or 0
        while position < head:
            notifications = self._log.recorder.select_notifications(
                start=position + 1, limit=_BATCH, stop=head, topics=topics
            )
            end = notifications[-1].id if len(notifications) == _BATCH else head
            self._projection.process_batch(self._events(notifications), Tracking(self._name, end))
            position = end
        return position

    def _events(self, notifications: Sequence[Notification]) -> DecodedNotifications:
        return DecodedNotifications(notifications, self._log.mapper.to_domain_event, self._name)


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
