"""CHECKLIST §2.6: `include` (and Canvas's `include[]`) on show, index and create."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient, create_document


def test_include_on_a_report_without_file_or_progress_gives_an_empty_included(jsonapi: JsonApiClient) -> None:
    report_id = jsonapi.get(REPORTS).json()["data"][0]["id"]

    document = jsonapi.get(f"{REPORTS}/{report_id}?include=file,progress").json()

    assert document["included"] == []


def test_without_include_there_is_no_included(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document())
    jsonapi.wait_until_generated(created.headers["location"])

    document = jsonapi.get(created.headers["location"]).json()

    assert "included" not in document


def test_include_file_alone_includes_only_the_file(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document())
    jsonapi.wait_until_generated(created.headers["location"])

    included = jsonapi.get(f"{created.headers['location']}?include=file").json()["included"]

    assert [resource["type"] for resource in included] == ["files"]


def test_canvas_include_brackets_mean_the_same(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document())
    url = created.headers["location"]
    jsonapi.wait_until_generated(url)

    canvas_form = jsonapi.get(f"{url}?include[]=file&include[]=progress").json()["included"]
    spec_form = jsonapi.get(f"{url}?include=file,progress").json()["included"]

    assert canvas_form == spec_form
    assert len(spec_form) == 2


def test_include_on_create_includes_the_progress(idle_jsonapi: JsonApiClient) -> None:
    created = idle_jsonapi.post(f"{REPORTS}?include=progress", json=create_document())

    assert [resource["type"] for resource in created.json()["included"]] == ["progress"]
    assert created.json()["included"][0]["attributes"]["workflow_state"] == "queued"


@pytest.mark.parametrize("include", ["quiz", "file.owner", "files"])
def test_an_unknown_include_path_is_a_bad_request(jsonapi: JsonApiClient, include: str) -> None:
    response = jsonapi.get(f"{REPORTS}?include={include}")

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "include"}


def test_include_on_an_endpoint_without_relationships_is_a_bad_request(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get("/api/v1/progress/1?include=file")

    assert response.status_code == 400
