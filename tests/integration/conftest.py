"""The services on each backend (SQLite with the in-process broker; PostgreSQL with Redis), with
real Dramatiq worker threads in the test process."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from adapters.bootstrap import Services, build_services
from adapters.settings import Settings
from application.access import Caller, Principal
from domain import ids
from domain.quiz_report import QuizReport
from tests import quiz_fixtures
from tests.backends import BROKER_BACKENDS, backend_env

COURSE, QUIZ = 3, 8
ADMIN = Caller(principal=Principal(user_id=0, admin=True), request_id="test")
TEACHER = Caller(principal=Principal(user_id=1, course_id=COURSE, role="teacher"), request_id="test")


@dataclass(frozen=True)
class Deployment:
    """Where one test's service keeps its data; it outlives the processes a test starts and stops."""

    backend: str
    data_dir: Path
    env: dict[str, str]


@pytest.fixture(params=BROKER_BACKENDS)
def deployment(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Deployment]:
    with backend_env(request.param) as env:
        yield Deployment(request.param, tmp_path, env)


def keep_root_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """`adapters.cli.main` configures logging onto the running test's captured stderr: later tests get the
    root logger's handlers and level back."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)


@contextmanager
def running(deployment: Deployment, *, worker: bool = True, env: dict[str, str] | None = None) -> Iterator[Services]:
    threads = {"QUIZ_REPORTS_WORKER_THREADS": "2" if worker else "0"}
    settings = Settings.from_env(env={**deployment.env, **threads, **(env or {})}, data_dir=str(deployment.data_dir))
    services = build_services(settings)
    services.start()
    try:
        yield services
    finally:
        services.stop()


def seed(services: Services) -> None:
    services.quiz_data.put_course(ADMIN, COURSE, "Statistics")
    services.quiz_data.put_quiz(ADMIN, COURSE, QUIZ, quiz_fixtures.quiz())
    services.quiz_data.put_submissions(ADMIN, COURSE, QUIZ, quiz_fixtures.submissions())


def event_names(services: Services, report_id: int) -> list[str]:
    return [type(e).__name__ for e in services.log.events.get(ids.report_id(report_id))]


def wait_until_completed(services: Services, report_id: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        services.sync.caught_up()
        record = services.read_model.report(report_id)
        if record is not None and record.file is not None:
            return
        time.sleep(0.02)
    raise AssertionError(f"report {report_id} did not complete: {event_names(services, report_id)}")


def load_report(services: Services, report_id: int) -> QuizReport:
    report: QuizReport = services.log.repository.get(ids.report_id(report_id))
    return report
