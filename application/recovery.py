"""Recovery of generations that wait on a message that no longer exists.

A `Requested` generation waits for its queue message. If the broker lost the message (a Redis
restart without persistence), nothing would ever start it; so a generation queued for longer
than the lease is sent again. Duplicates are harmless: generation only starts a queued report.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from application.event_store import QuizReportsLog
from application.ports import GenerationQueue, ReadModel
from domain import ids
from domain.quiz_report import QUEUED, QuizReport

logger = logging.getLogger(__name__)


class QueuedGenerations:
    def __init__(self, log: QuizReportsLog, read_model: ReadModel, queue: GenerationQueue) -> None:
        self._log = log
        self._read_model = read_model
        self._queue = queue

    def resend_waiting(self, lease: timedelta) -> list[int]:
        """Send again the message of every generation queued for longer than `lease`."""
        now = datetime.now(UTC)
        resent = []
        for report_id in self._read_model.reports_in_states([QUEUED]):
            report: QuizReport = self._log.repository.get(ids.report_id(report_id))
            if report.progress_state == QUEUED and now - report.modified_on >= lease:
                self._queue.enqueue(report_id)
                resent.append(report_id)
        if resent:
            logger.info("sent again the generation messages of %d waiting reports", len(resent))
        return resent
