"""The event-sourced application that records every aggregate of the service in one log."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Application


class QuizReportsLog(Application[UUID]):
    """One notification log for courses, quizzes, submissions and reports, so that one
    projection sees them all in the order they happened."""

    name = "QuizReports"

    def last_position(self, recordings: list[Any]) -> int:
        """The log position of the last of `recordings` (0 when nothing was recorded)."""
        return max((r.notification.id for r in recordings), default=0)
