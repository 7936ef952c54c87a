"""`quiz-reports projections rebuild` on each backend, beside a running service: `--verify` finds the live
read model identical to the log replayed and names a tampered row; a rebuild repairs it in place, keeps the
projector's and the dispatcher's positions, and loses no event recorded while it swaps."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from adapters.bootstrap import Services
from adapters.cli import main
from adapters.postgres.projector import DISPATCH_TRACKING_TABLE
from adapters.postgres.read_model import TRACKING_TABLE
from adapters.postgres.rebuild_tables import FRESH_SCHEMA
from adapters.rebuild import read_model_rebuild
from adapters.rebuild_results import Swap, TableSwap
from adapters.settings import Settings
from adapters.sqlite.rebuild_tables import FRESH_FILE, LIVE_FILE
from domain import ids
from tests import quiz_fixtures
from tests.integration.conftest import ADMIN, COURSE, QUIZ, Deployment, keep_root_logging, running, seed
from tests.integration.report_states import reports_in_every_state

pytestmark = [pytest.mark.integration, pytest.mark.parametrize("deployment", ["sqlite", "postgres"], indirect=True)]
Cli = Callable[..., tuple[int, str]]


@pytest.fixture
def cli(deployment: Deployment, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`quiz-reports projections rebuild ARGS --data-dir …` in the deployment's environment: status and output."""
    for name, value in {**deployment.env, "QUIZ_REPORTS_DATA_DIR": str(deployment.data_dir)}.items():
        monkeypatch.setenv(name, value)
    keep_root_logging(monkeypatch)

    def run(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        status = main(["projections", "rebuild", *args, "--data-dir", str(deployment.data_dir)])
        captured = capsys.readouterr()
        assert status != 2, captured.err  # the rebuild could not run
        return status, captured.out

    return run


def live_sql(deployment: Deployment, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Run SQL (`?` placeholders) on the live read model itself, as someone with database access could."""
    settings = Settings.from_env(env=deployment.env, data_dir=str(deployment.data_dir))
    if settings.is_postgres:
        with psycopg.connect(settings.database_url or "") as server:
            cursor = server.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []
    with closing(sqlite3.connect(deployment.data_dir / LIVE_FILE)) as database, database:
        return database.execute(sql, params).fetchall()


def tracked_positions(deployment: Deployment, services: Services) -> list[tuple[Any, ...]]:
    """The read model's and the dispatcher's positions once both reached the end of the log."""
    if deployment.backend == "sqlite":
        query = "SELECT application_name, notification_id FROM tracking WHERE application_name <> '__migration__'"
    else:
        query = " UNION ALL ".join(
            f"SELECT '{table}', notification_id FROM {table} WHERE application_name <> '__migration__'"
            for table in (TRACKING_TABLE, DISPATCH_TRACKING_TABLE)
        )
    end = services.log.recorder.max_notification_id()
    deadline = time.monotonic() + 10
    while True:
        positions = sorted(live_sql(deployment, query))
        if len(positions) == 2 and all(position == end for _, position in positions):
            return positions
        if time.monotonic() > deadline:
            raise AssertionError(f"the followers did not reach {end}: {positions}")
        time.sleep(0.02)


@pytest.fixture
def services(deployment: Deployment) -> Iterator[Services]:
    """The running service (no worker: generations stay where the test leaves them) with the seeded quiz."""
    with running(deployment, worker=False) as started:
        seed(started)
        yield started


def test_verify_finds_reports_in_every_state_identical_to_the_log(services: Services, cli: Cli) -> None:
    states = reports_in_every_state(services)

    status, out = cli("--verify")

    assert (status, out.startswith("identical at position ")) == (0, True), out
    progress = {state: services.read_model.report(report_id) for state, report_id in states.items()}
    assert {state: r.progress.workflow_state if r and r.progress else None for state, r in progress.items()} == {
        "queued": "queued",
        "running": "running",
        "completed": "completed",
        "failed": "failed",
        "aborted": None,
        "removed": None,
        "never requested": None,
    }


def test_verify_names_each_tampered_row_and_fails(deployment: Deployment, services: Services, cli: Cli) -> None:
    states = reports_in_every_state(services)
    progress_id = live_sql(deployment, "SELECT progress_id FROM progress WHERE report_id = ?", states["running"])[0][0]
    file_id = live_sql(deployment, "SELECT file_id FROM files WHERE report_id = ?", states["completed"])[0][0]
    live_sql(deployment, "UPDATE reports SET report_type = 'tampered' WHERE report_id = ?", states["queued"])
    live_sql(deployment, "UPDATE progress SET completion = 55.5 WHERE progress_id = ?", progress_id)
    live_sql(deployment, "DELETE FROM files WHERE file_id = ?", file_id)

    status, out = cli("--verify")

    assert status == 1
    lines = out.splitlines()
    queued = ids.report_id(states["queued"])
    assert lines[0] == f"reports {{aggregate_id='{queued}'}}: report_type live 'tampered' rebuilt 'student_analysis'"
    assert lines[1] == f"progress {{progress_id={progress_id}}}: completion live 55.5 rebuilt 40.0"
    assert lines[2].startswith(f"files {{file_id={file_id}}}: missing from the live tables; rebuilt {{file_id=")
    assert lines[3] == f"3 differences at position {services.sync.caught_up()}"


def test_a_rebuild_repairs_the_live_rows_and_keeps_every_tracked_position(
    deployment: Deployment, services: Services, cli: Cli
) -> None:
    states = reports_in_every_state(services)
    live_sql(deployment, "UPDATE reports SET report_type = 'tampered' WHERE report_id = ?", states["queued"])
    live_sql(deployment, "DELETE FROM progress WHERE report_id = ?", states["failed"])
    positions = tracked_positions(deployment, services)

    status, out = cli()

    assert status == 0, out
    assert "reports: 8 rows (1 written, 1 removed)" in out
    assert "progress: 4 rows (1 written, 0 removed)" in out
    assert out.splitlines()[-1] == f"rebuilt read model swapped in at position {services.sync.caught_up()}"
    assert tracked_positions(deployment, services) == positions
    repaired = services.read_model.report(states["queued"])
    assert repaired is not None
    assert repaired.report_type == "student_analysis"
    assert cli("--verify") == (0, f"identical at position {services.sync.caught_up()}\n")


def test_a_rebuild_removes_its_fresh_tables(deployment: Deployment, services: Services, cli: Cli) -> None:
    status, _ = cli()
    verified, _ = cli("--verify")

    assert (status, verified) == (0, 0)
    assert not list(deployment.data_dir.glob(f"{FRESH_FILE}*"))
    schemas = "SELECT schema_name FROM information_schema.schemata WHERE schema_name = ?"
    assert deployment.backend == "sqlite" or live_sql(deployment, schemas, FRESH_SCHEMA) == []


def test_events_recorded_while_a_rebuild_swaps_are_all_projected(
    deployment: Deployment, services: Services, cli: Cli
) -> None:
    live_sql(deployment, "UPDATE courses SET name = 'tampered'")
    swapped = threading.Event()
    recorded: list[int] = []

    def ingest() -> None:
        # Revises one submission until the swap is over: each revision is an event for the projector.
        while not swapped.is_set() or len(recorded) < 5:
            responses = "TDFA" if len(recorded) % 2 else "FATC"
            try:
                services.quiz_data.put_submissions(ADMIN, COURSE, QUIZ, [quiz_fixtures.submission(1, responses)])
            except OperationalError:
                # SQLite: a write that meets the swap's lock is answered 503 and retried by its client.
                continue
            recorded.append(len(recorded))

    thread = threading.Thread(target=ingest)
    thread.start()
    try:
        status, out = cli()
    finally:
        swapped.set()
        thread.join()
    services.sync.caught_up()

    assert status == 0, out
    assert "courses: 1 rows (1 written, 1 removed)" in out
    assert cli("--verify") == (0, f"identical at position {services.sync.caught_up()}\n")


@contextmanager
def open_batch(deployment: Deployment) -> Iterator[Callable[[str], object]]:
    """A transaction writing the live read model, open as a projector's batch is while it runs: yields a
    function that runs more SQL in it; it commits on leaving."""
    settings = Settings.from_env(env=deployment.env, data_dir=str(deployment.data_dir))
    if settings.is_postgres:
        with psycopg.connect(settings.database_url or "") as server:
            yield server.execute
        return
    with closing(sqlite3.connect(deployment.data_dir / LIVE_FILE, isolation_level=None)) as database:
        database.execute("BEGIN IMMEDIATE")
        yield database.execute
        database.execute("COMMIT")


def test_a_swap_waits_for_an_open_batch_of_the_projector_without_deadlocking(
    deployment: Deployment, services: Services, cli: Cli
) -> None:
    settings = Settings.from_env(env=deployment.env, data_dir=str(deployment.data_dir))
    swaps: list[Swap] = []

    def swap() -> None:
        with read_model_rebuild(settings) as rebuild:
            swaps.append(rebuild.swap())

    thread = threading.Thread(target=swap)
    with open_batch(deployment) as batch:
        batch("UPDATE reports SET updated_at = updated_at")
        thread.start()
        thread.join(timeout=0.5)
        waited = thread.is_alive()
        batch("UPDATE courses SET name = 'renamed'")  # a batch goes on to other tables, which the swap must not hold
    thread.join(timeout=30)

    assert waited
    assert [swap.position for swap in swaps] == [services.sync.caught_up()]
    assert [table for table in swaps[0].tables if table.written] == [TableSwap("courses", 1, 1, 1)]
    assert cli("--verify") == (0, f"identical at position {services.sync.caught_up()}\n")
