"""PostgreSQL connection settings from `QUIZ_REPORTS_DATABASE_URL` (postgresql://user:pass@host:port/db)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from eventsourcing.postgres import PostgresDatastore


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
            "POSTGRES_CONNECT_TIMEOUT": "5",
            "POSTGRES_PRE_PING": "y",
            "CREATE_TABLE": "y" if create_tables else "n",
        }

    def datastore(self) -> PostgresDatastore:
        return PostgresDatastore(
            self.dbname,
            self.host,
            self.port,
            self.user,
            self.password,
            pool_size=4,
            max_overflow=8,
            connect_timeout=5,
            pre_ping=True,
        )
