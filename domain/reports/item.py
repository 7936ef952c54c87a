"""One multiple-choice or true/false question's statistics (canvas-facts §13, Formulas for an item)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from domain.reports.buckets import Bucket
from domain.reports.exact_sums import ExactParts, Floats, GroupSums, Indices, array_fsum
from domain.reports.quiz_data import id_key
from domain.reports.simple_stats import ruby_divide, variance_of_repeats

ITEM_TYPES = frozenset({"multiple_choice_question", "true_false_question"})
BUCKETS: tuple[Bucket, ...] = ("top", "middle", "bottom")
NOT_ANSWERED = -1


@dataclass(frozen=True)
class Respondents:
    """Every respondent's total score and bucket, indexed alike, as the items' figures read them.

    ``bucket_codes`` holds each bucket's index in ``BUCKETS`` (``len(BUCKETS)`` without one) and ``parts``
    the ``ExactParts`` of ``score_values`` (None when they cannot be summed that way).
    """

    scores: list[float]
    buckets: list[Bucket | None]
    score_values: Floats
    bucket_codes: Indices
    parts: ExactParts | None

    @classmethod
    def of(cls, scores: list[float], buckets: list[Bucket | None]) -> Respondents:
        codes: dict[Bucket | None, int] = {bucket: code for code, bucket in enumerate(BUCKETS)}
        codes[None] = len(BUCKETS)
        bucket_codes = np.fromiter(map(codes.__getitem__, buckets), dtype=np.intp, count=len(buckets))
        values = np.array(scores, dtype=np.float64)
        return cls(scores, buckets, values, bucket_codes, ExactParts.of(values))


class Item:
    """A question and the answer each of its respondents chose.

    ``answer_ids`` are sorted by weight, highest first (ties keep question order): the first is the correct
    answer and the rest are distractors. Responses are added as the answer ids an attempt holds (``add``), or
    as a column of keys (``add_keyed``); one counts only when its id is neither None nor False. Ids are
    compared by ``id_key``, and the chosen one need not be any of the question's answers. A respondent may
    respond more than once (a question listed twice); every figure counts each response.
    """

    def __init__(self, question: Mapping[str, Any], answer_ids: list[str | None]) -> None:
        self.question = question
        self.answer_ids = answer_ids
        # Choices are coded by the question's distinct answer keys, in order; any other key is the last code.
        self._codes = {key: code for code, key in enumerate(dict.fromkeys(k for k in answer_ids if k is not None))}
        self._respondents: list[int] = []
        self._answer_ids: list[Any] = []
        self._keyed: list[tuple[Indices, Indices]] = []

    @classmethod
    def of(cls, question: Mapping[str, Any]) -> Item:
        answers: list[Mapping[str, Any]] = question.get("answers") or []
        by_weight = sorted(answers, key=lambda answer: -_number(answer.get("weight")))
        return cls(question, [id_key(answer.get("id")) for answer in by_weight])

    @property
    def correct_answer_id(self) -> str | None:
        return self.answer_ids[0] if self.answer_ids else None

    @property
    def code_count(self) -> int:
        """Codes of a response's choice: one per distinct answer key, then one for any other key."""
        return len(self._codes) + 1

    def code(self, answer_id: str | None) -> int | None:
        """The code of choosing the answer keyed ``answer_id`` (None for an answer without id)."""
        return None if answer_id is None else self._codes[answer_id]

    def add(self, respondent: int, answer_id: object) -> None:
        """``respondent``'s response, naming ``answer_id``."""
        self._respondents.append(respondent)
        self._answer_ids.append(answer_id)

    def add_keyed(self, respondents: Indices, chosen: NDArray[np.intc], keys: Sequence[str | None]) -> None:
        """A response of each of ``respondents``: ``respondents[k]`` chose the answer keyed ``keys[chosen[k]]``
        (no answer for a None key)."""
        codes = np.array([self._key_code(key) for key in keys], dtype=np.intp)
        self._keyed.append((respondents, codes[chosen]))

    def responses(self) -> tuple[Indices, Indices]:
        """(respondent, code of the chosen answer) of every response that counts, as two arrays."""
        one_by_one = np.fromiter(map(self._code, self._answer_ids), dtype=np.intp, count=len(self._answer_ids))
        parts = [*self._keyed, (np.array(self._respondents, dtype=np.intp), one_by_one)]
        respondents = np.concatenate([who for who, _ in parts])
        codes = np.concatenate([chosen for _, chosen in parts])
        answered = codes != NOT_ANSWERED
        return respondents[answered], codes[answered]

    def _code(self, answer_id: object) -> int:
        return self._key_code(None if answer_id is None or answer_id is False else id_key(answer_id))

    def _key_code(self, key: str | None) -> int:
        return NOT_ANSWERED if key is None else self._codes.get(key, len(self._codes))


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


def item_stats(item: Item, respondents: Respondents) -> ItemStats:
    """Compute ``item``'s figures from its responses and every respondent's total score and bucket.

    Responses are counted by choice and bucket, and their scores summed by choice, in vectorised passes.
    Every sum is ``math.fsum``'s over the same values (see ``exact_sums``), so no figure depends on order.
    """
    who, codes = item.responses()
    width = len(BUCKETS) + 1
    # counts[code][bucket]: responses choosing the answer of that code, by the respondent's bucket.
    counts: list[list[int]] = (
        np.bincount(codes * width + respondents.bucket_codes[who], minlength=item.code_count * width)
        .reshape(item.code_count, width)
        .tolist()
    )
    count = len(codes)
    correct_code = item.code(item.correct_answer_id)
    correct = [0] * width if correct_code is None else counts[correct_code]
    correct_count = sum(correct)
    points = _number(item.question.get("points_possible"))
    item_variance = variance_of_repeats([(points, correct_count), (0, count - correct_count)])
    return ItemStats(
        respondent_count=count,
        bucket_counts={bucket: sum(row[index] for row in counts) for index, bucket in enumerate(BUCKETS)},
        correct_count=correct_count,
        correct_ratio=_ratio(correct_count, count),
        wrong_ratio=_ratio(count - correct_count, count),
        correct_bucket_counts=dict(zip(BUCKETS, correct, strict=False)),
        variance=item_variance,
        standard_deviation=math.sqrt(item_variance),
        point_biserials=_point_biserials(item, respondents, who, codes, [sum(row) for row in counts]),
    )


def _point_biserials(
    item: Item, respondents: Respondents, who: Indices, codes: Indices, chose_counts: list[int]
) -> list[float | None]:
    """Correlation between total score and choosing each answer, over the item's respondents."""
    count = len(codes)
    own_scores = respondents.score_values[who]
    parts = None if respondents.parts is None else respondents.parts.take(who)
    sums = GroupSums(own_scores, codes, item.code_count, parts)
    # The spread is that of this item's respondents, not of the whole class (their population variance).
    spread = math.sqrt(_variance(own_scores, sums.total()))
    biserials: list[float | None] = []
    for answer_id in item.answer_ids:
        code = item.code(answer_id)
        chose_count = 0 if code is None else chose_counts[code]
        other_count = count - chose_count
        if code is None or not chose_count or not other_count:
            biserials.append(None)
            continue
        share = chose_count / count
        difference = sums.within(code) / chose_count - sums.outside(code) / other_count
        value = ruby_divide(difference, spread) * math.sqrt(share * (1 - share))
        biserials.append(None if math.isnan(value) else value)
    return biserials


def _variance(values: Floats, total: float) -> int | float:
    """``simple_stats.variance`` of ``values``, whose ``math.fsum`` is ``total``."""
    if len(values) < 2:
        return 0
    centre = total / len(values)
    with np.errstate(all="ignore"):  # infinities and NaN give what Python's float arithmetic gives, silently
        deviations = values - centre
        squares: Floats = deviations * deviations
    return array_fsum(squares) / len(values)


def _ratio(part: int, whole: int) -> int | float:
    # Canvas's 0/0 is NaN, which it replaces with the integer 0.
    return part / whole if whole else 0


def _number(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return 0
