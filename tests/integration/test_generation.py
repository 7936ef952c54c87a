"""Generation on each backend: Dramatiq worker threads, messages sent by the dispatcher from the
event log, and restarts that lose nothing."""

from __future__ import annotations

import hashlib
import time

import pytest

from adapters.bootstrap import Services
from domain import ids
from domain.quiz_report import QuizReport
from tests.integration.conftest import (
    COURSE,
    QUIZ,
    TEACHER,
    Deployment,
    event_names,
    load_report,
    running,
    seed,
    wait_until_completed,
)

pytestmark = pytest.mark.integration


def test_a_requested_report_is_generated_by_the_worker(deployment: Deployment) -> None:
    with running(deployment) as services:
        seed(services)

        report = services.reports.create(TEACHER, COURSE, QUIZ, "student_analysis", False)
        wait_until_completed(services, report.report_id)

        names = event_names(services, report.report_id)
        record = services.read_model.report(report.report_id)
        assert record is not None
        assert record.file is not None
        stored = b"".join(services.files.read(record.file.file_id))

    assert names[:3] == ["Created", "Requested", "Started"]
    assert names[-1] == "Completed"
    assert len(stored) == record.file.size
    assert hashlib.sha256(stored).hexdigest() == record.file.sha256
    assert record.file.row_count == 6


def test_a_report_queued_when_the_server_stopped_completes_after_a_restart(deployment: Deployment) -> None:
    with running(deployment, worker=False) as services:
        seed(services)
        report = services.reports.create(TEACHER, COURSE, QUIZ, "item_analysis", False)

    with running(deployment) as services:
        wait_until_completed(services, report.report_id)
        names = event_names(services, report.report_id)

    assert names.count("Started") == 1
    assert names.count("Completed") == 1


def test_a_duplicated_message_changes_nothing(deployment: Deployment) -> None:
    with running(deployment) as services:
        seed(services)
        report_id = services.reports.create(TEACHER, COURSE, QUIZ, "student_analysis", False).report_id
        wait_until_completed(services, report_id)
        before = event_names(services, report_id)

        services.broker.get_actor("generate_quiz_report").send(report_id)
        services.broker.join(services.settings.queue_name)

        after = event_names(services, report_id)
    assert after == before


@pytest.mark.parametrize("deployment", ["sqlite"], indirect=True)
def test_the_read_model_rebuilt_from_the_log_is_identical(deployment: Deployment) -> None:
    with running(deployment) as services:
        seed(services)
        created = services.reports.create(TEACHER, COURSE, QUIZ, "student_analysis", False)
        wait_until_completed(services, created.report_id)
        services.reports.index(TEACHER, COURSE, QUIZ, True)
        services.sync.caught_up()
        original = services.read_model.report(created.report_id)
        original_submissions = services.read_model.submissions(COURSE, QUIZ)

    (deployment.data_dir / "read_model.sqlite3").unlink()
    for leftover in deployment.data_dir.glob("read_model.sqlite3-*"):
        leftover.unlink()
    with running(deployment, worker=False) as services:
        rebuilt = services.read_model.report(created.report_id)
        rebuilt_submissions = services.read_model.submissions(COURSE, QUIZ)

    assert rebuilt == original
    assert rebuilt_submissions == original_submissions


def _start_and_vanish(services: Services, report_id: int) -> None:
    """What a worker that took the generation and died leaves behind: `Started`, nothing after."""
    report = load_report(services, report_id)
    report.start("system", "a-worker-that-vanished")
    services.log.save(report)


def test_a_generation_whose_worker_vanished_is_retried_and_completes_once(deployment: Deployment) -> None:
    short_lease = {"QUIZ_REPORTS_GENERATION_LEASE_SECONDS": "0.5"}
    with running(deployment, worker=False, env=short_lease) as services:
        seed(services)
        report_id = services.reports.create(TEACHER, COURSE, QUIZ, "item_analysis", False).report_id
        _start_and_vanish(services, report_id)

    with running(deployment, env=short_lease) as services:
        wait_until_completed(services, report_id)
        names = event_names(services, report_id)
        requested = [
            e for e in services.log.events.get(ids.report_id(report_id)) if isinstance(e, QuizReport.Requested)
        ]

    assert names[:5] == ["Created", "Requested", "Started", "Requested", "Started"]
    assert names.count("Completed") == 1
    assert len({e.progress_id for e in requested}) == 1


def test_a_generation_interrupted_beyond_the_retry_limit_fails(deployment: Deployment) -> None:
    no_retries = {"QUIZ_REPORTS_GENERATION_LEASE_SECONDS": "0.2", "QUIZ_REPORTS_GENERATION_RETRIES": "0"}
    with running(deployment, worker=False, env=no_retries) as services:
        seed(services)
        report_id = services.reports.create(TEACHER, COURSE, QUIZ, "item_analysis", False).report_id
        _start_and_vanish(services, report_id)
        deadline = time.monotonic() + 10
        while load_report(services, report_id).progress_state == "running" and time.monotonic() < deadline:
            time.sleep(0.05)
        names = event_names(services, report_id)

    assert names == ["Created", "Requested", "Started", "Failed"]
