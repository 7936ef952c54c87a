"""Frozen read objects that use cases return and the HTTP layer renders."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class CourseRecord:
    course_id: int
    name: str
    root_account_has_trusts: bool = False


@dataclass(frozen=True)
class QuizRecord:
    course_id: int
    quiz_id: int
    definition: dict[str, Any]
    activity_position: int

    @property
    def title(self) -> str:
        return str(self.definition.get("title") or "")

    @property
    def quiz_type(self) -> str:
        return str(self.definition.get("quiz_type") or "assignment")


@dataclass(frozen=True)
class ProgressRecord:
    progress_id: int
    report_id: int
    course_id: int
    quiz_id: int
    workflow_state: str
    completion: float
    message: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class FileRecord:
    file_id: int
    report_id: int
    course_id: int
    quiz_id: int
    uuid: str
    filename: str
    display_name: str
    size: int
    sha256: str
    row_count: int
    created_at: datetime


@dataclass(frozen=True)
class ReportRecord:
    report_id: int
    course_id: int
    quiz_id: int
    report_type: str
    includes_all_versions: bool
    includes_sis_ids: bool
    anonymous: bool
    generatable: bool
    created_at: datetime
    updated_at: datetime
    progress: ProgressRecord | None
    file: FileRecord | None


@dataclass(frozen=True)
class ReadVersion:
    """The read model's version `mark`, read after the request that is given it arrived; `caught_up` when the
    read model had first been brought up to the end of the event log."""

    mark: Hashable
    caught_up: bool
