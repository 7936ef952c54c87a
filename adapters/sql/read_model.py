"""The read model in SQL: the projection's rows, written with their tracking position in one
transaction, and the queries the use cases make. Dialect-neutral; the SQLite and PostgreSQL
recorders add their DDL and placeholder style."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from adapters.sql import rows
from application.records import CourseRecord, FileRecord, ProgressRecord, QuizRecord, ReportRecord

_PROGRESS_COLUMNS = frozenset({"workflow_state", "completion", "message"})
_IDS_PER_QUERY = 500  # well under SQLite's oldest limit of 999 parameters per statement


class SqlReadModel:
    """Implements the projection's `ReadModelView` and the application's `ReadModel` port over a
    tracking recorder of eventsourcing (which provides `datastore`, `_insert_tracking` and
    `insert_tracking`). Statements use `?` placeholders; `placeholder` adapts them."""

    placeholder = "?"
    datastore: Any

    def _insert_tracking(self, c: Any, tracking: Tracking) -> None:  # provided by the recorder
        raise NotImplementedError

    def insert_tracking(self, tracking: Tracking) -> None:  # provided by the recorder
        raise NotImplementedError

    def max_tracking_id(self, application_name: str) -> int | None:  # provided by the recorder
        raise NotImplementedError

    def _run(self, c: Any, sql: str, params: Sequence[Any] = ()) -> None:
        c.execute(sql.replace("?", self.placeholder) if self.placeholder != "?" else sql, tuple(params))

    def skip(self, tracking: Tracking) -> None:
        self.insert_tracking(tracking)

    def max_position(self, application_name: str) -> int:
        return self.max_tracking_id(application_name) or 0

    def put_course(
        self, aggregate_id: UUID, course_id: int | None, attributes: dict[str, Any], tracking: Tracking
    ) -> None:
        values = (attributes["name"], bool(attributes["root_account_has_trusts"]), str(aggregate_id))
        with self.datastore.transaction(commit=True) as c:
            if course_id is None:
                self._run(c, "UPDATE courses SET name = ?, root_account_has_trusts = ? WHERE aggregate_id = ?", values)
            else:
                self._run(
                    c,
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
                self._run(
                    c,
                    "UPDATE quizzes SET definition = ? WHERE aggregate_id = ?",
                    (json.dumps(definition), str(aggregate_id)),
                )
            else:
                self._run(
                    c,
                    "INSERT INTO quizzes (aggregate_id, course_id, quiz_id, definition, activity_position)"
                    " VALUES (?, ?, ?, ?, 0)",
                    (str(aggregate_id), *keys, json.dumps(definition)),
                )
            if is_activity:
                self._run(
                    c,
                    "UPDATE quizzes SET activity_position = ? WHERE aggregate_id = ?",
                    (tracking.notification_id, str(aggregate_id)),
                )
            self._insert_tracking(c, tracking)

    def put_submission(
        self, aggregate_id: UUID, keys: tuple[int, int, int] | None, profile: dict[str, Any], tracking: Tracking
    ) -> None:
        with self.datastore.transaction(commit=True) as c:
            if keys is None:
                self._run(
                    c,
                    "UPDATE submissions SET profile = ? WHERE aggregate_id = ?",
                    (json.dumps(profile), str(aggregate_id)),
                )
            else:
                self._run(
                    c,
                    "INSERT INTO submissions (aggregate_id, course_id, quiz_id, submission_id, profile, attempts)"
                    " VALUES (?, ?, ?, ?, ?, '{}')",
                    (str(aggregate_id), *keys, json.dumps(profile)),
                )
            self._insert_tracking(c, tracking)

    def record_attempt(self, aggregate_id: UUID, attempt: dict[str, Any], tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            self._run(
                c, "SELECT course_id, quiz_id, attempts FROM submissions WHERE aggregate_id = ?", (str(aggregate_id),)
            )
            row = c.fetchone()
            attempts = json.loads(row["attempts"])
            attempts[str(attempt["attempt"])] = attempt
            self._run(
                c,
                "UPDATE submissions SET attempts = ? WHERE aggregate_id = ?",
                (json.dumps(attempts), str(aggregate_id)),
            )
            self._run(
                c,
                "UPDATE quizzes SET activity_position = ? WHERE course_id = ? AND quiz_id = ?",
                (tracking.notification_id, row["course_id"], row["quiz_id"]),
            )
            self._insert_tracking(c, tracking)

    def insert_report(self, aggregate_id: UUID, report: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        columns = ", ".join(rows.REPORT_COLUMNS)
        marks = ", ".join("?" for _ in rows.REPORT_COLUMNS)
        values = [report[name] for name in rows.REPORT_COLUMNS]
        with self.datastore.transaction(commit=True) as c:
            self._run(
                c,
                f"INSERT INTO reports (aggregate_id, {columns}, created_at, updated_at) VALUES (?, {marks}, ?, ?)",
                (str(aggregate_id), *values, at.isoformat(), at.isoformat()),
            )
            self._insert_tracking(c, tracking)

    def put_progress(self, aggregate_id: UUID, progress_id: int, at: datetime, tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            report_id = self._touch_report(c, aggregate_id, at)
            self._run(
                c,
                "INSERT INTO progress (progress_id, report_id, workflow_state, completion, message, created_at,"
                " updated_at) VALUES (?, ?, 'queued', 0.0, NULL, ?, ?) ON CONFLICT (report_id) DO UPDATE"
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
            self._run(
                c,
                f"UPDATE progress SET {assignments}, updated_at = ? WHERE report_id = ?",
                (*changes.values(), at.isoformat(), report_id),
            )
            self._insert_tracking(c, tracking)

    def insert_file(self, aggregate_id: UUID, file: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        values = [file[name] for name in rows.FILE_COLUMNS]
        with self.datastore.transaction(commit=True) as c:
            report_id = self._touch_report(c, aggregate_id, at)
            self._run(
                c,
                "INSERT INTO files (file_id, report_id, uuid, filename, display_name, size, sha256, row_count,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (values[0], report_id, *values[1:], at.isoformat()),
            )
            self._run(
                c,
                "UPDATE progress SET workflow_state = 'completed', completion = 100.0, updated_at = ?"
                " WHERE report_id = ?",
                (at.isoformat(), report_id),
            )
            self._insert_tracking(c, tracking)

    def forget_generation(self, aggregate_id: UUID, at: datetime, tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            report_id = self._touch_report(c, aggregate_id, at)
            self._run(c, "DELETE FROM progress WHERE report_id = ?", (report_id,))
            self._run(c, "DELETE FROM files WHERE report_id = ?", (report_id,))
            self._insert_tracking(c, tracking)

    def _touch_report(self, c: Any, aggregate_id: UUID, at: datetime) -> int:
        self._run(
            c,
            "UPDATE reports SET updated_at = ? WHERE aggregate_id = ? RETURNING report_id",
            (at.isoformat(), str(aggregate_id)),
        )
        return int(c.fetchone()["report_id"])

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
        return QuizRecord(row["course_id"], row["quiz_id"], json.loads(row["definition"]), row["activity_position"])

    def submissions(self, course_id: int, quiz_id: int) -> Sequence[dict[str, Any]]:
        found = self._all(
            "SELECT submission_id, profile, attempts FROM submissions WHERE course_id = ? AND quiz_id = ?"
            " ORDER BY submission_id",
            (course_id, quiz_id),
        )
        return [rows.submission(row["submission_id"], row["profile"], row["attempts"]) for row in found]

    def iter_submissions(self, course_id: int, quiz_id: int, batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """`submissions()` one at a time, read `batch_size` rows per query.

        Each batch is its own short query after the last submission id seen (no transaction or cursor
        stays open between batches, so writers and progress saves are never blocked), hence a
        submission added while iterating may or may not be included.
        """
        after = None
        while True:
            page = "" if after is None else " AND submission_id > ?"
            found = self._all(
                "SELECT submission_id, profile, attempts FROM submissions WHERE course_id = ? AND quiz_id = ?"
                f"{page} ORDER BY submission_id LIMIT ?",
                (course_id, quiz_id, *(() if after is None else (after,)), batch_size),
            )
            for row in found:
                yield rows.submission(row["submission_id"], row["profile"], row["attempts"])
            if len(found) < batch_size:
                return
            after = found[-1]["submission_id"]

    def submission_attempts(
        self, course_id: int, quiz_id: int, keys: Sequence[tuple[int, Any]]
    ) -> Mapping[tuple[int, Any], dict[str, Any]]:
        """The attempts named by (submission id, attempt number) as ingested; unknown keys are left out."""
        wanted: dict[int, set[Any]] = {}
        for submission_id, number in keys:
            wanted.setdefault(submission_id, set()).add(number)
        found: dict[tuple[int, Any], dict[str, Any]] = {}
        ids = sorted(wanted)
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start : start + _IDS_PER_QUERY]
            marks = ", ".join("?" for _ in chunk)
            for row in self._all(
                "SELECT submission_id, attempts FROM submissions WHERE course_id = ? AND quiz_id = ?"
                f" AND submission_id IN ({marks})",
                (course_id, quiz_id, *chunk),
            ):
                submission_id = row["submission_id"]
                for attempt in rows.attempts(row["attempts"], wanted[submission_id]):
                    found[(submission_id, attempt.get("attempt"))] = attempt
        return found

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

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        with self.datastore.transaction(commit=False) as c:
            self._run(c, sql, params)
            return c.fetchone()

    def _all(self, sql: str, params: Sequence[Any]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            self._run(c, sql, params)
            return list(c.fetchall())
