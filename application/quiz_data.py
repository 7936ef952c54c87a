"""Use cases of the ingested quiz data: courses, quizzes and submissions (SPEC §3.5).

Every write is an idempotent upsert: unchanged data records no event.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from application.access import Caller
from application.errors import InvalidInput, NotAuthorized, NotFound
from application.event_store import QuizReportsLog
from application.ports import ProjectionSync, ReadModel
from application.records import CourseRecord, QuizRecord
from domain.course import Course
from domain.quiz import Quiz
from domain.quiz_submission import QuizSubmission

_ATTEMPTS_RETRIES = 3


class QuizData:
    def __init__(self, log: QuizReportsLog, read_model: ReadModel, sync: ProjectionSync) -> None:
        self._log = log
        self._read_model = read_model
        self._sync = sync

    def put_course(
        self, caller: Caller, course_id: int, name: str, root_account_has_trusts: bool = False
    ) -> CourseRecord:
        self._require_ingest(caller)

        def upsert(_: bool) -> list[Aggregate]:
            course = self._get(Course.create_id(course_id))
            if course is None:
                created = Course(course_id, name, root_account_has_trusts, caller.actor, caller.request_id)
                return [created]
            revised = course.revise(name, root_account_has_trusts, caller.actor, caller.request_id)
            return [course] if revised else []

        self._save_retrying(upsert)
        return CourseRecord(course_id=course_id, name=name, root_account_has_trusts=root_account_has_trusts)

    def put_quiz(self, caller: Caller, course_id: int, quiz_id: int, definition: dict[str, Any]) -> QuizRecord:
        self._require_ingest(caller)
        self._require_course(course_id)

        def upsert(_: bool) -> list[Aggregate]:
            quiz = self._get(Quiz.create_id(course_id, quiz_id))
            if quiz is None:
                return [Quiz(course_id, quiz_id, definition, actor=caller.actor, request_id=caller.request_id)]
            return [quiz] if quiz.revise(definition, caller.actor, caller.request_id) else []

        self._save_retrying(upsert)
        record = self._read_model.quiz(course_id, quiz_id)
        if record is None:  # pragma: no cover - the save above guarantees the row
            raise NotFound("quiz")
        return record

    def put_submissions(
        self, caller: Caller, course_id: int, quiz_id: int, submissions: Sequence[dict[str, Any]]
    ) -> int:
        """Upsert submissions all-or-nothing; returns the number of events recorded.

        Only the submissions the read model holds are loaded from the log (one read each), the others are
        created. The read model may lag behind the log (a write of another process not projected yet): a
        submission created again then fails the save on its version, and the next try loads every one."""
        self._require_ingest(caller)
        submission_ids = [int(submission["id"]) for submission in submissions]
        if len(set(submission_ids)) != len(submission_ids):
            raise InvalidInput("submission ids must be unique within one request")
        self._require_quiz(course_id, quiz_id)

        def upsert(retrying: bool) -> list[Aggregate]:
            recorded = set(submission_ids)
            if not retrying:
                recorded = self._read_model.recorded_submissions(course_id, quiz_id, recorded)
            revised = (self._revise_submission(caller, course_id, quiz_id, s, recorded) for s in submissions)
            return [submission for submission in revised if submission is not None]

        return self._save_retrying(upsert)

    def course(self, caller: Caller, course_id: int) -> CourseRecord:
        course = self._require_course(course_id)
        if caller.principal is None or not caller.principal.can_read_course(course_id):
            raise NotAuthorized
        return course

    def quiz(self, caller: Caller, course_id: int, quiz_id: int) -> QuizRecord:
        quiz = self._require_quiz(course_id, quiz_id)
        if caller.principal is None or not caller.principal.can_read_course(course_id):
            raise NotAuthorized
        return quiz

    def _revise_submission(
        self, caller: Caller, course_id: int, quiz_id: int, submission: dict[str, Any], recorded: Collection[int]
    ) -> QuizSubmission | None:
        """The submission with its changes recorded, or None when nothing changed; it is loaded from the log
        when its id is in `recorded`, and created otherwise."""
        submission_id = int(submission["id"])
        profile = {k: v for k, v in submission.items() if k not in ("id", "attempts")}
        attempts = sorted(submission.get("attempts") or [], key=lambda a: int(a["attempt"]))
        existing: QuizSubmission | None = None
        if submission_id in recorded:
            existing = self._get(QuizSubmission.create_id(course_id, quiz_id, submission_id))
        if existing is None:
            created = QuizSubmission(
                course_id, quiz_id, submission_id, profile, actor=caller.actor, request_id=caller.request_id
            )
            created.revise(profile, attempts, caller.actor, caller.request_id)
            return created
        return existing if existing.revise(profile, attempts, caller.actor, caller.request_id) else None

    def _save_retrying(self, decide: Callable[[bool], list[Aggregate]]) -> int:
        """Decide and save; on a concurrent write to the same aggregates, decide again on fresh state
        (`decide` is told whether it is such a retry)."""
        for attempt in range(_ATTEMPTS_RETRIES):
            aggregates = decide(attempt > 0)
            if not aggregates:
                return 0
            try:
                recordings = self._log.save(*aggregates)
            except IntegrityError:
                if attempt == _ATTEMPTS_RETRIES - 1:
                    raise
                continue
            self._sync.wait_for(self._log.last_position(recordings))
            return len(recordings)
        return 0  # pragma: no cover - the loop returns or raises

    def _get(self, aggregate_id: UUID) -> Any:
        try:
            return self._log.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def _require_ingest(self, caller: Caller) -> None:
        if caller.principal is None or not caller.principal.can_ingest:
            raise NotAuthorized

    def _require_course(self, course_id: int) -> CourseRecord:
        course = self._read_model.course(course_id)
        if course is None:
            raise NotFound("course")
        return course

    def _require_quiz(self, course_id: int, quiz_id: int) -> QuizRecord:
        quiz = self._read_model.quiz(course_id, quiz_id)
        if quiz is None:
            self._require_course(course_id)  # quizzes exist only in existing courses: say which is missing
            raise NotFound("quiz")
        return quiz
