"""PostgreSQL connection settings from `QUIZ_REPORTS_DATABASE_URL` (postgresql://user:pass@host:port/db)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import psycopg
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.utils import get_topic

from adapters.postgres.event_recorder import EventLogRecorder


@dataclass(frozen=True)
class PostgresUrl:
    dbname: str
    host: str
    port: int
    user: str
    password: str

    @classmethod
    def parse(cls, url: str) -> PostgresUrl:
        parts = urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres"):
            raise ValueError(f"not a PostgreSQL URL: {url!r}")
        return cls(
            dbname=unquote(parts.path.lstrip("/")) or "postgres",
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or "postgres"),
            password=unquote(parts.password or ""),
        )

    def event_store_env(self, create_tables: bool) -> dict[str, str]:
        """eventsourcing's settings for the event store in this database."""
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": self.dbname,
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
            "POSTGRES_POOL_SIZE": "4",
            "POSTGRES_MAX_OVERFLOW": "8",
            # eventsourcing retries a failed call ten times: a short wait for a connection keeps a
            # request against a stopped database to seconds, not a minute, before it answers 503.
            "POSTGRES_CONNECT_TIMEOUT": "1",
            "POSTGRES_PRE_PING": "y",
            "CREATE_TABLE": "y" if create_tables else "n",
            "APPLICATION_RECORDER_TOPIC": get_topic(EventLogRecorder),
        }

    def conninfo(self) -> dict[str, Any]:
        """The connection parameters of `psycopg.connect`."""
        return {
            "dbname": self.dbname,
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "password": self.password,
        }

    def ping(self) -> None:
        """Raise unless the server answers a query within two seconds."""
        with psycopg.connect(**self.conninfo(), connect_timeout=2) as connection:
            connection.execute("SELECT 1")

    def datastore(self) -> PostgresDatastore:
        return PostgresDatastore(
            self.dbname,
            self.host,
            self.port,
            self.user,
            self.password,
            pool_size=4,
            max_overflow=8,
            connect_timeout=2,
            pre_ping=True,
        )
