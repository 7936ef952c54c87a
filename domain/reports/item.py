"""One multiple-choice or true/false question's statistics (canvas-facts §13, Formulas for an item)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.reports.buckets import Bucket
from domain.reports.quiz_data import id_key
from domain.reports.simple_stats import mean, ruby_divide, variance

ITEM_TYPES = frozenset({"multiple_choice_question", "true_false_question"})


@dataclass
class Item:
    """A question and who chose which of its answers.

    ``answer_ids`` are sorted by weight, highest first (ties keep question order): the first is the
    correct answer and the rest are distractors. ``responses`` pairs a respondent's index with the
    answer id they chose, which need not be one of the question's.
    """

    question: Mapping[str, Any]
    answer_ids: list[str | None]
    responses: list[tuple[int, str | None]] = field(default_factory=list)

    @classmethod
    def of(cls, question: Mapping[str, Any]) -> Item:
        answers: list[Mapping[str, Any]] = question.get("answers") or []
        by_weight = sorted(answers, key=lambda answer: -_number(answer.get("weight")))
        return cls(question=question, answer_ids=[id_key(answer.get("id")) for answer in by_weight])

    @property
    def correct_answer_id(self) -> str | None:
        return self.answer_ids[0] if self.answer_ids else None


@dataclass(frozen=True)
class ItemStats:
    """The figures of one item analysis row, before alpha (which belongs to the whole quiz)."""

    respondent_count: int
    bucket_counts: dict[Bucket, int]
    correct_count: int
    correct_ratio: int | float
    wrong_ratio: int | float
    correct_bucket_counts: dict[Bucket, int]
    variance: int | float
    standard_deviation: float
    point_biserials: list[float | None]

    @property
    def wrong_count(self) -> int:
        return self.respondent_count - self.correct_count


def item_stats(item: Item, scores: Sequence[float], buckets: Sequence[Bucket | None]) -> ItemStats:
    """Compute ``item``'s figures from every respondent's total score and bucket (indexed alike)."""
    correct_id = item.correct_answer_id
    respondents = [respondent for respondent, _ in item.responses]
    # Each list is built in one pass over the responses: an item has one response per respondent.
    correct = [respondent for respondent, chosen in item.responses if chosen == correct_id and chosen is not None]
    points = _number(item.question.get("points_possible"))
    item_scores = [points if chosen == correct_id and chosen is not None else 0 for _, chosen in item.responses]
    item_variance = variance(item_scores)
    return ItemStats(
        respondent_count=len(respondents),
        bucket_counts=_count_by_bucket(respondents, buckets),
        correct_count=len(correct),
        correct_ratio=_ratio(len(correct), len(respondents)),
        wrong_ratio=_ratio(len(respondents) - len(correct), len(respondents)),
        correct_bucket_counts=_count_by_bucket(correct, buckets),
        variance=item_variance,
        standard_deviation=math.sqrt(item_variance),
        point_biserials=_point_biserials(item, scores),
    )


def _point_biserials(item: Item, scores: Sequence[float]) -> list[float | None]:
    """Correlation between total score and choosing each answer, over the item's respondents."""
    # The spread is that of this item's respondents, not of the whole class.
    spread = math.sqrt(variance([scores[respondent] for respondent, _ in item.responses]))
    # Scores grouped by the answer chosen, in one pass. Means are compensated sums (math.fsum), which are
    # exactly rounded whatever the order, so summing the other groups equals summing the others in order.
    by_answer: dict[str | None, list[float]] = {}
    for respondent, chosen in item.responses:
        found = by_answer.get(chosen)
        if found is None:
            found = by_answer[chosen] = []
        found.append(scores[respondent])
    return [_point_biserial(item, answer_id, by_answer, spread) for answer_id in item.answer_ids]


def _point_biserial(
    item: Item, answer_id: str | None, by_answer: dict[str | None, list[float]], spread: float
) -> float | None:
    chose = by_answer.get(answer_id, [])
    others = [group for chosen, group in by_answer.items() if chosen != answer_id]
    other_count = sum(map(len, others))
    if not chose or not other_count:
        return None
    share = len(chose) / len(item.responses)
    others_mean = math.fsum(itertools.chain.from_iterable(others)) / other_count
    value = ruby_divide(mean(chose) - others_mean, spread) * math.sqrt(share * (1 - share))
    return None if math.isnan(value) else value


def _count_by_bucket(respondents: Sequence[int], buckets: Sequence[Bucket | None]) -> dict[Bucket, int]:
    counts: dict[Bucket, int] = {"top": 0, "middle": 0, "bottom": 0}
    for respondent in respondents:
        bucket = buckets[respondent]
        if bucket is not None:
            counts[bucket] += 1
    return counts


def _ratio(part: int, whole: int) -> int | float:
    # Canvas's 0/0 is NaN, which it replaces with the integer 0.
    return part / whole if whole else 0


def _number(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return 0
