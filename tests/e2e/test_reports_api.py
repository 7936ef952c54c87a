"""The four Quiz Reports endpoints in Canvas's classic JSON (canvas-facts §3–§7)."""

from __future__ import annotations

import csv
import io

from tests import quiz_fixtures
from tests.e2e.conftest import COURSE, OTHER_QUIZ, QUIZ, QUIZ_PATH, REPORTS, Api

REPORT_KEYS = [
    "id",
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


def test_index_returns_both_report_types_in_canvas_key_order(api: Api) -> None:
    response = api.client.get(REPORTS, headers=api.teacher)

    assert response.status_code == 200
    student, item = response.json()
    assert list(student) == [*REPORT_KEYS, "quiz_id", "course_id"]
    assert (student["report_type"], item["report_type"]) == ("student_analysis", "item_analysis")
    assert student["readable_type"] == "Student Analysis"
    assert student["url"] == f"http://testserver{REPORTS}/{student['id']}"
    assert (student["includes_all_versions"], item["includes_all_versions"]) == (False, True)
    assert (student["includes_sis_ids"], item["includes_sis_ids"]) == (True, False)


def test_index_returns_the_same_current_reports_twice(api: Api) -> None:
    first = [report["id"] for report in api.client.get(REPORTS, headers=api.teacher).json()]

    second = [report["id"] for report in api.client.get(REPORTS, headers=api.teacher).json()]

    assert first == second


def test_index_for_a_ta_has_no_sis_ids(api: Api) -> None:
    student, _ = api.client.get(REPORTS, headers=api.ta).json()

    assert student["includes_sis_ids"] is False


def test_create_generates_the_report_and_show_embeds_its_file(api: Api) -> None:
    created = api.client.post(REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=api.teacher)
    progress = api.wait_for_progress(created.json()["progress_url"])
    shown = api.client.get(f"{REPORTS}/{created.json()['id']}", headers=api.teacher).json()

    assert created.status_code == 200
    assert "file" not in created.json()
    assert progress["workflow_state"] == "completed"
    assert progress["completion"] == 100.0
    assert shown["file"]["display_name"] == f"Quiz {QUIZ} Quiz Item Analysis Report.csv"
    assert shown["file"]["filename"] == "quiz_item_analysis_report.csv"
    assert list(shown)[-3:] == ["file", "quiz_id", "course_id"]


def test_downloaded_item_analysis_has_canvas_rows(api: Api) -> None:
    created = api.client.post(REPORTS, json={"quiz_report": {"report_type": "item_analysis"}}, headers=api.teacher)
    api.wait_for_progress(created.json()["progress_url"])
    file = api.client.get(f"{REPORTS}/{created.json()['id']}", headers=api.teacher).json()["file"]

    download = api.client.get(file["url"])

    assert download.status_code == 200
    assert download.headers["content-type"] == "text/csv; charset=utf-8"
    assert int(download.headers["content-length"]) == file["size"] == len(download.content)
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0][:3] == ["Question Id", "Question Title", "Answered Student Count"]
    assert rows[1][:4] == ["1", "Question text", "6", "2"]
    assert rows[1][-4:-2] == ["0.8696263565463043", "-0.8696263565463043"]


def test_create_returns_the_generated_report_again_without_regenerating(api: Api) -> None:
    first = api.client.post(REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=api.teacher)
    api.wait_for_progress(first.json()["progress_url"])

    again = api.client.post(REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=api.teacher)

    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["file"]["id"] > 0
    assert again.json()["progress_url"] == first.json()["progress_url"]


def test_create_while_queued_is_a_conflict(idle_api: Api) -> None:
    idle_api.client.post(REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=idle_api.teacher)

    again = idle_api.client.post(
        REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=idle_api.teacher
    )

    assert again.status_code == 409
    assert again.json() == {"status": "conflict", "message": "report is already being generated"}


def test_show_with_include_progress_embeds_the_queued_progress(idle_api: Api) -> None:
    created = idle_api.client.post(
        REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=idle_api.teacher
    ).json()

    shown = idle_api.client.get(f"{REPORTS}/{created['id']}?include[]=progress", headers=idle_api.teacher).json()

    assert shown["progress"]["workflow_state"] == "queued"
    assert shown["progress"]["completion"] == 0.0
    assert shown["progress"]["context_id"] == created["id"]
    assert "file" not in shown


def test_abort_of_a_queued_report_cancels_it(idle_api: Api) -> None:
    created = idle_api.client.post(
        REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=idle_api.teacher
    ).json()

    response = idle_api.client.delete(f"{REPORTS}/{created['id']}", headers=idle_api.teacher)

    assert response.status_code == 204
    assert response.content == b""
    shown = idle_api.client.get(f"{REPORTS}/{created['id']}", headers=idle_api.teacher).json()
    assert "progress_url" not in shown


def test_abort_without_a_generation_is_unprocessable(api: Api) -> None:
    report = api.client.get(REPORTS, headers=api.teacher).json()[0]

    response = api.client.delete(f"{REPORTS}/{report['id']}", headers=api.teacher)

    assert response.status_code == 422
    assert response.json() == {"status": "unprocessable_entity", "message": "report is not being generated"}


def test_abort_of_a_generated_report_removes_its_file(api: Api) -> None:
    created = api.client.post(REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=api.teacher)
    api.wait_for_progress(created.json()["progress_url"])
    file_url = api.client.get(f"{REPORTS}/{created.json()['id']}", headers=api.teacher).json()["file"]["url"]

    response = api.client.delete(f"{REPORTS}/{created.json()['id']}", headers=api.teacher)

    assert response.status_code == 204
    assert api.client.get(file_url).status_code == 404
    assert "file" not in api.client.get(f"{REPORTS}/{created.json()['id']}", headers=api.teacher).json()


def test_reports_of_an_empty_quiz_are_generated(api: Api) -> None:
    path = f"/api/v1/courses/{COURSE}/quizzes/{OTHER_QUIZ}/reports"
    created = api.client.post(path, data={"quiz_report[report_type]": "student_analysis"}, headers=api.teacher)

    progress = api.wait_for_progress(created.json()["progress_url"])

    assert progress["workflow_state"] == "completed"


def test_create_reads_query_parameters_too(idle_api: Api) -> None:
    response = idle_api.client.post(
        f"{REPORTS}?quiz_report[report_type]=student_analysis&quiz_report[includes_all_versions]=true",
        headers=idle_api.teacher,
    )

    assert response.status_code == 200
    assert response.json()["includes_all_versions"] is True


def test_index_with_all_versions_returns_all_versions_student_analysis(api: Api) -> None:
    plain = api.client.get(REPORTS, headers=api.teacher).json()

    all_versions = api.client.get(f"{REPORTS}?includes_all_versions=1", headers=api.teacher).json()

    assert all_versions[0]["includes_all_versions"] is True
    assert all_versions[0]["id"] != plain[0]["id"]
    assert all_versions[1]["id"] == plain[1]["id"]


def test_a_new_attempt_makes_the_next_index_create_new_reports(api: Api) -> None:
    before = [report["id"] for report in api.client.get(REPORTS, headers=api.teacher).json()]
    attempt = quiz_fixtures.submission(3, "TDFA", attempt=2)
    api.client.put(f"{QUIZ_PATH}/submissions/503", json={"quiz_submission": attempt}, headers=api.integration)

    after = [report["id"] for report in api.client.get(REPORTS, headers=api.teacher).json()]

    assert set(after).isdisjoint(before)
