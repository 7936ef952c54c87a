"""The read model in SQL: the projection's rows, written with their tracking position in one
transaction, and the queries the use cases make. Dialect-neutral; the SQLite and PostgreSQL
recorders add their DDL and placeholder style."""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Hashable, Sequence
from typing import Any

import psycopg
from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore

from adapters.sql import rows
from adapters.sql.json_text import decode
from adapters.sql.quiz_data_writes import SqlQuizDataWrites
from adapters.sql.report_writes import SqlReportWrites
from adapters.sql.submission_reads import SqlSubmissionReads
from application.records import CourseRecord, FileRecord, ProgressRecord, QuizRecord, ReportRecord


class _SQLiteCommits:
    """Commits to an SQLite database by any connection, of any process, seen through `PRAGMA data_version` on
    a connection of its own that never writes (the pragma does not count a connection's own commits)."""

    def __init__(self, datastore: SQLiteDatastore) -> None:
        pool = datastore.pool
        # A private in-memory database is another database on every connection: nothing can be seen there.
        self._blind = pool.is_sqlite_memory_mode and "cache=shared" not in pool.db_name
        self._connection = sqlite3.connect(pool.db_name, uri=True, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        weakref.finalize(self, self._connection.close)

    def mark(self) -> Hashable:
        if self._blind:
            return object()
        with self._lock:
            row = self._connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])


class _PostgresCommits:
    """Commits to a PostgreSQL cluster, seen through the current snapshot: two equal snapshots have the same
    transactions in progress and none assigned after them, so nothing committed in between. Read with one
    statement on a connection of the datastore's pool kept for it (it is read often)."""

    def __init__(self, datastore: PostgresDatastore) -> None:
        self._pool = datastore.pool
        self._kept: list[Any] = []
        self._lock = threading.Lock()
        weakref.finalize(self, _give_back, self._pool, self._kept)

    def mark(self) -> Hashable:
        with self._lock:
            if not self._kept:
                self._pool.open()
                self._kept.append(self._pool.getconn())
            try:
                row = self._kept[0].execute("SELECT pg_current_snapshot()::text AS snapshot").fetchone()
            except psycopg.Error:
                _give_back(self._pool, self._kept)  # the pool replaces a broken connection
                raise
        return str(row["snapshot"])


def _give_back(pool: Any, kept: list[Any]) -> None:
    while kept:
        pool.putconn(kept.pop())


class SqlReadModel(SqlQuizDataWrites, SqlReportWrites, SqlSubmissionReads):
    """Implements the projection's `ReadModelView` and the application's `ReadModel` port over a
    tracking recorder of eventsourcing (which provides `datastore`, `_insert_tracking` and
    `insert_tracking`). Statements use `?` placeholders; `placeholder` adapts them."""

    def skip(self, tracking: Tracking) -> None:
        with self._write() as c:
            self._track(c, tracking)

    def max_position(self, application_name: str) -> int:
        return self.max_tracking_id(application_name) or 0

    def version(self) -> Hashable:
        """A mark of what the read model holds now: two equal marks mean that nothing was committed to its
        database (by any process) between the two reads; the projector's batches and a rebuild's swap alike
        change it."""
        commits = self.__dict__.get("_commits")
        if commits is None:
            sqlite = isinstance(self.datastore, SQLiteDatastore)
            built = _SQLiteCommits(self.datastore) if sqlite else _PostgresCommits(self.datastore)
            # dict.setdefault is atomic: two threads cannot install two.
            commits = self.__dict__.setdefault("_commits", built)
        mark: Hashable = commits.mark()
        return mark

    def course(self, course_id: int) -> CourseRecord | None:
        row = self._one(
            "SELECT course_id, name, root_account_has_trusts FROM courses WHERE course_id = ?", (course_id,)
        )
        if row is None:
            return None
        return CourseRecord(row["course_id"], row["name"], bool(row["root_account_has_trusts"]))

    def quiz(self, course_id: int, quiz_id: int) -> QuizRecord | None:
        row = self._one(
            "SELECT course_id, quiz_id, definition, activity_position FROM quizzes WHERE course_id = ? AND quiz_id = ?",
            (course_id, quiz_id),
        )
        if row is None:
            return None
        definition = decode(row["definition"], False)
        return QuizRecord(row["course_id"], row["quiz_id"], definition, row["activity_position"])

    def report(self, report_id: int) -> ReportRecord | None:
        row = self._one(f"{rows.SELECT_REPORTS} WHERE r.report_id = ?", (report_id,))
        return rows.report(row) if row else None

    def progress(self, progress_id: int) -> ProgressRecord | None:
        row = self._one(f"{rows.SELECT_PROGRESS} WHERE p.progress_id = ?", (progress_id,))
        return rows.progress(row) if row else None

    def file(self, file_id: int) -> FileRecord | None:
        row = self._one(f"{rows.SELECT_FILES} WHERE f.file_id = ?", (file_id,))
        return rows.file(row) if row else None

    def reports_in_states(self, states: Sequence[str]) -> list[int]:
        marks = ", ".join("?" for _ in states)
        found = self._all(f"SELECT report_id FROM progress WHERE workflow_state IN ({marks})", tuple(states))
        return [int(row["report_id"]) for row in found]
