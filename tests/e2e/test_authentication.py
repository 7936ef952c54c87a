"""Tokens and grants (SPEC §3.1): 401 with `WWW-Authenticate` without a valid token, Canvas's
401 body for callers without `read_statistics`, and no side effect before the check."""

from __future__ import annotations

import json
import logging

import pytest

from application.access import Principal
from tests import quiz_fixtures
from tests.e2e.conftest import COURSE, QUIZ_PATH, REPORTS, Api


def test_no_token_is_unauthenticated_with_a_challenge(api: Api) -> None:
    response = api.client.get(REPORTS)

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json() == {
        "status": "unauthenticated",
        "errors": [{"message": "user authorization required"}],
    }


def test_unknown_token_is_unauthenticated_with_a_challenge(api: Api) -> None:
    response = api.client.get(REPORTS, headers={"Authorization": "Bearer not-a-token"})

    assert response.status_code == 401
    assert "www-authenticate" in response.headers
    assert response.json()["errors"] == [{"message": "Invalid access token."}]


def test_access_token_query_parameter_authenticates(api: Api) -> None:
    token = api.teacher["Authorization"].removeprefix("Bearer ")

    response = api.client.get(f"{REPORTS}?access_token={token}")

    assert response.status_code == 200


def test_student_is_refused_with_canvas_body_and_no_challenge(api: Api) -> None:
    response = api.client.get(REPORTS, headers=api.student)

    assert response.status_code == 401
    assert "www-authenticate" not in response.headers
    assert response.json() == {
        "status": "unauthorized",
        "errors": [{"message": "user not authorized to perform that action"}],
    }


def test_student_create_records_nothing(api: Api) -> None:
    before = api.events_recorded()

    response = api.client.post(REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=api.student)

    assert response.status_code == 401
    assert api.events_recorded() == before


def test_teacher_of_another_course_is_refused(api: Api) -> None:
    other = api.bearer(Principal(user_id=9, course_id=COURSE + 1, role="teacher"))

    response = api.client.get(REPORTS, headers=other)

    assert response.status_code == 401


def test_teacher_cannot_ingest(api: Api) -> None:
    response = api.client.put(f"{QUIZ_PATH}", json={"quiz": quiz_fixtures.quiz()}, headers=api.teacher)

    assert response.status_code == 401


def test_integration_may_read_but_not_generate(api: Api) -> None:
    index = api.client.get(REPORTS, headers=api.integration)
    create = api.client.post(REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=api.integration)

    assert index.status_code == 200
    assert create.status_code == 401


def test_download_without_verifier_needs_a_token_with_access(api: Api) -> None:
    created = api.client.post(REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=api.teacher)
    api.wait_for_progress(created.json()["progress_url"])
    file_id = api.client.get(f"{REPORTS}/{created.json()['id']}", headers=api.teacher).json()["file"]["id"]

    anonymous = api.client.get(f"/files/{file_id}/download")
    student = api.client.get(f"/files/{file_id}/download", headers=api.student)
    teacher = api.client.get(f"/files/{file_id}/download", headers=api.teacher)

    assert (anonymous.status_code, student.status_code, teacher.status_code) == (401, 401, 200)


def test_every_response_echoes_a_request_id(api: Api) -> None:
    given = api.client.get(REPORTS, headers={**api.teacher, "X-Request-Id": "abc-123"})
    generated = api.client.get(REPORTS, headers=api.teacher)

    assert given.headers["x-request-id"] == "abc-123"
    assert len(generated.headers["x-request-id"]) == 32


def test_every_request_is_logged_with_its_request_id(
    api: Api, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    with caplog.at_level(logging.INFO, logger="quiz_reports.access"):
        api.client.get(REPORTS, headers={**api.teacher, "X-Request-Id": "trace-7"})

    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    (line,) = [line for line in lines if line["logger"] == "quiz_reports.access"]
    assert (line["request_id"], line["status"], line["level"]) == ("trace-7", 200, "info")
    assert line["message"].startswith(f"GET {REPORTS} 200 ")
