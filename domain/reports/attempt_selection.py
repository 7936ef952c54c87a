"""Which attempts become student analysis rows, and in which order (canvas-facts §12)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.reports.ruby_time import parse_time

_REPORTABLE_STATES = frozenset({"complete", "pending_review"})
STUDENTS, LOGGED_OUT = 0, 1
"""Row groups, in report order: students' rows come before logged-out takers'."""


@dataclass(frozen=True, slots=True)
class ReportedAttempt:
    """One row's source: an attempt and the submission it belongs to.

    ``reload_key`` is None when ``attempt`` is complete. Otherwise ``attempt`` keeps only what selection
    and ordering read (its responses and questions were dropped to save memory) and the whole attempt
    must be read again under ``reload_key``, (submission id, attempt number), before rendering.
    """

    submission: Mapping[str, Any]
    attempt: Mapping[str, Any]
    reload_key: tuple[Any, Any] | None = None

    @property
    def logged_out(self) -> bool:
        return self.submission.get("user") is None


def reported_attempts(submissions: Iterable[Mapping[str, Any]], *, all_versions: bool) -> list[ReportedAttempt]:
    """Return the attempts to report, students' first and logged-out takers' after.

    Previews are dropped, and so are submissions with neither a user nor a temporary user code. Without
    ``all_versions`` each submission contributes its kept attempt only. Only complete or pending-review
    attempts with a ``submission_data`` list are reported. Each group is ordered by the attempt's time
    (finished, else started) newest first, then by submission id, then by attempt number descending.
    """
    ranked = []
    for submission in submissions:
        selected = submission_rows(submission, all_versions=all_versions)
        if selected is None:
            continue
        group, attempts = selected
        for attempt in attempts:
            ranked.append(((group, *row_order(submission, attempt)), ReportedAttempt(submission, attempt)))
    # The sort is stable, so rows ranking equal keep the submissions' order, as before.
    ranked.sort(key=lambda pair: pair[0])
    return [reported for _, reported in ranked]


def submission_rows(submission: Mapping[str, Any], *, all_versions: bool) -> tuple[int, list[Mapping[str, Any]]] | None:
    """The row group of ``submission`` and its reported attempts; None when it is not reported at all."""
    if submission.get("was_preview"):
        return None
    if submission.get("user") is not None:
        group = STUDENTS
    elif submission.get("temporary_user_code"):
        group = LOGGED_OUT
    else:
        return None
    attempts = _attempts_of(submission) if all_versions else _kept_attempt(submission)
    return group, [attempt for attempt in attempts if _reportable(attempt)]


def row_order(submission: Mapping[str, Any], attempt: Mapping[str, Any]) -> tuple[float, int, int]:
    """The order of a row within its group: newest first, then submission id, then attempt number down."""
    time = parse_time(attempt.get("finished_at") or attempt.get("started_at"))
    newest_first = -time.timestamp() if time is not None else math.inf
    return (newest_first, int(submission.get("id") or 0), -_attempt_number(attempt))


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
