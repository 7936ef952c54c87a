from __future__ import annotations

import pytest

from application.access import Caller
from application.errors import NotAuthorized
from domain.errors import ReportNotAbortable, ReportNotBeingGenerated
from tests.unit.application.harness import COURSE_ID, INTEGRATION, QUIZ_ID, STUDENT, TA, TEACHER, Harness


def test_abort_of_a_generated_report_removes_its_file_and_progress(harness: Harness) -> None:
    report_id = harness.generated_report()

    harness.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, report_id)

    report = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id)
    assert (report.file, report.progress) == (None, None)
    assert harness.report_events(report_id)[-1] == "Removed"


def test_abort_of_a_generated_report_deletes_the_stored_file(harness: Harness) -> None:
    report_id = harness.generated_report()

    harness.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, report_id)

    assert harness.files.files == {}


def test_abort_of_a_queued_generation_cancels_it(harness: Harness) -> None:
    report_id = harness.queued_report()

    harness.reports.abort(TA, COURSE_ID, QUIZ_ID, report_id)

    assert harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress is None
    assert harness.report_events(report_id)[-1] == "Aborted"


def test_an_aborted_generation_never_starts(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, report_id)

    generated = harness.generation.generate(report_id, "message-1")

    assert generated is False
    assert harness.report_events(report_id)[-1] == "Aborted"


def test_abort_of_a_failed_generation_forgets_it(failing_harness: Harness) -> None:
    report_id = failing_harness.queued_report()
    failing_harness.generation.generate(report_id, "message-1")

    failing_harness.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, report_id)

    assert failing_harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress is None


def test_abort_of_a_running_generation_is_refused(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.leave_running(report_id)
    events_before = harness.event_count()

    with pytest.raises(ReportNotAbortable):
        harness.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, report_id)

    assert harness.event_count() == events_before


def test_abort_of_a_report_never_generated_is_refused(harness: Harness) -> None:
    report_id = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)[0].report_id

    with pytest.raises(ReportNotBeingGenerated):
        harness.reports.abort(TEACHER, COURSE_ID, QUIZ_ID, report_id)


@pytest.mark.parametrize("caller", [STUDENT, INTEGRATION], ids=["student", "integration"])
def test_abort_by_a_caller_who_cannot_generate_is_not_authorized(harness: Harness, caller: Caller) -> None:
    report_id = harness.queued_report()
    events_before = harness.event_count()

    with pytest.raises(NotAuthorized):
        harness.reports.abort(caller, COURSE_ID, QUIZ_ID, report_id)

    assert harness.event_count() == events_before
