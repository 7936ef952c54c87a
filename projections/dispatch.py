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

from application.ports import GenerationQueue
from domain.quiz_report import QuizReport


class GenerationDispatch(Projection[Any]):
    # It reads every event, not only `Requested` (`topics`): a filtered read restarts from the last
    # `Requested` each time, which rescans everything recorded since (a long bulk ingestion).
    name = "generation_dispatch"

    def __init__(self, view: TrackingRecorder, queue: GenerationQueue) -> None:
        super().__init__(view)
        self._v = view
        self._queue = queue

    def process_batch(self, events: Sequence[tuple[Any, Tracking]]) -> None:
        """Send the messages of the batch's `Requested` events not yet tracked, then track the batch's
        last position once (a crash in between sends them again, which generation tolerates)."""
        if not events:
            return
        applied = self._v.max_tracking_id(events[0][1].application_name) or 0
        fresh = [(event, tracking) for event, tracking in events if tracking.notification_id > applied]
        for event, _ in fresh:
            if isinstance(event, QuizReport.Requested):
                self._queue.enqueue(int(event.report_id))
        if fresh:
            self._v.insert_tracking(fresh[-1][1])

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self._v.insert_tracking(tracking)

    @process_event.register
    def _(self, e: QuizReport.Requested, tracking: Tracking) -> None:
        self._queue.enqueue(int(e.report_id))
        self._v.insert_tracking(tracking)
