"""The read model projection: quiz data and QuizReport documents built from the event log."""

from __future__ import annotations

from collections.abc import Sequence
from functools import singledispatchmethod
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from application.event_store import holds_plain_json
from domain.course import Course
from domain.quiz import Quiz
from domain.quiz_report import FAILED, RUNNING, QuizReport
from domain.quiz_submission import QuizSubmission
from projections.views import ReadModelView

# The keys of the report and file documents the projection hands to the view.
REPORT_FIELDS = (
    "report_id",
    "course_id",
    "quiz_id",
    "report_type",
    "includes_all_versions",
    "includes_sis_ids",
    "anonymous",
    "generatable",
)
FILE_FIELDS = ("file_id", "file_uuid", "filename", "display_name", "size", "sha256", "row_count")


class ReadModelProjection(Projection[Any]):
    """One branch per event; every other event only advances the tracking position."""

    name = "read_model"

    def __init__(self, view: ReadModelView) -> None:
        super().__init__(view)
        self._v = view

    def process_batch(self, events: Sequence[tuple[Any, Tracking]], through: Tracking | None = None) -> None:
        """Apply consecutive events (in notification order, one application) in one transaction:
        all their rows and the last position (`through`, when given), or nothing. Events at or below the
        position already tracked are skipped, so a batch delivered again changes nothing."""
        last = through or (events[-1][1] if events else None)
        if last is None:
            return
        with self._v.batch(last.application_name) as applied:
            process_event = self.process_event  # looked up once: each lookup builds the dispatching method anew
            for event, tracking in events:
                if tracking.notification_id > applied:
                    process_event(event, tracking)
            if through is not None and through.notification_id > applied:
                self._v.skip(through)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self._v.skip(tracking)

    @process_event.register
    def _(self, e: Course.Created, tracking: Tracking) -> None:
        attributes = {"name": e.name, "root_account_has_trusts": e.root_account_has_trusts}
        self._v.put_course(e.originator_id, e.course_id, attributes, tracking)

    @process_event.register
    def _(self, e: Course.Updated, tracking: Tracking) -> None:
        attributes = {"name": e.name, "root_account_has_trusts": e.root_account_has_trusts}
        self._v.put_course(e.originator_id, None, attributes, tracking)

    @process_event.register
    def _(self, e: Quiz.Created, tracking: Tracking) -> None:
        d: dict[str, Any] = e.definition
        keys = (e.course_id, e.quiz_id)
        self._v.put_quiz(e.originator_id, keys, d, True, tracking, plain=holds_plain_json(e))

    @process_event.register
    def _(self, e: Quiz.Updated, tracking: Tracking) -> None:
        self._v.put_quiz(e.originator_id, None, e.definition, False, tracking, plain=holds_plain_json(e))

    @process_event.register
    def _(self, e: Quiz.Published, tracking: Tracking) -> None:
        self._v.put_quiz(e.originator_id, None, e.definition, True, tracking, plain=holds_plain_json(e))

    @process_event.register
    def _(self, e: QuizSubmission.Created, tracking: Tracking) -> None:
        keys = (e.course_id, e.quiz_id, e.submission_id)
        self._v.put_submission(e.originator_id, keys, e.profile, tracking, plain=holds_plain_json(e))

    @process_event.register
    def _(self, e: QuizSubmission.Updated, tracking: Tracking) -> None:
        self._v.put_submission(e.originator_id, None, e.profile, tracking, plain=holds_plain_json(e))

    @process_event.register
    def _(self, e: QuizSubmission.AttemptRecorded, tracking: Tracking) -> None:
        self._v.record_attempt(e.originator_id, e.attempt, tracking, plain=holds_plain_json(e))

    @process_event.register
    def _(self, e: QuizReport.Created, tracking: Tracking) -> None:
        report = {name: getattr(e, name) for name in REPORT_FIELDS}
        self._v.insert_report(e.originator_id, report, e.timestamp, tracking)

    @process_event.register
    def _(self, e: QuizReport.Requested, tracking: Tracking) -> None:
        self._v.put_progress(e.originator_id, e.progress_id, e.timestamp, tracking)

    @process_event.register
    def _(self, e: QuizReport.Started, tracking: Tracking) -> None:
        self._v.update_progress(e.originator_id, {"workflow_state": RUNNING}, e.timestamp, tracking)

    @process_event.register
    def _(self, e: QuizReport.ProgressUpdated, tracking: Tracking) -> None:
        changes = {"completion": e.completion}
        self._v.update_progress(e.originator_id, changes, e.timestamp, tracking)

    @process_event.register
    def _(self, e: QuizReport.Completed, tracking: Tracking) -> None:
        file = {name: getattr(e, name) for name in FILE_FIELDS}
        self._v.insert_file(e.originator_id, file, e.timestamp, tracking)

    @process_event.register
    def _(self, e: QuizReport.Failed, tracking: Tracking) -> None:
        changes = {"workflow_state": FAILED, "message": e.message}
        self._v.update_progress(e.originator_id, changes, e.timestamp, tracking)

    @process_event.register
    def _(self, e: QuizReport.Aborted, tracking: Tracking) -> None:
        self._v.forget_generation(e.originator_id, e.timestamp, tracking)

    @process_event.register
    def _(self, e: QuizReport.Removed, tracking: Tracking) -> None:
        self._v.forget_generation(e.originator_id, e.timestamp, tracking)
