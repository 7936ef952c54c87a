"""The log follower reads what is new in batches and decodes each event only when its projection takes it;
a projection that names topics reads only those events."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from eventsourcing.persistence import Notification, Tracking

from adapters.projector import DecodedNotifications, LogFollower
from adapters.sqlite.read_model import SQLiteReadModel
from projections.dispatch import GenerationDispatch
from projections.read_model import ReadModelProjection
from tests.unit.application.harness import COURSE_ID, Harness, submission


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


def recording_reads(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The arguments of every read of the log's notifications from now on."""
    reads: list[dict[str, Any]] = []
    select = harness.log.recorder.select_notifications

    def reading(start: int | None, limit: int, **kwargs: Any) -> Sequence[Notification]:
        reads.append({"start": start, **kwargs})
        return select(start, limit, **kwargs)

    monkeypatch.setattr(harness.log.recorder, "select_notifications", reading)
    return reads


def test_a_follower_of_some_topics_reads_only_those_up_to_the_head_and_tracks_the_head(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = recording_reads(harness, monkeypatch)
    head = harness.event_count()

    position = harness.dispatcher.catch_up()

    assert position == head
    assert harness.read_model.max_tracking_id("generation_dispatch") == head
    assert reads == [{"start": 1, "stop": head, "topics": GenerationDispatch.topics}]
    assert harness.queue.sent == []


def test_a_follower_of_some_topics_starts_after_the_head_it_read_up_to(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.dispatcher.catch_up()
    first_head = harness.event_count()
    report_id = harness.queued_report()
    reads = recording_reads(harness, monkeypatch)

    harness.dispatcher.catch_up()
    harness.dispatcher.catch_up()

    assert [read["start"] for read in reads] == [first_head + 1]
    assert harness.queue.sent == [report_id]
    assert harness.dispatcher.position == harness.event_count()


def test_a_read_model_batch_tracks_the_position_it_is_given_beyond_its_last_event(
    harness: Harness, memory_read_model: SQLiteReadModel
) -> None:
    found = notifications(harness)
    projection = ReadModelProjection(memory_read_model)
    pairs = DecodedNotifications(found[:2], harness.log.mapper.to_domain_event, "read_model")

    projection.process_batch(pairs, Tracking("read_model", found[-1].id))
    projection.process_batch([], Tracking("read_model", found[-1].id + 5))

    assert memory_read_model.max_tracking_id("read_model") == found[-1].id + 5
    assert memory_read_model.course(COURSE_ID) is not None
