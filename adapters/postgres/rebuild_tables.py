"""The fresh tables of a PostgreSQL read-model rebuild: a schema of their own in the live database."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from eventsourcing.postgres import PostgresDatastore
from psycopg.sql import SQL, Identifier

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import APPLICATION_NAME
from adapters.postgres.read_model import TRACKING_TABLE, PostgresReadModel
from adapters.rebuild_tables import LockedWindow, RebuildError, RowListing, Table

FRESH_SCHEMA = "read_model_rebuild"
REBUILD_LOCK = 7_301_146_022
"""The session advisory lock a PostgreSQL rebuild holds: one at a time, as they share the fresh schema."""
_LOCK_PATIENCE = 60.0


class SchemaDatastore(PostgresDatastore):
    """A datastore whose connections find unqualified tables in its own schema, where the read model's
    statements (which name none) then create and write them."""

    def after_connect_func(self) -> Callable[[psycopg.Connection[Any]], None]:
        configure = super().after_connect_func()
        search_path = SQL("SET search_path TO {0}").format(Identifier(self.schema))

        def after_connect(connection: psycopg.Connection[Any]) -> None:
            configure(connection)
            connection.execute(search_path)

        return after_connect


class PostgresFreshTables:
    """Fresh tables in a schema of their own in the live database, dropped on closing.

    The swap locks the live tables in EXCLUSIVE mode (readers go on; the projector's writes wait). A
    projector's batch may hold some of them already and wait for others, so the lock never waits (`NOWAIT`):
    it is retried until a gap between batches, and can therefore never deadlock with the projector.
    """

    tracking_name = APPLICATION_NAME

    def __init__(self, url: PostgresUrl) -> None:
        self._url = url
        self._guard = self._connect(autocommit=True)
        row = self._guard.execute("SELECT pg_try_advisory_lock(%s)", (REBUILD_LOCK,)).fetchone()
        if not (row and row[0]):
            self._guard.close()
            raise RebuildError("another rebuild of the read model is running")
        schema = Identifier(FRESH_SCHEMA)
        try:
            self._guard.execute(SQL("DROP SCHEMA IF EXISTS {0} CASCADE").format(schema))  # an interrupted rebuild's
            self._guard.execute(SQL("CREATE SCHEMA {0}").format(schema))
            self._datastore = SchemaDatastore(
                url.dbname, url.host, url.port, url.user, url.password, schema=FRESH_SCHEMA, pool_size=2, max_overflow=2
            )
            self.fresh = PostgresReadModel(self._datastore)
            self.fresh.create_table()
        except BaseException:
            self._guard.close()
            raise

    def _connect(self, *, autocommit: bool = False) -> psycopg.Connection[Any]:
        u = self._url
        return psycopg.connect(
            dbname=u.dbname, host=u.host, port=u.port, user=u.user, password=u.password, autocommit=autocommit
        )

    def tables(self) -> list[Table]:
        with self._connect() as connection:
            names = connection.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = %s AND c.relkind = 'r' AND c.relname <> %s ORDER BY c.oid",
                (FRESH_SCHEMA, TRACKING_TABLE),
            ).fetchall()
            return [self._table(connection, name) for (name,) in names]

    @staticmethod
    def _table(connection: psycopg.Connection[Any], name: str) -> Table:
        types = dict(
            connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
                (FRESH_SCHEMA, name),
            ).fetchall()
        )
        key = tuple(
            column
            for (column,) in connection.execute(
                "SELECT k.column_name FROM information_schema.table_constraints t"
                " JOIN information_schema.key_column_usage k"
                " ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name"
                " WHERE t.table_schema = %s AND t.table_name = %s AND t.constraint_type = 'PRIMARY KEY'"
                " ORDER BY k.ordinal_position",
                (FRESH_SCHEMA, name),
            ).fetchall()
        )
        # Byte order for text keys: the order in which Python compares strings, whatever the database's collation.
        order_by = ", ".join(f'{column} COLLATE "C"' if types[column] == "text" else column for column in key)
        return Table(name, tuple(types), key, order_by)

    def live_position(self) -> int:
        with self._connect() as connection:
            return self._position(connection)

    def _position(self, connection: psycopg.Connection[Any]) -> int:
        row = connection.execute(
            SQL("SELECT MAX(notification_id) FROM {0} WHERE application_name = %s").format(Identifier(TRACKING_TABLE)),
            (self.tracking_name,),
        ).fetchone()
        return int(row[0] or 0) if row else 0

    @contextmanager
    def snapshot(self) -> Iterator[tuple[int, RowListing]]:
        with self._connect() as live:
            live.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            live.read_only = True
            # The transaction's first statement fixes the snapshot that all of its statements see.
            yield self._position(live), RowListing("", _streamed(live))

    @contextmanager
    def fresh_rows(self) -> Iterator[RowListing]:
        with self._connect() as fresh:
            yield RowListing(f"{FRESH_SCHEMA}.", _streamed(fresh))

    @contextmanager
    def locked(self, tables: Sequence[Table]) -> Iterator[LockedWindow]:
        names = SQL(", ").join(Identifier(name) for name in [*(table.name for table in tables), TRACKING_TABLE])
        lock = SQL("LOCK TABLE {0} IN EXCLUSIVE MODE NOWAIT").format(names)
        deadline = time.monotonic() + _LOCK_PATIENCE
        with self._connect() as live:
            while True:
                try:
                    live.execute(lock)
                    break
                except psycopg.errors.LockNotAvailable:
                    live.rollback()
                    if time.monotonic() > deadline:
                        raise RebuildError("the live read-model tables stayed busy; try again") from None
                    time.sleep(0.02)
            with live.cursor() as cursor:
                yield LockedWindow(self._position(live), cursor, "", f"{FRESH_SCHEMA}.", self.fresh)

    def close(self) -> None:
        self._datastore.close()
        with self._guard:
            self._guard.execute(SQL("DROP SCHEMA IF EXISTS {0} CASCADE").format(Identifier(FRESH_SCHEMA)))
            # Closing would release the lock only once the server ends the session: the next rebuild may be sooner.
            self._guard.execute("SELECT pg_advisory_unlock(%s)", (REBUILD_LOCK,))


def _streamed(connection: psycopg.Connection[Any]) -> Callable[[str], Iterator[Sequence[Any]]]:
    """Run a query on a server-side cursor of `connection`, so that rows come a thousand at a time."""

    def query(sql: str) -> Iterator[Sequence[Any]]:
        with connection.cursor(name="rows") as cursor:
            cursor.itersize = 1000
            cursor.execute(sql)
            yield from cursor

    return query
