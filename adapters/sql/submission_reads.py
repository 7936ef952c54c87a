"""Queries on submissions and their attempts, decoding only the documents each caller needs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from adapters.sql import attempt_rows
from adapters.sql.base import SqlBase
from adapters.sql.json_text import decode

_KEYS_PER_QUERY = 300  # up to three parameters a key: well under SQLite's oldest limit of 999 per statement


class SqlSubmissionReads(SqlBase):
    """Submissions are read in pages of submission ids, their attempts with one more query per page (or the
    first attempts in the same query)."""

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
        `answer_id` of each response in order; (submission, None, []) when it has no attempt.

        One query a page reads each submission with its first attempt's head and answer ids only: the other
        attempts are never read, nor any response.
        """
        select = (
            "SELECT s.submission_id, s.profile, a.head, a.answer_ids, a.fast_json FROM submissions s"
            " LEFT JOIN attempts a ON a.course_id = s.course_id AND a.quiz_id = s.quiz_id"
            " AND a.submission_id = s.submission_id AND a.attempt = (SELECT MIN(m.attempt) FROM attempts m"
            " WHERE m.course_id = s.course_id AND m.quiz_id = s.quiz_id AND m.submission_id = s.submission_id)"
        )
        for found in self._submission_pages(course_id, quiz_id, batch_size, select):
            for submission, row in zip(_submissions(found), found, strict=True):
                head = row["head"]
                if head is None:  # no attempt: every stored attempt has a head
                    yield submission, None, []
                    continue
                fast = bool(row["fast_json"])
                yield submission, attempt_rows.light(head, fast), attempt_rows.answer_ids(row["answer_ids"], fast)

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
        select = "SELECT s.submission_id, s.profile FROM submissions s"
        for found in self._submission_pages(course_id, quiz_id, batch_size, select):
            by_submission: dict[int, list[Any]] = {row["submission_id"]: [] for row in found}
            for row in self._all(
                f"SELECT submission_id, fast_json, {columns} FROM attempts WHERE course_id = ? AND quiz_id = ?"
                " AND submission_id >= ? AND submission_id <= ? ORDER BY submission_id, attempt",
                (course_id, quiz_id, found[0]["submission_id"], found[-1]["submission_id"]),
            ):
                by_submission[row["submission_id"]].append(row)
            for submission in _submissions(found):
                yield submission, by_submission[submission["id"]]

    def _submission_pages(self, course_id: int, quiz_id: int, batch_size: int, select: str) -> Iterator[list[Any]]:
        """The rows of ``select`` (from ``submissions s``, with its ``submission_id``) for the quiz's submissions,
        in pages of ``batch_size`` submissions in submission id order, each its own query after the last seen."""
        after = None
        while True:
            page = "" if after is None else " AND s.submission_id > ?"
            found = self._all(
                f"{select} WHERE s.course_id = ? AND s.quiz_id = ?{page} ORDER BY s.submission_id LIMIT ?",
                (course_id, quiz_id, *(() if after is None else (after,)), batch_size),
            )
            if found:
                yield found
            if len(found) < batch_size:
                return
            after = found[-1]["submission_id"]


_DIGITS_AS_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_WIDE_RUN = b"0" * 19  # a run of 19 digits, after _DIGITS_AS_ZEROS


def _submissions(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Each row's submission: its ``submission_id`` as ``id``, then the keys of its ``profile``.

    Profiles carry no ``fast`` flag: they are read with orjson when no number in them has 19 digits or
    more, which a page's profiles are checked for together (as ``decode`` checks one text, only faster).
    """
    profiles = [row["profile"] for row in rows]
    fast = _WIDE_RUN not in "\n".join(profiles).encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZEROS)
    return [{"id": row["submission_id"], **decode(profile, fast)} for row, profile in zip(rows, profiles, strict=True)]
