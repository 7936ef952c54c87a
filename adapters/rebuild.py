"""Rebuilding the read model from the event log into fresh tables, while the service runs.

The fresh tables sit beside the live ones: in a database file next to the live one (SQLite) or in a schema
of their own in the same database (PostgreSQL). The read model's own classes create them, and the whole log
is replayed into them through a `ReadModelProjection`, in batches as the projector applies it.

`compare` reads the live tables in one consistent snapshot taken with their tracked position P, replays the
fresh tables to exactly P and returns the rows that differ. `swap` locks the live tables against the
projector, catches the fresh tables up to the live tracked position inside that window, and makes the live
rows equal to the fresh ones in the same transaction. The live tracking position is left as it is, so a
running projector continues exactly where it was; the generation dispatcher's position is never touched.
Both replay most of the log before their window opens, so the window covers only the last events and the
comparison or the copy.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, closing, contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import psycopg
from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore
from psycopg.sql import SQL, Identifier

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import APPLICATION_NAME
from adapters.postgres.read_model import TRACKING_TABLE, PostgresReadModel
from adapters.settings import Settings
from adapters.sql.read_model import SqlReadModel
from adapters.sqlite.read_model import SQLiteReadModel
from application.event_store import QuizReportsLog
from projections.read_model import ReadModelProjection

logger = logging.getLogger(__name__)

LIVE_FILE = "read_model.sqlite3"
FRESH_FILE = "read_model.rebuild.sqlite3"
FRESH_SCHEMA = "read_model_rebuild"
REBUILD_LOCK = 7_301_146_022
"""The session advisory lock a PostgreSQL rebuild holds: one at a time, as they share the fresh schema."""
_BATCH = 500
_LOCK_PATIENCE = 60.0
_SHOWN_DIFFERENCES = 50
_SHOWN_VALUE = 80


class RebuildError(Exception):
    """Raised when the live read model is missing, cannot be locked in time, or is behind the fresh one."""


@dataclass(frozen=True)
class Table:
    """A read-model table: its columns, its primary key, and an ORDER BY listing its rows in the order in
    which Python sorts their keys (so that two listings can be merged)."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    order_by: str

    def key_of(self, row: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(row[self.columns.index(name)] for name in self.key)

    def row(self, values: Sequence[Any]) -> dict[str, Any]:
        return dict(zip(self.columns, values, strict=True))


@dataclass(frozen=True)
class Difference:
    """A row of `table` that differs: `live` is None when only the rebuilt tables have it, `rebuilt` when
    only the live tables have it."""

    table: str
    key: dict[str, Any]
    live: dict[str, Any] | None
    rebuilt: dict[str, Any] | None

    def describe(self) -> str:
        """One line; long values are cut short."""
        where = f"{self.table} {_shown(self.key)}"
        if self.live is None:
            return f"{where}: missing from the live tables; rebuilt {_shown(self.rebuilt or {})}"
        if self.rebuilt is None:
            return f"{where}: not in the rebuilt tables; live {_shown(self.live)}"
        rebuilt = self.rebuilt
        changed = [column for column, value in self.live.items() if rebuilt.get(column) != value]
        return f"{where}: " + "; ".join(
            f"{column} live {_value(self.live[column])} rebuilt {_value(rebuilt.get(column))}" for column in changed
        )


@dataclass(frozen=True)
class Comparison:
    """The live tables compared with the log replayed to their tracked `position`: the first differences
    found (at most a printable number) and how many there are in all."""

    position: int
    differences: tuple[Difference, ...]
    total: int

    @property
    def identical(self) -> bool:
        return self.total == 0

    @property
    def status(self) -> int:
        """The command's exit status: 1 when the tables differ."""
        return 0 if self.identical else 1

    def lines(self) -> list[str]:
        if self.identical:
            return [f"identical at position {self.position}"]
        more = self.total - len(self.differences)
        return [
            *(difference.describe() for difference in self.differences),
            *([f"... and {more} more"] if more else []),
            f"{self.total} difference{'' if self.total == 1 else 's'} at position {self.position}",
        ]


@dataclass(frozen=True)
class TableSwap:
    """A live table after a swap: its rows, those written (new or changed) and those removed (changed or gone)."""

    table: str
    rows: int
    written: int
    removed: int


@dataclass(frozen=True)
class Swap:
    """The live tables made equal to the log replayed to their tracked `position`."""

    position: int
    tables: tuple[TableSwap, ...]

    @property
    def status(self) -> int:
        """The command's exit status (a swap that cannot be made raises)."""
        return 0

    def lines(self) -> list[str]:
        return [
            *(f"{t.table}: {t.rows} rows ({t.written} written, {t.removed} removed)" for t in self.tables),
            f"rebuilt read model swapped in at position {self.position}",
        ]


class _Rows(NamedTuple):
    """The rows of one side's tables, named with `prefix` on the connection that `query` runs on."""

    prefix: str
    query: Callable[[str], Iterable[Sequence[Any]]]

    def of(self, table: Table) -> Iterable[Sequence[Any]]:
        columns = ", ".join(table.columns)
        return self.query(f"SELECT {columns} FROM {self.prefix}{table.name} ORDER BY {table.order_by}")


class _Window(NamedTuple):
    """The live tables locked at their tracked `position`, reached with prefix `live` on `cursor`, which
    also reaches the fresh tables with prefix `fresh`; `view` writes the fresh tables inside the window."""

    position: int
    cursor: Any
    live: str
    fresh: str
    view: SqlReadModel


class _Tables(Protocol):
    """The fresh tables of one dialect and the ways to reach them together with the live ones."""

    tracking_name: str

    @property
    def fresh(self) -> SqlReadModel:
        """The read model over the fresh tables."""
        ...

    def tables(self) -> list[Table]:
        """The fresh read model's tables, tracking aside, in the order they were created."""
        ...

    def live_position(self) -> int: ...

    def snapshot(self) -> AbstractContextManager[tuple[int, _Rows]]:
        """The live tracked position and the live rows, all as of one consistent snapshot."""
        ...

    def fresh_rows(self) -> AbstractContextManager[_Rows]: ...

    def locked(self, tables: Sequence[Table]) -> AbstractContextManager[_Window]:
        """One transaction in which the projector cannot write the live tables; committed on leaving."""
        ...

    def close(self) -> None:
        """Remove the fresh tables."""
        ...


class ReadModelRebuild:
    """Fresh read-model tables replayed from `log`, to compare with the live ones or to swap in."""

    def __init__(self, log: QuizReportsLog, tables: _Tables) -> None:
        self._log = log
        self._tables = tables

    def compare(self, limit: int = _SHOWN_DIFFERENCES) -> Comparison:
        """The rows that differ between the live tables and the log replayed to their tracked position (the
        first `limit` of them, and how many there are)."""
        self._replay(self._tables.fresh, self._tables.live_position())
        tables = self._tables.tables()
        shown: list[Difference] = []
        total = 0
        with self._tables.snapshot() as (position, live):
            self._replay(self._tables.fresh, position)
            with self._tables.fresh_rows() as fresh:
                for table in tables:
                    for difference in differences(table, live.of(table), fresh.of(table)):
                        total += 1
                        if len(shown) < limit:
                            shown.append(difference)
        logger.info("compared the read model with the log at position %d: %d differences", position, total)
        return Comparison(position, tuple(shown), total)

    def swap(self) -> Swap:
        """Make the live rows those of the log replayed to the live tracked position, in one transaction that
        leaves the tracked position as it is."""
        self._replay(self._tables.fresh, self._tables.live_position())
        tables = self._tables.tables()
        with self._tables.locked(tables) as window:
            self._replay(window.view, window.position)
            swapped = tuple(_replace(window, table) for table in tables)
        logger.info("swapped the rebuilt read model in at position %d", window.position)
        return Swap(window.position, swapped)

    def _replay(self, view: SqlReadModel, until: int) -> None:
        """Apply the events after the position `view` tracks, up to exactly `until`, a batch at a time."""
        name = self._tables.tracking_name
        projection = ReadModelProjection(view)
        position = view.max_position(name)
        if position > until:
            raise RebuildError(f"the live read model is at position {until}, behind the rebuilt one ({position})")
        to_event = self._log.mapper.to_domain_event
        while position < until:
            notifications = self._log.recorder.select_notifications(
                start=position + 1, limit=_BATCH, stop=until, topics=projection.topics
            )
            if not notifications:
                break
            projection.process_batch([(to_event(n), Tracking(name, n.id)) for n in notifications])
            position = notifications[-1].id


@contextmanager
def read_model_rebuild(settings: Settings) -> Iterator[ReadModelRebuild]:
    """A rebuild of the read model the settings name; its fresh tables are removed on leaving."""
    with ExitStack() as stack:
        tables: _Tables
        if settings.is_postgres:
            url = PostgresUrl.parse(settings.database_url or "")
            tables = _PostgresTables(url)
            stack.callback(tables.close)
            log = QuizReportsLog(env=url.event_store_env(create_tables=False))
        else:
            tables = _SQLiteTables(settings.data_dir)
            stack.callback(tables.close)
            sqlite_env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(settings.sqlite_path)}
            log = QuizReportsLog(env={**sqlite_env, "SQLITE_LOCK_TIMEOUT": "30"})
        stack.callback(log.close)
        yield ReadModelRebuild(log, tables)


def differences(table: Table, live: Iterable[Sequence[Any]], fresh: Iterable[Sequence[Any]]) -> Iterator[Difference]:
    """Merge two listings of `table` ordered by key into the rows that differ."""
    live_rows, fresh_rows = iter(live), iter(fresh)
    a, b = next(live_rows, None), next(fresh_rows, None)
    while a is not None and b is not None:
        key_a, key_b = table.key_of(a), table.key_of(b)
        if key_a < key_b:
            yield Difference(table.name, _key(table, a), table.row(a), None)
            a = next(live_rows, None)
        elif key_b < key_a:
            yield Difference(table.name, _key(table, b), None, table.row(b))
            b = next(fresh_rows, None)
        else:
            if tuple(a) != tuple(b):
                yield Difference(table.name, _key(table, a), table.row(a), table.row(b))
            a, b = next(live_rows, None), next(fresh_rows, None)
    if a is not None:
        yield from (Difference(table.name, _key(table, row), table.row(row), None) for row in chain([a], live_rows))
    if b is not None:
        yield from (Difference(table.name, _key(table, row), None, table.row(row)) for row in chain([b], fresh_rows))


def _key(table: Table, row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(table.key, table.key_of(row), strict=True))


def _replace(window: _Window, table: Table) -> TableSwap:
    """Delete the live rows that no fresh row equals, then insert the fresh rows that no live row equals:
    rows already right stay untouched, and every step keeps the keys unique."""
    columns, key = ", ".join(table.columns), ", ".join(table.key)
    live, fresh = f"{window.live}{table.name}", f"{window.fresh}{table.name}"
    cursor = window.cursor
    cursor.execute(
        f"DELETE FROM {live} WHERE ({key}) IN (SELECT {key} FROM"
        f" (SELECT {columns} FROM {live} EXCEPT SELECT {columns} FROM {fresh}) AS stale)"
    )
    removed = cursor.rowcount
    cursor.execute(f"INSERT INTO {live} ({columns}) SELECT {columns} FROM {fresh} EXCEPT SELECT {columns} FROM {live}")
    written = cursor.rowcount
    cursor.execute(f"SELECT COUNT(*) FROM {live}")
    return TableSwap(table.name, int(cursor.fetchone()[0]), written, removed)


def _shown(row: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{column}={_value(value)}" for column, value in row.items()) + "}"


def _value(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_VALUE else f"{text[: _SHOWN_VALUE - 3]}..."


class _SavepointDatastore(SQLiteDatastore):
    """A datastore whose transactions are savepoints in the open transaction of `connection`, so that a read
    model over it writes inside the swap's window."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        super().__init__(str(path))
        self._connection = connection

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        self._connection.execute("SAVEPOINT catch_up")
        kept = False
        try:
            yield SQLiteCursor(self._connection.cursor())
            kept = commit
        finally:
            if not kept:
                self._connection.execute("ROLLBACK TO catch_up")
            self._connection.execute("RELEASE catch_up")


class _SQLiteTables:
    """Fresh tables in a database file beside the live read model's, removed on closing.

    The swap's connection opens the fresh file and attaches the live one before `BEGIN IMMEDIATE`, which
    takes the write lock of both files: the projector's writes wait (or fail and are retried) until it
    commits, and the read model's unqualified statements on that connection reach the fresh tables, so the
    catch-up inside the window runs on it too.
    """

    tracking_name = ReadModelProjection.name

    def __init__(self, data_dir: Path) -> None:
        self._live = data_dir / LIVE_FILE
        if not self._live.exists():
            raise RebuildError(f"there is no read model at {self._live} (has the service run?)")
        self._path = data_dir / FRESH_FILE
        self._remove()  # left by an interrupted rebuild
        self._datastore = SQLiteDatastore(str(self._path), lock_timeout=30)
        self.fresh = SQLiteReadModel(self._datastore)
        self.fresh.create_table()

    def tables(self) -> list[Table]:
        with closing(sqlite3.connect(self._path)) as connection:
            names = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                " AND name <> 'tracking' ORDER BY rowid"
            ).fetchall()
            return [self._table(connection, name) for (name,) in names]

    @staticmethod
    def _table(connection: sqlite3.Connection, name: str) -> Table:
        info = connection.execute(f'PRAGMA table_info("{name}")').fetchall()  # cid, name, type, notnull, dflt, pk
        key = tuple(column[1] for column in sorted((c for c in info if c[5]), key=lambda c: c[5]))
        return Table(name, tuple(column[1] for column in info), key, ", ".join(key))

    def live_position(self) -> int:
        with closing(sqlite3.connect(self._live, timeout=30)) as connection:
            return self._position(connection, "main")

    def _position(self, connection: sqlite3.Connection, database: str) -> int:
        row = connection.execute(
            f"SELECT MAX(notification_id) FROM {database}.tracking WHERE application_name = ?", (self.tracking_name,)
        ).fetchone()
        return int(row[0] or 0)

    @contextmanager
    def snapshot(self) -> Iterator[tuple[int, _Rows]]:
        with closing(sqlite3.connect(self._live, timeout=30, isolation_level=None)) as live:
            # In WAL mode the transaction's first read fixes what all of its reads see.
            live.execute("BEGIN")
            try:
                yield self._position(live, "main"), _Rows("main.", live.execute)
            finally:
                live.execute("ROLLBACK")

    @contextmanager
    def fresh_rows(self) -> Iterator[_Rows]:
        with closing(sqlite3.connect(self._path)) as fresh:
            yield _Rows("main.", fresh.execute)

    @contextmanager
    def locked(self, tables: Sequence[Table]) -> Iterator[_Window]:
        with closing(sqlite3.connect(self._path, timeout=30, isolation_level=None)) as both:
            both.row_factory = sqlite3.Row
            both.execute("ATTACH DATABASE ? AS live", (str(self._live),))
            try:
                both.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise RebuildError(f"the live read model stayed locked ({error}); try again") from error
            try:
                view = SQLiteReadModel(_SavepointDatastore(both, self._path))
                yield _Window(self._position(both, "live"), both.cursor(), "live.", "main.", view)
            except BaseException:
                both.execute("ROLLBACK")
                raise
            both.execute("COMMIT")

    def close(self) -> None:
        self._datastore.close()
        self._remove()

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self._path}{suffix}").unlink(missing_ok=True)


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


class _PostgresTables:
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
    def snapshot(self) -> Iterator[tuple[int, _Rows]]:
        with self._connect() as live:
            live.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            live.read_only = True
            # The transaction's first statement fixes the snapshot that all of its statements see.
            yield self._position(live), _Rows("", _streamed(live))

    @contextmanager
    def fresh_rows(self) -> Iterator[_Rows]:
        with self._connect() as fresh:
            yield _Rows(f"{FRESH_SCHEMA}.", _streamed(fresh))

    @contextmanager
    def locked(self, tables: Sequence[Table]) -> Iterator[_Window]:
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
                yield _Window(self._position(live), cursor, "", f"{FRESH_SCHEMA}.", self.fresh)

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
