"""The projection's writes of courses, quizzes, submissions and attempts, each with its tracking record, and
which submissions it has written."""

from __future__ import annotations

from collections.abc import Collection
from operator import itemgetter
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from adapters.sql.attempt_rows import AttemptRow
from adapters.sql.base import SqlBase
from adapters.sql.json_text import encode

_IDS_PER_QUERY = 500  # two more parameters: under SQLite's oldest limit of 999 per statement


class SqlQuizDataWrites(SqlBase):
    """Courses, quizzes and submissions by aggregate id; attempts one row each, by their number.

    A submission's profile and its attempts are kept apart so that reading one attempt (or only the light
    part of every attempt) never decodes the others (see ``adapters.sql.attempt_rows``). In a batch, the
    writes of consecutive submission events are held and sent together (``SubmissionWrites``).
    """

    def recorded_submissions(self, course_id: int, quiz_id: int, submission_ids: Collection[int]) -> set[int]:
        """Which of ``submission_ids`` of the quiz have a row."""
        wanted = sorted(submission_ids)
        found: set[int] = set()
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            rows = self._all(
                "SELECT submission_id FROM submissions WHERE course_id = ? AND quiz_id = ?"
                f" AND submission_id IN ({', '.join('?' for _ in chunk)})",
                (course_id, quiz_id, *chunk),
            )
            found.update(int(row["submission_id"]) for row in rows)
        return found

    def put_course(
        self, aggregate_id: UUID, course_id: int | None, attributes: dict[str, Any], tracking: Tracking
    ) -> None:
        values = (attributes["name"], bool(attributes["root_account_has_trusts"]), str(aggregate_id))
        with self._write() as c:
            if course_id is None:
                self._run(c, "UPDATE courses SET name = ?, root_account_has_trusts = ? WHERE aggregate_id = ?", values)
            else:
                self._run(
                    c,
                    "INSERT INTO courses (name, root_account_has_trusts, aggregate_id, course_id) VALUES (?, ?, ?, ?)",
                    (*values, course_id),
                )
            self._track(c, tracking)

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
        text = encode(definition, plain)[0]
        with self._write() as c:
            if keys is None:
                self._run(
                    c,
                    "UPDATE quizzes SET definition = ? WHERE aggregate_id = ?",
                    (text, str(aggregate_id)),
                )
            else:
                self._run(
                    c,
                    "INSERT INTO quizzes (aggregate_id, course_id, quiz_id, definition, activity_position)"
                    " VALUES (?, ?, ?, ?, 0)",
                    (str(aggregate_id), *keys, text),
                )
            if is_activity:
                self._run(
                    c,
                    "UPDATE quizzes SET activity_position = ? WHERE aggregate_id = ?",
                    (tracking.notification_id, str(aggregate_id)),
                )
            self._track(c, tracking)

    def put_submission(
        self,
        aggregate_id: UUID,
        keys: tuple[int, int, int] | None,
        profile: dict[str, Any],
        tracking: Tracking,
        *,
        plain: bool,
    ) -> None:
        key, text = str(aggregate_id), encode(profile, plain)[0]
        self._hold(SubmissionWrites, tracking, lambda writes: writes.put(key, keys, text))

    def record_attempt(self, aggregate_id: UUID, attempt: dict[str, Any], tracking: Tracking, *, plain: bool) -> None:
        key, row = str(aggregate_id), AttemptRow.of(attempt, plain)
        self._hold(SubmissionWrites, tracking, lambda writes: writes.record(key, row, tracking.notification_id))

    def _send_submissions(self, c: Any, writes: SubmissionWrites) -> None:
        """Send ``writes`` in their order (see ``SubmissionWrites``), each statement once per row: cheap where
        the database runs in the process (SQLite). The submission's keys are read inside the statements
        rather than fetched first, so that no statement waits for a result."""
        if writes.created:
            self._run_many(
                c,
                "INSERT INTO submissions (aggregate_id, course_id, quiz_id, submission_id, profile)"
                " VALUES (?, ?, ?, ?, ?)",
                writes.created,
            )
        if writes.profiles:
            self._run_many(
                c,
                "UPDATE submissions SET profile = ? WHERE aggregate_id = ?",
                [(profile, aggregate_id) for aggregate_id, profile in writes.profiles.items()],
            )
        if not writes.attempts:
            return
        self._run_many(
            c,
            "INSERT INTO attempts (course_id, quiz_id, submission_id, attempt, head, responses, answer_ids,"
            " fast_json) SELECT course_id, quiz_id, submission_id, ?, ?, ?, ?, ? FROM submissions"
            " WHERE aggregate_id = ?"
            " ON CONFLICT (course_id, quiz_id, submission_id, attempt) DO UPDATE SET head = excluded.head,"
            " responses = excluded.responses, answer_ids = excluded.answer_ids,"
            " fast_json = excluded.fast_json",
            [
                (row.number, row.head, row.responses, row.answer_ids, row.fast, aggregate_id)
                for (aggregate_id, _), row in writes.attempts.items()
            ],
        )
        # In order of position, so that each quiz ends with the position of its last attempt.
        self._run_many(
            c,
            "UPDATE quizzes SET activity_position = ? WHERE (course_id, quiz_id) IN"
            " (SELECT course_id, quiz_id FROM submissions WHERE aggregate_id = ?)",
            [(position, aggregate_id) for aggregate_id, position in sorted(writes.activity.items(), key=itemgetter(1))],
        )


class SubmissionWrites:
    """The rows of consecutive submission events, sent together: the new submissions, then the changed
    profiles (the last one of each submission), then the attempts (the last one of each number) with the
    activity positions of their quizzes. That leaves the rows applying the events one by one leaves: an
    attempt needs only its submission's row, which the submission's first event (before its attempts)
    inserts, and a profile needs no attempt."""

    def __init__(self, writer: SqlQuizDataWrites) -> None:
        self._writer = writer
        self.created: list[tuple[str, int, int, int, str]] = []
        self.profiles: dict[str, str] = {}
        self.attempts: dict[tuple[str, int], AttemptRow] = {}
        self.activity: dict[str, int] = {}

    def put(self, aggregate_id: str, keys: tuple[int, int, int] | None, profile: str) -> None:
        """Insert the submission (with its course, quiz and submission ids) or replace its profile."""
        if keys is None:
            self.profiles[aggregate_id] = profile
        else:
            self.created.append((aggregate_id, *keys, profile))

    def record(self, aggregate_id: str, attempt: AttemptRow, position: int) -> None:
        """Store the attempt by its number; its quiz's activity position becomes ``position``."""
        self.attempts[(aggregate_id, attempt.number)] = attempt
        self.activity[aggregate_id] = position

    def __len__(self) -> int:
        return len(self.created) + len(self.profiles) + len(self.attempts)

    def flush(self, c: Any) -> None:
        self._writer._send_submissions(c, self)
