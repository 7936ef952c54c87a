"""Canvas's classic JSON: report, progress and file objects with Canvas's key order (§7, §9, §10).

Keys that do not apply are omitted, never null.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import orjson

from application.records import FileRecord, ProgressRecord, QuizRecord, ReportRecord
from domain.reports import READABLE_TYPES

PROGRESS_CONTEXT = "Quizzes::QuizStatistics"
_RENDERED = 4096


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def progress_url(host: str, progress_id: int) -> str:
    return f"{host}/api/v1/progress/{progress_id}"


def report_url(host: str, report: ReportRecord) -> str:
    return f"{host}/api/v1/courses/{report.course_id}/quizzes/{report.quiz_id}/reports/{report.report_id}"


def download_url(host: str, file: FileRecord) -> str:
    return f"{host}/files/{file.file_id}/download?download_frd=1&verifier={file.uuid}"


def report_json(host: str, report: ReportRecord, *, with_file: bool, with_progress: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": report.report_id,
        "report_type": report.report_type,
        "readable_type": READABLE_TYPES[report.report_type],
        "includes_all_versions": report.includes_all_versions,
        "includes_sis_ids": report.includes_sis_ids,
        "generatable": report.generatable,
        "anonymous": report.anonymous,
        "url": report_url(host, report),
    }
    if report.progress is not None:
        body["progress_url"] = progress_url(host, report.progress.progress_id)
    body["created_at"] = timestamp(report.created_at)
    body["updated_at"] = timestamp(report.updated_at)
    if with_progress and report.progress is not None:
        body["progress"] = progress_json(host, report.progress)
    if with_file and report.file is not None:
        body["file"] = file_json(host, report.file)
    body["quiz_id"] = report.quiz_id
    body["course_id"] = report.course_id
    return body


def progress_json(host: str, progress: ProgressRecord) -> dict[str, Any]:
    return {
        "id": progress.progress_id,
        "context_id": progress.report_id,
        "context_type": PROGRESS_CONTEXT,
        "user_id": None,
        "tag": PROGRESS_CONTEXT,
        "completion": progress.completion,
        "workflow_state": progress.workflow_state,
        "created_at": timestamp(progress.created_at),
        "updated_at": timestamp(progress.updated_at),
        "message": progress.message,
        "url": progress_url(host, progress.progress_id),
    }


def file_json(host: str, file: FileRecord) -> dict[str, Any]:
    created = timestamp(file.created_at)
    return {
        "id": file.file_id,
        "uuid": file.uuid,
        "folder_id": None,
        "display_name": file.display_name,
        "filename": file.filename,
        "workflow_state": "processed",
        "upload_status": "success",
        "content-type": "text/csv",
        "url": download_url(host, file),
        "size": file.size,
        "created_at": created,
        "updated_at": created,
        "unlock_at": None,
        "locked": False,
        "hidden": False,
        "lock_at": None,
        "hidden_for_user": False,
        "thumbnail_url": None,
        "modified_at": created,
        "mime_class": "file",
        "media_entry_id": None,
        "locked_for_user": False,
    }


def quiz_json(quiz: QuizRecord) -> dict[str, Any]:
    """The fields of Canvas's Quiz object that exist here (SPEC §3.5), and the course id."""
    definition = quiz.definition
    return {
        "id": quiz.quiz_id,
        "title": quiz.title,
        "quiz_type": quiz.quiz_type,
        "anonymous_submissions": bool(definition.get("anonymous_submissions")),
        "published": definition.get("published_at") is not None,
        "points_possible": definition.get("points_possible"),
        "question_count": len(definition.get("questions") or []),
        "course_id": quiz.course_id,
    }


# Rendered bodies, remembered by value: the records are immutable, so a body stays the body of its record.


@lru_cache(maxsize=_RENDERED)
def rendered_report(host: str, report: ReportRecord, with_progress: bool) -> bytes:
    """`report_json` of `report` with its file, as JSON."""
    return orjson.dumps(report_json(host, report, with_file=True, with_progress=with_progress))


def rendered_reports(host: str, reports: Sequence[ReportRecord]) -> bytes:
    """A JSON list of `rendered_report` with progress: the same bytes as rendering the list at once."""
    return b"[" + b",".join(rendered_report(host, report, True) for report in reports) + b"]"


@lru_cache(maxsize=_RENDERED)
def rendered_progress(host: str, progress: ProgressRecord) -> bytes:
    return orjson.dumps(progress_json(host, progress))


@lru_cache(maxsize=_RENDERED)
def rendered_file(host: str, file: FileRecord) -> bytes:
    return orjson.dumps(file_json(host, file))
