"""Queries on submissions and their attempts, decoding only the documents each caller needs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from adapters.sql import attempt_rows
from adapters.sql.base import SqlBase
from adapters.sql.json_text import decode

_KEYS_PER_QUERY = 300  # up to three parameters a key: well under SQLite's oldest limit of 999 per statement


class SqlSubmissionReads(SqlBase):
    """Submissions are read in pages of submission ids, their attempts with one query per page."""

    def submissions(self, course_id: int, quiz_id: int) -> Sequence[dict[str, Any]]:
        return list(self.iter_submissions(course_id, quiz_id))

    def iter_submissions(self, course_id: int, quiz_id: int, batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """`submissions()` one at a time, read `batch_size` submissions per query.

        Each batch is its own short query after the last submission id seen (no transaction or cursor
        stays open between batches, so writers and progress saves are never blocked), hence a
        submission added while iterating may or may not be included.
        """
        for submission, rows in self._pages(course_id, quiz_id, batch_size, "head, responses"):
            submission["attempts"] = [
                attempt_rows.whole(row["head"], row["responses"], row["fast_json"]) for row in rows
            ]
            yield submission

    def iter_submission_heads(self, course_id: int, quiz_id: int, batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """`iter_submissions()` with each attempt's `submission_data` list left empty; no response is read."""
        for submission, rows in self._pages(course_id, quiz_id, batch_size, "head"):
            submission["attempts"] = [attempt_rows.light(row["head"], row["fast_json"]) for row in rows]
            yield submission

    def iter_first_attempt_answers(
        self, course_id: int, quiz_id: int, batch_size: int = 500
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None, list[Any]]]:
        """Each submission (without `attempts`) with its lowest-numbered attempt, light, and that attempt's
        `answer_id` of each response in order; (submission, None, []) when it has no attempt."""
        for submission, rows in self._pages(course_id, quiz_id, batch_size, "head, answer_ids"):
            if not rows:
                yield submission, None, []
                continue
            first = rows[0]  # the other attempts are never decoded
            fast = first["fast_json"]
            answer_ids = attempt_rows.answer_ids(first["answer_ids"], fast)
            yield submission, attempt_rows.light(first["head"], fast), answer_ids

    def submission_attempts(
        self, course_id: int, quiz_id: int, keys: Sequence[tuple[int, Any]]
    ) -> Mapping[tuple[int, Any], dict[str, Any]]:
        """The attempts named by (submission id, attempt number) as ingested, their responses decoded when
        first read (`EncodedResponses`); unknown keys are left out."""
        wanted = sorted({(int(submission_id), int(number)) for submission_id, number in keys})
        found: dict[tuple[int, Any], dict[str, Any]] = {}
        for start in range(0, len(wanted), _KEYS_PER_QUERY):
            chunk = wanted[start : start + _KEYS_PER_QUERY]
            ids = sorted({submission_id for submission_id, _ in chunk})
            # The submission ids let SQLite search its primary key; the pairs then pick the attempts.
            for row in self._all(
                "SELECT submission_id, head, responses, fast_json FROM attempts WHERE course_id = ? AND quiz_id = ?"
                f" AND submission_id IN ({', '.join('?' for _ in ids)})"
                f" AND (submission_id, attempt) IN (VALUES {', '.join('(?, ?)' for _ in chunk)})",
                (course_id, quiz_id, *ids, *(value for key in chunk for value in key)),
            ):
                attempt = attempt_rows.encoded(row["head"], row["responses"], bool(row["fast_json"]))
                found[(row["submission_id"], attempt.get("attempt"))] = attempt
        return found

    def _pages(
        self, course_id: int, quiz_id: int, batch_size: int, columns: str
    ) -> Iterator[tuple[dict[str, Any], list[Any]]]:
        """Each submission (id and profile) with its attempt rows (``columns`` and ``fast_json``) by number."""
        after = None
        while True:
            page = "" if after is None else " AND submission_id > ?"
            found = self._all(
                "SELECT submission_id, profile FROM submissions WHERE course_id = ? AND quiz_id = ?"
                f"{page} ORDER BY submission_id LIMIT ?",
                (course_id, quiz_id, *(() if after is None else (after,)), batch_size),
            )
            if not found:
                return
            by_submission: dict[int, list[Any]] = {row["submission_id"]: [] for row in found}
            for row in self._all(
                f"SELECT submission_id, fast_json, {columns} FROM attempts WHERE course_id = ? AND quiz_id = ?"
                " AND submission_id >= ? AND submission_id <= ? ORDER BY submission_id, attempt",
                (course_id, quiz_id, found[0]["submission_id"], found[-1]["submission_id"]),
            ):
                by_submission[row["submission_id"]].append(row)
            for row in found:
                submission_id = row["submission_id"]
                yield {"id": submission_id, **decode(row["profile"], False)}, by_submission[submission_id]
            if len(found) < batch_size:
                return
            after = found[-1]["submission_id"]
