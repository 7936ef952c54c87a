"""The question columns of the common student analysis row, written straight to CSV text.

``AlignedCells`` renders an aligned row's question cells from its encoded responses; a writer then
encodes those ~200 cells one by one. Here each column remembers, per distinct response text, the
finished CSV fragment of its two cells (``answer,points``, quoted and formula-guarded as the encoder
would) with the response's verdict, so a row seen before in every column is one dictionary lookup per
response and one ``join``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from domain.reports import aligned_cells
from domain.reports.aligned_cells import Attachments, Entry, aligned_ids, text_entry
from domain.reports.answer_memo import QuestionCells
from domain.reports.cell import Cell
from domain.reports.encoded_responses import Decode, EncodedResponses

Fragment = tuple[str, int]
"""A response's two fields joined by a comma, and 1 when it counts as correct."""

_TEXT = operator.itemgetter(0)
_VERDICT = operator.itemgetter(1)


class AlignedLines:
    """``fields(responses, attachments)``: (the question columns' CSV text, n correct, n incorrect), or None
    when the row is not aligned (see ``AlignedCells``) or its responses are not ``EncodedResponses``.

    The text equals ``field`` applied to each cell ``AlignedCells.cells`` returns, joined by commas.
    """

    def __init__(
        self,
        keys: Sequence[str | None],
        per_column: Sequence[QuestionCells | None],
        field: Callable[[Cell], str],
    ) -> None:
        self._field = field
        self._ids = aligned_ids(keys, per_column)
        leading = [column for column in per_column[: len(self._ids)] if column is not None]
        self._entries = [
            text_entry(column, question_id) for column, question_id in zip(leading, self._ids, strict=True)
        ]
        self._memoisable = [column.memoisable for column in leading]
        self._memos: list[dict[str, Fragment]] = [{} for _ in leading]
        unseen = field("")
        self._unseen_columns = "".join("," + unseen for _ in range(2 * (len(keys) - len(self._ids))))

    def fields(self, responses: Sequence[Mapping[str, Any]], attachments: Attachments) -> tuple[str, int, int] | None:
        if not self._ids or type(responses) is not EncodedResponses:
            return None
        texts = responses.texts
        if len(texts) != len(self._ids):
            return None
        # dict.get mapped over (memo, text) pairs runs in C: the common row costs no Python call per cell.
        found: list[Fragment | None] = list(map(dict.get, self._memos, texts))
        if None in found:
            for index, hit in enumerate(found):
                if hit is None:
                    hit = self._missed(index, texts[index], responses.decode, attachments)
                    if hit is None:
                        return None
                    found[index] = hit
        correct = sum(map(_VERDICT, found))  # type: ignore[arg-type]
        text = ",".join(map(_TEXT, found))  # type: ignore[arg-type]
        return text + self._unseen_columns, correct, len(found) - correct

    def _missed(self, index: int, text: str, decode: Decode, attachments: Attachments) -> Fragment | None:
        entry: Entry | None = self._entries[index](text, decode, attachments)
        if entry is None:
            return None
        fragment = (self._field(entry[0]) + "," + self._field(entry[1]), entry[2])
        if self._memoisable[index]:
            memo = self._memos[index]
            if len(memo) >= aligned_cells.MAX_REMEMBERED_TEXTS:
                memo.clear()
            memo[text] = fragment
        return fragment
