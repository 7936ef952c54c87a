"""The Course aggregate: the course that quizzes and reports belong to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.events import Caused, CausedCreation, ChainedAggregate


class Course(ChainedAggregate):
    """A course; `root_account_has_trusts` says its root account trusts others, which adds the
    root_account column to student analyses (canvas-facts §12)."""

    class Created(CausedCreation):
        course_id: int
        name: str
        root_account_has_trusts: bool

    class Updated(Caused):
        name: str
        root_account_has_trusts: bool

    @staticmethod
    def create_id(course_id: int, **_: Any) -> UUID:
        return ids.course_id(course_id)

    @event(Created)
    def __init__(self, course_id: int, name: str, root_account_has_trusts: bool, actor: str, request_id: str) -> None:
        self.course_id = course_id
        self.name = name
        self.root_account_has_trusts = root_account_has_trusts

    def revise(self, name: str, root_account_has_trusts: bool, actor: str, request_id: str) -> bool:
        """Record changed attributes; False when nothing changed (an idempotent upsert)."""
        if (name, root_account_has_trusts) == (self.name, self.root_account_has_trusts):
            return False
        self._updated(name=name, root_account_has_trusts=root_account_has_trusts, actor=actor, request_id=request_id)
        return True

    @event(Updated)
    def _updated(self, name: str, root_account_has_trusts: bool, actor: str, request_id: str) -> None:
        self.name = name
        self.root_account_has_trusts = root_account_has_trusts
