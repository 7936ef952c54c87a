"""The Redis broker's wake-ups: an idle consumer fetches as soon as a message is sent, not when its
polling wait ends; without a wake-up it still fetches after that wait."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import dramatiq
import pytest
from dramatiq.brokers.redis import RedisBroker
from dramatiq.common import dq_name
from dramatiq.errors import ConnectionClosed

from adapters.queue import WakingRedisBroker
from tests.backends import reachable_redis
from tests.e2e.server import free_port
from tests.integration.cluster import private_redis, stop

pytestmark = pytest.mark.integration
LONG_WAIT_MS = 5_000


@pytest.fixture
def broker() -> Iterator[WakingRedisBroker]:
    waking = WakingRedisBroker(url=reachable_redis())
    yield waking
    for queue in waking.get_declared_queues():
        waking.flush(queue)
    waking.client.close()


@pytest.fixture
def queue(broker: WakingRedisBroker) -> str:
    name = f"quiz_reports_{uuid.uuid4().hex[:12]}"
    broker.declare_queue(name)
    return name


def message(queue: str) -> dramatiq.Message[None]:
    return dramatiq.Message(queue_name=queue, actor_name="anything", args=(), kwargs={}, options={})


def receive(consumer: dramatiq.Consumer, within: float) -> tuple[dramatiq.MessageProxy, float]:
    """The next message and the seconds it took; fails after `within` seconds."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        received = next(consumer)
        if received is not None:
            consumer.ack(received)
            return received, time.monotonic() - started
    raise AssertionError(f"no message within {within} s")


def test_an_idle_consumer_fetches_a_message_as_soon_as_it_is_sent(broker: WakingRedisBroker, queue: str) -> None:
    consumer = broker.consume(queue, prefetch=1, timeout=LONG_WAIT_MS)
    sent = message(queue)
    later = threading.Timer(0.2, broker.enqueue, args=(sent,))
    try:
        later.start()
        received, seconds = receive(consumer, within=10)
    finally:
        later.join()
        consumer.close()

    assert received.message_id == sent.message_id
    assert seconds < LONG_WAIT_MS / 1000 / 2, "the consumer waited for its polling timeout, not the wake-up"


def test_a_message_sent_without_a_wake_up_is_fetched_after_the_polling_wait(
    broker: WakingRedisBroker, queue: str
) -> None:
    consumer = broker.consume(queue, prefetch=1, timeout=300)
    plain = RedisBroker(url=reachable_redis())  # type: ignore[no-untyped-call]
    sent = message(queue)
    try:
        plain.enqueue(sent)
        received, _ = receive(consumer, within=5)
    finally:
        consumer.close()
        plain.client.close()

    assert received.message_id == sent.message_id


def test_a_delayed_message_wakes_the_delay_queue_consumer(broker: WakingRedisBroker, queue: str) -> None:
    consumer = broker.consume(dq_name(queue), prefetch=1, timeout=LONG_WAIT_MS)
    sent = message(queue)
    later = threading.Timer(0.2, lambda: broker.enqueue(sent, delay=10))
    try:
        later.start()
        received, seconds = receive(consumer, within=10)
    finally:
        later.join()
        consumer.close()

    assert received.message_id == sent.message_id
    assert "eta" in received.options
    assert seconds < LONG_WAIT_MS / 1000 / 2


def test_a_lost_connection_ends_an_idle_wait_as_dramatiq_expects() -> None:
    """dramatiq's consumer thread restarts a consumer on `ConnectionClosed`, not on redis-py's errors."""
    port = free_port()
    with private_redis(port) as server:
        waking = WakingRedisBroker(url=f"redis://127.0.0.1:{port}/0")
        waking.declare_queue("quiz_reports")
        consumer = waking.consume("quiz_reports", prefetch=1, timeout=LONG_WAIT_MS)
        redis_stops = threading.Timer(0.2, stop, args=(server,))
        try:
            redis_stops.start()
            with pytest.raises(ConnectionClosed):
                receive(consumer, within=10)
        finally:
            redis_stops.join()
            consumer.close()

        with pytest.raises(ConnectionClosed):
            waking.consume("quiz_reports", prefetch=1, timeout=LONG_WAIT_MS)
