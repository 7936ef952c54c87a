"""The read model in SQLite: the projection's tables, tracking and queries in one database file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore, SQLiteTrackingRecorder

from adapters.sqlite import rows
from application.records import CourseRecord, FileRecord, ProgressRecord, QuizRecord, ReportRecord

_TABLES = [
    "CREATE TABLE IF NOT EXISTS courses (aggregate_id TEXT PRIMARY KEY, course_id INTEGER UNIQUE, name TEXT,"
    " root_account_has_trusts INTEGER)",
    "CREATE TABLE IF NOT EXISTS quizzes (aggregate_id TEXT PRIMARY KEY, course_id INTEGER, quiz_id INTEGER,"
    " definition TEXT, activity_position INTEGER, UNIQUE (course_id, quiz_id))",
    "CREATE TABLE IF NOT EXISTS submissions (aggregate_id TEXT PRIMARY KEY, course_id INTEGER, quiz_id INTEGER,"
    " submission_id INTEGER, profile TEXT, attempts TEXT, UNIQUE (course_id, quiz_id, submission_id))",
    "CREATE TABLE IF NOT EXISTS reports (aggregate_id TEXT PRIMARY KEY, report_id INTEGER UNIQUE,"
    " course_id INTEGER, quiz_id INTEGER, report_type TEXT, includes_all_versions INTEGER,"
    " includes_sis_ids INTEGER, anonymous INTEGER, generatable INTEGER, created_at TEXT, updated_at TEXT)",
    "CREATE TABLE IF NOT EXISTS progress (progress_id INTEGER PRIMARY KEY, report_id INTEGER UNIQUE,"
    " workflow_state TEXT, completion REAL, message TEXT, created_at TEXT, updated_at TEXT)",
    "CREATE TABLE IF NOT EXISTS files (file_id INTEGER PRIMARY KEY, report_id INTEGER UNIQUE, uuid TEXT,"
    " filename TEXT, display_name TEXT, size INTEGER, sha256 TEXT, row_count INTEGER, created_at TEXT)",
]
_PROGRESS_COLUMNS = frozenset({"workflow_state", "completion", "message"})


class SQLiteReadModel(SQLiteTrackingRecorder):
    """Implements the projection's `ReadModelView` and the application's `ReadModel` port."""

    def __init__(self, datastore: SQLiteDatastore) -> None:
        super().__init__(datastore)

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *_TABLES]

    def skip(self, tracking: Tracking) -> None:
        self.insert_tracking(tracking)

    def max_position(self, application_name: str) -> int:
        return self.max_tracking_id(application_name) or 0

    def put_course(
        self, aggregate_id: UUID, course_id: int | None, attributes: dict[str, Any], tracking: Tracking
    ) -> None:
        values = (attributes["name"], attributes["root_account_has_trusts"], str(aggregate_id))
        with self.datastore.transaction(commit=True) as c:
            if course_id is None:
                c.execute("UPDATE courses SET name = ?, root_account_has_trusts = ? WHERE aggregate_id = ?", values)
            else:
                c.execute(
                    "INSERT INTO courses (name, root_account_has_trusts, aggregate_id, course_id) VALUES (?, ?, ?, ?)",
                    (*values, course_id),
                )
            self._insert_tracking(c, tracking)

    def put_quiz(
        self,
        aggregate_id: UUID,
        keys: tuple[int, int] | None,
        definition: dict[str, Any],
        is_activity: bool,
        tracking: Tracking,
    ) -> None:
        with self.datastore.transaction(commit=True) as c:
            if keys is None:
                c.execute(
                    "UPDATE quizzes SET definition = ? WHERE aggregate_id = ?",
                    (json.dumps(definition), str(aggregate_id)),
                )
            else:
                c.execute(
                    "INSERT INTO quizzes VALUES (?, ?, ?, ?, 0)",
                    (str(aggregate_id), *keys, json.dumps(definition)),
                )
            if is_activity:
                c.execute(
                    "UPDATE quizzes SET activity_position = ? WHERE aggregate_id = ?",
                    (tracking.notification_id, str(aggregate_id)),
                )
            self._insert_tracking(c, tracking)

    def put_submission(
        self,
        aggregate_id: UUID,
        keys: tuple[int, int, int] | None,
        profile: dict[str, Any],
        tracking: Tracking,
    ) -> None:
        with self.datastore.transaction(commit=True) as c:
            if keys is None:
                c.execute(
                    "UPDATE submissions SET profile = ? WHERE aggregate_id = ?",
                    (json.dumps(profile), str(aggregate_id)),
                )
            else:
                c.execute(
                    "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, '{}')",
                    (str(aggregate_id), *keys, json.dumps(profile)),
                )
            self._insert_tracking(c, tracking)

    def record_attempt(self, aggregate_id: UUID, attempt: dict[str, Any], tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                "SELECT course_id, quiz_id, attempts FROM submissions WHERE aggregate_id = ?",
                (str(aggregate_id),),
            )
            course_id, quiz_id, stored = c.fetchone()
            attempts = json.loads(stored)
            attempts[str(attempt["attempt"])] = attempt
            c.execute(
                "UPDATE submissions SET attempts = ? WHERE aggregate_id = ?",
                (json.dumps(attempts), str(aggregate_id)),
            )
            c.execute(
                "UPDATE quizzes SET activity_position = ? WHERE course_id = ? AND quiz_id = ?",
                (tracking.notification_id, course_id, quiz_id),
            )
            self._insert_tracking(c, tracking)

    def insert_report(self, aggregate_id: UUID, report: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        values = [report[name] for name in rows.REPORT_COLUMNS]
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (str(aggregate_id), *values, at.isoformat(), at.isoformat()),
            )
            self._insert_tracking(c, tracking)

    def put_progress(self, aggregate_id: UUID, progress_id: int, at: datetime, tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            report_id = self._touch_report(c, aggregate_id, at)
            c.execute(
                "INSERT INTO progress VALUES (?, ?, 'queued', 0.0, NULL, ?, ?) ON CONFLICT (report_id) DO UPDATE"
                " SET progress_id = excluded.progress_id, workflow_state = 'queued', completion = 0.0,"
                " message = NULL, updated_at = excluded.updated_at,"
                " created_at = CASE WHEN progress.progress_id = excluded.progress_id"
                " THEN progress.created_at ELSE excluded.created_at END",
                (progress_id, report_id, at.isoformat(), at.isoformat()),
            )
            self._insert_tracking(c, tracking)

    def update_progress(self, aggregate_id: UUID, changes: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        if not changes.keys() <= _PROGRESS_COLUMNS:
            raise ValueError(f"not progress columns: {sorted(changes.keys() - _PROGRESS_COLUMNS)}")
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self.datastore.transaction(commit=True) as c:
            report_id = self._touch_report(c, aggregate_id, at)
            c.execute(
                f"UPDATE progress SET {assignments}, updated_at = ? WHERE report_id = ?",
                (*changes.values(), at.isoformat(), report_id),
            )
            self._insert_tracking(c, tracking)

    def insert_file(self, aggregate_id: UUID, file: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        values = [file[name] for name in rows.FILE_COLUMNS]
        with self.datastore.transaction(commit=True) as c:
            report_id = self._touch_report(c, aggregate_id, at)
            c.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (values[0], report_id, *values[1:], at.isoformat()),
            )
            c.execute(
                "UPDATE progress SET workflow_state = 'completed', completion = 100.0, updated_at = ?"
                " WHERE report_id = ?",
                (at.isoformat(), report_id),
            )
            self._insert_tracking(c, tracking)

    def forget_generation(self, aggregate_id: UUID, at: datetime, tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            report_id = self._touch_report(c, aggregate_id, at)
            c.execute("DELETE FROM progress WHERE report_id = ?", (report_id,))
            c.execute("DELETE FROM files WHERE report_id = ?", (report_id,))
            self._insert_tracking(c, tracking)

    def _touch_report(self, c: SQLiteCursor, aggregate_id: UUID, at: datetime) -> int:
        c.execute(
            "UPDATE reports SET updated_at = ? WHERE aggregate_id = ? RETURNING report_id",
            (at.isoformat(), str(aggregate_id)),
        )
        return int(c.fetchone()[0])

    def course(self, course_id: int) -> CourseRecord | None:
        row = self._one(
            "SELECT course_id, name, root_account_has_trusts FROM courses WHERE course_id = ?", (course_id,)
        )
        return CourseRecord(course_id=row[0], name=row[1], root_account_has_trusts=bool(row[2])) if row else None

    def quiz(self, course_id: int, quiz_id: int) -> QuizRecord | None:
        row = self._one(
            "SELECT course_id, quiz_id, definition, activity_position FROM quizzes WHERE course_id = ? AND quiz_id = ?",
            (course_id, quiz_id),
        )
        return QuizRecord(row[0], row[1], json.loads(row[2]), row[3]) if row else None

    def submissions(self, course_id: int, quiz_id: int) -> Sequence[dict[str, Any]]:
        found = self._all(
            "SELECT submission_id, profile, attempts FROM submissions WHERE course_id = ? AND quiz_id = ?"
            " ORDER BY submission_id",
            (course_id, quiz_id),
        )
        return [rows.submission(*row) for row in found]

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
        return [int(row[0]) for row in found]

    def _one(self, sql: str, params: tuple[Any, ...]) -> Any:
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return c.fetchone()

    def _all(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return list(c.fetchall())
