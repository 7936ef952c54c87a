"""The item analysis population, its items and the quiz-wide figures (canvas-facts §13)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.reports.buckets import DEFAULT_CUTOFFS, Bucket, assign_buckets
from domain.reports.item import ITEM_TYPES, Item, ItemStats, item_stats
from domain.reports.quiz_data import attempt_questions, id_key
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
    scores: list[float] = []
    items: dict[str | None, Item] = {}
    for submission in submissions:
        attempt = _first_attempt(submission)
        if attempt is None:
            continue
        respondent = len(scores)
        scores.append(_score(attempt.get("score")))
        responses: list[Mapping[str, Any]] = attempt.get("submission_data") or []
        for position, question in enumerate(attempt_questions(quiz, attempt)):
            if question.get("question_type") not in ITEM_TYPES:
                continue
            question_key = id_key(question.get("id"))
            item = items.get(question_key)
            if item is None:
                item = items[question_key] = Item.of(question)
            response = responses[position] if position < len(responses) else {}
            answer_id = response.get("answer_id")
            if answer_id is not None and answer_id is not False:
                item.responses.append((respondent, id_key(answer_id)))
    buckets = assign_buckets(scores, cutoffs)
    analysed = [(item, item_stats(item, scores, buckets)) for item in items.values()]
    total_variance = variance(scores)
    return ItemSummary(analysed, scores, buckets, total_variance, _alpha(analysed, total_variance))


def _first_attempt(submission: Mapping[str, Any]) -> Mapping[str, Any] | None:
    if submission.get("was_preview") or submission.get("user") is None:
        return None
    attempts: list[Mapping[str, Any]] = submission.get("attempts") or []
    return min(attempts, key=lambda attempt: int(attempt.get("attempt") or 0), default=None)


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
