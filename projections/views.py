"""The write side of the read model: what the projection records, always with its tracking position.

Each method writes its rows and the tracking record in one transaction, so an event is applied
exactly once however often it is delivered. Inside `batch()` the methods of the same thread share the
batch's transaction instead, and only the batch's last position is recorded, when it commits.
Rows are addressed by the id of the aggregate whose event changes them; created events carry the natural (Canvas) keys.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import Tracking


class ReadModelView(Protocol):
    def skip(self, tracking: Tracking) -> None:
        """Advance the tracking position without changing any row."""
        ...

    def max_position(self, application_name: str) -> int: ...

    def batch(self, application_name: str) -> AbstractContextManager[int]:
        """One transaction for the writes made in the block (all or nothing, tracking included); the
        block receives the position of `application_name` tracked when it began."""
        ...

    def put_course(
        self, aggregate_id: UUID, course_id: int | None, attributes: dict[str, Any], tracking: Tracking
    ) -> None:
        """Insert the course (with `course_id`) or replace its `name` and `root_account_has_trusts`."""
        ...

    def put_quiz(
        self,
        aggregate_id: UUID,
        keys: tuple[int, int] | None,
        definition: dict[str, Any],
        is_activity: bool,
        tracking: Tracking,
        *,
        plain: bool,
    ) -> None:
        """Insert the quiz (`keys` = course and quiz ids) or replace its definition; when
        `is_activity`, the quiz's activity position becomes this event's position. `plain`: the definition
        is known to be plain JSON (`application.event_store.holds_plain_json`)."""
        ...

    def put_submission(
        self,
        aggregate_id: UUID,
        keys: tuple[int, int, int] | None,
        profile: dict[str, Any],
        tracking: Tracking,
        *,
        plain: bool,
    ) -> None:
        """Insert the submission (`keys` = course, quiz, submission ids) or replace its profile (`plain` as
        for `put_quiz`)."""
        ...

    def record_attempt(self, aggregate_id: UUID, attempt: dict[str, Any], tracking: Tracking, *, plain: bool) -> None:
        """Store one attempt by its number; the quiz's activity position becomes this event's (`plain` as for
        `put_quiz`)."""
        ...

    def insert_report(self, aggregate_id: UUID, report: dict[str, Any], at: datetime, tracking: Tracking) -> None: ...

    def put_progress(self, aggregate_id: UUID, progress_id: int, at: datetime, tracking: Tracking) -> None:
        """Queue a progress for the report: a new one, or the same one again (a retried generation)."""
        ...

    def update_progress(self, aggregate_id: UUID, changes: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        """Change columns (`workflow_state`, `completion`, `message`) of the report's progress."""
        ...

    def insert_file(self, aggregate_id: UUID, file: dict[str, Any], at: datetime, tracking: Tracking) -> None:
        """Store the report's file and mark its progress completed with completion 100."""
        ...

    def forget_generation(self, aggregate_id: UUID, at: datetime, tracking: Tracking) -> None:
        """Delete the report's progress and file rows."""
        ...
