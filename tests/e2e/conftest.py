"""The service over HTTP in-process: the real app, SQLite stores in a temporary data dir, the
embedded Dramatiq worker (or none, to keep reports queued), seeded through the ingestion API."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from adapters.bootstrap import Services, build_services
from adapters.settings import Settings
from api.app import create_app
from application.access import Principal
from tests import quiz_fixtures
from tests.backends import BACKENDS, backend_env

COURSE, QUIZ, OTHER_QUIZ = 3, 8, 9
QUIZ_PATH = f"/api/v1/courses/{COURSE}/quizzes/{QUIZ}"
REPORTS = f"{QUIZ_PATH}/reports"


@dataclass
class Api:
    client: TestClient
    services: Services
    teacher: dict[str, str]
    ta: dict[str, str]
    student: dict[str, str]
    integration: dict[str, str]

    def bearer(self, principal: Principal) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.services.tokens.issue(principal)}"}

    def events_recorded(self) -> int:
        return self.services.log.recorder.max_notification_id() or 0

    def wait_for_progress(self, url: str, state: str = "completed", timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            progress: dict[str, Any] = self.client.get(url, headers=self.teacher).json()
            if progress["workflow_state"] == state or time.monotonic() > deadline:
                return progress
            time.sleep(0.02)


def start_api(
    data_dir: Path, *, worker: bool, env: dict[str, str] | None = None, backend: str = "sqlite"
) -> Iterator[Api]:
    with backend_env(backend) as storage:
        threads = {"QUIZ_REPORTS_WORKER_THREADS": "2" if worker else "0"}
        settings = Settings.from_env(env={**storage, **threads, **(env or {})}, data_dir=str(data_dir))
        yield from _serve(build_services(settings))


def _serve(services: Services) -> Iterator[Api]:
    with TestClient(create_app(services), base_url="http://testserver") as client:
        api = Api(client, services, {}, {}, {}, {})
        api.teacher = api.bearer(Principal(user_id=1, course_id=COURSE, role="teacher"))
        api.ta = api.bearer(Principal(user_id=2, course_id=COURSE, role="ta"))
        api.student = api.bearer(Principal(user_id=101, course_id=COURSE, role="student"))
        api.integration = api.bearer(Principal(user_id=3, integration=True))
        yield api


def seed(api: Api) -> None:
    client, headers = api.client, api.integration
    assert client.put(f"/api/v1/courses/{COURSE}", json={"course": {"name": "Statistics"}}, headers=headers).is_success
    for quiz_id in (QUIZ, OTHER_QUIZ):
        quiz = {"quiz": quiz_fixtures.quiz(title=f"Quiz {quiz_id}")}
        assert client.put(f"/api/v1/courses/{COURSE}/quizzes/{quiz_id}", json=quiz, headers=headers).is_success
    bulk = {"quiz_submissions": quiz_fixtures.submissions()}
    assert client.post(f"{QUIZ_PATH}/submissions/bulk", json=bulk, headers=headers).is_success


@pytest.fixture(params=BACKENDS)
def api(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Api]:
    """The service with its worker threads, seeded with the §14.1 quiz (and an empty second quiz),
    on each backend."""
    for started in start_api(tmp_path, worker=True, backend=request.param):
        seed(started)
        yield started


@pytest.fixture(params=BACKENDS)
def idle_api(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Api]:
    """The same service without workers: generations stay queued."""
    for started in start_api(tmp_path, worker=False, backend=request.param):
        seed(started)
        yield started


def jsonapi_schema_path() -> Path:
    """The official JSON:API schema in the `shared/` folder beside the project root."""
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "jsonapi" / "schema.json"
