"""Dramatiq: the broker, the generation actor and the queue port that sends to it.

The actor is declared against an explicit broker when the services are built, so importing
this module has no effect. Embedded mode uses dramatiq's in-process broker with worker threads
in the API process; messages lost with the process are sent again from the event log at start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dramatiq
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import CurrentMessage

from application.request_id import CURRENT_REQUEST_ID

DEFAULT_QUEUE = "quiz_reports"
ACTOR_NAME = "generate_quiz_report"


def build_broker(url: str | None) -> dramatiq.Broker:
    if url is None:
        broker: dramatiq.Broker = StubBroker()
    elif url.startswith(("redis://", "rediss://")):
        from dramatiq.brokers.redis import RedisBroker

        broker = RedisBroker(url=url)  # type: ignore[no-untyped-call]
    elif url.startswith(("amqp://", "amqps://")):
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        broker = RabbitmqBroker(url=url)
    else:
        raise ValueError(f"unsupported QUIZ_REPORTS_BROKER_URL {url!r}: expected redis:// or amqp://")
    broker.add_middleware(CurrentMessage())
    return broker


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
