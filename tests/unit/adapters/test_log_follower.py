"""The log follower reads what is new in batches and decodes each event only when its projection takes it,
once for all the followers of a log."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from eventsourcing.persistence import Notification

from adapters.projector import DecodedNotifications, LogFollower, SharedDecoding
from adapters.sqlite.read_model import SQLiteReadModel
from projections.read_model import ReadModelProjection
from tests.unit.application.harness import Harness, submission


@pytest.fixture
def harness() -> Iterator[Harness]:
    built = Harness()
    built.ingest_quiz()
    built.ingest_submissions(*(submission(n) for n in range(1, 6)))
    yield built
    built.close()


def notifications(harness: Harness) -> Sequence[Notification]:
    return harness.log.recorder.select_notifications(start=1, limit=100)


def test_a_follower_reads_the_log_once_when_less_than_a_batch_is_new(
    harness: Harness, memory_read_model: SQLiteReadModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int | None] = []
    select = harness.log.recorder.select_notifications

    def reading(start: int | None, limit: int, *args: Any, **kwargs: Any) -> Sequence[Notification]:
        reads.append(start)
        return select(start, limit, *args, **kwargs)

    monkeypatch.setattr(harness.log.recorder, "select_notifications", reading)
    follower = LogFollower(harness.log, ReadModelProjection(memory_read_model), memory_read_model, "read_model")

    position = follower.catch_up()

    assert reads == [1]
    assert position == harness.event_count()


def test_each_event_is_decoded_when_taken(harness: Harness) -> None:
    decoded: list[int] = []

    def decode(notification: Notification) -> Any:
        decoded.append(notification.id)
        return harness.log.mapper.to_domain_event(notification)

    found = notifications(harness)
    pairs = DecodedNotifications(found, decode, "read_model")

    assert len(pairs) == len(found)
    assert len(pairs[1:]) == len(found) - 1
    assert decoded == []
    assert pairs[0][1].notification_id == found[0].id
    assert [tracking.notification_id for _, tracking in pairs] == [n.id for n in found]
    assert decoded == [found[0].id, *(n.id for n in found)]


def counting(harness: Harness, decoded: list[int]) -> Callable[[Notification], Any]:
    def decode(notification: Notification) -> Any:
        decoded.append(notification.id)
        return harness.log.mapper.to_domain_event(notification)

    return decode


def test_followers_of_one_log_decode_each_notification_once(harness: Harness) -> None:
    decoded: list[int] = []
    sharing = SharedDecoding(counting(harness, decoded))
    sharing.join(harness.read_model_follower)
    sharing.join(harness.dispatcher)
    found = notifications(harness)

    first = [sharing.event(n) for n in found]
    again = [sharing.event(n) for n in found]

    assert decoded == [n.id for n in found]
    assert all(event is same for event, same in zip(first, again, strict=True))


def test_a_lone_follower_keeps_no_event(harness: Harness) -> None:
    decoded: list[int] = []
    sharing = SharedDecoding(counting(harness, decoded))
    sharing.join(harness.read_model_follower)
    found = notifications(harness)

    for _ in range(2):
        for notification in found:
            sharing.event(notification)

    assert decoded == [n.id for n in found] * 2
