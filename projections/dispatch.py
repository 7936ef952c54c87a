"""The generation dispatcher: one queue message per `Requested` event, driven by the event log.

It follows committed events, so a request never sends a message itself and a broker outage only
delays generation. A message is sent before its position is tracked: after a crash between the
two it is sent again, which generation tolerates (it does nothing unless the report is queued).
"""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any

from eventsourcing.persistence import Tracking, TrackingRecorder
from eventsourcing.projection import Projection

from application.ports import GenerationQueue
from domain.quiz_report import QuizReport


class GenerationDispatch(Projection[Any]):
    name = "generation_dispatch"

    def __init__(self, view: TrackingRecorder, queue: GenerationQueue) -> None:
        super().__init__(view)
        self._v = view
        self._queue = queue

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self._v.insert_tracking(tracking)

    @process_event.register
    def _(self, e: QuizReport.Requested, tracking: Tracking) -> None:
        self._queue.enqueue(int(e.report_id))
        self._v.insert_tracking(tracking)
