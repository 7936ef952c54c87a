"""Read-model rows (addressed by column name) to read objects, shared by the SQL read models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from application.records import FileRecord, ProgressRecord, ReportRecord

_PROGRESS = (
    "p.progress_id AS p_progress_id, p.report_id AS p_report_id, r.course_id AS p_course_id,"
    " r.quiz_id AS p_quiz_id, p.workflow_state AS p_workflow_state, p.completion AS p_completion,"
    " p.message AS p_message, p.created_at AS p_created_at, p.updated_at AS p_updated_at"
)
_FILE = (
    "f.file_id AS f_file_id, f.report_id AS f_report_id, r.course_id AS f_course_id, r.quiz_id AS f_quiz_id,"
    " f.uuid AS f_uuid, f.filename AS f_filename, f.display_name AS f_display_name, f.size AS f_size,"
    " f.sha256 AS f_sha256, f.row_count AS f_row_count, f.created_at AS f_created_at"
)
SELECT_PROGRESS = f"SELECT {_PROGRESS} FROM progress p JOIN reports r ON r.report_id = p.report_id"
SELECT_FILES = f"SELECT {_FILE} FROM files f JOIN reports r ON r.report_id = f.report_id"
SELECT_REPORTS = (
    "SELECT r.report_id, r.course_id, r.quiz_id, r.report_type, r.includes_all_versions, r.includes_sis_ids,"
    f" r.anonymous, r.generatable, r.created_at, r.updated_at, {_PROGRESS}, {_FILE}"
    " FROM reports r LEFT JOIN progress p ON p.report_id = r.report_id"
    " LEFT JOIN files f ON f.report_id = r.report_id"
)


def _time(text: Any) -> datetime:
    return text if isinstance(text, datetime) else datetime.fromisoformat(str(text))


def progress(row: Any) -> ProgressRecord:
    return ProgressRecord(
        progress_id=int(row["p_progress_id"]),
        report_id=int(row["p_report_id"]),
        course_id=int(row["p_course_id"]),
        quiz_id=int(row["p_quiz_id"]),
        workflow_state=str(row["p_workflow_state"]),
        completion=float(row["p_completion"]),
        message=row["p_message"],
        created_at=_time(row["p_created_at"]),
        updated_at=_time(row["p_updated_at"]),
    )


def file(row: Any) -> FileRecord:
    return FileRecord(
        file_id=int(row["f_file_id"]),
        report_id=int(row["f_report_id"]),
        course_id=int(row["f_course_id"]),
        quiz_id=int(row["f_quiz_id"]),
        uuid=str(row["f_uuid"]),
        filename=str(row["f_filename"]),
        display_name=str(row["f_display_name"]),
        size=int(row["f_size"]),
        sha256=str(row["f_sha256"]),
        row_count=int(row["f_row_count"]),
        created_at=_time(row["f_created_at"]),
    )


def report(row: Any) -> ReportRecord:
    return ReportRecord(
        report_id=int(row["report_id"]),
        course_id=int(row["course_id"]),
        quiz_id=int(row["quiz_id"]),
        report_type=str(row["report_type"]),
        includes_all_versions=bool(row["includes_all_versions"]),
        includes_sis_ids=bool(row["includes_sis_ids"]),
        anonymous=bool(row["anonymous"]),
        generatable=bool(row["generatable"]),
        created_at=_time(row["created_at"]),
        updated_at=_time(row["updated_at"]),
        progress=progress(row) if row["p_progress_id"] is not None else None,
        file=file(row) if row["f_file_id"] is not None else None,
    )
