"""One multiple-choice or true/false question's statistics (canvas-facts §13, Formulas for an item)."""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.reports.buckets import Bucket
from domain.reports.exact_sums import ScaledScores
from domain.reports.quiz_data import id_key
from domain.reports.simple_stats import ruby_divide, variance

ITEM_TYPES = frozenset({"multiple_choice_question", "true_false_question"})


@dataclass
class Item:
    """A question and who chose which of its answers.

    ``answer_ids`` are sorted by weight, highest first (ties keep question order): the first is the
    correct answer and the rest are distractors. ``respondents[k]`` (a respondent's index) chose
    ``chosen[k]`` (an answer id key, never None), which need not be one of the question's answers. The
    pairs are in no particular order: every figure of an item is a count or an exactly rounded sum.
    """

    question: Mapping[str, Any]
    answer_ids: list[str | None]
    respondents: list[int] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, question: Mapping[str, Any]) -> Item:
        answers: list[Mapping[str, Any]] = question.get("answers") or []
        by_weight = sorted(answers, key=lambda answer: -_number(answer.get("weight")))
        return cls(question=question, answer_ids=[id_key(answer.get("id")) for answer in by_weight])

    @property
    def correct_answer_id(self) -> str | None:
        return self.answer_ids[0] if self.answer_ids else None

    @property
    def responses(self) -> list[tuple[int, str]]:
        """(respondent, chosen answer id) pairs."""
        return list(zip(self.respondents, self.chosen, strict=True))


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


def item_stats(
    item: Item, scores: Sequence[float], buckets: Sequence[Bucket | None], scaled: ScaledScores | None = None
) -> ItemStats:
    """Compute ``item``'s figures from every respondent's total score and bucket (indexed alike).

    ``scaled``, when given, is ``ScaledScores.of(scores)``, computed once for every item.

    Per-response work runs in C (``map``, ``compress``, ``list.count``): an item has one response per
    respondent. Sums are ``math.fsum``, exactly rounded whatever the order, over the same values.
    """
    correct_id = item.correct_answer_id
    respondents = item.respondents
    count = len(respondents)
    # Chosen ids are never None, so a None correct id (an answer without id) is never chosen.
    is_correct = list(map(operator.eq, item.chosen, itertools.repeat(correct_id)))
    correct = list(itertools.compress(respondents, is_correct))
    points = _number(item.question.get("points_possible"))
    item_variance = variance([points] * len(correct) + [0] * (count - len(correct)))
    return ItemStats(
        respondent_count=count,
        bucket_counts=_count_by_bucket(respondents, buckets),
        correct_count=len(correct),
        correct_ratio=_ratio(len(correct), count),
        wrong_ratio=_ratio(count - len(correct), count),
        correct_bucket_counts=_count_by_bucket(correct, buckets),
        variance=item_variance,
        standard_deviation=math.sqrt(item_variance),
        point_biserials=_point_biserials(item, scores, scaled),
    )


def _point_biserials(item: Item, scores: Sequence[float], scaled: ScaledScores | None) -> list[float | None]:
    """Correlation between total score and choosing each answer, over the item's respondents."""
    own_scores = list(map(scores.__getitem__, item.respondents))
    # The spread is that of this item's respondents, not of the whole class.
    spread = math.sqrt(variance(own_scores))
    own_scaled = None if scaled is None else scaled.at(item.respondents)
    return [_point_biserial(item, answer_id, own_scores, own_scaled, spread) for answer_id in item.answer_ids]


def _point_biserial(
    item: Item, answer_id: str | None, own_scores: list[float], scaled: ScaledScores | None, spread: float
) -> float | None:
    chose_mask = list(map(operator.eq, item.chosen, itertools.repeat(answer_id)))
    chose_count = sum(chose_mask)
    other_count = len(own_scores) - chose_count
    if not chose_count or not other_count:
        return None
    share = chose_count / len(own_scores)
    # Means of compensated sums (math.fsum, as Ruby's Array#sum), computed exactly alike either way.
    if scaled is None:
        chose_sum = math.fsum(itertools.compress(own_scores, chose_mask))
        others_sum = math.fsum(itertools.compress(own_scores, map(operator.not_, chose_mask)))
    else:
        chose_scaled = scaled.sum_of(chose_mask)
        chose_sum = chose_scaled / scaled.denominator
        others_sum = (scaled.total - chose_scaled) / scaled.denominator
    value = ruby_divide(chose_sum / chose_count - others_sum / other_count, spread) * math.sqrt(share * (1 - share))
    return None if math.isnan(value) else value


def _count_by_bucket(respondents: Sequence[int], buckets: Sequence[Bucket | None]) -> dict[Bucket, int]:
    # list.count runs in C and matches the interned bucket names by identity first.
    found = list(map(buckets.__getitem__, respondents))
    return {"top": found.count("top"), "middle": found.count("middle"), "bottom": found.count("bottom")}


def _ratio(part: int, whole: int) -> int | float:
    # Canvas's 0/0 is NaN, which it replaces with the integer 0.
    return part / whole if whole else 0


def _number(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return 0
