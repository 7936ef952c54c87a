"""The item analysis's answers to the quiz's own questions, gathered a row per attempt, read a column per item."""

from __future__ import annotations

import operator
from array import array
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from domain.reports.item import Item
from domain.reports.quiz_data import id_key

_PLAIN_ID_TYPES = frozenset({int, str, type(None)})


class QuizPlanAnswers:
    """Answer ids of attempts that saw the quiz's own questions, at the item questions' ``positions``.

    ``add`` keys each attempt's answer ids as they come, while they are fresh in memory: every distinct key
    (``id_key``, or None for no answer, which None and False are) gets a number, and the numbers go into one
    flat array, a row per attempt. ``add_to`` hands each item (in ``positions`` order) its column.
    """

    def __init__(self, positions: Sequence[int]) -> None:
        self._positions = list(positions)
        self._width = max(positions, default=-1) + 1
        self._take = _taker(self._positions)
        self._respondents: list[int] = []
        self._chosen = array("i")
        self._keys: list[str | None] = [None]
        self._numbers: dict[str | None, int] = {None: 0}
        self._plain_numbers: dict[Any, int] = {None: 0}  # number of each answer id of a plain type

    def add(self, respondent: int, answer_ids: Sequence[Any]) -> None:
        if not self._positions:
            return
        if len(answer_ids) < self._width:  # positions past the last response read as unanswered
            answer_ids = [*answer_ids, *[None] * (self._width - len(answer_ids))]
        taken = self._take(answer_ids)
        if _PLAIN_ID_TYPES.issuperset(map(type, taken)):
            # Only ints, texts and None: a dict tells them apart as id_key does (1 and "1" both key as "1").
            try:
                numbers = list(map(self._plain_numbers.__getitem__, taken))
            except KeyError:  # an answer id not met before
                numbers = list(map(self._plain_number, taken))
        else:
            # Floats, booleans or objects: equal values may key apart (1 and 1.0, False and 0), so one by one.
            numbers = list(map(self._number, taken))
        self._respondents.append(respondent)
        self._chosen.extend(numbers)

    def add_to(self, items: Sequence[Item]) -> None:
        if not self._respondents:
            return
        respondents = np.array(self._respondents, dtype=np.intp)
        chosen = np.frombuffer(self._chosen, dtype=np.intc).reshape(len(respondents), len(self._positions))
        for column, item in enumerate(items):
            item.add_keyed(respondents, chosen[:, column], self._keys)

    def _number(self, answer_id: object) -> int:
        key = None if answer_id is None or answer_id is False else id_key(answer_id)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._keys)
            self._keys.append(key)
        return number

    def _plain_number(self, answer_id: object) -> int:
        number = self._plain_numbers[answer_id] = self._number(answer_id)
        return number


def _taker(positions: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    if not positions:
        return lambda answer_ids: ()
    if len(positions) == 1:  # itemgetter of one index returns the item, not a tuple
        only = positions[0]
        return lambda answer_ids: (answer_ids[only],)
    return operator.itemgetter(*positions)
