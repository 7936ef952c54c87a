"""Dramatiq: the broker, the generation actor and the queue port that sends to it.

The actor is declared against an explicit broker when the services are built, so importing
this module has no effect. Embedded mode uses dramatiq's in-process broker with worker threads
in the API process; messages lost with the process are sent again from the event log at start.

Dramatiq's Redis consumer polls: an idle one sleeps a back-off that grows to the worker timeout
between fetches, so a message sent to an idle worker waited up to that long. On Redis, each enqueue
also publishes a wake-up on the queue's channel, and an idle consumer waits on that channel instead
of sleeping (every idle consumer of the queue wakes and fetches; one of them gets the message). A
wake-up is only a hint: one that is lost (say, while a connection is re-established) leaves the
consumer to fetch when its wait ends, after the worker timeout, as it did before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.errors import ConnectionClosed
from dramatiq.middleware import CurrentMessage

from application.request_id import CURRENT_REQUEST_ID

DEFAULT_QUEUE = "quiz_reports"
ACTOR_NAME = "generate_quiz_report"
_SUBSCRIBE_TIMEOUT = 5.0
"""Seconds a new Redis consumer waits for its wake-up subscription to be confirmed."""


def build_broker(url: str | None) -> dramatiq.Broker:
    if url is None:
        broker: dramatiq.Broker = StubBroker()
    elif url.startswith(("redis://", "rediss://")):
        broker = WakingRedisBroker(url=url)
    elif url.startswith(("amqp://", "amqps://")):
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        broker = RabbitmqBroker(url=url)
    else:
        raise ValueError(f"unsupported QUIZ_REPORTS_BROKER_URL {url!r}: expected redis:// or amqp://")
    broker.add_middleware(CurrentMessage())
    return broker


class WakingRedisBroker(RedisBroker):
    """A Redis broker whose enqueues wake the queue's idle consumers (see the module's docstring)."""

    def __init__(self, *, url: str) -> None:
        super().__init__(url=url)  # type: ignore[no-untyped-call]

    def enqueue(self, message: dramatiq.Message[Any], *, delay: int | None = None) -> dramatiq.Message[Any]:
        enqueued: dramatiq.Message[Any] = super().enqueue(message, delay=delay)
        # The queue the message went to: the delay queue when delayed, so its consumer fetches it too.
        self.client.publish(self.wake_channel(enqueued.queue_name), b"")
        return enqueued

    def consume(self, queue_name: str, prefetch: int = 1, timeout: int = 5000) -> dramatiq.Consumer:
        """A consumer that fetches as dramatiq's does but, when nothing came, waits up to `timeout` ms for
        a wake-up rather than sleeping its back-off."""
        fetching = super().consume(queue_name, prefetch, timeout=0)  # a miss then sleeps no back-off
        return _WakingConsumer(fetching, self.client.pubsub(), self.wake_channel(queue_name), timeout / 1000)

    def wake_channel(self, queue_name: str) -> str:
        return f"{self.namespace}:{queue_name}.enqueued"


class _WakingConsumer(dramatiq.Consumer):
    """Wraps dramatiq's Redis consumer: its fetches, acks and requeues, with waits on a channel."""

    def __init__(self, fetching: dramatiq.Consumer, wakeups: redis.client.PubSub, channel: str, wait: float) -> None:
        self._fetching = fetching
        self._wakeups = wakeups
        self._wait = wait
        try:
            wakeups.subscribe(channel)
            # Confirmed before the first fetch: a message enqueued after any fetch then leaves a wake-up.
            confirmed = wakeups.get_message(timeout=_SUBSCRIBE_TIMEOUT)
        except redis.RedisError as error:
            wakeups.close()
            raise ConnectionClosed(error) from None  # type: ignore[no-untyped-call]
        if confirmed is None:
            wakeups.close()
            raise ConnectionClosed(f"no confirmation of the subscription to {channel}")  # type: ignore[no-untyped-call]

    def ack(self, message: dramatiq.MessageProxy) -> None:
        self._fetching.ack(message)

    def nack(self, message: dramatiq.MessageProxy) -> None:
        self._fetching.nack(message)

    def requeue(self, messages: Iterable[dramatiq.MessageProxy]) -> None:
        self._fetching.requeue(messages)

    def __next__(self) -> dramatiq.MessageProxy | None:
        message = next(self._fetching)
        if message is None:
            try:
                if self._wakeups.get_message(ignore_subscribe_messages=True, timeout=self._wait) is not None:
                    while self._wakeups.get_message(ignore_subscribe_messages=True) is not None:
                        pass  # a burst of enqueues needs one fetch, not one per message
            except redis.RedisError as error:
                raise ConnectionClosed(error) from None  # type: ignore[no-untyped-call]
        return message

    def close(self) -> None:
        try:
            self._wakeups.close()
        finally:
            self._fetching.close()


GenerationActor = dramatiq.Actor[[int], None]


def declare_generation_actor(
    broker: dramatiq.Broker, generate: Callable[[int, str], Any], queue_name: str = DEFAULT_QUEUE
) -> GenerationActor:
    """The actor that generates one report; it takes the report id only and is safe to run twice."""

    def generate_quiz_report(report_id: int) -> None:
        message = CurrentMessage.get_current_message()
        message_id = message.message_id if message is not None else "unknown"
        token = CURRENT_REQUEST_ID.set(message_id)
        try:
            generate(int(report_id), message_id)
        finally:
            CURRENT_REQUEST_ID.reset(token)

    return dramatiq.Actor(
        generate_quiz_report,
        broker=broker,
        actor_name=ACTOR_NAME,
        queue_name=queue_name,
        priority=0,
        options={"max_retries": 3, "min_backoff": 500, "max_backoff": 10_000, "time_limit": 3_600_000},
    )


class DramatiqGenerationQueue:
    """Implements the `GenerationQueue` port: sends to the generation actor by name, so a process
    that only dispatches needs no actor of its own."""

    def __init__(self, broker: dramatiq.Broker, queue_name: str = DEFAULT_QUEUE) -> None:
        self._broker = broker
        self._queue_name = queue_name
        broker.declare_queue(queue_name)

    def enqueue(self, report_id: int) -> None:
        message: dramatiq.Message[None] = dramatiq.Message(
            queue_name=self._queue_name, actor_name=ACTOR_NAME, args=(report_id,), kwargs={}, options={}
        )
        self._broker.enqueue(message)


class InProcessWorker:
    """Dramatiq worker threads inside this process (the embedded mode)."""

    def __init__(self, broker: dramatiq.Broker, threads: int) -> None:
        self._worker = dramatiq.Worker(broker, worker_threads=threads, worker_timeout=100)

    def start(self) -> None:
        self._worker.start()

    def stop(self) -> None:
        self._worker.stop()
