"""The read model in SQL: the projection's rows, written with their tracking position in one
transaction, and the queries the use cases make. Dialect-neutral; the SQLite and PostgreSQL
recorders add their DDL and placeholder style."""

from __future__ import annotations

from collections.abc import Sequence

from eventsourcing.persistence import Tracking

from adapters.sql import rows
from adapters.sql.json_text import decode
from adapters.sql.quiz_data_writes import SqlQuizDataWrites
from adapters.sql.report_writes import SqlReportWrites
from adapters.sql.submission_reads import SqlSubmissionReads
from application.records import CourseRecord, FileRecord, ProgressRecord, QuizRecord, ReportRecord


class SqlReadModel(SqlQuizDataWrites, SqlReportWrites, SqlSubmissionReads):
    """Implements the projection's `ReadModelView` and the application's `ReadModel` port over a
    tracking recorder of eventsourcing (which provides `datastore`, `_insert_tracking` and
    `insert_tracking`). Statements use `?` placeholders; `placeholder` adapts them."""

    def skip(self, tracking: Tracking) -> None:
        with self._write() as c:
            self._track(c, tracking)

    def max_position(self, application_name: str) -> int:
        return self.max_tracking_id(application_name) or 0

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
