"""CHECKLIST §2.10: error objects for every error path in JSON:API mode; Canvas bodies stay classic."""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient

from api.errors import ServiceUnavailable, TooManyRequests
from application.access import Caller
from application.records import ReportRecord
from tests.e2e.conftest import REPORTS, Api
from tests.e2e.jsonapi.conftest import JSONAPI, JsonApiClient, create_document, validate

ERROR_MEMBERS = {"status", "code", "title", "detail"}


def _only_error(response_json: dict[str, object]) -> dict[str, object]:
    errors = response_json["errors"]
    assert isinstance(errors, list)
    assert len(errors) == 1
    error: dict[str, object] = errors[0]
    return error


def test_missing_token_is_401_with_challenge_and_error_object(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(REPORTS, headers={"Authorization": ""})

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert _only_error(response.json())["code"] == "unauthenticated"


def test_a_student_is_401_unauthorized(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(REPORTS, headers=jsonapi.api.student)

    assert response.status_code == 401
    assert _only_error(response.json())["code"] == "unauthorized"


def test_not_found_has_status_as_a_string(jsonapi: JsonApiClient) -> None:
    error = _only_error(jsonapi.get("/api/v1/progress/999999").json())

    assert set(error) == ERROR_MEMBERS
    assert (error["status"], error["code"], error["title"]) == ("404", "not_found", "Not Found")


def test_an_unknown_route_is_a_jsonapi_404(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get("/api/v1/no/such/route")

    assert response.status_code == 404
    assert response.headers["content-type"] == JSONAPI


def test_a_conflict_while_generating_is_409(idle_jsonapi: JsonApiClient) -> None:
    idle_jsonapi.post(REPORTS, json=create_document())

    response = idle_jsonapi.post(REPORTS, json=create_document())

    assert response.status_code == 409
    assert _only_error(response.json())["detail"] == "report is already being generated"


def test_an_unexpected_error_is_500_with_its_error_id(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_show(caller: Caller, course_id: int, quiz_id: int, report_id: int, **_: object) -> ReportRecord:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(api.services.reports, "show", broken_show)
    client = TestClient(api.client.app, raise_server_exceptions=False)

    with caplog.at_level(logging.ERROR):
        response = client.get(f"{REPORTS}/1", headers={**api.teacher, "Accept": JSONAPI})

    error = _only_error(response.json())
    validate(response.json())
    assert response.status_code == 500
    assert error["detail"] == f"Unexpected error, ID: {error['meta']['error_report_id']}"  # type: ignore[index]
    assert "fire" not in response.text
    assert response.headers["vary"] == "Accept"


@pytest.mark.parametrize(
    ("error", "status"), [(TooManyRequests("slow down"), 429), (ServiceUnavailable("db down"), 503)]
)
def test_rate_limit_and_unavailability_are_error_objects(
    jsonapi: JsonApiClient, monkeypatch: pytest.MonkeyPatch, error: Exception, status: int
) -> None:
    def refuse(caller: Caller, course_id: int, quiz_id: int, report_id: int, **_: object) -> ReportRecord:
        raise error

    monkeypatch.setattr(jsonapi.api.services.reports, "show", refuse)

    response = jsonapi.get(f"{REPORTS}/1")

    assert response.status_code == status
    assert _only_error(response.json())["status"] == str(status)


@pytest.mark.parametrize(
    ("error", "status"), [(TooManyRequests("slow down"), 429), (ServiceUnavailable("db down"), 503)]
)
def test_rate_limit_and_unavailability_keep_canvas_bodies_in_classic_mode(
    api: Api, monkeypatch: pytest.MonkeyPatch, error: Exception, status: int
) -> None:
    def refuse(caller: Caller, course_id: int, quiz_id: int, report_id: int, **_: object) -> ReportRecord:
        raise error

    monkeypatch.setattr(api.services.reports, "show", refuse)

    response = api.client.get(f"{REPORTS}/1", headers=api.teacher)

    assert response.status_code == status
    assert response.json()["message"] == str(error)


def test_classic_errors_keep_canvas_bodies(api: Api) -> None:
    response = api.client.get(f"{REPORTS}/999999", headers=api.teacher)

    assert response.json() == {"errors": [{"message": "The specified resource does not exist."}]}
