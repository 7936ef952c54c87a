from __future__ import annotations

import pytest

from application.access import Caller, Principal
from application.errors import NotAuthorized, NotFound
from tests.unit.application.harness import (
    ADMIN,
    COURSE_ID,
    INTEGRATION,
    OTHER_QUIZ_ID,
    QUIZ_ID,
    STUDENT,
    TEACHER,
    Harness,
)

TEACHER_OF_ANOTHER_COURSE = Caller(Principal(user_id=301, course_id=2, role="teacher"), "req-other")


@pytest.mark.parametrize("caller", [STUDENT, TEACHER_OF_ANOTHER_COURSE], ids=["student", "other-course"])
def test_index_by_a_caller_without_read_statistics_records_nothing(harness: Harness, caller: Caller) -> None:
    events_before = harness.event_count()

    with pytest.raises(NotAuthorized):
        harness.reports.index(caller, COURSE_ID, QUIZ_ID, False)

    assert harness.event_count() == events_before


def test_create_by_a_student_is_not_authorized_and_records_nothing(harness: Harness) -> None:
    events_before = harness.event_count()

    with pytest.raises(NotAuthorized):
        harness.reports.create(STUDENT, COURSE_ID, QUIZ_ID, "student_analysis", False)

    assert harness.event_count() == events_before


def test_create_by_an_integration_is_not_authorized(harness: Harness) -> None:
    with pytest.raises(NotAuthorized):
        harness.reports.create(INTEGRATION, COURSE_ID, QUIZ_ID, "student_analysis", False)


def test_show_by_a_student_is_not_authorized(harness: Harness) -> None:
    report_id = harness.queued_report()

    with pytest.raises(NotAuthorized):
        harness.reports.show(STUDENT, COURSE_ID, QUIZ_ID, report_id)


def test_an_admin_can_create_with_sis_ids(harness: Harness) -> None:
    report = harness.reports.create(ADMIN, COURSE_ID, QUIZ_ID, "student_analysis", False)

    assert report.includes_sis_ids is True
    assert report.progress is not None


def test_an_unknown_course_is_not_found(harness: Harness) -> None:
    with pytest.raises(NotFound) as raised:
        harness.reports.index(ADMIN, 999, QUIZ_ID, False)

    assert raised.value.kind == "course"


def test_an_unknown_quiz_is_not_found(harness: Harness) -> None:
    with pytest.raises(NotFound) as raised:
        harness.reports.create(TEACHER, COURSE_ID, 999, "student_analysis", False)

    assert raised.value.kind == "quiz"


def test_an_unknown_report_is_not_found(harness: Harness) -> None:
    with pytest.raises(NotFound) as raised:
        harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, 999)

    assert raised.value.kind == "report"


def test_a_report_of_another_quiz_is_not_found(harness: Harness) -> None:
    harness.ingest_quiz(OTHER_QUIZ_ID)
    other = harness.reports.index(TEACHER, COURSE_ID, OTHER_QUIZ_ID, False)[0].report_id

    with pytest.raises(NotFound):
        harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, other)


def test_abort_of_a_report_of_another_quiz_is_not_found_and_records_nothing(harness: Harness) -> None:
    harness.ingest_quiz(OTHER_QUIZ_ID)
    other = harness.reports.create(TEACHER, COURSE_ID, OTHER_QUIZ_ID, "student_analysis", False).report_id
    events_before = harness.event_count()

    with pytest.raises(NotFound):
        harness.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, other)

    assert harness.event_count() == events_before


def test_an_unknown_progress_is_not_found(harness: Harness) -> None:
    with pytest.raises(NotFound):
        harness.reports.progress(TEACHER, 999)


def test_a_progress_is_hidden_from_a_student(harness: Harness) -> None:
    progress = harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "student_analysis", False).progress
    assert progress is not None

    with pytest.raises(NotAuthorized):
        harness.reports.progress(STUDENT, progress.progress_id)


def test_a_file_downloads_with_its_verifier(harness: Harness) -> None:
    file = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, harness.generated_report()).file
    assert file is not None

    found = harness.reports.file_by_verifier(file.file_id, file.uuid)

    assert found == file


def test_a_file_with_a_wrong_verifier_is_not_found(harness: Harness) -> None:
    file = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, harness.generated_report()).file
    assert file is not None

    with pytest.raises(NotFound):
        harness.reports.file_by_verifier(file.file_id, "not-the-uuid")
