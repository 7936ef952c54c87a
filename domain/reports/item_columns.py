"""The item analysis's answers to the quiz's own questions, gathered a row per attempt, read a column per item."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Any

from domain.reports.item import Item
from domain.reports.quiz_data import id_key

_PLAIN_ID_TYPES = frozenset({int, str, type(None)})


class QuizPlanAnswers:
    """Answer ids of attempts that saw the quiz's own questions, at the item questions' ``positions``.

    ``add`` keeps one tuple per attempt, taken in C; ``add_to`` hands each item (in ``positions`` order) its
    responses as ``summarize`` defines them: a response counts when its answer id is neither None nor
    False, and is keyed by ``id_key``.
    """

    def __init__(self, positions: Sequence[int]) -> None:
        self._positions = list(positions)
        self._width = max(positions, default=-1) + 1
        self._take = _taker(self._positions)
        self._respondents: list[int] = []
        self._rows: list[tuple[Any, ...]] = []

    def add(self, respondent: int, answer_ids: Sequence[Any]) -> None:
        if not self._positions:
            return
        if len(answer_ids) < self._width:  # positions past the last response read as unanswered
            answer_ids = [*answer_ids, *[None] * (self._width - len(answer_ids))]
        self._respondents.append(respondent)
        self._rows.append(self._take(answer_ids))

    def add_to(self, items: Sequence[Item]) -> None:
        if not self._rows:
            return
        for item, column in zip(items, zip(*self._rows, strict=True), strict=True):
            _extend(item, self._respondents, column)


def _taker(positions: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    if not positions:
        return lambda answer_ids: ()
    if len(positions) == 1:  # itemgetter of one index returns the item, not a tuple
        only = positions[0]
        return lambda answer_ids: (answer_ids[only],)
    return operator.itemgetter(*positions)


def _extend(item: Item, respondents: list[int], column: tuple[Any, ...]) -> None:
    """Append the answered entries of ``column`` (indexed as ``respondents``) to ``item``'s responses."""
    if not _PLAIN_ID_TYPES.issuperset(map(type, column)):
        # Floats, booleans or objects: equal values may key apart (1 and 1.0, False and 0), so one by one.
        for respondent, answer_id in zip(respondents, column, strict=True):
            if answer_id is not None and answer_id is not False:
                item.respondents.append(respondent)
                item.chosen.append(id_key(answer_id))  # type: ignore[arg-type]  # never None here
        return
    # Only ints, texts and None: a set tells them apart as id_key does (1 and "1" both key as "1").
    keys = {value: id_key(value) for value in set(column)}
    chosen = list(map(keys.__getitem__, column))
    answered = list(map(operator.is_not, chosen, itertools.repeat(None)))
    item.respondents.extend(itertools.compress(respondents, answered))
    item.chosen.extend(itertools.compress(chosen, answered))  # type: ignore[arg-type]  # None left out
