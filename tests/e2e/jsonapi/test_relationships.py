"""CHECKLIST §2.4: relationships and resource linkage."""

from __future__ import annotations

from tests.e2e.conftest import COURSE, QUIZ, REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient, create_document


def test_a_fresh_report_has_null_file_and_progress_linkage(jsonapi: JsonApiClient) -> None:
    relationships = jsonapi.get(REPORTS).json()["data"][0]["relationships"]

    assert relationships["file"]["data"] is None
    assert relationships["progress"]["data"] is None


def test_the_quiz_relationship_links_to_the_quiz(jsonapi: JsonApiClient) -> None:
    quiz = jsonapi.get(REPORTS).json()["data"][0]["relationships"]["quiz"]

    assert quiz["data"] == {"type": "quizzes", "id": f"{COURSE}-{QUIZ}"}
    assert jsonapi.get(quiz["links"]["related"]).json()["data"]["id"] == quiz["data"]["id"]


def test_a_queued_report_links_its_progress(idle_jsonapi: JsonApiClient) -> None:
    created = idle_jsonapi.post(
        REPORTS, json={"data": {"type": "quiz-reports", "attributes": {"report_type": "item_analysis"}}}
    )

    progress = created.json()["data"]["relationships"]["progress"]

    assert progress["data"]["type"] == "progress"
    assert idle_jsonapi.get(progress["links"]["related"]).json()["data"]["id"] == progress["data"]["id"]


def test_no_relationship_has_a_self_link(jsonapi: JsonApiClient) -> None:
    relationships = jsonapi.get(REPORTS).json()["data"][0]["relationships"]

    assert all("self" not in relationship.get("links", {}) for relationship in relationships.values())


def test_related_links_of_an_ungenerated_report_lead_to_null_data(jsonapi: JsonApiClient) -> None:
    report = jsonapi.get(REPORTS).json()["data"][0]

    file_link = report["relationships"]["file"]["links"]["related"]
    progress_link = report["relationships"]["progress"]["links"]["related"]

    assert jsonapi.get(file_link).json()["data"] is None
    assert jsonapi.get(progress_link).json()["data"] is None


def test_related_links_stay_the_same_once_the_report_is_generated(jsonapi: JsonApiClient) -> None:
    before = jsonapi.get(REPORTS).json()["data"][1]
    jsonapi.post(REPORTS, json=create_document("item_analysis"))

    after = jsonapi.wait_until_generated(f"{REPORTS}/{before['id']}")["data"]

    assert after["relationships"]["file"]["links"] == before["relationships"]["file"]["links"]
    assert jsonapi.get(after["relationships"]["file"]["links"]["related"]).json()["data"]["type"] == "files"
