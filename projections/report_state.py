"""A report as it stood after any of its events: the read model's projection applied, in memory, to the
report's own events up to that point (the same code that builds the live read model)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from application.records import FileRecord, ProgressRecord, ReportRecord
from domain.quiz_report import QUEUED
from projections.read_model import ReadModelProjection

_TIMELINE = "report_timeline"


def report_state(events: Iterable[Any]) -> ReportRecord | None:
    """The report document after `events` (one report's events, oldest first); None before `Created`."""
    view = ReportStateView()
    projection = ReadModelProjection(view)
    for position, event in enumerate(events, start=1):
        projection.process_event(event, Tracking(_TIMELINE, position))
    return view.record


class ReportStateView:
    """The read model's report, progress and file rows of one report, held in memory."""

    def __init__(self) -> None:
        self.record: ReportRecord | None = None

    def skip(self, tracking: Tracking) -> None:
        """Events that change none of the report's rows."""

    def max_position(self, application_name: str) -> int:
        return 0

    @contextmanager
    def batch(self, application_name: str) -> Iterator[int]:
        yield 0

    def put_course(self, aggregate_id: UUID, course_id: int | None, attributes: dict[str, Any], t: Tracking) -> None:
        raise TypeError("a report's timeline holds only the report's events")

    def put_quiz(
        self,
        aggregate_id: UUID,
        keys: tuple[int, int] | None,
        definition: dict[str, Any],
        a: bool,
        t: Tracking,
        *,
        plain: bool,
    ) -> None:
        raise TypeError("a report's timeline holds only the report's events")

    def put_submission(
        self,
        aggregate_id: UUID,
        keys: tuple[int, int, int] | None,
        profile: dict[str, Any],
        t: Tracking,
        *,
        plain: bool,
    ) -> None:
        raise TypeError("a report's timeline holds only the report's events")

    def record_attempt(self, aggregate_id: UUID, attempt: dict[str, Any], t: Tracking, *, plain: bool) -> None:
        raise TypeError("a report's timeline holds only the report's events")

    def insert_report(self, aggregate_id: UUID, report: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        self.record = ReportRecord(**report, created_at=at, updated_at=at, progress=None, file=None)

    def put_progress(self, aggregate_id: UUID, progress_id: int, at: datetime, tracking: Tracking) -> None:
        record = self._touched(at)
        same = record.progress is not None and record.progress.progress_id == progress_id
        created_at = record.progress.created_at if same and record.progress else at
        progress = ProgressRecord(
            progress_id, record.report_id, record.course_id, record.quiz_id, QUEUED, 0.0, None, created_at, at
        )
        self.record = replace(record, progress=progress)

    def update_progress(self, aggregate_id: UUID, changes: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        record = self._touched(at)
        if record.progress is not None:
            self.record = replace(record, progress=replace(record.progress, **changes, updated_at=at))

    def insert_file(self, aggregate_id: UUID, file: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        record = self._touched(at)
        stored = FileRecord(
            file_id=file["file_id"],
            report_id=record.report_id,
            course_id=record.course_id,
            quiz_id=record.quiz_id,
            uuid=file["file_uuid"],
            filename=file["filename"],
            display_name=file["display_name"],
            size=file["size"],
            sha256=file["sha256"],
            row_count=file["row_count"],
            created_at=at,
        )
        progress = record.progress
        if progress is not None:
            progress = replace(progress, workflow_state="completed", completion=100.0, updated_at=at)
        self.record = replace(record, file=stored, progress=progress)

    def forget_generation(self, aggregate_id: UUID, at: datetime, tracking: Tracking) -> None:
        self.record = replace(self._touched(at), progress=None, file=None)

    def _touched(self, at: datetime) -> ReportRecord:
        if self.record is None:
            raise ValueError("a report's events begin with Created")
        return replace(self.record, updated_at=at)
