"""Student analysis rows written straight to CSV text (canvas-facts §11-§12)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.reports.aligned_lines import AlignedLines
from domain.reports.csv_line import RowEncoder
from domain.reports.quiz_data import as_cell
from domain.reports.student_cells import RowCells


class RowLines:
    """``line(submission, attempt) == encoder.line(cells.row(submission, attempt))``, faster.

    Aligned rows with encoded responses (nearly all rows a worker writes) splice the question columns'
    remembered CSV text (see ``AlignedLines``) between their encoded lead and tail cells; any other row is
    rendered as cells and encoded.
    """

    def __init__(self, cells: RowCells, encoder: RowEncoder) -> None:
        self._cells = cells
        self._encoder = encoder
        self._aligned = AlignedLines(cells.keys, cells.current, encoder.field)

    def line(self, submission: Mapping[str, Any], attempt: Mapping[str, Any]) -> str:
        if attempt.get("quiz_data") is None:
            responses = attempt.get("submission_data") or []
            found = self._aligned.fields(responses, submission.get("attachments") or [])
            if found is not None:
                questions, correct, incorrect = found
                fields = self._encoder.fields
                lead = fields(self._cells.lead(submission, attempt))
                tail = fields([correct, incorrect, as_cell(attempt.get("score"))])
                return f"{lead},{questions},{tail}\n"
        return self._encoder.line(self._cells.row(submission, attempt))
