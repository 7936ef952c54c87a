"""The Course aggregate: the course that quizzes and reports belong to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import ids
from domain.events import Caused, CausedCreation


class Course(Aggregate):
    class Created(CausedCreation):
        course_id: int
        name: str

    class Renamed(Caused):
        name: str

    @staticmethod
    def create_id(course_id: int, **_: Any) -> UUID:
        return ids.course_id(course_id)

    @event(Created)
    def __init__(self, course_id: int, name: str, actor: str, request_id: str) -> None:
        self.course_id = course_id
        self.name = name

    def rename(self, name: str, actor: str, request_id: str) -> bool:
        """Record a new name; False when the name is unchanged (an idempotent upsert)."""
        if name == self.name:
            return False
        self._renamed(name=name, actor=actor, request_id=request_id)
        return True

    @event(Renamed)
    def _renamed(self, name: str, actor: str, request_id: str) -> None:
        self.name = name
