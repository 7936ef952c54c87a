"""CHECKLIST §2.3 and §2.3b: resource objects, identification, links."""

from __future__ import annotations

from tests.e2e.conftest import COURSE, QUIZ, QUIZ_PATH, REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient


def test_a_report_has_string_id_type_and_canvas_attributes_without_foreign_keys(jsonapi: JsonApiClient) -> None:
    report = jsonapi.get(REPORTS).json()["data"][0]

    assert report["type"] == "quiz-reports"
    assert isinstance(report["id"], str)
    assert list(report["attributes"]) == [
        "report_type",
        "readable_type",
        "includes_all_versions",
        "includes_sis_ids",
        "generatable",
        "anonymous",
        "url",
        "created_at",
        "updated_at",
    ]


def test_a_resource_self_link_fetches_the_resource(jsonapi: JsonApiClient) -> None:
    report = jsonapi.get(REPORTS).json()["data"][0]

    fetched = jsonapi.get(report["links"]["self"]).json()["data"]

    assert fetched == report


def test_a_file_resource_keeps_canvas_attribute_names(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(
        REPORTS, json={"data": {"type": "quiz-reports", "attributes": {"report_type": "item_analysis"}}}
    )
    document = jsonapi.wait_until_generated(created.headers["location"])
    file = next(resource for resource in document["included"] if resource["type"] == "files")

    fetched = jsonapi.get(file["links"]["self"]).json()["data"]

    assert fetched == file
    assert fetched["attributes"]["content-type"] == "text/csv"
    assert fetched["attributes"]["filename"] == "quiz_item_analysis_report.csv"


def test_a_quiz_resource_id_is_unique_across_courses(jsonapi: JsonApiClient) -> None:
    quiz = jsonapi.get(QUIZ_PATH).json()["data"]

    assert (quiz["type"], quiz["id"]) == ("quizzes", f"{COURSE}-{QUIZ}")
    assert quiz["links"]["self"] == f"http://testserver{QUIZ_PATH}"
    assert "course_id" not in quiz["attributes"]


def test_a_course_resource_has_its_name(jsonapi: JsonApiClient) -> None:
    course = jsonapi.get(f"/api/v1/courses/{COURSE}").json()["data"]

    assert course == {
        "type": "courses",
        "id": str(COURSE),
        "attributes": {"name": "Statistics"},
        "links": {"self": f"http://testserver/api/v1/courses/{COURSE}"},
    }
