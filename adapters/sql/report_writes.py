"""The projection's writes of reports, their progress and their files, each with its tracking record."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from adapters.sql.base import SqlBase
from projections.read_model import FILE_FIELDS, REPORT_FIELDS

_PROGRESS_COLUMNS = frozenset({"workflow_state", "completion", "message"})


class SqlReportWrites(SqlBase):
    """Reports by aggregate id; every change also touches the report's ``updated_at``."""

    def insert_report(self, aggregate_id: UUID, report: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        columns = ", ".join(REPORT_FIELDS)
        marks = ", ".join("?" for _ in REPORT_FIELDS)
        values = [report[name] for name in REPORT_FIELDS]
        with self._write() as c:
            self._run(
                c,
                f"INSERT INTO reports (aggregate_id, {columns}, created_at, updated_at) VALUES (?, {marks}, ?, ?)",
                (str(aggregate_id), *values, at.isoformat(), at.isoformat()),
            )
            self._track(c, tracking)

    def put_progress(self, aggregate_id: UUID, progress_id: int, at: datetime, tracking: Tracking) -> None:
        with self._write() as c:
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
            self._track(c, tracking)

    def update_progress(self, aggregate_id: UUID, changes: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        if not changes.keys() <= _PROGRESS_COLUMNS:
            raise ValueError(f"not progress columns: {sorted(changes.keys() - _PROGRESS_COLUMNS)}")
        assignments = ", ".join(f"{column} = ?" for column in changes)
        with self._write() as c:
            report_id = self._touch_report(c, aggregate_id, at)
            self._run(
                c,
                f"UPDATE progress SET {assignments}, updated_at = ? WHERE report_id = ?",
                (*changes.values(), at.isoformat(), report_id),
            )
            self._track(c, tracking)

    def insert_file(self, aggregate_id: UUID, file: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        values = [file[name] for name in FILE_FIELDS]
        with self._write() as c:
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
            self._track(c, tracking)

    def forget_generation(self, aggregate_id: UUID, at: datetime, tracking: Tracking) -> None:
        with self._write() as c:
            report_id = self._touch_report(c, aggregate_id, at)
            self._run(c, "DELETE FROM progress WHERE report_id = ?", (report_id,))
            self._run(c, "DELETE FROM files WHERE report_id = ?", (report_id,))
            self._track(c, tracking)

    def _touch_report(self, c: Any, aggregate_id: UUID, at: datetime) -> int:
        self._run(
            c,
            "UPDATE reports SET updated_at = ? WHERE aggregate_id = ? RETURNING report_id",
            (at.isoformat(), str(aggregate_id)),
        )
        return int(c.fetchone()["report_id"])
