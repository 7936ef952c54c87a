"""CHECKLIST §2.1: media type and content negotiation (415, 406, ext/profile, Vary)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import REPORTS, Api
from tests.e2e.jsonapi.conftest import JSONAPI, JsonApiClient, create_document


def test_jsonapi_responses_have_the_jsonapi_media_type_without_parameters(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(REPORTS)

    assert response.status_code == 200
    assert response.headers["content-type"] == JSONAPI


def test_error_documents_have_the_jsonapi_media_type(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(f"{REPORTS}/999999")

    assert response.headers["content-type"] == JSONAPI


@pytest.mark.parametrize("accept", [JSONAPI, "application/json", "*/*"])
def test_every_response_varies_by_accept(api: Api, accept: str) -> None:
    response = api.client.get(REPORTS, headers={**api.teacher, "Accept": accept})

    assert "Accept" in response.headers["vary"]


def test_classic_json_stays_the_default(api: Api) -> None:
    response = api.client.get(REPORTS, headers=api.teacher)

    assert response.headers["content-type"] == "application/json"
    assert isinstance(response.json(), list)


@pytest.mark.parametrize(
    "accept",
    [
        f"{JSONAPI}; charset=utf-8",
        f'{JSONAPI}; ext="https://example.com/ext/atomic"',
        f"application/json, {JSONAPI};charset=utf-8",
    ],
)
def test_accept_with_only_modified_jsonapi_instances_is_not_acceptable(jsonapi: JsonApiClient, accept: str) -> None:
    response = jsonapi.get(REPORTS, headers={"Accept": accept})

    assert response.status_code == 406
    assert response.json()["errors"][0]["source"] == {"header": "Accept"}


def test_one_usable_jsonapi_instance_is_enough(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(REPORTS, headers={"Accept": f"{JSONAPI};charset=utf-8, {JSONAPI}"})

    assert response.status_code == 200


def test_profiles_are_ignored(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(REPORTS, headers={"Accept": f'{JSONAPI}; profile="https://example.com/profiles/x"'})

    assert response.status_code == 200


@pytest.mark.parametrize("content_type", [f"{JSONAPI}; charset=utf-8", f'{JSONAPI}; ext="https://example.com/e"'])
def test_a_body_with_a_modified_jsonapi_content_type_is_unsupported(jsonapi: JsonApiClient, content_type: str) -> None:
    response = jsonapi.post(REPORTS, json=create_document(), headers={"Content-Type": content_type})

    assert response.status_code == 415
    assert response.json()["errors"][0]["source"] == {"header": "Content-Type"}


def test_a_form_body_in_jsonapi_mode_is_unsupported(jsonapi: JsonApiClient) -> None:
    response = jsonapi.post(
        REPORTS,
        content=b"quiz_report[report_type]=item_analysis",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 415


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_bodiless_requests_with_the_jsonapi_content_type_are_served(jsonapi: JsonApiClient, method: str) -> None:
    report_id = jsonapi.get(REPORTS).json()["data"][0]["id"]

    response = jsonapi.request(method, f"{REPORTS}/{report_id}", headers={"Content-Type": f"{JSONAPI}; charset=x"})

    assert response.status_code in (200, 422)
    assert response.status_code != 415
