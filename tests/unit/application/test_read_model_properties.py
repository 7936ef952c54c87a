"""Property: whatever the use cases do, in whatever order, every read-model row equals the state of its
aggregate rebuilt from the events. Random sequences of ingestion, report requests and generation steps run
on the POPO log with a SQLite read model (and a PostgreSQL one, with fewer examples)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from dataclasses import astuple, dataclass
from datetime import timedelta

import psycopg
import pytest
from eventsourcing.sqlite import SQLiteDatastore
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from psycopg.sql import SQL, Identifier

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.read_model import PostgresReadModel
from adapters.postgres.rebuild_tables import SchemaDatastore
from adapters.projector import LogFollower, ProjectionSync
from adapters.sql.read_model import SqlReadModel
from adapters.sqlite.read_model import SQLiteReadModel
from application.event_store import QuizReportsLog
from application.generation import ReportGeneration
from application.quiz_data import QuizData
from application.reports import QuizReports
from domain import ids
from domain.errors import DomainError
from domain.quiz import Quiz
from domain.quiz_report import QuizReport
from domain.quiz_submission import QuizSubmission
from projections.read_model import ReadModelProjection
from tests.backends import fresh_postgres_database
from tests.fakes import CountingIdSequence, InMemoryFileStore
from tests.unit.application.harness import (
    COURSE_ID,
    INTEGRATION,
    PUBLISHED_AT,
    QUIZ_ID,
    TEACHER,
    attempt,
    quiz_definition,
    submission,
)

NewReadModel = Callable[[], SqlReadModel]
REPORT_ATTRIBUTES = ["report_id", "course_id", "quiz_id", "report_type", "includes_all_versions"]
REPORT_ATTRIBUTES += ["includes_sis_ids", "anonymous", "generatable"]


@dataclass(frozen=True)
class Ingest:
    submission: int
    answers: tuple[int, ...]  # one attempt per answer


@dataclass(frozen=True)
class ReviseQuiz:
    title: str
    republished: bool


@dataclass(frozen=True)
class Index:
    all_versions: bool


@dataclass(frozen=True)
class Create:
    report_type: str
    all_versions: bool


@dataclass(frozen=True)
class Generate:
    report: int  # an index into the reports requested so far


@dataclass(frozen=True)
class Start:
    report: int


@dataclass(frozen=True)
class Progress:
    report: int
    completion: float


@dataclass(frozen=True)
class Fail:
    report: int


@dataclass(frozen=True)
class Abort:
    report: int


@dataclass(frozen=True)
class RecoverStalled:
    max_retries: int


Operation = Ingest | ReviseQuiz | Index | Create | Generate | Start | Progress | Fail | Abort | RecoverStalled
REPORT_TYPES = st.sampled_from(["student_analysis", "item_analysis"])
REPORT = st.integers(0, 3)
ATTEMPT_ANSWERS = st.lists(st.sampled_from([4011, 4012]), min_size=1, max_size=2).map(tuple)
# Requests and starts weigh double: most sequences then reach every state of a generation.
OPERATIONS = st.lists(
    st.one_of(
        st.builds(Ingest, st.integers(1, 3), ATTEMPT_ANSWERS),
        st.builds(ReviseQuiz, st.sampled_from(["Midterm", "Final"]), st.booleans()),
        st.builds(Index, st.booleans()),
        st.builds(Create, REPORT_TYPES, st.booleans()),
        st.builds(Create, REPORT_TYPES, st.booleans()),
        st.builds(Generate, REPORT),
        st.builds(Start, REPORT),
        st.builds(Start, REPORT),
        st.builds(Progress, REPORT, st.sampled_from([10.0, 50.0, 90.0])),
        st.builds(Fail, REPORT),
        st.builds(Abort, REPORT),
        st.builds(RecoverStalled, st.integers(0, 1)),
    ),
    min_size=5,
    max_size=30,
)
# Every transition of a generation, whatever the random sequences reach: progress, a retry after the worker
# vanished, a failure, a new request, completion, removal, cancellation, and a generation left running.
LIFECYCLE: list[Operation] = [
    Ingest(1, (4011, 4012)),
    Create("student_analysis", False),
    Start(0),
    Progress(0, 50.0),
    RecoverStalled(1),
    Start(0),
    Progress(0, 90.0),
    RecoverStalled(0),
    Create("student_analysis", False),
    Generate(0),
    Abort(0),
    Create("item_analysis", True),
    Abort(1),
    Create("item_analysis", True),
    Start(1),
    Progress(1, 10.0),
]


class World:
    """The use cases over one POPO log and `read_model`, the reports they created and those requested (which
    the generation steps act on)."""

    def __init__(self, read_model: SqlReadModel) -> None:
        self.log = QuizReportsLog(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.read_model = read_model
        follower = LogFollower(self.log, ReadModelProjection(read_model), read_model, "read_model")
        sync = ProjectionSync(follower, background=None)
        self._ids = CountingIdSequence()
        files = InMemoryFileStore()
        self.quiz_data = QuizData(self.log, read_model, sync)
        self.reports = QuizReports(self.log, read_model, sync, self._ids, files)
        self.generation = ReportGeneration(self.log, read_model, sync, self._ids, files, formula_guard=True)
        self.sync = sync
        self.report_ids: list[int] = []
        self.requested: list[int] = []
        self.submission_ids: set[int] = set()
        self._published = itertools.count(1)
        self.quiz_data.put_course(INTEGRATION, COURSE_ID, "Physics")
        self.quiz_data.put_quiz(INTEGRATION, COURSE_ID, QUIZ_ID, quiz_definition())

    def run(self, operation: Operation) -> None:
        """Apply `operation`; one the domain refuses (a generation not in the right state) changes nothing."""
        with suppress(DomainError):
            self._apply(operation)

    def _apply(self, operation: Operation) -> None:
        match operation:
            case Ingest(submission_id, answers):
                attempts = [attempt(number, answer) for number, answer in enumerate(answers, start=1)]
                self.quiz_data.put_submissions(INTEGRATION, COURSE_ID, QUIZ_ID, [submission(submission_id, *attempts)])
                self.submission_ids.add(submission_id)
            case ReviseQuiz(title, republished):
                published_at = f"2026-02-{next(self._published):02d}T09:00:00Z" if republished else PUBLISHED_AT
                definition = quiz_definition(title=title, published_at=published_at)
                self.quiz_data.put_quiz(INTEGRATION, COURSE_ID, QUIZ_ID, definition)
            case Index(all_versions):
                for record in self.reports.index(TEACHER, COURSE_ID, QUIZ_ID, all_versions):
                    self._known(record.report_id)
            case Create(report_type, all_versions):
                report_id = self.reports.create(TEACHER, COURSE_ID, QUIZ_ID, report_type, all_versions).report_id
                self._known(report_id)
                if report_id not in self.requested:
                    self.requested.append(report_id)
            case Generate(report):
                self._with_report(report, lambda report_id: self.generation.generate(report_id, "message-generate"))
            case Start(report):
                self._with_report(report, self._as_worker(lambda r: r.start("system", "message-start")))
            case Progress(report, completion):
                step = self._as_worker(lambda r: r.update_progress(completion, "system", "message-start"))
                self._with_report(report, step)
            case Fail(report):
                step = self._as_worker(lambda r: r.fail("Unexpected error, ID: 7", "system", "message-start"))
                self._with_report(report, step)
            case Abort(report):
                self._with_report(report, lambda report_id: self.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, report_id))
            case RecoverStalled(max_retries):
                self.generation.recover_stalled("sweep", timedelta(0), max_retries)

    def _known(self, report_id: int) -> None:
        if report_id not in self.report_ids:
            self.report_ids.append(report_id)

    def _with_report(self, index: int, action: Callable[[int], object]) -> None:
        if self.requested:
            action(self.requested[index % len(self.requested)])

    def _as_worker(self, step: Callable[[QuizReport], object]) -> Callable[[int], None]:
        def apply(report_id: int) -> None:
            report: QuizReport = self.log.repository.get(ids.report_id(report_id))
            step(report)
            self.sync.wait_for(self.log.last_position(self.log.save(report)))

        return apply


def assert_rows_equal_aggregates(world: World) -> None:
    world.sync.caught_up()
    for report_id in world.report_ids:
        report: QuizReport = world.log.repository.get(ids.report_id(report_id))
        record = world.read_model.report(report_id)
        assert record is not None
        assert [getattr(record, name) for name in REPORT_ATTRIBUTES] == [getattr(report, n) for n in REPORT_ATTRIBUTES]
        assert (record.created_at, record.updated_at) == (report.created_on, report.modified_on)
        progress = record.progress
        assert (None if progress is None else (progress.progress_id, progress.workflow_state, progress.completion)) == (
            None if report.progress_id is None else (report.progress_id, report.progress_state, report.completion)
        )
        file = record.file
        assert (
            None
            if file is None
            else (file.file_id, file.uuid, file.filename, file.display_name, file.size, file.sha256, file.row_count)
        ) == (None if report.file is None else astuple(report.file))
    quiz: Quiz = world.log.repository.get(Quiz.create_id(COURSE_ID, QUIZ_ID))
    quiz_record = world.read_model.quiz(COURSE_ID, QUIZ_ID)
    assert quiz_record is not None
    assert quiz_record.definition == quiz.definition
    expected = []
    for submission_id in sorted(world.submission_ids):
        aggregate: QuizSubmission = world.log.repository.get(
            QuizSubmission.create_id(COURSE_ID, QUIZ_ID, submission_id)
        )
        attempts = [aggregate.attempts[number] for number in sorted(aggregate.attempts)]
        expected.append({"id": submission_id, **aggregate.profile, "attempts": attempts})
    assert list(world.read_model.submissions(COURSE_ID, QUIZ_ID)) == expected


def check(new_read_model: NewReadModel, operations: list[Operation]) -> None:
    world = World(new_read_model())
    try:
        for operation in operations:
            world.run(operation)
        assert_rows_equal_aggregates(world)
    finally:
        world.log.close()


@pytest.fixture
def sqlite_read_models() -> Iterator[NewReadModel]:
    """A new, empty read model in an in-memory SQLite database, each time it is called."""
    with ExitStack() as stack:

        def new() -> SqlReadModel:
            datastore = SQLiteDatastore(f"file:read-model-{uuid.uuid4().hex}?mode=memory&cache=shared")
            stack.callback(datastore.close)
            read_model = SQLiteReadModel(datastore)
            read_model.create_table()
            return read_model

        yield new


@pytest.fixture
def postgres_read_models() -> Iterator[NewReadModel]:
    """A new, empty read model in a schema of its own of a fresh PostgreSQL database, each time it is called."""
    with fresh_postgres_database() as database_url, ExitStack() as stack:
        url = PostgresUrl.parse(database_url)
        names = (f"example_{n}" for n in itertools.count())

        def new() -> SqlReadModel:
            name = next(names)
            with psycopg.connect(database_url, autocommit=True) as server:
                server.execute(SQL("CREATE SCHEMA {0}").format(Identifier(name)))
            datastore = SchemaDatastore(url.dbname, url.host, url.port, url.user, url.password, schema=name)
            stack.callback(datastore.close)
            read_model = PostgresReadModel(datastore)
            read_model.create_table()
            return read_model

        yield new


# The fixtures hand every example a read model of its own: sharing them between examples is intended.
SHARED_FIXTURE = [HealthCheck.function_scoped_fixture]


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=SHARED_FIXTURE)
@given(operations=OPERATIONS)
@example(operations=LIFECYCLE)
def test_sqlite_read_model_rows_equal_their_aggregates(
    sqlite_read_models: NewReadModel, operations: list[Operation]
) -> None:
    check(sqlite_read_models, operations)


@pytest.mark.integration
@settings(max_examples=10, deadline=None, database=None, suppress_health_check=SHARED_FIXTURE)
@given(operations=OPERATIONS)
@example(operations=LIFECYCLE)
def test_postgres_read_model_rows_equal_their_aggregates(
    postgres_read_models: NewReadModel, operations: list[Operation]
) -> None:
    check(postgres_read_models, operations)
