"""CHECKLIST §2.4: relationships and resource linkage."""

from __future__ import annotations

from tests.e2e.conftest import COURSE, QUIZ, REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient


def test_a_fresh_report_has_null_file_and_progress_linkage(jsonapi: JsonApiClient) -> None:
    relationships = jsonapi.get(REPORTS).json()["data"][0]["relationships"]

    assert relationships["file"] == {"data": None}
    assert relationships["progress"] == {"data": None}


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
