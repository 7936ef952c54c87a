"""Student analysis rows written straight to CSV text (canvas-facts §11-§12)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.reports.aligned_lines import AlignedLines
from domain.reports.csv_line import RowEncoder
from domain.reports.quiz_data import as_cell
from domain.reports.student_cells import RowCells

MAX_REMEMBERED_PERSONS = 65536
"""Submissions whose identity and section fields are remembered before the memo starts afresh."""


class RowLines:
    """``line(submission, attempt) == encoder.line(cells.row(submission, attempt))``, faster.

    Aligned rows with encoded responses (nearly all rows a worker writes) splice the question columns'
    remembered CSV text (see ``AlignedLines``) between their encoded lead and tail cells; any other row is
    rendered as cells and encoded. The identity and section fields of the lead are encoded once per
    submission: with all versions, each of its attempts is a row.
    """

    def __init__(self, cells: RowCells, encoder: RowEncoder) -> None:
        self._cells = cells
        self._encoder = encoder
        self._aligned = AlignedLines(cells.keys, cells.current, encoder.field)
        # Keyed by identity, the value keeping its submission alive so its id cannot be reused meanwhile.
        self._persons: dict[int, tuple[Mapping[str, Any], str]] = {}

    def line(self, submission: Mapping[str, Any], attempt: Mapping[str, Any]) -> str:
        if attempt.get("quiz_data") is None:
            responses = attempt.get("submission_data") or []
            found = self._aligned.fields(responses, submission.get("attachments") or [])
            if found is not None:
                questions, correct, incorrect = found
                fields = self._encoder.fields
                taken = fields(self._cells.taken(attempt))
                tail = fields([correct, incorrect, as_cell(attempt.get("score"))])
                return f"{self._person(submission)},{taken},{questions},{tail}\n"
        return self._encoder.line(self._cells.row(submission, attempt))

    def _person(self, submission: Mapping[str, Any]) -> str:
        known = self._persons.get(id(submission))
        if known is not None and known[0] is submission:
            return known[1]
        person = self._encoder.fields(self._cells.person(submission))
        if len(self._persons) >= MAX_REMEMBERED_PERSONS:
            self._persons.clear()
        self._persons[id(submission)] = (submission, person)
        return person
