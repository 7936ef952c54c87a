"""Audit over HTTP in classic JSON: a report's history, the report as it stood at each version or moment,
and the history of the quiz's data (SPEC §3.6)."""

from __future__ import annotations

import csv
import hashlib
import io
import logging
from datetime import datetime, timedelta
from typing import Any

import pytest

from domain import ids
from domain.quiz_report import QuizReport
from tests.e2e.conftest import OTHER_QUIZ, QUIZ_PATH, REPORTS, Api

CREATE_REQUEST = "audit-create-1"


def generated(api: Api) -> dict[str, Any]:
    """A student analysis created with a known request id, once its generation completed."""
    created = api.client.post(
        REPORTS,
        data={"quiz_report[report_type]": "student_analysis"},
        headers={**api.teacher, "X-Request-Id": CREATE_REQUEST},
    ).json()
    assert api.wait_for_progress(created["progress_url"])["workflow_state"] == "completed"
    report: dict[str, Any] = created
    return report


def history(api: Api, report_id: int) -> list[dict[str, Any]]:
    response = api.client.get(f"{REPORTS}/{report_id}/history", headers=api.teacher)
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()
    return entries


def at(api: Api, report_id: int, query: str) -> dict[str, Any]:
    response = api.client.get(f"{REPORTS}/{report_id}?include[]=progress&{query}", headers=api.teacher)
    assert response.status_code == 200, response.text
    shown: dict[str, Any] = response.json()
    return shown


def test_history_lists_every_event_oldest_first_with_cause_and_chain(api: Api) -> None:
    report = generated(api)

    entries = history(api, report["id"])

    types = [entry["type"] for entry in entries]
    assert types[:3] == ["Created", "Requested", "Started"]
    assert types[-1] == "Completed"
    assert set(types[3:-1]) <= {"ProgressUpdated"}
    assert [entry["version"] for entry in entries] == list(range(1, len(entries) + 1))
    assert list(entries[0]) == ["version", "type", "occurred_at", "actor", "request_id", "chain_hash", "data"]
    created, requested, started = entries[:3]
    assert (created["actor"], created["request_id"]) == ("1", CREATE_REQUEST)
    assert (requested["actor"], requested["request_id"]) == ("1", CREATE_REQUEST)
    assert created["data"]["report_type"] == "student_analysis"
    assert report["progress_url"].endswith(f"/progress/{requested['data']['progress_id']}")
    assert started["actor"] == "system"
    assert started["data"] == {"queued_by": CREATE_REQUEST}
    assert all(entry["request_id"] == started["request_id"] for entry in entries[2:])
    hashes = [entry["chain_hash"] for entry in entries]
    assert len(set(hashes)) == len(hashes)
    assert all(len(value) == 64 for value in hashes)
    times = [datetime.fromisoformat(entry["occurred_at"]) for entry in entries]
    assert times == sorted(times)


def test_completed_records_exactly_the_bytes_the_download_serves(api: Api) -> None:
    report = generated(api)
    completed = history(api, report["id"])[-1]["data"]
    shown = api.client.get(f"{REPORTS}/{report['id']}", headers=api.teacher).json()

    content = api.client.get(shown["file"]["url"]).content

    assert completed["size"] == len(content)
    assert completed["sha256"] == hashlib.sha256(content).hexdigest()
    assert completed["row_count"] == len(list(csv.reader(io.StringIO(content.decode("utf-8"))))) - 1
    assert completed["file_id"] == shown["file"]["id"]


def test_a_request_without_an_id_gets_one_recorded_in_its_events(api: Api) -> None:
    response = api.client.post(REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=api.teacher)

    entries = history(api, response.json()["id"])

    assert response.headers["X-Request-Id"]
    assert entries[1]["type"] == "Requested"
    assert entries[1]["request_id"] == response.headers["X-Request-Id"]


def test_show_rebuilds_the_report_at_each_version_of_its_life(api: Api) -> None:
    report = generated(api)
    assert api.client.delete(f"{REPORTS}/{report['id']}", headers=api.teacher).status_code == 204
    entries = history(api, report["id"])
    version_of = {entry["type"]: entry["version"] for entry in entries}

    created = at(api, report["id"], "version=1")
    queued = at(api, report["id"], f"version={version_of['Requested']}")
    running = at(api, report["id"], f"version={version_of['Started']}")
    completed = at(api, report["id"], f"version={version_of['Completed']}")
    removed = at(api, report["id"], f"version={version_of['Removed']}")

    assert "progress" not in created
    assert "file" not in created
    assert created["created_at"] == created["updated_at"]
    assert queued["progress"]["workflow_state"] == "queued"
    assert running["progress"]["workflow_state"] == "running"
    assert (completed["progress"]["workflow_state"], completed["progress"]["completion"]) == ("completed", 100.0)
    assert completed["file"]["size"] == entries[version_of["Completed"] - 1]["data"]["size"]
    assert "progress" not in removed
    assert "file" not in removed
    assert removed == at(api, report["id"], f"as_of_version={version_of['Removed']}")
    current = api.client.get(f"{REPORTS}/{report['id']}?include[]=progress", headers=api.teacher).json()
    assert removed == current


def test_show_rebuilds_a_running_generation_with_its_progress(idle_api: Api) -> None:
    api = idle_api
    created = api.client.post(REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=api.teacher)
    report_id = created.json()["id"]
    report: QuizReport = api.services.log.repository.get(ids.report_id(report_id))
    report.start("system", "message-1")
    report.update_progress(40.0, "system", "message-1")
    api.services.log.save(report)
    api.services.sync.caught_up()
    entries = history(api, report_id)

    partway = at(api, report_id, f"version={entries[-1]['version']}")
    started = at(api, report_id, f"version={entries[-2]['version']}")

    assert [entry["type"] for entry in entries[-2:]] == ["Started", "ProgressUpdated"]
    assert (partway["progress"]["workflow_state"], partway["progress"]["completion"]) == ("running", 40.0)
    assert (started["progress"]["workflow_state"], started["progress"]["completion"]) == ("running", 0.0)
    assert partway == at(api, report_id, "")


def test_as_of_a_moment_is_the_last_version_at_or_before_it(api: Api) -> None:
    report = generated(api)
    entries = history(api, report["id"])
    started = next(entry for entry in entries if entry["type"] == "Started")
    moment = datetime.fromisoformat(started["occurred_at"])

    at_started = at(api, report["id"], f"as_of={started['occurred_at'].replace('+', '%2B')}")
    just_before = at(api, report["id"], f"as_of={(moment - timedelta(microseconds=1)).isoformat().replace('+', '%2B')}")
    latest = at(api, report["id"], f"as_of={(moment + timedelta(days=1)).isoformat().replace('+', '%2B')}")

    assert at_started == at(api, report["id"], f"version={started['version']}")
    assert just_before == at(api, report["id"], f"version={started['version'] - 1}")
    assert latest == at(api, report["id"], "")


def test_before_the_report_existed_or_beyond_its_last_version_is_not_found(api: Api) -> None:
    report = generated(api)
    first = datetime.fromisoformat(history(api, report["id"])[0]["occurred_at"])
    before = (first - timedelta(seconds=1)).isoformat().replace("+", "%2B")

    for query in (f"as_of={before}", "version=999"):
        response = api.client.get(f"{REPORTS}/{report['id']}?{query}", headers=api.teacher)
        assert response.status_code == 404, query
        assert response.json() == {"errors": [{"message": "The specified resource does not exist."}]}


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("version=0", "version"),
        ("version=two", "version"),
        ("as_of_version=-1", "as_of_version"),
        ("as_of=yesterday", "as_of"),
        ("version=1&as_of=2026-01-01T00:00:00Z", "as_of"),
    ],
)
def test_bad_point_in_time_parameters_are_400_naming_them(api: Api, query: str, named: str) -> None:
    report = api.client.get(REPORTS, headers=api.teacher).json()[0]

    response = api.client.get(f"{REPORTS}/{report['id']}?{query}", headers=api.teacher)

    assert response.status_code == 400
    assert response.json()["status"] == "bad_request"
    assert named in response.json()["message"]


def test_history_needs_statistics_rights_and_the_right_quiz(api: Api) -> None:
    report = api.client.get(REPORTS, headers=api.teacher).json()[0]
    other = f"/api/v1/courses/3/quizzes/{OTHER_QUIZ}/reports/{report['id']}/history"

    as_student = api.client.get(f"{REPORTS}/{report['id']}/history", headers=api.student)
    elsewhere = api.client.get(other, headers=api.teacher)
    unknown = api.client.get(f"{REPORTS}/999999/history", headers=api.teacher)

    assert as_student.status_code == 401
    assert (elsewhere.status_code, unknown.status_code) == (404, 404)


def test_reading_a_history_is_logged(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    report = api.client.get(REPORTS, headers=api.teacher).json()[0]

    with caplog.at_level(logging.INFO, logger="application.audit"):
        history(api, report["id"])

    read = [record for record in caplog.records if record.getMessage() == "report history read"]
    assert len(read) == 1
    assert (vars(read[0])["actor"], vars(read[0])["report_id"]) == ("1", report["id"])


def test_quiz_history_shows_the_quiz_and_every_submission_event_in_order(api: Api) -> None:
    response = api.client.get(f"{QUIZ_PATH}/history", headers=api.teacher)

    entries = response.json()
    assert response.status_code == 200
    assert list(entries[0]) == [
        "subject",
        "subject_id",
        "version",
        "type",
        "occurred_at",
        "actor",
        "request_id",
        "chain_hash",
        "data",
    ]
    assert (entries[0]["subject"], entries[0]["type"]) == ("quiz", "Created")
    submissions = {entry["subject_id"] for entry in entries if entry["subject"] == "quiz_submission"}
    assert len(submissions) == 6
    assert any(entry["type"] == "AttemptRecorded" for entry in entries)
    assert {entry["actor"] for entry in entries} == {"3"}
    times = [entry["occurred_at"] for entry in entries]
    assert times == sorted(times)


def test_quiz_history_needs_statistics_rights(api: Api) -> None:
    assert api.client.get(f"{QUIZ_PATH}/history", headers=api.student).status_code == 401
    assert api.client.get("/api/v1/courses/3/quizzes/404/history", headers=api.teacher).status_code == 404
