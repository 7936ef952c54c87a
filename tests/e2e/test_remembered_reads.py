"""Reads answered from memory are the reads of the stores: the same bytes, and every change seen by the next
request, whether it came through the API, the projection or a commit outside it (as a rebuild's swap)."""

from __future__ import annotations

from tests import quiz_fixtures
from tests.e2e.conftest import QUIZ_PATH, REPORTS, Api

JSONAPI = {"Accept": "application/vnd.api+json"}


def generated_report(api: Api) -> str:
    created = api.client.post(REPORTS, data={"quiz_report[report_type]": "student_analysis"}, headers=api.teacher)
    api.wait_for_progress(created.json()["progress_url"])
    return f"{REPORTS}/{created.json()['id']}"


def test_a_report_read_again_is_the_same_bytes_in_both_formats(api: Api) -> None:
    report = generated_report(api)
    for url, headers in [(report, api.teacher), (f"{report}?include=file,progress", {**api.teacher, **JSONAPI})]:
        first = api.client.get(url, headers=headers)

        again = api.client.get(url, headers=headers)

        assert again.status_code == first.status_code == 200
        assert again.content == first.content
        assert list(again.headers) == list(first.headers)
        assert again.headers["content-type"] == first.headers["content-type"]


def test_the_next_show_after_an_abort_has_no_file(api: Api) -> None:
    report = generated_report(api)
    api.client.get(report, headers=api.teacher)
    assert "file" in api.client.get(report, headers=api.teacher).json()

    assert api.client.delete(report, headers=api.teacher).status_code == 204

    assert "file" not in api.client.get(report, headers=api.teacher).json()


def test_a_row_changed_outside_the_projection_is_shown_by_the_next_request(api: Api) -> None:
    report = generated_report(api)
    report_id = report.rsplit("/", 1)[1]
    assert api.client.get(report, headers=api.teacher).json()["anonymous"] is False
    api.client.get(report, headers=api.teacher)

    with api.services.read_model.datastore.transaction(commit=True) as c:  # as a rebuild's swap of live rows does
        c.execute(f"UPDATE reports SET anonymous = TRUE WHERE report_id = {int(report_id)}")

    assert api.client.get(report, headers=api.teacher).json()["anonymous"] is True


def test_the_next_index_after_a_new_attempt_has_new_reports(api: Api) -> None:
    before = api.client.get(REPORTS, headers=api.teacher).json()
    assert api.client.get(REPORTS, headers=api.teacher).json() == before
    attempt = quiz_fixtures.submission(3, "TDFA", attempt=2)
    api.client.put(f"{QUIZ_PATH}/submissions/503", json={"quiz_submission": attempt}, headers=api.integration)

    after = api.client.get(REPORTS, headers=api.teacher).json()

    assert {report["id"] for report in after}.isdisjoint(report["id"] for report in before)


def test_the_next_progress_after_a_generation_has_moved(idle_api: Api) -> None:
    created = idle_api.client.post(
        REPORTS, data={"quiz_report[report_type]": "item_analysis"}, headers=idle_api.teacher
    ).json()
    queued = idle_api.client.get(created["progress_url"], headers=idle_api.teacher).json()
    idle_api.client.get(created["progress_url"], headers=idle_api.teacher)

    idle_api.services.generation.generate(created["id"], "message-1")

    completed = idle_api.client.get(created["progress_url"], headers=idle_api.teacher).json()
    assert (queued["workflow_state"], completed["workflow_state"]) == ("queued", "completed")
