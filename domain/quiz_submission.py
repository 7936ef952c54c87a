"""The QuizSubmission aggregate: one student's (or logged-out taker's) submission and its attempts."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.events import Caused, CausedCreation, ChainedAggregate


class QuizSubmission(ChainedAggregate):
    """`profile` holds everything but the attempts; attempts are keyed by their number."""

    class Created(CausedCreation):
        course_id: int
        quiz_id: int
        submission_id: int
        profile: dict[str, Any]

    class Updated(Caused):
        profile: dict[str, Any]

    class AttemptRecorded(Caused):
        attempt: dict[str, Any]

    @staticmethod
    def create_id(course_id: int, quiz_id: int, submission_id: int, **_: Any) -> UUID:
        return ids.submission_id(course_id, quiz_id, submission_id)

    @event(Created)
    def __init__(
        self,
        course_id: int,
        quiz_id: int,
        submission_id: int,
        profile: dict[str, Any],
        actor: str,
        request_id: str,
    ) -> None:
        self.course_id = course_id
        self.quiz_id = quiz_id
        self.submission_id = submission_id
        self.profile = profile
        self.attempts: dict[int, dict[str, Any]] = {}

    def revise(self, profile: dict[str, Any], attempts: list[dict[str, Any]], actor: str, request_id: str) -> int:
        """Record what changed; returns the number of events recorded (0 for an identical upsert)."""
        recorded = 0
        if profile != self.profile:
            self._updated(profile=profile, actor=actor, request_id=request_id)
            recorded += 1
        for attempt in attempts:
            if self.attempts.get(attempt["attempt"]) != attempt:
                self._attempt_recorded(attempt=attempt, actor=actor, request_id=request_id)
                recorded += 1
        return recorded

    @event(Updated)
    def _updated(self, profile: dict[str, Any], actor: str, request_id: str) -> None:
        self.profile = profile

    @event(AttemptRecorded)
    def _attempt_recorded(self, attempt: dict[str, Any], actor: str, request_id: str) -> None:
        self.attempts[attempt["attempt"]] = attempt
