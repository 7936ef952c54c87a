"""Faults across processes on PostgreSQL: API servers, workers and projectors as separate
processes, killed and restarted; each test judges the outcome by the report's events."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from adapters.bootstrap import init_database
from adapters.postgres.connection import PostgresUrl
from adapters.settings import Settings
from application.event_store import QuizReportsLog
from domain import ids
from tests.backends import backend_env, fresh_postgres_database, reachable_redis, unavailable
from tests.e2e.server import free_port
from tests.integration.cluster import Cluster, cluster, private_postgres, private_redis, start_redis, stop

pytestmark = pytest.mark.integration
REPORTS = "/api/v1/courses/1/quizzes/1/reports"
SHORT_LEASE = {"QUIZ_REPORTS_GENERATION_LEASE_SECONDS": "1"}


def event_names(env: dict[str, str], report_id: int) -> list[str]:
    log = QuizReportsLog(env=PostgresUrl.parse(env["QUIZ_REPORTS_DATABASE_URL"]).event_store_env(False))
    try:
        return [type(event).__name__ for event in log.events.get(ids.report_id(report_id))]
    finally:
        log.close()


def create(base: str, token: str) -> httpx2.Response:
    return httpx2.post(
        f"{base}{REPORTS}",
        data={"quiz_report[report_type]": "student_analysis"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def wait_for_state(base: str, token: str, progress_url: str, state: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    current = ""
    while time.monotonic() < deadline:
        current = httpx2.get(progress_url, headers={"Authorization": f"Bearer {token}"}, timeout=10).json()[
            "workflow_state"
        ]
        if current == state:
            break
        time.sleep(0.1)
    return current


@contextmanager
def postgres_cluster(tmp_path: Path, env: dict[str, str] | None = None) -> Iterator[tuple[Cluster, dict[str, str]]]:
    with backend_env("postgres") as storage:
        settings = {**storage, **SHORT_LEASE, **(env or {})}
        with cluster(settings, tmp_path) as running:
            yield running, settings


def test_concurrent_creates_through_two_api_processes_generate_once(tmp_path: Path) -> None:
    with postgres_cluster(tmp_path) as (running, env):
        teacher = running.cli("demo").strip().splitlines()[-1]
        base = running.serve(workers=2)
        running.start("worker", "--processes", "1", "--threads", "2")

        with ThreadPoolExecutor(max_workers=50) as pool:
            responses = list(pool.map(lambda _: create(base, teacher), range(50)))
        created = [r.json() for r in responses if r.status_code == 200]
        state = wait_for_state(base, teacher, created[0]["progress_url"], "completed")
        names = event_names(env, created[0]["id"])

    assert {r.status_code for r in responses} <= {200, 409}
    assert {report["id"] for report in created} == {created[0]["id"]}
    assert state == "completed"
    assert (names.count("Requested"), names.count("Started"), names.count("Completed")) == (1, 1, 1)


def test_a_worker_killed_mid_generation_is_replaced_and_the_report_completes_once(tmp_path: Path) -> None:
    with postgres_cluster(tmp_path) as (running, env):
        teacher = running.cli("demo", "--students", "3000").strip().splitlines()[-1]
        base = running.serve()
        doomed = running.start("worker", "--processes", "1", "--threads", "1")
        report = create(base, teacher).json()
        deadline = time.monotonic() + 60
        while "Started" not in (at_kill := event_names(env, report["id"])) and time.monotonic() < deadline:
            time.sleep(0.005)
        os.killpg(doomed.pid, signal.SIGKILL)
        running.start("worker", "--processes", "1", "--threads", "1")
        state = wait_for_state(base, teacher, report["progress_url"], "completed")
        names = event_names(env, report["id"])

    assert "Started" in at_kill
    assert "Completed" not in at_kill, "the generation finished before the kill; the quiz must be larger"
    assert state == "completed"
    assert names.count("Completed") == 1
    assert names.count("Started") == 2


def test_reports_requested_while_redis_is_down_complete_after_it_returns(tmp_path: Path) -> None:
    port = free_port()
    with fresh_postgres_database() as database_url, private_redis(port) as redis_server:
        env = {
            "QUIZ_REPORTS_DATABASE_URL": database_url,
            "QUIZ_REPORTS_BROKER_URL": f"redis://127.0.0.1:{port}/0",
            "QUIZ_REPORTS_QUEUE": f"quiz_reports_{uuid.uuid4().hex[:8]}",
            **SHORT_LEASE,
        }
        init_database(Settings.from_env(env=env))
        with cluster(env, tmp_path) as running:
            teacher = running.cli("demo").strip().splitlines()[-1]
            base = running.serve()
            stop(redis_server)

            response = create(base, teacher)
            queued = wait_for_state(base, teacher, response.json()["progress_url"], "queued", timeout=5)
            time.sleep(1.5)
            still_queued = wait_for_state(base, teacher, response.json()["progress_url"], "queued", timeout=5)
            restarted = start_redis(port)
            try:
                running.start("worker", "--processes", "1", "--threads", "2")
                state = wait_for_state(base, teacher, response.json()["progress_url"], "completed")
            finally:
                stop(restarted)
        names = event_names(env, response.json()["id"])

    assert response.status_code == 200
    assert (queued, still_queued, state) == ("queued", "queued", "completed")
    assert (names.count("Requested"), names.count("Completed")) == (1, 1)


def test_postgresql_stopped_under_load_gives_503_and_everything_recovers_without_a_restart(tmp_path: Path) -> None:
    try:
        server = private_postgres(free_port())
        database = server.__enter__()
    except (RuntimeError, subprocess.CalledProcessError) as error:
        unavailable("a private PostgreSQL server", error)
        raise
    try:
        env = {
            "QUIZ_REPORTS_DATABASE_URL": database.url,
            "QUIZ_REPORTS_BROKER_URL": reachable_redis(),
            "QUIZ_REPORTS_QUEUE": f"quiz_reports_{uuid.uuid4().hex[:8]}",
            **SHORT_LEASE,
        }
        init_database(Settings.from_env(env=env))
        with cluster(env, tmp_path) as running:
            teacher = running.cli("demo").strip().splitlines()[-1]
            base = running.serve()
            running.start("worker", "--processes", "1", "--threads", "2")
            load = Load(base, teacher)
            load.start()
            time.sleep(1)
            database.stop()
            time.sleep(6)
            while_down = httpx2.get(f"{base}{REPORTS}", headers={"Authorization": f"Bearer {teacher}"}, timeout=30)
            ready_while_down = httpx2.get(f"{base}/ready", timeout=30).status_code
            database.start()
            recovered = wait_until_ready(base)
            load.stop()
            report = create(base, teacher).json()
            state = wait_for_state(base, teacher, report["progress_url"], "completed")
            names = event_names(env, report["id"])
    finally:
        server.__exit__(None, None, None)

    assert while_down.status_code == 503
    assert while_down.headers["retry-after"] == "5"
    assert while_down.json()["status"] == "service_unavailable"
    assert ready_while_down == 503
    assert recovered
    assert load.statuses <= {200, 503}
    assert 503 in load.statuses
    assert state == "completed"
    assert names.count("Completed") == 1


class Load:
    """Index requests in a loop from one thread, remembering the statuses seen."""

    def __init__(self, base: str, token: str) -> None:
        self._url = f"{base}{REPORTS}"
        self._headers = {"Authorization": f"Bearer {token}"}
        self.statuses: set[int] = set()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.statuses.add(httpx2.get(self._url, headers=self._headers, timeout=30).status_code)
            except httpx2.TransportError:
                self.statuses.add(0)
            time.sleep(0.05)


def wait_until_ready(base: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if httpx2.get(f"{base}/ready", timeout=30).status_code == 200:
            return True
        time.sleep(0.2)
    return False
