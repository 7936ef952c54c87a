from __future__ import annotations

from datetime import timedelta

from application.recovery import QueuedGenerations
from tests.unit.application.harness import Harness


def test_a_generation_queued_past_the_lease_is_sent_again(harness: Harness) -> None:
    report_id = harness.queued_report()
    waiting = QueuedGenerations(harness.log, harness.read_model, harness.queue)

    resent = waiting.resend_waiting(timedelta(0))

    assert resent == [report_id]
    assert harness.queue.sent[-1] == report_id


def test_a_generation_queued_within_the_lease_is_left_alone(harness: Harness) -> None:
    harness.queued_report()
    sent_before = list(harness.queue.sent)
    waiting = QueuedGenerations(harness.log, harness.read_model, harness.queue)

    resent = waiting.resend_waiting(timedelta(hours=1))

    assert resent == []
    assert harness.queue.sent == sent_before


def test_a_running_generation_is_not_sent_again(harness: Harness) -> None:
    report_id = harness.queued_report()
    harness.leave_running(report_id)
    waiting = QueuedGenerations(harness.log, harness.read_model, harness.queue)

    assert waiting.resend_waiting(timedelta(0)) == []
