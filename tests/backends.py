"""The storage and broker combinations the integration and e2e suites run on.

`sqlite`: the embedded default (SQLite files, in-process broker). `postgres`: a fresh PostgreSQL
database per test and a real Redis broker (database 15, a queue of its own per test). Service URLs come from
the environment with this machine's defaults; an unreachable service skips its tests with the
reason, or fails them when `QUIZ_REPORTS_REQUIRE_SERVICES=1` (as CI sets).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager

import pika
import psycopg
import pytest
import redis

from adapters.bootstrap import init_database
from adapters.settings import Settings

POSTGRES_URL = os.environ.get("QUIZ_REPORTS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("QUIZ_REPORTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RABBITMQ_URL = os.environ.get("QUIZ_REPORTS_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
BACKENDS = ["sqlite", "postgres"]
BROKER_BACKENDS = [*BACKENDS, "rabbitmq"]


def unavailable(service: str, error: Exception) -> None:
    """Skip (or fail, when services are required) because `service` cannot be reached."""
    reason = f"{service} is not reachable: {error}"
    if os.environ.get("QUIZ_REPORTS_REQUIRE_SERVICES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def _server_url(url: str, dbname: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{dbname}"


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database for one test; dropped afterwards. Yields its URL."""
    name = f"qr_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        unavailable("PostgreSQL", error)
        raise
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _server_url(POSTGRES_URL, name)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reachable_redis() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable("Redis", error)
    finally:
        client.close()
    return REDIS_URL


@contextmanager
def rabbitmq_queue(name: str) -> Iterator[str]:
    """RabbitMQ's URL while the test runs; the test's queues are deleted afterwards."""
    try:
        connection = pika.BlockingConnection(pika.URLParameters(RABBITMQ_URL))
    except pika.exceptions.AMQPError as error:
        unavailable("RabbitMQ", error)
        raise
    connection.close()
    try:
        yield RABBITMQ_URL
    finally:
        with closing(pika.BlockingConnection(pika.URLParameters(RABBITMQ_URL))) as connection:
            channel = connection.channel()
            for queue in (name, f"{name}.DQ", f"{name}.XQ"):
                channel.queue_delete(queue)


@contextmanager
def backend_env(backend: str) -> Iterator[dict[str, str]]:
    """Environment settings for `backend`, with its databases created and tables initialised:
    `sqlite`, `postgres` (with Redis) or `rabbitmq` (PostgreSQL with RabbitMQ)."""
    if backend == "sqlite":
        yield {}
        return
    queue = f"quiz_reports_{uuid.uuid4().hex[:12]}"  # no other test's workers read it
    with fresh_postgres_database() as database_url, ExitStack() as broker:
        broker_url = reachable_redis() if backend == "postgres" else broker.enter_context(rabbitmq_queue(queue))
        env = {
            "QUIZ_REPORTS_DATABASE_URL": database_url,
            "QUIZ_REPORTS_BROKER_URL": broker_url,
            "QUIZ_REPORTS_QUEUE": queue,
        }
        init_database(Settings.from_env(env=env))
        yield env
