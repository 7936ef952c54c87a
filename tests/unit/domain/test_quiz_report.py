from __future__ import annotations

from typing import Any

import pytest

from domain.errors import (
    GenerationNotPending,
    GenerationNotQueued,
    GenerationNotRunning,
    ReportAlreadyGenerating,
    ReportNotAbortable,
    ReportNotBeingGenerated,
)
from domain.quiz_report import COMPLETED, FAILED, QUEUED, RUNNING, GeneratedFile, QuizReport

ACTOR, REQUEST = "7", "req-1"
FILE = GeneratedFile(file_id=900, uuid="abc", filename="r.csv", display_name="R.csv", size=12, sha256="00", row_count=3)


def new_report() -> QuizReport:
    report = QuizReport(
        report_id=1,
        course_id=2,
        quiz_id=3,
        report_type="student_analysis",
        includes_all_versions=False,
        includes_sis_ids=True,
        anonymous=False,
        generatable=True,
        actor=ACTOR,
        request_id=REQUEST,
    )
    report.collect_events()
    return report


def queued_report(progress_id: int = 50) -> QuizReport:
    report = new_report()
    report.request_generation(progress_id, ACTOR, REQUEST)
    report.collect_events()
    return report


def running_report() -> QuizReport:
    report = queued_report()
    report.start(ACTOR, REQUEST)
    report.collect_events()
    return report


def failed_report() -> QuizReport:
    report = running_report()
    report.fail("Unexpected error, ID: 9", ACTOR, REQUEST)
    report.collect_events()
    return report


def completed_report() -> QuizReport:
    report = running_report()
    report.complete(FILE, ACTOR, REQUEST)
    report.collect_events()
    return report


def event_names(report: QuizReport) -> list[str]:
    return [type(e).__name__ for e in report.collect_events()]


def last_event_data(report: QuizReport) -> dict[str, Any]:
    return dict(vars(report.collect_events()[-1]))


def test_a_new_report_records_created_without_progress_or_file() -> None:
    report = QuizReport(
        report_id=1,
        course_id=2,
        quiz_id=3,
        report_type="item_analysis",
        includes_all_versions=True,
        includes_sis_ids=False,
        anonymous=True,
        generatable=False,
        actor=ACTOR,
        request_id=REQUEST,
    )

    assert event_names(report) == ["Created"]
    assert (report.progress_id, report.progress_state, report.file) == (None, None, None)
    assert (report.report_type, report.anonymous, report.generatable) == ("item_analysis", True, False)


def test_report_ids_derive_from_the_integer_report_id() -> None:
    assert new_report().id == QuizReport.create_id(1)


def test_requesting_generation_queues_a_progress() -> None:
    report = new_report()

    requested = report.request_generation(50, ACTOR, REQUEST)

    assert requested is True
    assert (report.progress_id, report.progress_state, report.completion) == (50, QUEUED, 0.0)
    data = last_event_data(report)
    assert (data["progress_id"], data["retry"]) == (50, False)


def test_requesting_generation_records_requested() -> None:
    report = new_report()

    report.request_generation(50, ACTOR, REQUEST)

    assert event_names(report) == ["Requested"]


@pytest.mark.parametrize("arrange", [queued_report, running_report])
def test_requesting_generation_while_generating_raises(arrange: Any) -> None:
    report: QuizReport = arrange()

    with pytest.raises(ReportAlreadyGenerating):
        report.request_generation(51, ACTOR, REQUEST)

    assert event_names(report) == []


def test_requesting_generation_when_a_file_exists_is_a_no_op() -> None:
    report = completed_report()

    requested = report.request_generation(51, ACTOR, REQUEST)

    assert requested is False
    assert event_names(report) == []
    assert report.progress_id == 50


def test_requesting_generation_after_a_failure_requeues_with_a_new_progress() -> None:
    report = failed_report()

    requested = report.request_generation(51, ACTOR, REQUEST)

    assert requested is True
    assert event_names(report) == ["Requested"]
    assert (report.progress_id, report.progress_state) == (51, QUEUED)


def test_starting_a_queued_generation_makes_it_running() -> None:
    report = queued_report()

    report.start(ACTOR, REQUEST)

    assert event_names(report) == ["Started"]
    assert report.progress_state == RUNNING


@pytest.mark.parametrize("arrange", [new_report, running_report, failed_report, completed_report])
def test_only_a_queued_generation_can_start(arrange: Any) -> None:
    report: QuizReport = arrange()

    with pytest.raises(GenerationNotQueued):
        report.start(ACTOR, REQUEST)


def test_an_aborted_generation_never_starts() -> None:
    report = queued_report()
    report.abort(ACTOR, REQUEST)

    with pytest.raises(GenerationNotQueued):
        report.start(ACTOR, REQUEST)


def test_progress_updates_record_the_completion() -> None:
    report = running_report()

    report.update_progress(30, ACTOR, REQUEST)

    assert event_names(report) == ["ProgressUpdated"]
    assert report.completion == 30.0


@pytest.mark.parametrize("arrange", [queued_report, failed_report, completed_report])
def test_progress_updates_need_a_running_generation(arrange: Any) -> None:
    report: QuizReport = arrange()

    with pytest.raises(GenerationNotRunning):
        report.update_progress(30, ACTOR, REQUEST)


def test_completing_stores_the_file_and_full_completion() -> None:
    report = running_report()

    report.complete(FILE, ACTOR, REQUEST)

    assert (report.progress_state, report.completion, report.file) == (COMPLETED, 100.0, FILE)
    data = last_event_data(report)
    assert (data["file_id"], data["size"], data["sha256"], data["row_count"]) == (900, 12, "00", 3)


def test_a_report_cannot_complete_twice() -> None:
    report = completed_report()

    with pytest.raises(GenerationNotRunning):
        report.complete(FILE, ACTOR, REQUEST)


def test_a_queued_generation_cannot_complete() -> None:
    report = queued_report()

    with pytest.raises(GenerationNotRunning):
        report.complete(FILE, ACTOR, REQUEST)


@pytest.mark.parametrize("arrange", [queued_report, running_report])
def test_failing_a_pending_generation_records_failed(arrange: Any) -> None:
    report: QuizReport = arrange()

    report.fail("Unexpected error, ID: 9", ACTOR, REQUEST)

    assert event_names(report) == ["Failed"]
    assert report.progress_state == FAILED
    assert not report.is_generating


@pytest.mark.parametrize("arrange", [new_report, failed_report, completed_report])
def test_only_a_pending_generation_can_fail(arrange: Any) -> None:
    report: QuizReport = arrange()

    with pytest.raises(GenerationNotPending):
        report.fail("boom", ACTOR, REQUEST)


def test_aborting_a_report_with_a_file_removes_the_file_and_its_progress() -> None:
    report = completed_report()

    report.abort(ACTOR, REQUEST)

    assert event_names(report) == ["Removed"]
    assert (report.file, report.progress_id, report.progress_state) == (None, None, None)


def test_aborting_a_report_without_progress_raises_not_being_generated() -> None:
    report = new_report()

    with pytest.raises(ReportNotBeingGenerated):
        report.abort(ACTOR, REQUEST)


def test_aborting_a_running_generation_raises_not_abortable() -> None:
    report = running_report()

    with pytest.raises(ReportNotAbortable):
        report.abort(ACTOR, REQUEST)

    assert report.progress_state == RUNNING


@pytest.mark.parametrize("arrange", [queued_report, failed_report])
def test_aborting_a_queued_or_failed_generation_records_aborted(arrange: Any) -> None:
    report: QuizReport = arrange()

    report.abort(ACTOR, REQUEST)

    assert event_names(report) == ["Aborted"]
    assert (report.progress_id, report.progress_state) == (None, None)


def test_a_removed_file_can_be_generated_again() -> None:
    report = completed_report()
    report.abort(ACTOR, REQUEST)

    requested = report.request_generation(52, ACTOR, REQUEST)

    assert requested is True
    assert (report.progress_id, report.progress_state) == (52, QUEUED)


def test_retrying_an_interrupted_generation_requeues_the_same_progress() -> None:
    report = running_report()
    report.update_progress(40, ACTOR, REQUEST)
    report.collect_events()

    report.retry_interrupted(ACTOR, REQUEST)

    data = last_event_data(report)
    assert (data["progress_id"], data["retry"]) == (50, True)
    assert (report.progress_id, report.progress_state, report.completion) == (50, QUEUED, 0.0)


@pytest.mark.parametrize("arrange", [new_report, queued_report, failed_report, completed_report])
def test_only_a_running_generation_can_be_retried(arrange: Any) -> None:
    report: QuizReport = arrange()

    with pytest.raises(GenerationNotRunning):
        report.retry_interrupted(ACTOR, REQUEST)
