"""CHECKLIST §2.2: the document's top level."""

from __future__ import annotations

from tests.e2e.conftest import REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient


def test_a_document_has_data_jsonapi_and_self_link_but_no_errors(jsonapi: JsonApiClient) -> None:
    document = jsonapi.get(REPORTS).json()

    assert set(document) == {"jsonapi", "links", "data"}
    assert document["jsonapi"] == {"version": "1.1"}


def test_a_collection_is_an_array(jsonapi: JsonApiClient) -> None:
    data = jsonapi.get(REPORTS).json()["data"]

    assert [report["attributes"]["report_type"] for report in data] == ["student_analysis", "item_analysis"]


def test_a_single_resource_is_an_object(jsonapi: JsonApiClient) -> None:
    report_id = jsonapi.get(REPORTS).json()["data"][0]["id"]

    data = jsonapi.get(f"{REPORTS}/{report_id}").json()["data"]

    assert data["id"] == report_id


def test_the_self_link_reproduces_the_query_but_not_the_token(jsonapi: JsonApiClient) -> None:
    token = jsonapi.api.teacher["Authorization"].removeprefix("Bearer ")

    document = jsonapi.get(f"{REPORTS}?include=file&access_token={token}", headers={"Authorization": ""}).json()

    assert document["links"]["self"] == f"http://testserver{REPORTS}?include=file"


def test_an_error_document_has_errors_and_no_data(jsonapi: JsonApiClient) -> None:
    document = jsonapi.get(f"{REPORTS}/999999").json()

    assert "data" not in document
    assert "included" not in document
    assert document["errors"][0]["status"] == "404"
