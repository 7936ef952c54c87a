"""The item analysis population, its items and the quiz-wide figures (canvas-facts §13)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.reports.buckets import DEFAULT_CUTOFFS, Bucket, assign_buckets
from domain.reports.item import ITEM_TYPES, Item, ItemStats, Respondents, item_stats
from domain.reports.item_columns import QuizPlanAnswers
from domain.reports.quiz_data import attempt_questions, id_key, quiz_questions
from domain.reports.simple_stats import variance


@dataclass(frozen=True)
class ItemSummary:
    """Every item with its figures, plus the figures of the whole population."""

    items: list[tuple[Item, ItemStats]]
    scores: list[float]
    buckets: list[Bucket | None]
    variance: int | float
    alpha: float | None

    @property
    def standard_deviation(self) -> float:
        return math.sqrt(self.variance)


FirstAttempt = tuple[Mapping[str, Any], Mapping[str, Any] | None, Sequence[Any]]
"""A submission, its lowest-numbered attempt (None without one) and that attempt's ``answer_id`` of each
response in order: all the item analysis reads of a submission."""


def summarize(
    quiz: Mapping[str, Any],
    submissions: Iterable[Mapping[str, Any]],
    cutoffs: Sequence[tuple[Bucket, float]] = DEFAULT_CUTOFFS,
) -> ItemSummary:
    """Analyse the first attempt of every non-preview student submission (logged-out takers excluded).

    Each attempt's questions are paired with its ``submission_data`` by position. Only multiple-choice
    and true/false questions become items, one per question id, even when nobody answered it. A
    response counts only when it names an answer. A respondent's score is the attempt's whole score.
    """
    return summarize_first_attempts(quiz, map(_first_attempt_answers, submissions), cutoffs)


def summarize_first_attempts(
    quiz: Mapping[str, Any],
    first_attempts: Iterable[FirstAttempt],
    cutoffs: Sequence[tuple[Bucket, float]] = DEFAULT_CUTOFFS,
) -> ItemSummary:
    """``summarize`` from each submission's first attempt and answer ids, already picked out."""
    scores: list[float] = []
    items: dict[str | None, Item] = {}
    quiz_plan = _plan(quiz_questions(quiz))
    # Attempts without quiz_data (nearly all) answer the quiz's own questions: their answer ids at the item
    # positions are taken as one tuple each (in C) and turned into each item's responses column by column.
    quiz_items: list[Item] | None = None
    table = QuizPlanAnswers([position for position, _, _ in quiz_plan])
    for submission, attempt, answer_ids in first_attempts:
        if attempt is None or submission.get("was_preview") or submission.get("user") is None:
            continue
        respondent = len(scores)
        scores.append(_score(attempt.get("score")))
        if attempt.get("quiz_data") is None:
            if quiz_items is None:
                quiz_items = [_item(items, key, question) for _, key, question in quiz_plan]
            table.add(respondent, answer_ids)
            continue
        answered = len(answer_ids)
        for position, key, question in _plan(attempt_questions(quiz, attempt)):
            _item(items, key, question).add(respondent, answer_ids[position] if position < answered else None)
    if quiz_items is not None:
        table.add_to(quiz_items)
    buckets = assign_buckets(scores, cutoffs)
    respondents = Respondents.of(scores, buckets)
    analysed = [(item, item_stats(item, respondents)) for item in items.values()]
    total_variance = variance(scores)
    return ItemSummary(analysed, scores, buckets, total_variance, _alpha(analysed, total_variance))


def _item(items: dict[str | None, Item], key: str | None, question: Mapping[str, Any]) -> Item:
    """The item of ``key``, made from ``question`` when first met (items keep the order first met)."""
    item = items.get(key)
    if item is None:
        item = items[key] = Item.of(question)
    return item


def _plan(questions: Sequence[Mapping[str, Any]]) -> list[tuple[int, str | None, Mapping[str, Any]]]:
    """The item questions among ``questions``: (position among them, question id key, question)."""
    return [
        (position, id_key(question.get("id")), question)
        for position, question in enumerate(questions)
        if question.get("question_type") in ITEM_TYPES
    ]


def _first_attempt_answers(submission: Mapping[str, Any]) -> FirstAttempt:
    if submission.get("was_preview") or submission.get("user") is None:
        return submission, None, []  # not analysed: its attempts are not even looked at
    attempts: list[Mapping[str, Any]] = submission.get("attempts") or []
    attempt = min(attempts, key=lambda attempt: int(attempt.get("attempt") or 0), default=None)
    if attempt is None:
        return submission, None, []
    responses: list[Mapping[str, Any]] = attempt.get("submission_data") or []
    return submission, attempt, [response.get("answer_id") for response in responses]


def _alpha(items: Sequence[tuple[Item, ItemStats]], total_variance: int | float) -> float | None:
    """Cronbach's alpha over the items; undefined for fewer than two items or no score spread."""
    count = len(items)
    if count <= 1 or total_variance == 0:
        return None
    item_variances = math.fsum(stats.variance for _, stats in items)
    return count / (count - 1) * (1 - item_variances / total_variance)


def _score(value: object) -> float:
    # An attempt still in progress has no score yet; it ranks as zero rather than breaking the ranking.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return 0
