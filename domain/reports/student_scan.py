"""The student analysis's first pass: which rows, in which order, under which question columns.

It reads every submission once, in any order, and keeps per row only what ordering and rendering need.
With a loader at hand, rows beyond a budget of responses keep no responses and no questions: those are
read again, a batch at a time, when the row is rendered, so memory stays bounded for any course size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.reports.attempt_selection import ReportedAttempt, row_order, submission_rows
from domain.reports.quiz_data import attempt_questions, id_key, quiz_questions

RETAINED_RESPONSES = 1_200_000
"""Responses kept decoded across the first pass (a few hundred bytes each, so a few hundred MB at most).

Rows past it are reloaded for rendering; a course whose reported attempts hold fewer responses is read
only once."""

_HEAVY_ATTEMPT_KEYS = frozenset({"submission_data", "quiz_data"})


@dataclass(frozen=True)
class Scan:
    """The rows in report order and the question columns (the quiz's own, then those only attempts saw)."""

    rows: list[ReportedAttempt]
    columns: list[Mapping[str, Any]]


def scan(
    quiz: Mapping[str, Any],
    submissions: Iterable[Mapping[str, Any]],
    *,
    all_versions: bool,
    can_reload: bool,
    retained_responses: int | None = None,
) -> Scan:
    """Select and order the reported attempts of ``submissions`` and find the report's question columns.

    Without ``can_reload`` every row keeps its attempt whole. With it, once ``retained_responses``
    responses are kept (default ``RETAINED_RESPONSES``), further rows are kept light (see
    ``ReportedAttempt.reload_key``); ``retained_responses=0`` keeps every row light, as submissions whose
    attempts come without their responses need.
    """
    own: dict[str | None, Mapping[str, Any]] = {}
    for question in quiz_questions(quiz):
        own.setdefault(id_key(question.get("id")), question)
    # A column only attempts saw is placed where it first appears in row order, and its header is taken
    # from that first row; rows are ranked as the final sort ranks them, so this is known while scanning.
    drawn: dict[str | None, tuple[tuple[Any, ...], int, Mapping[str, Any]]] = {}
    ranked: list[tuple[tuple[Any, ...], ReportedAttempt]] = []
    budget = (RETAINED_RESPONSES if retained_responses is None else retained_responses) if can_reload else None
    for submission in submissions:
        selected = submission_rows(submission, all_versions=all_versions)
        if selected is None:
            continue
        group, attempts = selected
        light_submission: Mapping[str, Any] | None = None
        for attempt in attempts:
            rank = (group, *row_order(submission, attempt), len(ranked))
            if attempt.get("quiz_data") is not None:
                _note_drawn(drawn, own, rank, attempt_questions(quiz, attempt))
            responses: Sequence[Any] = attempt["submission_data"]
            if budget is None or (budget and budget >= len(responses)):
                budget = None if budget is None else budget - len(responses)
                ranked.append((rank, ReportedAttempt(submission, attempt)))
                continue
            if light_submission is None:
                light_submission = {key: value for key, value in submission.items() if key != "attempts"}
            light_attempt = _light(attempt)
            reload_key = (submission.get("id"), attempt.get("attempt"))
            ranked.append((rank, ReportedAttempt(light_submission, light_attempt, reload_key)))
    ranked.sort(key=lambda pair: pair[0])
    extra = sorted(drawn.values(), key=lambda found: (found[0], found[1]))
    return Scan([row for _, row in ranked], [*own.values(), *(question for _, _, question in extra)])


def _note_drawn(
    drawn: dict[str | None, tuple[tuple[Any, ...], int, Mapping[str, Any]]],
    own: Mapping[str | None, Mapping[str, Any]],
    rank: tuple[Any, ...],
    questions: Sequence[Mapping[str, Any]],
) -> None:
    for index, question in enumerate(questions):
        key = id_key(question.get("id"))
        if key in own:
            continue
        found = drawn.get(key)
        if found is None or (rank, index) < (found[0], found[1]):
            drawn[key] = (rank, index, question)


def _light(attempt: Mapping[str, Any]) -> dict[str, Any]:
    light = {key: value for key, value in attempt.items() if key not in _HEAVY_ATTEMPT_KEYS}
    # Kept as markers: empty responses render as none, and a non-None quiz_data still says the attempt saw
    # its own questions. Empty tuples rather than lists: a light attempt whose other values are plain then
    # holds no container, so the garbage collector stops tracking it and its full collections skip it.
    light["submission_data"] = ()
    light["quiz_data"] = None if attempt.get("quiz_data") is None else ()
    return light
