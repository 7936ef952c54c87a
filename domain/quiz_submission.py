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

    # Updated and AttemptRecorded, the events of bulk ingestion, are triggered and applied directly: the
    # `@event` decorator's argument matching cost about a quarter of deciding an ingested submission.
    class Updated(Caused):
        profile: dict[str, Any]

        def apply(self, aggregate: Any) -> None:
            aggregate.profile = self.profile

    class AttemptRecorded(Caused):
        attempt: dict[str, Any]

        def apply(self, aggregate: Any) -> None:
            aggregate.attempts[self.attempt["attempt"]] = self.attempt

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
            self.trigger_event(self.Updated, profile=profile, actor=actor, request_id=request_id)
            recorded += 1
        for attempt in attempts:
            if self.attempts.get(attempt["attempt"]) != attempt:
                self.trigger_event(self.AttemptRecorded, attempt=attempt, actor=actor, request_id=request_id)
                recorded += 1
        return recorded
