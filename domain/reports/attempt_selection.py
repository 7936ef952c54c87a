"""Which attempts become student analysis rows, and in which order (canvas-facts §12)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.reports.ruby_time import parse_time

_REPORTABLE_STATES = frozenset({"complete", "pending_review"})


@dataclass(frozen=True)
class ReportedAttempt:
    """One row's source: an attempt and the submission it belongs to."""

    submission: Mapping[str, Any]
    attempt: Mapping[str, Any]

    @property
    def logged_out(self) -> bool:
        return self.submission.get("user") is None


def reported_attempts(submissions: Sequence[Mapping[str, Any]], *, all_versions: bool) -> list[ReportedAttempt]:
    """Return the attempts to report, students' first and logged-out takers' after.

    Previews are dropped, and so are submissions with neither a user nor a temporary user code. Without
    ``all_versions`` each submission contributes its kept attempt only. Only complete or pending-review
    attempts with a ``submission_data`` list are reported. Each group is ordered by the attempt's time
    (finished, else started) newest first, then by submission id, then by attempt number descending.
    """
    students: list[ReportedAttempt] = []
    logged_out: list[ReportedAttempt] = []
    for submission in submissions:
        if submission.get("was_preview"):
            continue
        if submission.get("user") is not None:
            group = students
        elif submission.get("temporary_user_code"):
            group = logged_out
        else:
            continue
        attempts = _attempts_of(submission) if all_versions else _kept_attempt(submission)
        group.extend(ReportedAttempt(submission, attempt) for attempt in attempts if _reportable(attempt))
    return sorted(students, key=_row_order) + sorted(logged_out, key=_row_order)


def _attempts_of(submission: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    attempts: list[Mapping[str, Any]] = submission.get("attempts") or []
    return sorted(attempts, key=_attempt_number)


def _kept_attempt(submission: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The live (highest-numbered) attempt if it scored ``kept_score``, else the first that did."""
    attempts = _attempts_of(submission)
    if not attempts:
        return []
    kept_score = submission.get("kept_score")
    live = attempts[-1]
    if live.get("score") == kept_score:
        return [live]
    # Under keep-average no attempt may have scored kept_score; Canvas then reports nothing.
    return [attempt for attempt in attempts if attempt.get("score") == kept_score][:1]


def _reportable(attempt: Mapping[str, Any]) -> bool:
    return attempt.get("workflow_state") in _REPORTABLE_STATES and isinstance(attempt.get("submission_data"), list)


def _attempt_number(attempt: Mapping[str, Any]) -> int:
    return int(attempt.get("attempt") or 0)


def _row_order(row: ReportedAttempt) -> tuple[float, int, int]:
    time = parse_time(row.attempt.get("finished_at") or row.attempt.get("started_at"))
    newest_first = -time.timestamp() if time is not None else math.inf
    return (newest_first, int(row.submission.get("id") or 0), -_attempt_number(row.attempt))
