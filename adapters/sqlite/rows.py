"""Read-model rows to read objects, shared by the SQL read models."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from application.records import FileRecord, ProgressRecord, ReportRecord

REPORT_COLUMNS = (
    "report_id",
    "course_id",
    "quiz_id",
    "report_type",
    "includes_all_versions",
    "includes_sis_ids",
    "anonymous",
    "generatable",
)
FILE_COLUMNS = ("file_id", "file_uuid", "filename", "display_name", "size", "sha256", "row_count")

_PROGRESS = "p.progress_id, p.report_id, r.course_id, r.quiz_id, p.workflow_state, p.completion, p.message,"
_PROGRESS += " p.created_at, p.updated_at"
_FILE = "f.file_id, f.report_id, r.course_id, r.quiz_id, f.uuid, f.filename, f.display_name, f.size, f.sha256,"
_FILE += " f.row_count, f.created_at"
SELECT_PROGRESS = f"SELECT {_PROGRESS} FROM progress p JOIN reports r ON r.report_id = p.report_id"
SELECT_FILES = f"SELECT {_FILE} FROM files f JOIN reports r ON r.report_id = f.report_id"
SELECT_REPORTS = (
    "SELECT r.report_id, r.course_id, r.quiz_id, r.report_type, r.includes_all_versions, r.includes_sis_ids,"
    f" r.anonymous, r.generatable, r.created_at, r.updated_at, {_PROGRESS}, {_FILE}"
    " FROM reports r LEFT JOIN progress p ON p.report_id = r.report_id"
    " LEFT JOIN files f ON f.report_id = r.report_id"
)
_PROGRESS_WIDTH, _FILE_WIDTH = 9, 11


def _time(text: Any) -> datetime:
    return text if isinstance(text, datetime) else datetime.fromisoformat(str(text))


def progress(row: Any) -> ProgressRecord:
    return ProgressRecord(
        progress_id=int(row[0]),
        report_id=int(row[1]),
        course_id=int(row[2]),
        quiz_id=int(row[3]),
        workflow_state=str(row[4]),
        completion=float(row[5]),
        message=row[6],
        created_at=_time(row[7]),
        updated_at=_time(row[8]),
    )


def file(row: Any) -> FileRecord:
    return FileRecord(
        file_id=int(row[0]),
        report_id=int(row[1]),
        course_id=int(row[2]),
        quiz_id=int(row[3]),
        uuid=str(row[4]),
        filename=str(row[5]),
        display_name=str(row[6]),
        size=int(row[7]),
        sha256=str(row[8]),
        row_count=int(row[9]),
        created_at=_time(row[10]),
    )


def report(row: Any) -> ReportRecord:
    progress_row = row[10 : 10 + _PROGRESS_WIDTH]
    file_row = row[10 + _PROGRESS_WIDTH : 10 + _PROGRESS_WIDTH + _FILE_WIDTH]
    return ReportRecord(
        report_id=int(row[0]),
        course_id=int(row[1]),
        quiz_id=int(row[2]),
        report_type=str(row[3]),
        includes_all_versions=bool(row[4]),
        includes_sis_ids=bool(row[5]),
        anonymous=bool(row[6]),
        generatable=bool(row[7]),
        created_at=_time(row[8]),
        updated_at=_time(row[9]),
        progress=progress(progress_row) if progress_row[0] is not None else None,
        file=file(file_row) if file_row[0] is not None else None,
    )


def submission(submission_id: int, profile: str, attempts: str) -> dict[str, Any]:
    """A submission as ingested: its id, its profile keys and its attempts in number order."""
    by_number: dict[str, Any] = json.loads(attempts)
    ordered = [by_number[key] for key in sorted(by_number, key=int)]
    return {"id": submission_id, **json.loads(profile), "attempts": ordered}
