"""The projection's writes of courses, quizzes, submissions and attempts, each with its tracking record."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from adapters.sql.attempt_rows import AttemptRow
from adapters.sql.base import SqlBase


class SqlQuizDataWrites(SqlBase):
    """Courses, quizzes and submissions by aggregate id; attempts one row each, by their number.

    A submission's profile and its attempts are kept apart so that reading one attempt (or only the light
    part of every attempt) never decodes the others (see ``adapters.sql.attempt_rows``).
    """

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
    ) -> None:
        with self._write() as c:
            if keys is None:
                self._run(
                    c,
                    "UPDATE quizzes SET definition = ? WHERE aggregate_id = ?",
                    (json.dumps(definition), str(aggregate_id)),
                )
            else:
                self._run(
                    c,
                    "INSERT INTO quizzes (aggregate_id, course_id, quiz_id, definition, activity_position)"
                    " VALUES (?, ?, ?, ?, 0)",
                    (str(aggregate_id), *keys, json.dumps(definition)),
                )
            if is_activity:
                self._run(
                    c,
                    "UPDATE quizzes SET activity_position = ? WHERE aggregate_id = ?",
                    (tracking.notification_id, str(aggregate_id)),
                )
            self._track(c, tracking)

    def put_submission(
        self, aggregate_id: UUID, keys: tuple[int, int, int] | None, profile: dict[str, Any], tracking: Tracking
    ) -> None:
        with self._write() as c:
            if keys is None:
                self._run(
                    c,
                    "UPDATE submissions SET profile = ? WHERE aggregate_id = ?",
                    (json.dumps(profile), str(aggregate_id)),
                )
            else:
                self._run(
                    c,
                    "INSERT INTO submissions (aggregate_id, course_id, quiz_id, submission_id, profile)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (str(aggregate_id), *keys, json.dumps(profile)),
                )
            self._track(c, tracking)

    def record_attempt(self, aggregate_id: UUID, attempt: dict[str, Any], tracking: Tracking) -> None:
        # The submission's keys are read inside the statements rather than fetched first: no statement
        # waits for a result, so a batch on PostgreSQL sends them all in one pipeline. The submission's
        # row exists, as its Created event comes before its attempts in the log.
        row = AttemptRow.of(attempt)
        with self._write() as c:
            self._run(
                c,
                "INSERT INTO attempts (course_id, quiz_id, submission_id, attempt, head, responses, answer_ids,"
                " fast_json) SELECT course_id, quiz_id, submission_id, ?, ?, ?, ?, ? FROM submissions"
                " WHERE aggregate_id = ?"
                " ON CONFLICT (course_id, quiz_id, submission_id, attempt) DO UPDATE SET head = excluded.head,"
                " responses = excluded.responses, answer_ids = excluded.answer_ids,"
                " fast_json = excluded.fast_json",
                (row.number, row.head, row.responses, row.answer_ids, row.fast, str(aggregate_id)),
            )
            self._run(
                c,
                "UPDATE quizzes SET activity_position = ? WHERE (course_id, quiz_id) IN"
                " (SELECT course_id, quiz_id FROM submissions WHERE aggregate_id = ?)",
                (tracking.notification_id, str(aggregate_id)),
            )
            self._track(c, tracking)
