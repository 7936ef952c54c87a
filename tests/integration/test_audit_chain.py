"""Tamper evidence on each backend: a stored event altered, deleted or moved in the database itself is
named by `quiz-reports verify`; `quiz-reports audit` prints the timeline."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from typing import Any

import psycopg
import pytest

from adapters.cli import main
from adapters.postgres.connection import PostgresUrl
from adapters.settings import Settings
from domain import ids
from tests.integration.conftest import (
    COURSE,
    QUIZ,
    TEACHER,
    Deployment,
    event_names,
    keep_root_logging,
    running,
    seed,
    wait_until_completed,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def report_id(deployment: Deployment, monkeypatch: pytest.MonkeyPatch) -> int:
    """A generated, then removed, student analysis: every kind of report event is stored."""
    for name, value in deployment.env.items():
        monkeypatch.setenv(name, value)
    keep_root_logging(monkeypatch)
    with running(deployment) as services:
        seed(services)
        report = services.reports.create(TEACHER, COURSE, QUIZ, "student_analysis", False)
        wait_until_completed(services, report.report_id)
        services.reports.abort(TEACHER, COURSE, QUIZ, report.report_id)
        assert event_names(services, report.report_id)[-1] == "Removed"
    return report.report_id


def cli(deployment: Deployment, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main([*args, "--data-dir", str(deployment.data_dir)])
    return status, capsys.readouterr().out


@contextmanager
def stored_events(deployment: Deployment) -> Iterator[Callable[[str, tuple[Any, ...]], list[Any]]]:
    """Run SQL on the stored events table itself (`?` placeholders), as someone with database access could."""
    settings = Settings.from_env(env=deployment.env, data_dir=str(deployment.data_dir))
    if settings.is_postgres:
        url = PostgresUrl.parse(settings.database_url or "")
        with psycopg.connect(dbname=url.dbname, host=url.host, port=url.port, user=url.user) as connection:

            def run_pg(sql: str, params: tuple[Any, ...]) -> list[Any]:
                cursor = connection.execute(
                    sql.replace("stored_events", "quizreports_events").replace("?", "%s"), params
                )
                return cursor.fetchall() if cursor.description else []

            yield run_pg
    else:
        with closing(sqlite3.connect(settings.sqlite_path)) as database, database:

            def run_sqlite(sql: str, params: tuple[Any, ...]) -> list[Any]:
                return database.execute(sql, params).fetchall()

            yield run_sqlite


def originator(report_id: int, deployment: Deployment) -> Any:
    """The report's aggregate id as the stored events table holds it (SQLite: hex text)."""
    aggregate = ids.report_id(report_id)
    return aggregate if deployment.backend != "sqlite" else aggregate.hex


def versions(deployment: Deployment, report_id: int) -> dict[str, int]:
    with stored_events(deployment) as sql:
        rows = sql(
            "SELECT topic, originator_version FROM stored_events WHERE originator_id = ?",
            (originator(report_id, deployment),),
        )
    return {str(topic).rsplit(".", 1)[1]: int(version) for topic, version in rows}


def test_an_untouched_log_verifies_and_prints_the_report_heads(
    deployment: Deployment, report_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = cli(deployment, capsys, "verify")
    one_status, one = cli(deployment, capsys, "verify", "--report", str(report_id), "--json")

    assert status == 0, out
    assert ": intact" in out
    assert f"QuizReport {report_id} v" in out
    assert one_status == 0
    result = json.loads(one)
    assert result["intact"] is True
    assert [head["subject"] for head in result["heads"]] == [f"QuizReport {report_id}"]
    assert result["heads"][0]["version"] == len(versions(deployment, report_id))


def test_an_altered_event_is_named(deployment: Deployment, report_id: int, capsys: pytest.CaptureFixture[str]) -> None:
    completed = versions(deployment, report_id)["Completed"]
    with stored_events(deployment) as sql:
        key = (originator(report_id, deployment), completed)
        (state,) = sql("SELECT state FROM stored_events WHERE originator_id = ? AND originator_version = ?", key)[0]
        document = json.loads(bytes(state))
        document["sha256"] = "0" * 64
        sql(
            "UPDATE stored_events SET state = ? WHERE originator_id = ? AND originator_version = ?",
            (json.dumps(document).encode(), *key),
        )

    status, out = cli(deployment, capsys, "verify")

    assert status == 1
    assert f"MODIFIED QuizReport {report_id} version {completed}:" in out
    assert out.count("MODIFIED") == 1


def test_a_deleted_event_is_named(deployment: Deployment, report_id: int, capsys: pytest.CaptureFixture[str]) -> None:
    started = versions(deployment, report_id)["Started"]
    with stored_events(deployment) as sql:
        sql(
            "DELETE FROM stored_events WHERE originator_id = ? AND originator_version = ?",
            (originator(report_id, deployment), started),
        )

    status, out = cli(deployment, capsys, "verify", "--report", str(report_id))

    assert status == 1
    assert f"DELETED QuizReport {report_id} version {started}: version {started} missing" in out


def test_reordered_events_are_named(deployment: Deployment, report_id: int, capsys: pytest.CaptureFixture[str]) -> None:
    aggregate = originator(report_id, deployment)
    with stored_events(deployment) as sql:
        swap = "UPDATE stored_events SET originator_version = ? WHERE originator_id = ? AND originator_version = ?"
        sql(swap, (-1, aggregate, 2))
        sql(swap, (2, aggregate, 3))
        sql(swap, (3, aggregate, -1))

    status, out = cli(deployment, capsys, "verify")

    assert status == 1
    assert f"MOVED QuizReport {report_id} version 2: recorded as version 3, found at version 2" in out
    assert f"MOVED QuizReport {report_id} version 3: recorded as version 2, found at version 3" in out


def test_audit_prints_the_timeline(deployment: Deployment, report_id: int, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = cli(deployment, capsys, "audit", str(report_id))
    json_status, as_json = cli(deployment, capsys, "audit", str(report_id), "--json")
    missing_status, _ = cli(deployment, capsys, "audit", "999999")

    lines = out.splitlines()
    entries = json.loads(as_json)
    assert (status, json_status, missing_status) == (0, 0, 2)
    assert lines[0].startswith("v1 ")
    assert "Created" in lines[0]
    assert "actor 1 " in lines[0]
    assert lines[-1] == f"head {entries[-1]['chain_hash']}"
    assert [entry["type"] for entry in entries][-1] == "Removed"
    assert len(lines) == len(entries) + 1
