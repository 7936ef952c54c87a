"""The Quiz aggregate: a quiz definition (Canvas's quiz_data) as pushed by an integration.

`Published` marks a (re-)publication: a new non-null `published_at`. It makes earlier reports stale.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.events import Caused, CausedCreation, ChainedAggregate

SURVEY_TYPES = frozenset({"survey", "graded_survey"})


class Quiz(ChainedAggregate):
    class Created(CausedCreation):
        course_id: int
        quiz_id: int
        definition: dict[str, Any]

    class Updated(Caused):
        definition: dict[str, Any]

    class Published(Caused):
        definition: dict[str, Any]

    @staticmethod
    def create_id(course_id: int, quiz_id: int, **_: Any) -> UUID:
        return ids.quiz_id(course_id, quiz_id)

    @event(Created)
    def __init__(self, course_id: int, quiz_id: int, definition: dict[str, Any], actor: str, request_id: str) -> None:
        self.course_id = course_id
        self.quiz_id = quiz_id
        self.definition = definition

    @property
    def is_survey(self) -> bool:
        return self.definition.get("quiz_type") in SURVEY_TYPES

    @property
    def anonymous_submissions(self) -> bool:
        return bool(self.definition.get("anonymous_submissions"))

    def revise(self, definition: dict[str, Any], actor: str, request_id: str) -> bool:
        """Record a changed definition; False when nothing changed (an idempotent upsert)."""
        if definition == self.definition:
            return False
        published_at = definition.get("published_at")
        if published_at is not None and published_at != self.definition.get("published_at"):
            self._published(definition=definition, actor=actor, request_id=request_id)
        else:
            self._updated(definition=definition, actor=actor, request_id=request_id)
        return True

    @event(Updated)
    def _updated(self, definition: dict[str, Any], actor: str, request_id: str) -> None:
        self.definition = definition

    @event(Published)
    def _published(self, definition: dict[str, Any], actor: str, request_id: str) -> None:
        self.definition = definition
