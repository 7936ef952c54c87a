"""Use cases of the Quiz Reports API: index, create, show and abort (canvas-facts §3–§6).

The reads of index, show, progress and file may be given a `ReadVersion`: the read-model rows they read
are then remembered under it, and later calls given an equal version answer from memory, without a store,
for as long as nothing was committed to the read model (`from_memory=True` answers from memory alone).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import TypeVar

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from application.access import Caller, Principal
from application.errors import InvalidReportType, NotAuthorized, NotFound
from application.event_store import QuizReportsLog
from application.ports import IdSequence, ProjectionSync, ReadModel, ReportFileStore
from application.records import FileRecord, ProgressRecord, QuizRecord, ReadVersion, ReportRecord
from application.remembered import Memory, NotRemembered
from domain import ids
from domain.current_report import CurrentReport, ReportKey
from domain.quiz import SURVEY_TYPES
from domain.quiz_report import QuizReport
from domain.reports import REPORT_TYPES

_DECISION_RETRIES = 5
_REMEMBERED = 10_000
T = TypeVar("T")


class QuizReports:
    def __init__(
        self,
        log: QuizReportsLog,
        read_model: ReadModel,
        sync: ProjectionSync,
        id_sequence: IdSequence,
        files: ReportFileStore,
        *,
        versions_cover_log: bool = False,
    ) -> None:
        """`versions_cover_log`: the read model's version changes with every commit to the event log as well
        (one PostgreSQL cluster holds both)."""
        self._log = log
        self._read_model = read_model
        self._sync = sync
        self._ids = id_sequence
        self._files = files
        self._versions_cover_log = versions_cover_log
        self._known_quizzes: set[tuple[int, int]] = set()
        self._rows = Memory(_REMEMBERED)
        # The current report of each (course, quiz, key text), with the quiz's activity position it was found
        # current for: the event store's slot changes only for a caller that saw the quiz at another activity
        # position, so a caller that has caught up and sees the quiz at the same position may rely on it.
        self._decisions = Memory(_REMEMBERED)
        self._deciding = [threading.Lock() for _ in range(64)]
        # A read-model version under which the read model held the event log up to the given position (None
        # when the version covers the log).
        self._holds_log: tuple[Hashable, int | None] | None = None

    def version(self, *, caught_up: bool) -> ReadVersion:
        """The read model's version now; with `caught_up`, once the read model holds the whole event log (what
        index needs): at once when it is unchanged since it was found to hold the log up to where the log
        still ends, otherwise after bringing it up to the end."""
        before = self._read_model.version()
        if not caught_up:
            return ReadVersion(before, caught_up=False)
        log_end = None if self._versions_cover_log else self._log.recorder.max_notification_id() or 0
        if self._holds_log == (before, log_end):
            return ReadVersion(before, caught_up=True)
        self._sync.caught_up()
        after = self._read_model.version()
        if after == before:  # nothing committed while catching up: it held the log (up to `log_end`) all along
            self._holds_log = (after, log_end)
        return ReadVersion(after, caught_up=True)

    def index(
        self,
        caller: Caller,
        course_id: int,
        quiz_id: int,
        includes_all_versions: bool,
        *,
        version: ReadVersion | None = None,
        from_memory: bool = False,
    ) -> list[ReportRecord]:
        """The current report of each type, created when missing or stale; student_analysis first. With a
        caught-up `version`, the read model is not caught up again."""
        principal = self.authorize(caller, course_id, quiz_id, version=version, from_memory=from_memory)
        caught_up = version if version is not None and version.caught_up else None
        decided = [
            self._current_report(
                caller, principal, course_id, quiz_id, report_type, includes_all_versions, caught_up, from_memory
            )
            for report_type in REPORT_TYPES
        ]
        # After a write, or a catching up of its own, what is remembered under `version` may be older than what
        # the caller is owed.
        recall = caught_up is not None and not any(created for _, created in decided)
        return [self._record(report_id, version, from_memory, recall=recall) for report_id, _ in decided]

    def create(
        self, caller: Caller, course_id: int, quiz_id: int, report_type: str, includes_all_versions: bool
    ) -> ReportRecord:
        """Queue generation of the current report; returns it as it is when its file exists."""
        principal = self.authorize(caller, course_id, quiz_id)
        if not principal.can_generate(course_id):
            raise NotAuthorized
        if report_type not in REPORT_TYPES:
            raise InvalidReportType
        report_id, _ = self._current_report(
            caller, principal, course_id, quiz_id, report_type, includes_all_versions, None, False
        )
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
        return self._record(report_id, None, False)

    def show(
        self,
        caller: Caller,
        course_id: int,
        quiz_id: int,
        report_id: int,
        *,
        version: ReadVersion | None = None,
        from_memory: bool = False,
    ) -> ReportRecord:
        self.authorize(caller, course_id, quiz_id, version=version, from_memory=from_memory)
        return self._record_in(course_id, quiz_id, report_id, version, from_memory)

    def abort(self, caller: Caller, course_id: int, quiz_id: int, report_id: int) -> None:
        """Remove the generated file, or cancel a queued or failed generation."""
        principal = self.authorize(caller, course_id, quiz_id)
        if not principal.can_generate(course_id):
            raise NotAuthorized
        self._record_in(course_id, quiz_id, report_id, None, False)
        report: QuizReport = self._log.repository.get(ids.report_id(report_id))
        removed_file = report.file
        report.abort(caller.actor, caller.request_id)
        self._save(report)
        if removed_file is not None:
            self._files.delete(removed_file.file_id)

    def progress(
        self, caller: Caller, progress_id: int, *, version: ReadVersion | None = None, from_memory: bool = False
    ) -> ProgressRecord:
        progress = self._rows.read(
            ("progress", progress_id), lambda: self._read_model.progress(progress_id), version, from_memory
        )
        if progress is None:
            raise NotFound("progress")
        self.authorize(caller, progress.course_id, progress.quiz_id, version=version, from_memory=from_memory)
        return progress

    def file(
        self, caller: Caller, file_id: int, *, version: ReadVersion | None = None, from_memory: bool = False
    ) -> FileRecord:
        record = self._rows.read(("file", file_id), lambda: self._read_model.file(file_id), version, from_memory)
        if record is None:
            raise NotFound("file")
        self.authorize(caller, record.course_id, record.quiz_id, version=version, from_memory=from_memory)
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
        caught_up: ReadVersion | None,
        from_memory: bool,
    ) -> tuple[int, bool]:
        """Canvas's find-or-create of the current statistics, decided once under concurrency: the report's id,
        and whether it was created now. On its first attempt, a `caught_up` version stands for catching up."""
        for attempt in range(_DECISION_RETRIES):
            version = caught_up if attempt == 0 else None
            if version is None:
                if from_memory:
                    raise NotRemembered
                self._sync.caught_up()
            quiz = self._quiz(course_id, quiz_id, version, from_memory)
            key = ReportKey.for_request(
                report_type,
                includes_all_versions,
                principal.sees_sis_ids(course_id),
                bool(quiz.definition.get("anonymous_submissions")),
            )
            decision = (course_id, quiz_id, key.text)
            current = self._decisions.get(decision)
            if current is not None and current[0] == quiz.activity_position:
                return int(current[1]), False
            if from_memory:
                raise NotRemembered
            # Callers of this process deciding the same slot wait for the first one, which may decide for them;
            # callers of other processes race, and the event store takes one decision.
            with self._deciding[hash(decision) % len(self._deciding)]:
                current = self._decisions.get(decision)
                if current is not None and current[0] == quiz.activity_position:
                    return int(current[1]), False
                decided = self._decide(caller, quiz, key, attempt == _DECISION_RETRIES - 1)
                if decided is not None:
                    self._decisions.keep(decision, (quiz.activity_position, decided[0]))
                    return decided
        raise AssertionError("unreachable")  # pragma: no cover

    def _decide(self, caller: Caller, quiz: QuizRecord, key: ReportKey, last: bool) -> tuple[int, bool] | None:
        """The current report for `quiz` and `key` as the event store has it, or a new one recorded as such;
        None when another caller changed the slot meanwhile (an error instead on the `last` attempt)."""
        slot = self._slot(quiz.course_id, quiz.quiz_id, key)
        if slot is not None and slot.is_current(quiz.activity_position):
            return int(slot.report_id), False
        report = self._new_report(caller, quiz, key)
        if slot is None:
            slot = CurrentReport(quiz.course_id, quiz.quiz_id, key.text, report.report_id, quiz.activity_position)
        else:
            slot.replace(report.report_id, quiz.activity_position)
        try:
            self._save(slot, report)
        except IntegrityError:
            if last:
                raise
            return None
        return report.report_id, True

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

    def authorize(
        self,
        caller: Caller,
        course_id: int,
        quiz_id: int,
        *,
        version: ReadVersion | None = None,
        from_memory: bool = False,
    ) -> Principal:
        """The caller's grants, unless they may not read the quiz's statistics (NotFound for an unknown quiz)."""
        if (course_id, quiz_id) not in self._known_quizzes:
            # Quizzes are never deleted, so one seen once need not be looked up again.
            self._quiz(course_id, quiz_id, version, from_memory)
            self._known_quizzes.add((course_id, quiz_id))
        principal = caller.principal
        if principal is None or not principal.can_read_statistics(course_id):
            raise NotAuthorized
        return principal

    def _quiz(self, course_id: int, quiz_id: int, version: ReadVersion | None, from_memory: bool) -> QuizRecord:
        rows = self._rows
        if rows.read(("course", course_id), lambda: self._read_model.course(course_id), version, from_memory) is None:
            raise NotFound("course")
        quiz = rows.read(
            ("quiz", course_id, quiz_id), lambda: self._read_model.quiz(course_id, quiz_id), version, from_memory
        )
        if quiz is None:
            raise NotFound("quiz")
        return quiz

    def _record_of(
        self, report_id: int, version: ReadVersion | None, from_memory: bool, *, recall: bool = True
    ) -> ReportRecord | None:
        return self._rows.read(
            ("report", report_id), lambda: self._read_model.report(report_id), version, from_memory, recall=recall
        )

    def _record_in(
        self, course_id: int, quiz_id: int, report_id: int, version: ReadVersion | None, from_memory: bool
    ) -> ReportRecord:
        record = self._record_of(report_id, version, from_memory)
        if record is None or (record.course_id, record.quiz_id) != (course_id, quiz_id):
            raise NotFound("report")
        return record

    def _record(
        self, report_id: int, version: ReadVersion | None, from_memory: bool, *, recall: bool = True
    ) -> ReportRecord:
        """A report that a current-report slot names: recorded with the slot, so in the log, but perhaps after
        the read model last caught up (another caller's save) until it catches up again."""
        record = self._record_of(report_id, version, from_memory, recall=recall)
        if record is None:
            self._sync.caught_up()
            record = self._read_model.report(report_id)
        if record is None:  # pragma: no cover - the slot and the report were recorded together
            raise NotFound("report")
        return record
