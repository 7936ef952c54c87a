"""Report content as downloaded: course-level and service-level switches reach the CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import quiz_fixtures
from tests.e2e.conftest import COURSE, QUIZ_PATH, REPORTS, Api, seed, start_api


def _generate(api: Api, report_type: str) -> list[list[str]]:
    created = api.client.post(REPORTS, data={"quiz_report[report_type]": report_type}, headers=api.teacher).json()
    api.wait_for_progress(created["progress_url"])
    file = api.client.get(f"{REPORTS}/{created['id']}", headers=api.teacher).json()["file"]
    return list(csv.reader(io.StringIO(api.client.get(file["url"]).text)))


def test_a_course_whose_root_account_has_trusts_gets_the_root_account_column(api: Api) -> None:
    api.client.put(
        f"/api/v1/courses/{COURSE}",
        json={"course": {"name": "Statistics", "root_account_has_trusts": True}},
        headers=api.integration,
    )
    submission = quiz_fixtures.submission(1)
    submission["user"]["root_account"] = "school1"
    api.client.put(f"{QUIZ_PATH}/submissions/501", json={"quiz_submission": submission}, headers=api.integration)

    header, *rows = _generate(api, "student_analysis")

    assert header[:4] == ["name", "id", "sis_id", "root_account"]
    assert ["Student 1", "101", "S1", "school1"] in [row[:4] for row in rows]


def test_answers_that_look_like_formulas_are_guarded(api: Api) -> None:
    submission = quiz_fixtures.submission(1)
    submission["user"]["name"] = "=HYPERLINK(1)"
    api.client.put(f"{QUIZ_PATH}/submissions/501", json={"quiz_submission": submission}, headers=api.integration)

    _, *rows = _generate(api, "student_analysis")

    assert "'=HYPERLINK(1)" in [row[0] for row in rows]


@pytest.fixture
def unguarded_api(tmp_path: Path) -> Iterator[Api]:
    for started in start_api(tmp_path, worker=True, env={"QUIZ_REPORTS_CSV_FORMULA_GUARD": "0"}):
        seed(started)
        yield started


def test_the_formula_guard_can_be_turned_off(unguarded_api: Api) -> None:
    submission = quiz_fixtures.submission(1)
    submission["user"]["name"] = "=HYPERLINK(1)"
    unguarded_api.client.put(
        f"{QUIZ_PATH}/submissions/501", json={"quiz_submission": submission}, headers=unguarded_api.integration
    )

    _, *rows = _generate(unguarded_api, "student_analysis")

    assert "=HYPERLINK(1)" in [row[0] for row in rows]
