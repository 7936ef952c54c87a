from __future__ import annotations

import hashlib
import itertools
from datetime import timedelta

import pytest

from application import generation
from application.errors import Unavailable
from application.generation import progress_steps
from domain import ids
from domain.quiz_report import QuizReport
from tests.unit.application.harness import COURSE_ID, QUIZ_ID, TEACHER, Harness, submission


class RecordingSync:
    """The harness's `ProjectionSync`, remembering each call with its position (for `caught_up`, the
    log's end when it was called)."""

    def __init__(self, harness: Harness) -> None:
        self._harness = harness
        self.calls: list[tuple[str, int]] = []

    def wait_for(self, position: int) -> None:
        self.calls.append(("wait_for", position))
        self._harness.sync.wait_for(position)

    def caught_up(self) -> int:
        self.calls.append(("caught_up", self._harness.event_count()))
        return self._harness.sync.caught_up()


class StalledSync:
    """A `ProjectionSync` whose projector is down."""

    def wait_for(self, position: int) -> None:
        raise Unavailable(f"the read model did not reach position {position}")

    def caught_up(self) -> int:
        raise Unavailable("the read model did not catch up")


def progress_completions(harness: Harness, report_id: int) -> list[float]:
    events = harness.log.events.get(ids.report_id(report_id))
    return [e.completion for e in events if isinstance(e, QuizReport.ProgressUpdated)]


def test_progress_steps_are_each_new_tenth_below_100() -> None:
    steps = list(progress_steps(20))

    assert steps == [(2 * n, 10.0 * n) for n in range(1, 10)]


def test_progress_steps_skip_tenths_that_rows_jump_over() -> None:
    assert list(progress_steps(5)) == [(1, 20.0), (2, 40.0), (3, 60.0), (4, 80.0)]


def test_progress_steps_round_halves_up_as_ruby_does() -> None:
    assert next(iter(progress_steps(8))) == (1, 13.0)


def test_progress_steps_of_a_single_row_are_none() -> None:
    assert list(progress_steps(1)) == []


def test_generation_completes_a_queued_report(harness: Harness) -> None:
    harness.ingest_submissions(*(submission(n) for n in range(1, 21)))
    report_id = harness.queued_report()

    generated = harness.generation.generate(report_id, "message-1")

    report = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id)
    assert generated is True
    assert report.progress is not None
    assert (report.progress.workflow_state, report.progress.completion) == ("completed", 100.0)
    assert report.file is not None
    assert report.file.row_count == 20


def test_generation_stores_the_file_with_its_size_and_sha256(harness: Harness) -> None:
    harness.ingest_submissions(submission(1), submission(2))
    report_id = harness.queued_report()

    harness.generation.generate(report_id, "message-1")

    file = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).file
    assert file is not None
    content = harness.files.files[file.file_id]
    assert content.startswith(b"name,id,sis_id,")
    assert (file.size, file.sha256) == (len(content), hashlib.sha256(content).hexdigest())


def test_generation_records_progress_in_tenths_of_the_rows(harness: Harness) -> None:
    harness.ingest_submissions(*(submission(n) for n in range(1, 21)))
    report_id = harness.queued_report()

    harness.report_generation(progress_interval=0).generate(report_id, "message-1")

    assert harness.report_events(report_id) == [
        "Created",
        "Requested",
        "Started",
        *["ProgressUpdated"] * 9,
        "Completed",
    ]
    assert progress_completions(harness, report_id) == [10.0 * n for n in range(1, 10)]


def test_a_report_rendered_within_the_progress_interval_records_no_step(harness: Harness) -> None:
    harness.ingest_submissions(*(submission(n) for n in range(1, 21)))
    report_id = harness.queued_report()

    harness.report_generation(progress_interval=60).generate(report_id, "message-1")

    assert harness.report_events(report_id) == ["Created", "Requested", "Started", "Completed"]


def test_progress_steps_are_recorded_once_the_interval_passed_since_the_last_event(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.ingest_submissions(*(submission(n) for n in range(1, 21)))
    report_id = harness.queued_report()
    ticks = itertools.count()
    monkeypatch.setattr(generation, "monotonic", lambda: 0.3 * next(ticks))  # each reading 0.3 s later

    harness.report_generation(progress_interval=0.5).generate(report_id, "message-1")

    assert progress_completions(harness, report_id) == [20.0, 40.0, 60.0, 80.0]


def test_only_the_outcome_of_a_generation_waits_for_the_read_model(harness: Harness) -> None:
    harness.ingest_submissions(*(submission(n) for n in range(1, 21)))
    report_id = harness.queued_report()
    requested_at = harness.event_count()
    sync = RecordingSync(harness)

    harness.report_generation(sync, progress_interval=0).generate(report_id, "message-1")

    assert sync.calls == [("caught_up", requested_at), ("wait_for", harness.event_count())]


def test_a_generation_whose_read_model_cannot_catch_up_leaves_the_report_queued(harness: Harness) -> None:
    report_id = harness.queued_report()

    with pytest.raises(Unavailable):
        harness.report_generation(StalledSync()).generate(report_id, "message-1")

    assert harness.report_events(report_id) == ["Created", "Requested"]


def test_generation_of_an_item_analysis_completes(harness: Harness) -> None:
    harness.ingest_submissions(submission(1))
    report_id = harness.queued_report("item_analysis")

    harness.generation.generate(report_id, "message-1")

    assert harness.report_events(report_id)[-1] == "Completed"


def test_generation_of_a_report_never_requested_does_nothing(harness: Harness) -> None:
    report_id = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)[0].report_id
    events_before = harness.event_count()

    generated = harness.generation.generate(report_id, "message-1")

    assert generated is False
    assert harness.event_count() == events_before


def test_generation_of_a_completed_report_does_nothing(harness: Harness) -> None:
    report_id = harness.generated_report()
    events_before = harness.event_count()

    generated = harness.generation.generate(report_id, "message-2")

    assert generated is False
    assert harness.event_count() == events_before


def test_a_generation_that_raises_ends_failed_with_the_error_id(failing_harness: Harness) -> None:
    report_id = failing_harness.queued_report()

    generated = failing_harness.generation.generate(report_id, "message-1")

    progress = failing_harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress
    assert generated is True
    assert progress is not None
    assert progress.workflow_state == "failed"
    assert progress.message == f"Unexpected error, ID: {failing_harness.ids.last}"
    assert failing_harness.report_events(report_id)[-1] == "Failed"


def test_a_failed_generation_discards_its_partial_file(failing_harness: Harness) -> None:
    report_id = failing_harness.queued_report()

    failing_harness.generation.generate(report_id, "message-1")

    assert len(failing_harness.files.discarded) == 1
    assert failing_harness.files.files == {}
    assert failing_harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).file is None


def test_create_after_a_failure_requeues_with_a_new_progress(failing_harness: Harness) -> None:
    report_id = failing_harness.queued_report()
    failing_harness.generation.generate(report_id, "message-1")
    failed = failing_harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress

    report = failing_harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "student_analysis", False)

    assert failed is not None
    assert report.report_id == report_id
    assert report.progress is not None
    assert report.progress.progress_id != failed.progress_id
    assert (report.progress.workflow_state, report.progress.message) == ("queued", None)


def test_the_dispatcher_sends_a_new_message_for_a_requeued_failure(failing_harness: Harness) -> None:
    report_id = failing_harness.queued_report()
    failing_harness.generation.generate(report_id, "message-1")
    failing_harness.reports.create(TEACHER, COURSE_ID, QUIZ_ID, "student_analysis", False)

    failing_harness.dispatcher.catch_up()

    assert failing_harness.queue.sent == [report_id, report_id]


def test_retry_interrupted_requeues_running_reports_with_their_progress(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.leave_running(report_id)
    running = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress

    retried = harness.generation.retry_interrupted("startup")

    progress = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress
    assert retried == [report_id]
    assert running is not None
    assert progress is not None
    assert (progress.progress_id, progress.workflow_state) == (running.progress_id, "queued")


def test_a_retried_generation_is_dispatched_again_and_completes(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.leave_running(report_id)
    harness.generation.retry_interrupted("startup")
    harness.dispatcher.catch_up()

    generated = harness.generation.generate(report_id, "message-2")

    assert harness.queue.sent == [report_id, report_id]
    assert generated is True
    assert harness.report_events(report_id)[-1] == "Completed"


def test_retry_interrupted_leaves_queued_reports_alone(harness: Harness) -> None:
    harness.queued_report()
    events_before = harness.event_count()

    retried = harness.generation.retry_interrupted("startup")

    assert retried == []
    assert harness.event_count() == events_before


def test_a_generation_silent_for_longer_than_its_lease_is_queued_again(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.leave_running(report_id)

    recovered = harness.generation.recover_stalled("sweep", timedelta(0), max_retries=2)

    progress = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress
    assert recovered == [report_id]
    assert progress is not None
    assert progress.workflow_state == "queued"


def test_a_generation_within_its_lease_is_left_running(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.leave_running(report_id)
    events_before = harness.event_count()

    recovered = harness.generation.recover_stalled("sweep", timedelta(hours=1), max_retries=2)

    assert recovered == []
    assert harness.event_count() == events_before


def test_a_generation_interrupted_past_the_retry_limit_fails(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.leave_running(report_id)
    harness.generation.recover_stalled("sweep", timedelta(0), max_retries=1)
    harness.leave_running(report_id)

    harness.generation.recover_stalled("sweep", timedelta(0), max_retries=1)

    progress = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id).progress
    assert progress is not None
    assert progress.workflow_state == "failed"
    assert progress.message == f"Unexpected error, ID: {harness.ids.last}"
