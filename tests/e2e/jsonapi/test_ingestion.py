"""Courses, quizzes and submissions in JSON:API mode: resources out, resource objects in."""

from __future__ import annotations

from typing import Any

from tests import quiz_fixtures
from tests.e2e.conftest import COURSE, QUIZ_PATH
from tests.e2e.jsonapi.conftest import JsonApiClient


def _put(jsonapi: JsonApiClient, url: str, data: dict[str, Any]) -> Any:
    return jsonapi.put(url, json={"data": data}, headers=jsonapi.api.integration)


def test_put_course_answers_the_course_resource(jsonapi: JsonApiClient) -> None:
    response = _put(jsonapi, "/api/v1/courses/41", {"type": "courses", "id": "41", "attributes": {"name": "Algebra"}})

    assert response.status_code == 200
    assert response.json()["data"]["attributes"] == {"name": "Algebra"}


def test_put_quiz_answers_the_quiz_resource(jsonapi: JsonApiClient) -> None:
    attributes = quiz_fixtures.quiz(title="Week 1")

    response = _put(
        jsonapi,
        f"/api/v1/courses/{COURSE}/quizzes/55",
        {"type": "quizzes", "id": f"{COURSE}-55", "attributes": attributes},
    )

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["title"] == "Week 1"


def test_an_id_other_than_the_urls_is_a_conflict(jsonapi: JsonApiClient) -> None:
    response = _put(jsonapi, "/api/v1/courses/41", {"type": "courses", "id": "42", "attributes": {"name": "A"}})

    assert response.status_code == 409
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/id"}


def test_an_invalid_attribute_is_422_pointing_into_the_attributes(jsonapi: JsonApiClient) -> None:
    attributes = {"title": "T", "questions": [{"question_type": "essay_question"}]}

    response = _put(
        jsonapi,
        f"/api/v1/courses/{COURSE}/quizzes/56",
        {"type": "quizzes", "id": f"{COURSE}-56", "attributes": attributes},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/attributes/questions/0/id"}


def test_put_submission_answers_a_meta_document(jsonapi: JsonApiClient) -> None:
    submission = {key: value for key, value in quiz_fixtures.submissions()[0].items() if key != "id"}

    response = _put(
        jsonapi, f"{QUIZ_PATH}/submissions/9001", {"type": "quiz-submissions", "id": "9001", "attributes": submission}
    )

    assert response.status_code == 200
    assert set(response.json()["meta"]) == {"events_recorded"}


def test_bulk_submissions_take_an_array_of_resources(jsonapi: JsonApiClient) -> None:
    data = [
        {"type": "quiz-submissions", "id": str(900 + index), "attributes": {k: v for k, v in s.items() if k != "id"}}
        for index, s in enumerate(quiz_fixtures.submissions()[:2])
    ]

    response = jsonapi.post(f"{QUIZ_PATH}/submissions/bulk", json={"data": data}, headers=jsonapi.api.integration)

    assert response.status_code == 200
    assert response.json()["meta"]["submissions"] == 2


def test_bulk_submissions_with_a_repeated_id_are_a_conflict(jsonapi: JsonApiClient) -> None:
    attributes = {k: v for k, v in quiz_fixtures.submissions()[0].items() if k != "id"}
    data = [{"type": "quiz-submissions", "id": "7", "attributes": attributes}] * 2

    response = jsonapi.post(f"{QUIZ_PATH}/submissions/bulk", json={"data": data}, headers=jsonapi.api.integration)

    assert response.status_code == 409
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/1/id"}
