"""The QuizReport aggregate: one statistics report of a quiz and the life of its generations.

A report row exists from `Created` on. Each generation is `Requested` (a progress is queued),
`Started`, reports `ProgressUpdated` while rows render, and ends `Completed` (a file exists),
`Failed` or `Aborted`. `Removed` deletes the generated file and its progress.

Every event records its actor and request id; a worker's events carry the broker message id as request
id, and `Started` also records `queued_by`, the request id of the `Requested` it starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.errors import (
    GenerationNotPending,
    GenerationNotQueued,
    GenerationNotRunning,
    ReportAlreadyGenerating,
    ReportNotAbortable,
    ReportNotBeingGenerated,
)
from domain.events import Caused, CausedCreation, ChainedAggregate

QUEUED, RUNNING, COMPLETED, FAILED = "queued", "running", "completed", "failed"
PENDING_STATES = frozenset({QUEUED, RUNNING})
SYSTEM = "system"


@dataclass(frozen=True)
class GeneratedFile:
    """What a completed generation stored."""

    file_id: int
    uuid: str
    filename: str
    display_name: str
    size: int
    sha256: str
    row_count: int


class QuizReport(ChainedAggregate):
    """A quiz statistics report; invariants of its generation lifecycle are enforced here."""

    class Created(CausedCreation):
        report_id: int
        course_id: int
        quiz_id: int
        report_type: str
        includes_all_versions: bool
        includes_sis_ids: bool
        anonymous: bool
        generatable: bool

    class Requested(Caused):
        report_id: int
        progress_id: int
        retry: bool

    class Started(Caused):
        queued_by: str

    class ProgressUpdated(Caused):
        completion: float

    class Completed(Caused):
        file_id: int
        file_uuid: str
        filename: str
        display_name: str
        size: int
        sha256: str
        row_count: int

    class Failed(Caused):
        message: str

    class Aborted(Caused):
        pass

    class Removed(Caused):
        file_id: int

    @staticmethod
    def create_id(report_id: int, **_: Any) -> UUID:
        return ids.report_id(report_id)

    @event(Created)
    def __init__(
        self,
        report_id: int,
        course_id: int,
        quiz_id: int,
        report_type: str,
        includes_all_versions: bool,
        includes_sis_ids: bool,
        anonymous: bool,
        generatable: bool,
        actor: str,
        request_id: str,
    ) -> None:
        self.report_id = report_id
        self.course_id = course_id
        self.quiz_id = quiz_id
        self.report_type = report_type
        self.includes_all_versions = includes_all_versions
        self.includes_sis_ids = includes_sis_ids
        self.anonymous = anonymous
        self.generatable = generatable
        self.progress_id: int | None = None
        self.queued_by: str | None = None
        self.progress_state: str | None = None
        self.completion = 0.0
        self.retries = 0
        self.file: GeneratedFile | None = None

    @property
    def is_generating(self) -> bool:
        return self.progress_state in PENDING_STATES

    def request_generation(self, progress_id: int, actor: str, request_id: str) -> bool:
        """Queue a generation; False (and no event) when a file already exists.

        A failed generation is replaced by the new one, as Canvas aborts it first.
        """
        if self.is_generating:
            raise ReportAlreadyGenerating
        if self.file is not None:
            return False
        self._requested(
            report_id=self.report_id, progress_id=progress_id, actor=actor, request_id=request_id, retry=False
        )
        return True

    def retry_interrupted(self, actor: str, request_id: str) -> None:
        """Queue again a generation whose worker stopped while running; it keeps its progress.
        `retries` counts these since the generation was requested."""
        if self.progress_state != RUNNING or self.progress_id is None:
            raise GenerationNotRunning
        self._requested(
            report_id=self.report_id,
            progress_id=self.progress_id,
            actor=actor,
            request_id=request_id,
            retry=True,
        )

    @event(Requested)
    def _requested(self, report_id: int, progress_id: int, actor: str, request_id: str, retry: bool) -> None:
        self.progress_id = progress_id
        self.progress_state = QUEUED
        self.completion = 0.0
        self.retries = self.retries + 1 if retry else 0
        self.queued_by = request_id

    def start(self, actor: str, request_id: str) -> None:
        if self.progress_state != QUEUED:
            raise GenerationNotQueued
        self._started(actor=actor, request_id=request_id, queued_by=self.queued_by or "")

    @event(Started)
    def _started(self, actor: str, request_id: str, queued_by: str) -> None:
        self.progress_state = RUNNING

    def update_progress(self, completion: float, actor: str, request_id: str) -> None:
        if self.progress_state != RUNNING:
            raise GenerationNotRunning
        self._progress_updated(completion=float(completion), actor=actor, request_id=request_id)

    @event(ProgressUpdated)
    def _progress_updated(self, completion: float, actor: str, request_id: str) -> None:
        self.completion = completion

    def complete(self, file: GeneratedFile, actor: str, request_id: str) -> None:
        if self.progress_state != RUNNING:
            raise GenerationNotRunning
        self._completed(
            file_id=file.file_id,
            file_uuid=file.uuid,
            filename=file.filename,
            display_name=file.display_name,
            size=file.size,
            sha256=file.sha256,
            row_count=file.row_count,
            actor=actor,
            request_id=request_id,
        )

    @event(Completed)
    def _completed(
        self,
        file_id: int,
        file_uuid: str,
        filename: str,
        display_name: str,
        size: int,
        sha256: str,
        row_count: int,
        actor: str,
        request_id: str,
    ) -> None:
        self.progress_state = COMPLETED
        self.completion = 100.0
        self.file = GeneratedFile(file_id, file_uuid, filename, display_name, size, sha256, row_count)

    def fail(self, message: str, actor: str, request_id: str) -> None:
        if self.progress_state not in PENDING_STATES:
            raise GenerationNotPending
        self._failed(message=message, actor=actor, request_id=request_id)

    @event(Failed)
    def _failed(self, message: str, actor: str, request_id: str) -> None:
        self.progress_state = FAILED

    def abort(self, actor: str, request_id: str) -> None:
        """Remove the generated file, or cancel a queued or failed generation (Canvas's decision order)."""
        if self.file is not None:
            self._removed(file_id=self.file.file_id, actor=actor, request_id=request_id)
        elif self.progress_state is None:
            raise ReportNotBeingGenerated
        elif self.progress_state not in (QUEUED, FAILED):
            raise ReportNotAbortable
        else:
            self._aborted(actor=actor, request_id=request_id)

    @event(Aborted)
    def _aborted(self, actor: str, request_id: str) -> None:
        self._forget_progress()

    @event(Removed)
    def _removed(self, file_id: int, actor: str, request_id: str) -> None:
        self.file = None
        self._forget_progress()

    def _forget_progress(self) -> None:
        self.progress_id = None
        self.progress_state = None
        self.completion = 0.0
