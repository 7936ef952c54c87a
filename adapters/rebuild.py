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
comparison or the copy. Each database's fresh tables are in `adapters.sqlite.rebuild_tables` and
`adapters.postgres.rebuild_tables`; what a rebuild reports is in `adapters.rebuild_results`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from eventsourcing.persistence import Tracking

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.rebuild_tables import PostgresFreshTables
from adapters.rebuild_results import SHOWN_DIFFERENCES, Comparison, Difference, Swap, TableSwap, differences
from adapters.rebuild_tables import FreshTables, LockedWindow, RebuildError, Table
from adapters.settings import Settings
from adapters.sql.read_model import SqlReadModel
from adapters.sqlite.rebuild_tables import SQLiteFreshTables
from application.event_store import QuizReportsLog
from projections.read_model import ReadModelProjection

logger = logging.getLogger(__name__)

_BATCH = 500


class ReadModelRebuild:
    """Fresh read-model tables replayed from `log`, to compare with the live ones or to swap in."""

    def __init__(self, log: QuizReportsLog, tables: FreshTables) -> None:
        self._log = log
        self._tables = tables

    def compare(self, limit: int = SHOWN_DIFFERENCES) -> Comparison:
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
        tables: FreshTables
        if settings.is_postgres:
            url = PostgresUrl.parse(settings.database_url or "")
            tables = PostgresFreshTables(url)
            stack.callback(tables.close)
            log = QuizReportsLog(env=url.event_store_env(create_tables=False))
        else:
            tables = SQLiteFreshTables(settings.data_dir)
            stack.callback(tables.close)
            sqlite_env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(settings.sqlite_path)}
            log = QuizReportsLog(env={**sqlite_env, "SQLITE_LOCK_TIMEOUT": "30"})
        stack.callback(log.close)
        yield ReadModelRebuild(log, tables)


def _replace(window: LockedWindow, table: Table) -> TableSwap:
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
