"""Audit use cases: a report's history, the report as it stood at a version or a moment, and the history
of a quiz's data (the quiz and its submissions), all read from the event store alone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from application.access import Caller
from application.errors import NotFound
from application.event_store import QuizReportsLog
from application.ports import ReadModel
from application.records import ReportRecord
from domain import ids
from domain.chain import CHAIN_FIELD
from domain.quiz_report import SYSTEM

logger = logging.getLogger(__name__)

# Attributes every event has; the rest of an event's attributes are its data.
_COMMON = frozenset(
    {"originator_id", "originator_version", "originator_topic", "timestamp", "actor", "request_id", CHAIN_FIELD}
)


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded event of an aggregate, as an auditor reads it."""

    subject: str
    """What the event belongs to: "quiz_report", "quiz" or "quiz_submission"."""
    subject_id: int
    version: int
    type: str
    occurred_at: datetime
    actor: str
    request_id: str | None
    chain_hash: str
    data: dict[str, Any]

    @classmethod
    def of(cls, subject: str, subject_id: int, event: Any) -> HistoryEntry:
        state = vars(event)
        return cls(
            subject=subject,
            subject_id=subject_id,
            version=event.originator_version,
            type=type(event).__name__,
            occurred_at=event.timestamp,
            actor=str(state.get("actor") or SYSTEM),
            request_id=state.get("request_id"),
            chain_hash=str(state.get(CHAIN_FIELD, "")),
            data={name: value for name, value in state.items() if name not in _COMMON},
        )

    def to_json(self, *, with_subject: bool) -> dict[str, Any]:
        """`{version, type, occurred_at, actor, request_id, chain_hash, data}`, preceded by what the event
        belongs to (`subject`, `subject_id`) when entries of several aggregates are listed together. Times
        keep their microseconds: several events can happen within one second."""
        body: dict[str, Any] = {"subject": self.subject, "subject_id": self.subject_id} if with_subject else {}
        body.update(
            version=self.version,
            type=self.type,
            occurred_at=self.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            actor=self.actor,
            request_id=self.request_id,
            chain_hash=self.chain_hash,
            data=self.data,
        )
        return body


class Audit:
    """`authorize(caller, course_id, quiz_id)` raises unless the caller may read the quiz's statistics
    (and 404s for an unknown course or quiz), as the reports' own use cases do; `state_of(events)` is the
    report document after a report's events (the read model's projection applied to them alone)."""

    def __init__(
        self,
        log: QuizReportsLog,
        read_model: ReadModel,
        authorize: Callable[[Caller, int, int], object],
        state_of: Callable[[list[Any]], ReportRecord | None],
    ) -> None:
        self._log = log
        self._read_model = read_model
        self._authorize = authorize
        self._state_of = state_of

    def report_history(self, caller: Caller, course_id: int, quiz_id: int, report_id: int) -> list[HistoryEntry]:
        """Every event of the report, oldest first."""
        self._report_of_quiz(caller, course_id, quiz_id, report_id)
        return self.timeline(report_id, caller.actor)

    def timeline(self, report_id: int, reader: str) -> list[HistoryEntry]:
        """Every event of the report, oldest first; `reader` (a user id, or who runs an operator's command)
        is logged with the report id, as every read of a history is."""
        events = list(self._log.events.get(ids.report_id(report_id)))
        if not events:
            raise NotFound("report")
        logger.info("report history read", extra={"actor": reader, "report_id": report_id})
        return [HistoryEntry.of("quiz_report", report_id, event) for event in events]

    def report_as_of(
        self,
        caller: Caller,
        course_id: int,
        quiz_id: int,
        report_id: int,
        *,
        version: int | None = None,
        as_of: datetime | None = None,
    ) -> ReportRecord:
        """The report document after its event `version`, or after its last event at or before `as_of`;
        404 when the report did not exist then or has no such version."""
        self._report_of_quiz(caller, course_id, quiz_id, report_id)
        recorded: list[Any] = list(self._log.events.get(ids.report_id(report_id), lte=version))
        events = [event for event in recorded if as_of is None or event.timestamp <= as_of]
        record = (
            self._state_of(events) if events and (version is None or events[-1].originator_version == version) else None
        )
        if record is None:
            raise NotFound("report")
        return record

    def quiz_history(self, caller: Caller, course_id: int, quiz_id: int) -> list[HistoryEntry]:
        """The quiz's events and the events of each of its submissions, in the order they occurred."""
        self._authorize(caller, course_id, quiz_id)
        logger.info("quiz history read", extra={"actor": caller.actor, "course_id": course_id, "quiz_id": quiz_id})
        entries = [
            HistoryEntry.of("quiz", quiz_id, event) for event in self._log.events.get(ids.quiz_id(course_id, quiz_id))
        ]
        for submission in self._read_model.iter_submission_heads(course_id, quiz_id):
            submission_id = int(submission["id"])
            aggregate = ids.submission_id(course_id, quiz_id, submission_id)
            entries.extend(
                HistoryEntry.of("quiz_submission", submission_id, event) for event in self._log.events.get(aggregate)
            )
        entries.sort(key=lambda entry: entry.occurred_at)
        return entries

    def _report_of_quiz(self, caller: Caller, course_id: int, quiz_id: int, report_id: int) -> None:
        self._authorize(caller, course_id, quiz_id)
        record = self._read_model.report(report_id)
        if record is None or (record.course_id, record.quiz_id) != (course_id, quiz_id):
            raise NotFound("report")
