"""The use cases wired to the POPO event store, an in-memory SQLite read model and fake ports."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from eventsourcing.sqlite import SQLiteDatastore

from adapters.projector import LogFollower, ProjectionSync
from adapters.sqlite.read_model import SQLiteReadModel
from application import ports
from application.access import Caller, Principal
from application.event_store import QuizReportsLog
from application.generation import ReportGeneration
from application.quiz_data import QuizData
from application.reports import QuizReports
from domain import ids
from domain.quiz_report import QuizReport
from projections.dispatch import GenerationDispatch
from projections.read_model import ReadModelProjection
from tests.fakes import CountingIdSequence, InMemoryFileStore, RecordingQueue

Json = dict[str, Any]

COURSE_ID, QUIZ_ID, OTHER_QUIZ_ID = 1, 10, 20
PUBLISHED_AT = "2026-01-10T09:00:00Z"

TEACHER = Caller(Principal(user_id=201, course_id=COURSE_ID, role="teacher"), "req-teacher")
TA = Caller(Principal(user_id=202, course_id=COURSE_ID, role="ta"), "req-ta")
STUDENT = Caller(Principal(user_id=203, course_id=COURSE_ID, role="student"), "req-student")
ADMIN = Caller(Principal(user_id=1, admin=True), "req-admin")
INTEGRATION = Caller(Principal(user_id=2, integration=True), "req-integration")


def quiz_definition(**changes: Any) -> Json:
    """A published assignment quiz with one multiple choice question."""
    question = {
        "id": 11,
        "position": 1,
        "question_type": "multiple_choice_question",
        "question_name": "Question 1",
        "question_text": "Is it?",
        "points_possible": 1,
        "answers": [{"id": 4011, "text": "Yes", "weight": 100}, {"id": 4012, "text": "No", "weight": 0}],
    }
    return {
        "title": "Midterm",
        "quiz_type": "assignment",
        "anonymous_submissions": False,
        "published_at": PUBLISHED_AT,
        "points_possible": 1,
        "questions": [question],
        **changes,
    }


def attempt(number: int = 1, answer_id: int = 4011) -> Json:
    correct = answer_id == 4011
    return {
        "attempt": number,
        "workflow_state": "complete",
        "score": 1.0 if correct else 0.0,
        "fudge_points": 0,
        "started_at": "2026-01-11T09:00:00Z",
        "finished_at": "2026-01-11T09:10:00Z",
        "submission_data": [
            {"question_id": 11, "correct": correct, "points": 1.0 if correct else 0.0, "answer_id": answer_id}
        ],
        "quiz_data": None,
    }


def submission(submission_id: int, *attempts: Json) -> Json:
    """A student's submission with `attempts` (one correct attempt when none are given)."""
    user = {"id": 100 + submission_id, "name": f"Student {submission_id}", "sis_user_id": f"S{submission_id}"}
    return {
        "id": submission_id,
        "user": {**user, "sortable_name": f"{submission_id}, Student"},
        "temporary_user_code": None,
        "was_preview": False,
        "sections": [],
        "kept_score": 1.0,
        "attempts": list(attempts) or [attempt()],
    }


class Harness:
    """QuizData, QuizReports and ReportGeneration over one log; followers are caught up by hand."""

    def __init__(self, files: InMemoryFileStore | None = None) -> None:
        self.log = QuizReportsLog(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.datastore = SQLiteDatastore(f"file:read-model-{uuid4().hex}?mode=memory&cache=shared")
        self.read_model = SQLiteReadModel(self.datastore)
        self.read_model.create_table()
        self.ids = CountingIdSequence()
        self.files = files or InMemoryFileStore()
        self.queue = RecordingQueue()
        projection = ReadModelProjection(self.read_model)
        self.read_model_follower = LogFollower(self.log, projection, self.read_model, "read_model")
        dispatch = GenerationDispatch(self.read_model, self.queue)
        self.dispatcher = LogFollower(self.log, dispatch, self.read_model, "generation_dispatch")
        self.sync = sync = ProjectionSync(self.read_model_follower, background=None)
        self.quiz_data = QuizData(self.log, self.read_model, sync)
        self.reports = QuizReports(self.log, self.read_model, sync, self.ids, self.files)
        self.generation = self.report_generation()

    def report_generation(
        self, sync: ports.ProjectionSync | None = None, progress_interval: float = 0.0
    ) -> ReportGeneration:
        """The generation use cases over this harness's log, read model and ports (`sync` by default); by
        default every progress step is recorded, however fast the rows render."""
        return ReportGeneration(
            self.log,
            self.read_model,
            sync or self.sync,
            self.ids,
            self.files,
            formula_guard=True,
            progress_interval=progress_interval,
        )

    def close(self) -> None:
        self.log.close()
        self.datastore.close()

    def event_count(self) -> int:
        return self.log.recorder.max_notification_id() or 0

    def report_events(self, report_id: int) -> list[str]:
        return [type(e).__name__ for e in self.log.events.get(ids.report_id(report_id))]

    def ingest_quiz(self, quiz_id: int = QUIZ_ID, **changes: Any) -> None:
        self.quiz_data.put_course(INTEGRATION, COURSE_ID, "Physics")
        self.quiz_data.put_quiz(INTEGRATION, COURSE_ID, quiz_id, quiz_definition(**changes))

    def ingest_submissions(self, *submissions: Json, quiz_id: int = QUIZ_ID) -> int:
        return self.quiz_data.put_submissions(INTEGRATION, COURSE_ID, quiz_id, list(submissions))

    def queued_report(self, report_type: str = "student_analysis") -> int:
        return self.reports.create(TEACHER, COURSE_ID, QUIZ_ID, report_type, False).report_id

    def generated_report(self) -> int:
        report_id = self.queued_report()
        self.generation.generate(report_id, "message-1")
        return report_id

    def leave_running(self, report_id: int) -> None:
        """Start a queued generation as a worker would, and let that worker vanish."""
        report: QuizReport = self.log.repository.get(ids.report_id(report_id))
        report.start("system", "lost-worker")
        self.log.save(report)
        self.read_model_follower.catch_up()
