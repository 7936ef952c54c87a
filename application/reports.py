"""Use cases of the Quiz Reports API: index, create, show and abort (canvas-facts §3–§6)."""

from __future__ import annotations

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from application.access import Caller, Principal
from application.errors import InvalidReportType, NotAuthorized, NotFound
from application.event_store import QuizReportsLog
from application.ports import IdSequence, ProjectionSync, ReadModel, ReportFileStore
from application.records import FileRecord, ProgressRecord, QuizRecord, ReportRecord
from domain import ids
from domain.current_report import CurrentReport, ReportKey
from domain.quiz import SURVEY_TYPES
from domain.quiz_report import QuizReport
from domain.reports import REPORT_TYPES

_DECISION_RETRIES = 5


class QuizReports:
    def __init__(
        self,
        log: QuizReportsLog,
        read_model: ReadModel,
        sync: ProjectionSync,
        id_sequence: IdSequence,
        files: ReportFileStore,
    ) -> None:
        self._log = log
        self._read_model = read_model
        self._sync = sync
        self._ids = id_sequence
        self._files = files
        self._known_quizzes: set[tuple[int, int]] = set()

    def index(self, caller: Caller, course_id: int, quiz_id: int, includes_all_versions: bool) -> list[ReportRecord]:
        """The current report of each type, created when missing or stale; student_analysis first."""
        principal = self.authorize(caller, course_id, quiz_id)
        ids_ = [
            self._current_report(caller, principal, course_id, quiz_id, report_type, includes_all_versions)
            for report_type in REPORT_TYPES
        ]
        return [self._record(report_id) for report_id in ids_]

    def create(
        self, caller: Caller, course_id: int, quiz_id: int, report_type: str, includes_all_versions: bool
    ) -> ReportRecord:
        """Queue generation of the current report; returns it as it is when its file exists."""
        principal = self.authorize(caller, course_id, quiz_id)
        if not principal.can_generate(course_id):
            raise NotAuthorized
        if report_type not in REPORT_TYPES:
            raise InvalidReportType
        report_id = self._current_report(caller, principal, course_id, quiz_id, report_type, includes_all_versions)
        for attempt in range(_DECISION_RETRIES):
            report: QuizReport = self._log.repository.get(ids.report_id(report_id))
            if report.file is not None:
                break
            report.request_generation(self._ids.next_id(), caller.actor, caller.request_id)
            try:
                self._save(report)
                break
            except IntegrityError:
                if attempt == _DECISION_RETRIES - 1:
                    raise
        return self._record(report_id)

    def show(self, caller: Caller, course_id: int, quiz_id: int, report_id: int) -> ReportRecord:
        self.authorize(caller, course_id, quiz_id)
        return self._record_in(course_id, quiz_id, report_id)

    def abort(self, caller: Caller, course_id: int, quiz_id: int, report_id: int) -> None:
        """Remove the generated file, or cancel a queued or failed generation."""
        principal = self.authorize(caller, course_id, quiz_id)
        if not principal.can_generate(course_id):
            raise NotAuthorized
        self._record_in(course_id, quiz_id, report_id)
        report: QuizReport = self._log.repository.get(ids.report_id(report_id))
        removed_file = report.file
        report.abort(caller.actor, caller.request_id)
        self._save(report)
        if removed_file is not None:
            self._files.delete(removed_file.file_id)

    def progress(self, caller: Caller, progress_id: int) -> ProgressRecord:
        progress = self._read_model.progress(progress_id)
        if progress is None:
            raise NotFound("progress")
        self.authorize(caller, progress.course_id, progress.quiz_id)
        return progress

    def file(self, caller: Caller, file_id: int) -> FileRecord:
        record = self._read_model.file(file_id)
        if record is None:
            raise NotFound("file")
        self.authorize(caller, record.course_id, record.quiz_id)
        return record

    def file_by_verifier(self, file_id: int, verifier: str) -> FileRecord:
        """A file whose uuid the caller knows, as Canvas's download `verifier` allows."""
        record = self._read_model.file(file_id)
        if record is None or record.uuid != verifier:
            raise NotFound("file")
        return record

    def _current_report(
        self,
        caller: Caller,
        principal: Principal,
        course_id: int,
        quiz_id: int,
        report_type: str,
        includes_all_versions: bool,
    ) -> int:
        """Canvas's find-or-create of the current statistics, decided once under concurrency."""
        for attempt in range(_DECISION_RETRIES):
            self._sync.caught_up()
            quiz = self._quiz(course_id, quiz_id)
            key = ReportKey.for_request(
                report_type,
                includes_all_versions,
                principal.sees_sis_ids(course_id),
                bool(quiz.definition.get("anonymous_submissions")),
            )
            slot = self._slot(course_id, quiz_id, key)
            if slot is not None and slot.is_current(quiz.activity_position):
                return int(slot.report_id)
            report = self._new_report(caller, quiz, key)
            if slot is None:
                slot = CurrentReport(course_id, quiz_id, key.text, report.report_id, quiz.activity_position)
            else:
                slot.replace(report.report_id, quiz.activity_position)
            try:
                self._save(slot, report)
            except IntegrityError:
                if attempt == _DECISION_RETRIES - 1:
                    raise
                continue
            return report.report_id
        raise AssertionError("unreachable")  # pragma: no cover

    def _new_report(self, caller: Caller, quiz: QuizRecord, key: ReportKey) -> QuizReport:
        survey = quiz.definition.get("quiz_type") in SURVEY_TYPES
        return QuizReport(
            report_id=self._ids.next_id(),
            course_id=quiz.course_id,
            quiz_id=quiz.quiz_id,
            report_type=key.report_type,
            includes_all_versions=key.includes_all_versions,
            includes_sis_ids=key.includes_sis_ids,
            anonymous=key.anonymous,
            generatable=key.report_type == "student_analysis" or not survey,
            actor=caller.actor,
            request_id=caller.request_id,
        )

    def _slot(self, course_id: int, quiz_id: int, key: ReportKey) -> CurrentReport | None:
        try:
            slot: CurrentReport = self._log.repository.get(CurrentReport.create_id(course_id, quiz_id, key.text))
        except AggregateNotFoundError:
            return None
        return slot

    def _save(self, *aggregates: CurrentReport | QuizReport) -> None:
        self._sync.wait_for(self._log.last_position(self._log.save(*aggregates)))

    def authorize(self, caller: Caller, course_id: int, quiz_id: int) -> Principal:
        """The caller's grants, unless they may not read the quiz's statistics (NotFound for an unknown quiz)."""
        self._require_quiz(course_id, quiz_id)
        principal = caller.principal
        if principal is None or not principal.can_read_statistics(course_id):
            raise NotAuthorized
        return principal

    def _require_quiz(self, course_id: int, quiz_id: int) -> None:
        """Quizzes are never deleted, so one seen once need not be looked up again."""
        if (course_id, quiz_id) not in self._known_quizzes:
            self._quiz(course_id, quiz_id)
            self._known_quizzes.add((course_id, quiz_id))

    def _quiz(self, course_id: int, quiz_id: int) -> QuizRecord:
        if self._read_model.course(course_id) is None:
            raise NotFound("course")
        quiz = self._read_model.quiz(course_id, quiz_id)
        if quiz is None:
            raise NotFound("quiz")
        return quiz

    def _record_in(self, course_id: int, quiz_id: int, report_id: int) -> ReportRecord:
        record = self._read_model.report(report_id)
        if record is None or (record.course_id, record.quiz_id) != (course_id, quiz_id):
            raise NotFound("report")
        return record

    def _record(self, report_id: int) -> ReportRecord:
        record = self._read_model.report(report_id)
        if record is None:  # pragma: no cover - every save waits for the read model
            raise NotFound("report")
        return record
