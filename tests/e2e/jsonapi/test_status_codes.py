"""CHECKLIST §2.11: POST create and DELETE status codes, request documents."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient, create_document


def test_a_create_that_queues_a_generation_is_201_with_location(idle_jsonapi: JsonApiClient) -> None:
    response = idle_jsonapi.post(REPORTS, json=create_document("item_analysis", includes_all_versions=True))

    assert response.status_code == 201
    assert response.headers["location"] == response.json()["data"]["links"]["self"]
    assert response.json()["links"]["self"] == response.headers["location"]


def test_a_create_returning_the_generated_report_is_200(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document())
    jsonapi.wait_until_generated(created.headers["location"])

    again = jsonapi.post(REPORTS, json=create_document())

    assert again.status_code == 200
    assert again.json()["data"]["id"] == created.json()["data"]["id"]
    assert "location" not in again.headers


@pytest.mark.parametrize(
    "data",
    [{"type": "quiz_reports", "attributes": {"report_type": "item_analysis"}}, {"attributes": {"report_type": "x"}}],
)
def test_a_wrong_or_missing_type_is_a_conflict(jsonapi: JsonApiClient, data: dict[str, object]) -> None:
    response = jsonapi.post(REPORTS, json={"data": data})

    assert response.status_code == 409
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/type"}


def test_an_invalid_report_type_is_422_pointing_at_it(jsonapi: JsonApiClient) -> None:
    response = jsonapi.post(REPORTS, json=create_document("grade_analysis"))

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/attributes/report_type"}


def test_a_missing_report_type_is_422(jsonapi: JsonApiClient) -> None:
    response = jsonapi.post(REPORTS, json={"data": {"type": "quiz-reports", "attributes": {}}})

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/attributes/report_type"}


@pytest.mark.parametrize(("body", "pointer"), [([1], ""), ({"meta": {}}, "/data"), ({"data": "x"}, "/data")])
def test_a_malformed_document_is_400_with_a_pointer(jsonapi: JsonApiClient, body: object, pointer: str) -> None:
    response = jsonapi.post(REPORTS, json=body)

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"pointer": pointer}


def test_a_client_generated_id_is_forbidden(jsonapi: JsonApiClient) -> None:
    body = {"data": {"type": "quiz-reports", "id": "77", "attributes": {"report_type": "item_analysis"}}}

    response = jsonapi.post(REPORTS, json=body)

    assert response.status_code == 403


def test_delete_removes_the_file_with_204(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document())
    jsonapi.wait_until_generated(created.headers["location"])

    response = jsonapi.delete(created.headers["location"])

    assert response.status_code == 204
    assert response.content == b""


def test_delete_of_a_report_without_generation_is_422(jsonapi: JsonApiClient) -> None:
    report_url = jsonapi.get(REPORTS).json()["data"][0]["links"]["self"]

    response = jsonapi.delete(report_url)

    assert response.status_code == 422
    assert response.json()["errors"][0]["status"] == "422"
