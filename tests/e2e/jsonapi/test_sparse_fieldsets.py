"""CHECKLIST §2.7: sparse fieldsets on primary and included resources."""

from __future__ import annotations

from tests.e2e.conftest import COURSE, QUIZ_PATH, REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient, create_document


def test_fields_limit_a_report_to_the_named_attributes_and_relationships(jsonapi: JsonApiClient) -> None:
    report = jsonapi.get(f"{REPORTS}?fields[quiz-reports]=report_type,file").json()["data"][0]

    assert report["attributes"] == {"report_type": "student_analysis"}
    assert list(report["relationships"]) == ["file"]


def test_fields_apply_to_included_resources(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document())
    jsonapi.wait_until_generated(created.headers["location"])

    included = jsonapi.get(
        f"{created.headers['location']}?include=file,progress&fields[files]=size&fields[progress]=completion"
    ).json()["included"]

    assert sorted(list(resource["attributes"]) for resource in included) == [["completion"], ["size"]]


def test_percent_encoded_brackets_are_the_same(jsonapi: JsonApiClient) -> None:
    report = jsonapi.get(f"{REPORTS}?fields%5Bquiz-reports%5D=anonymous").json()["data"][0]

    assert report["attributes"] == {"anonymous": False}


def test_an_empty_fieldset_leaves_no_fields(jsonapi: JsonApiClient) -> None:
    course = jsonapi.get(f"/api/v1/courses/{COURSE}?fields[courses]=").json()["data"]

    assert set(course) == {"type", "id", "links"}


def test_fields_on_create_and_quizzes_too(jsonapi: JsonApiClient) -> None:
    quiz = jsonapi.get(f"{QUIZ_PATH}?fields[quizzes]=title").json()["data"]
    created = jsonapi.post(f"{REPORTS}?fields[quiz-reports]=generatable", json=create_document()).json()["data"]

    assert list(quiz["attributes"]) == ["title"]
    assert created["attributes"] == {"generatable": True}


def test_an_unknown_field_is_a_bad_request(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(f"{REPORTS}?fields[quiz-reports]=quiz_id")

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "fields[quiz-reports]"}
