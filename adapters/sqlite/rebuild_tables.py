"""The fresh tables of a SQLite read-model rebuild: a database file beside the live read model's."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore

from adapters.rebuild_tables import LockedWindow, RebuildError, RowListing, Table
from adapters.sqlite.read_model import SQLiteReadModel
from projections.read_model import ReadModelProjection

LIVE_FILE = "read_model.sqlite3"
FRESH_FILE = "read_model.rebuild.sqlite3"


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


class SQLiteFreshTables:
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
    def snapshot(self) -> Iterator[tuple[int, RowListing]]:
        with closing(sqlite3.connect(self._live, timeout=30, isolation_level=None)) as live:
            # In WAL mode the transaction's first read fixes what all of its reads see.
            live.execute("BEGIN")
            try:
                yield self._position(live, "main"), RowListing("main.", live.execute)
            finally:
                live.execute("ROLLBACK")

    @contextmanager
    def fresh_rows(self) -> Iterator[RowListing]:
        with closing(sqlite3.connect(self._path)) as fresh:
            yield RowListing("main.", fresh.execute)

    @contextmanager
    def locked(self, tables: Sequence[Table]) -> Iterator[LockedWindow]:
        with closing(sqlite3.connect(self._path, timeout=30, isolation_level=None)) as both:
            both.row_factory = sqlite3.Row
            both.execute("ATTACH DATABASE ? AS live", (str(self._live),))
            try:
                both.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise RebuildError(f"the live read model stayed locked ({error}); try again") from error
            try:
                view = SQLiteReadModel(_SavepointDatastore(both, self._path))
                yield LockedWindow(self._position(both, "live"), both.cursor(), "live.", "main.", view)
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
