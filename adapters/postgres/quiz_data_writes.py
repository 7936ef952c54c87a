"""The read model's submission writes on PostgreSQL: each kind of row of a batch in one statement."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from adapters.sql.quiz_data_writes import SqlQuizDataWrites, SubmissionWrites

# Each column of the rows goes to the server as one text that the server splits into an array: joining the
# values is one call for the client, where an array parameter costs it a few calls per value. Each value
# follows a U+001E (a None is a U+001F), and the split drops the empty text before the first separator.
# No value holds either character: JSON text escapes every control character, and the others are ids,
# numbers and booleans.
_SEPARATOR, _NULL = "\x1e", "\x1f"
_TEXTS = "(string_to_array(%s, chr(30), chr(31)))[2:]"
_BIGINTS = f"({_TEXTS})::bigint[]"
_BOOLEANS = f"({_TEXTS})::boolean[]"

_INSERT_SUBMISSIONS = (
    "INSERT INTO submissions (aggregate_id, course_id, quiz_id, submission_id, profile)"
    f" SELECT * FROM unnest({_TEXTS}, {_BIGINTS}, {_BIGINTS}, {_BIGINTS}, {_TEXTS})"
)
_UPDATE_PROFILES = (
    f"UPDATE submissions s SET profile = b.profile FROM unnest({_TEXTS}, {_TEXTS}) AS b (aggregate_id, profile)"
    " WHERE s.aggregate_id = b.aggregate_id"
)
_UPSERT_ATTEMPTS = (
    "INSERT INTO attempts (course_id, quiz_id, submission_id, attempt, head, responses, answer_ids, fast_json)"
    " SELECT s.course_id, s.quiz_id, s.submission_id, b.attempt, b.head, b.responses, b.answer_ids, b.fast_json"
    f" FROM unnest({_TEXTS}, {_BIGINTS}, {_TEXTS}, {_TEXTS}, {_TEXTS}, {_BOOLEANS})"
    " AS b (aggregate_id, attempt, head, responses, answer_ids, fast_json)"
    " JOIN submissions s ON s.aggregate_id = b.aggregate_id"
    " ON CONFLICT (course_id, quiz_id, submission_id, attempt) DO UPDATE SET head = excluded.head,"
    " responses = excluded.responses, answer_ids = excluded.answer_ids, fast_json = excluded.fast_json"
)
_MOVE_ACTIVITY = (
    "UPDATE quizzes q SET activity_position = a.position FROM"
    " (SELECT s.course_id, s.quiz_id, max(b.position) AS position"
    f" FROM unnest({_TEXTS}, {_BIGINTS}) AS b (aggregate_id, position)"
    " JOIN submissions s ON s.aggregate_id = b.aggregate_id GROUP BY s.course_id, s.quiz_id) AS a"
    " WHERE q.course_id = a.course_id AND q.quiz_id = a.quiz_id"
)


class PostgresQuizDataWrites(SqlQuizDataWrites):
    """Sends the rows of each kind in one statement, column by column (one row per key, as
    ``SubmissionWrites`` holds them). No statement waits for a result, so a batch's pipeline carries them
    all at once. One statement costs the client about half of what ``executemany()`` does, row for row; and
    ``executemany()`` inside the batch's pipeline left the batch's cursor, now and then, with the result of
    another statement when the tracking position was then recorded on it."""

    def _send_submissions(self, c: Any, writes: SubmissionWrites) -> None:
        if writes.created:
            c.execute(_INSERT_SUBMISSIONS, _columns(writes.created))
        if writes.profiles:
            c.execute(_UPDATE_PROFILES, _columns(writes.profiles.items()))
        if writes.attempts:
            rows = (
                (aggregate_id, row.number, row.head, row.responses, row.answer_ids, row.fast)
                for (aggregate_id, _), row in writes.attempts.items()
            )
            c.execute(_UPSERT_ATTEMPTS, _columns(rows))
            # Each quiz takes the position of its last attempt, the greatest.
            c.execute(_MOVE_ACTIVITY, _columns(writes.activity.items()))


def _columns(rows: Iterable[tuple[Any, ...]]) -> list[str]:
    """``rows`` (at least one, all of one length) as columns, each joined into one text (see ``_TEXTS``)."""
    return [_joined(column) for column in zip(*rows, strict=True)]


def _joined(values: Iterable[Any]) -> str:
    # str(True) is "True", which PostgreSQL reads as a boolean.
    return _SEPARATOR + _SEPARATOR.join([_NULL if value is None else str(value) for value in values])
