"""The question cells of the common student analysis row, rendered without looking responses up by id.

Most attempts have no questions of their own and one response per quiz question, in quiz order. Such a
row's question cells are rendered column by column. When the responses come still encoded
(``EncodedResponses``), each column also remembers, per distinct response text, the response's finished
cells (answer, points, and whether it counts as correct), so a text seen before is neither decoded nor
rendered again. Rows that do not line up return None and are rendered by question lookup instead.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from domain.reports.answer_memo import QuestionCells
from domain.reports.cell import Cell, plain_text
from domain.reports.encoded_responses import Decode, EncodedResponses

MAX_REMEMBERED_TEXTS = 2048
"""Response texts remembered per column before its memo starts afresh (free text rarely repeats)."""

_CELL_TYPES = (str, int, float)
_CELL_TYPES_OR_NONE = frozenset({str, int, float, bool, type(None)})
_INTS_ONLY = frozenset({int})
_QUESTION_ID = operator.methodcaller("get", "question_id")
_POINTS = operator.methodcaller("get", "points")
_CORRECT = operator.methodcaller("get", "correct")

Entry = tuple[str, Cell, int]
"""A response's answer cell, points cell, and 1 when it counts as correct (Ruby-truthy ``correct``)."""
Attachments = Sequence[Mapping[str, Any]]
Aligned = tuple[list[Cell], int, int]


class AlignedCells:
    """``cells(responses, attachments)``: (question cells, n correct, n incorrect), or None when the
    responses do not answer the leading columns' questions one each, in order, by exact int id."""

    def __init__(self, keys: Sequence[str | None], per_column: Sequence[QuestionCells | None]) -> None:
        self._ids = aligned_ids(keys, per_column)
        leading = [column for column in per_column[: len(self._ids)] if column is not None]
        self._renderers = [column.cell for column in leading]
        self._entries = [
            text_entry(column, question_id) for column, question_id in zip(leading, self._ids, strict=True)
        ]
        self._unseen_columns: list[Cell] = ["", ""] * (len(keys) - len(self._ids))

    def cells(self, responses: Sequence[Mapping[str, Any]], attachments: Attachments) -> Aligned | None:
        if not self._ids or len(responses) != len(self._ids):
            return None
        if type(responses) is EncodedResponses:
            return self._from_texts(responses.texts, responses.decode, attachments)
        ids = [*map(_QUESTION_ID, responses)]
        if ids != self._ids or not _INTS_ONLY.issuperset(map(type, ids)):  # 1.0 == 1, yet "1.0" is not id "1"
            return None
        points = [*map(_POINTS, responses)]
        if not _CELL_TYPES_OR_NONE.issuperset(map(type, points)):
            points = [p if p is None or isinstance(p, _CELL_TYPES) else plain_text(p) for p in points]
        answers = [render(response, attachments) for render, response in zip(self._renderers, responses, strict=True)]
        verdicts = [*map(_CORRECT, responses)]
        # Ruby truthiness: only nil and false are not correct (0 is).
        correct = len(verdicts) - sum(map(operator.is_, verdicts, itertools.repeat(None)))
        correct -= sum(map(operator.is_, verdicts, itertools.repeat(False)))
        return self._interleaved(answers, points), correct, len(verdicts) - correct

    def _from_texts(self, texts: list[str], decode: Decode, attachments: Attachments) -> Aligned | None:
        entries = [entry(text, decode, attachments) for entry, text in zip(self._entries, texts, strict=True)]
        if None in entries:
            return None
        answers, points, verdicts = zip(*entries, strict=True)
        correct = sum(verdicts)
        return self._interleaved(answers, points), correct, len(entries) - correct

    def _interleaved(self, answers: Sequence[Cell], points: Sequence[Cell]) -> list[Cell]:
        cells: list[Cell] = [None] * (2 * len(answers))
        cells[::2] = answers
        cells[1::2] = points
        return cells + self._unseen_columns


def aligned_ids(keys: Sequence[str | None], per_column: Sequence[QuestionCells | None]) -> list[int]:
    """The leading columns' question ids when they are the quiz's own questions with int ids, else []."""
    ids: list[int] = []
    for cells in per_column:
        if cells is None:
            break
        question_id = cells.question.get("id")
        if type(question_id) is not int:
            return []
        ids.append(question_id)
    # Columns past the quiz's own are drawn ones, which attempts without quiz_data never answer.
    if any(cells is not None for cells in per_column[len(ids) :]) or [str(i) for i in ids] != list(keys[: len(ids)]):
        return []
    return ids


def text_entry(column: QuestionCells, question_id: int) -> Callable[[str, Decode, Attachments], Entry | None]:
    """The entry of a response text for ``column``, remembered per text when the cell depends on it alone."""
    memo: dict[str, Entry] = {}
    remembered = memo.get
    memoisable = column.memoisable

    def entry(text: str, decode: Decode, attachments: Attachments) -> Entry | None:
        found = remembered(text)
        if found is not None:
            return found
        response = decode(text)
        answered = response.get("question_id")
        if type(answered) is not int or answered != question_id:
            return None
        points = response.get("points")
        verdict = response.get("correct")
        found = (
            column.cell(response, attachments),
            points if points is None or isinstance(points, _CELL_TYPES) else plain_text(points),
            int(verdict is not None and verdict is not False),
        )
        if memoisable:
            if len(memo) >= MAX_REMEMBERED_TEXTS:
                memo.clear()
            memo[text] = found
        return found

    return entry
