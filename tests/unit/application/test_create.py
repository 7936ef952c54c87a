from __future__ import annotations

import pytest

from application.errors import InvalidReportType
from domain.errors import ReportAlreadyGenerating
from tests.unit.application.harness import COURSE_ID, OTHER_QUIZ_ID, QUIZ_ID, TEACHER, Harness


def test_create_queues_a_progress_for_the_current_report(harness: Harness) -> None:
    current = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)[0]

    report = harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "student_analysis", False)

    assert report.report_id == current.report_id
    assert report.progress is not None
    assert (report.progress.workflow_state, report.progress.completion, report.progress.message) == (
        "queued",
        0.0,
        None,
    )
    assert harness.report_events(report.report_id) == ["Created", "Requested"]


def test_the_dispatcher_sends_one_message_per_request(harness: Harness) -> None:
    report_id = harness.queued_report()

    harness.dispatcher.catch_up()
    harness.dispatcher.catch_up()

    assert harness.queue.sent == [report_id]


def test_create_sends_no_message_itself(harness: Harness) -> None:
    harness.queued_report()

    assert harness.queue.sent == []


def test_create_while_queued_raises_already_generating(harness: Harness) -> None:
    harness.queued_report()
    events_before = harness.event_count()

    with pytest.raises(ReportAlreadyGenerating):
        harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "student_analysis", False)

    assert harness.event_count() == events_before


def test_create_of_a_generated_current_report_returns_it_unchanged(harness: Harness) -> None:
    report_id = harness.generated_report()
    events_before = harness.event_count()

    report = harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "student_analysis", False)

    assert report.report_id == report_id
    assert report.file is not None
    assert harness.event_count() == events_before


def test_create_rejects_an_unknown_report_type(harness: Harness) -> None:
    with pytest.raises(InvalidReportType):
        harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "course_analysis", False)


def test_create_of_item_analysis_forces_all_versions_and_no_sis_ids(harness: Harness) -> None:
    report = harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "item_analysis", False)

    assert (report.includes_all_versions, report.includes_sis_ids) == (True, False)


def test_create_queues_a_surveys_item_analysis_although_not_generatable(harness: Harness) -> None:
    harness.ingest_quiz(OTHER_QUIZ_ID, quiz_type="survey")

    report = harness.reports.create(TEACHER, COURSE_ID, OTHER_QUIZ_ID, "item_analysis", False)

    assert report.generatable is False
    assert report.progress is not None
