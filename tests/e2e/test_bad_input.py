"""Bad requests get the right status and a JSON body that says what was wrong; nothing is recorded."""

from __future__ import annotations

import pytest

from tests import quiz_fixtures
from tests.e2e.conftest import COURSE, OTHER_QUIZ, QUIZ_PATH, REPORTS, Api


def test_unknown_report_type_is_a_bad_request_with_canvas_body(api: Api) -> None:
    response = api.client.post(REPORTS, data={"quiz_report[report_type]": "grade_analysis"}, headers=api.teacher)

    assert response.status_code == 400
    assert response.json() == {"status": "bad_request", "message": "invalid quiz report type"}


def test_missing_report_type_is_a_bad_request(api: Api) -> None:
    response = api.client.post(REPORTS, headers=api.teacher)

    assert response.status_code == 400
    assert response.json()["message"] == "invalid quiz report type"


def test_malformed_json_body_is_a_bad_request(api: Api) -> None:
    headers = {**api.teacher, "Content-Type": "application/json"}

    response = api.client.post(REPORTS, content=b'{"quiz_report": ', headers=headers)

    assert response.status_code == 400
    assert response.json()["status"] == "bad_request"
    assert "malformed JSON" in response.json()["message"]


def test_malformed_form_body_is_a_bad_request(api: Api) -> None:
    headers = {**api.teacher, "Content-Type": "application/x-www-form-urlencoded"}

    response = api.client.post(REPORTS, content=b"quiz_report[report_type]&&=", headers=headers)

    assert response.status_code == 400
    assert "malformed form body" in response.json()["message"]


def test_unsupported_body_type_is_refused(api: Api) -> None:
    headers = {**api.teacher, "Content-Type": "text/xml"}

    response = api.client.post(REPORTS, content=b"<quiz_report/>", headers=headers)

    assert response.status_code == 415
    assert response.json()["status"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/courses/99/quizzes/8/reports",
        f"/api/v1/courses/{COURSE}/quizzes/99/reports",
        f"{REPORTS}/999999",
        "/api/v1/progress/999999",
        "/api/v1/files/999999",
        "/api/v1/courses/99",
        f"/api/v1/courses/{COURSE}/quizzes/99",
        "/api/v1/no/such/route",
    ],
)
def test_unknown_objects_are_not_found(api: Api, path: str) -> None:
    response = api.client.get(path, headers=api.teacher)

    assert response.status_code == 404
    assert response.json() == {"errors": [{"message": "The specified resource does not exist."}]}


def test_a_report_under_another_quiz_is_not_found(api: Api) -> None:
    report = api.client.get(REPORTS, headers=api.teacher).json()[0]

    response = api.client.get(
        f"/api/v1/courses/{COURSE}/quizzes/{OTHER_QUIZ}/reports/{report['id']}", headers=api.teacher
    )

    assert response.status_code == 404


def test_a_download_with_a_wrong_verifier_is_not_found(api: Api) -> None:
    created = api.client.post(REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=api.teacher)
    api.wait_for_progress(created.json()["progress_url"])
    file = api.client.get(f"{REPORTS}/{created.json()['id']}", headers=api.teacher).json()["file"]

    response = api.client.get(f"/files/{file['id']}/download?verifier=not-the-uuid")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"quiz": {"quiz_type": "assignment"}}, "quiz.title"),
        ({"quiz": {"title": 5}}, "quiz.title"),
        ({"quiz": {"title": "T", "quiz_type": "exam"}}, "quiz.quiz_type"),
        ({"quiz": {"title": "T", "published_at": "yesterday"}}, "quiz.published_at"),
        ({"quiz": {"title": "T", "questions": [{"question_type": "essay_question"}]}}, "quiz.questions.0.id"),
        ({"quiz": {"title": "T", "questions": [{"id": "7", "question_type": "x"}]}}, "quiz.questions.0.id"),
        ({"title": "T"}, "quiz"),
    ],
)
def test_invalid_quiz_is_refused_naming_the_field_and_records_nothing(
    api: Api, body: dict[str, object], field: str
) -> None:
    before = api.events_recorded()

    response = api.client.put(f"/api/v1/courses/{COURSE}/quizzes/77", json=body, headers=api.integration)

    assert response.status_code == 400
    assert field in [error["field"] for error in response.json()["errors"]]
    assert api.events_recorded() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attempts": None}, "quiz_submission.attempts"),
        ({"user": {"name": "No Id"}}, "quiz_submission.user.id"),
        ({"kept_score": "lots"}, "quiz_submission.kept_score"),
        ({"was_preview": "perhaps"}, "quiz_submission.was_preview"),
        ({"user": None}, "quiz_submission.user"),
        ({"colour": "blue"}, "quiz_submission.colour"),
    ],
)
def test_invalid_submission_is_refused_naming_the_field_and_records_nothing(
    api: Api, change: dict[str, object], field: str
) -> None:
    submission = {**quiz_fixtures.submission(1), **change}
    before = api.events_recorded()

    response = api.client.put(
        f"{QUIZ_PATH}/submissions/501", json={"quiz_submission": submission}, headers=api.integration
    )

    assert response.status_code == 400
    assert field in [error["field"] for error in response.json()["errors"]]
    assert api.events_recorded() == before


def test_bulk_with_one_invalid_submission_records_nothing(api: Api) -> None:
    good = quiz_fixtures.submission(1, "FAFA")
    bad = {**quiz_fixtures.submission(2), "attempts": [{"attempt": "one"}]}
    before = api.events_recorded()

    response = api.client.post(
        f"{QUIZ_PATH}/submissions/bulk", json={"quiz_submissions": [good, bad]}, headers=api.integration
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("quiz_submissions.1.attempts.0")
    assert api.events_recorded() == before


def test_course_without_name_is_refused(api: Api) -> None:
    response = api.client.put("/api/v1/courses/50", json={"course": {}}, headers=api.integration)

    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "course.name", "message": "Missing data for required field."}]


def test_quiz_in_an_unknown_course_is_not_found(api: Api) -> None:
    response = api.client.put(
        "/api/v1/courses/50/quizzes/1", json={"quiz": quiz_fixtures.quiz()}, headers=api.integration
    )

    assert response.status_code == 404
