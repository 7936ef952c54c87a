"""The generation dispatcher: one queue message per `Requested` event, driven by the event log.

It follows committed events, so a request never sends a message itself and a broker outage only
delays generation. A message is sent before its position is tracked: after a crash between the
two it is sent again, which generation tolerates (it does nothing unless the report is queued).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import singledispatchmethod
from typing import Any

from eventsourcing.persistence import Tracking, TrackingRecorder
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from application.ports import GenerationQueue
from domain.quiz_report import QuizReport


class GenerationDispatch(Projection[Any]):
    """Reads only the `Requested` events; its follower tracks how far it read, past the last of them, so
    a long bulk ingestion between two requests is scanned once, by the database, and never decoded."""

    name = "generation_dispatch"
    topics = (get_topic(QuizReport.Requested),)

    def __init__(self, view: TrackingRecorder, queue: GenerationQueue) -> None:
        super().__init__(view)
        self._v = view
        self._queue = queue

    def process_batch(self, events: Sequence[tuple[Any, Tracking]], through: Tracking | None = None) -> None:
        """Send the messages of the batch's `Requested` events not yet tracked, then track the batch's
        last position (`through`, when given) once: a crash in between sends them again, which generation
        tolerates."""
        last = through or (events[-1][1] if events else None)
        if last is None:
            return
        applied = self._v.max_tracking_id(last.application_name) or 0
        for event, tracking in events:
            if tracking.notification_id > applied and isinstance(event, QuizReport.Requested):
                self._queue.enqueue(int(event.report_id))
        if last.notification_id > applied:
            self._v.insert_tracking(last)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self._v.insert_tracking(tracking)

    @process_event.register
    def _(self, e: QuizReport.Requested, tracking: Tracking) -> None:
        self._queue.enqueue(int(e.report_id))
        self._v.insert_tracking(tracking)
