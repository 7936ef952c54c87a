"""The cells of one student analysis row (canvas-facts §12), rendered with per-question memos."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.reports.aligned_cells import AlignedCells
from domain.reports.answer_memo import QuestionCells, QuestionCellsCache
from domain.reports.cell import Cell, plain_text
from domain.reports.quiz_data import as_cell, attempt_questions, id_key, quiz_questions
from domain.reports.report_table import ReportOptions
from domain.reports.ruby_time import utc_time_text

_CELL_TYPES = (str, int, float)
_MAX_TIMES = 65536


class RowCells:
    """Renders rows of one report: ``row(submission, attempt)`` is the row's list of cells.

    Built once per pass over the rows, it remembers per question the rendered answer of each distinct
    response and per time its printed form; the cells are exactly those of a row rendered afresh.
    """

    def __init__(self, quiz: Mapping[str, Any], columns: Sequence[Mapping[str, Any]], options: ReportOptions) -> None:
        self._quiz = quiz
        self._options = options
        self._keys = [id_key(column.get("id")) for column in columns]
        self._cache = QuestionCellsCache()
        self._current = self._per_column(_by_id(quiz_questions(quiz)))
        self._times: dict[str | None, str] = {}
        self._aligned = AlignedCells(self._keys, self._current)

    @property
    def keys(self) -> list[str | None]:
        """The question columns' id keys."""
        return self._keys

    @property
    def current(self) -> list[QuestionCells | None]:
        """Per question column, the cells of the quiz's current question (None when it has none)."""
        return self._current

    def lead(self, submission: Mapping[str, Any], attempt: Mapping[str, Any]) -> list[Cell]:
        """The row's cells before its question columns (identity, section, submitted, attempt)."""
        return self.person(submission) + self.taken(attempt)

    def person(self, submission: Mapping[str, Any]) -> list[Cell]:
        """The lead cells that depend on the submission alone (identity and section)."""
        options = self._options
        row = [] if options.anonymous else _identity_cells(submission, options)
        return row + _section_cells(submission, options)

    def taken(self, attempt: Mapping[str, Any]) -> list[Cell]:
        """The lead cells that depend on the attempt (submitted, and the attempt number for all versions)."""
        row: list[Cell] = [self._time(attempt.get("finished_at"))]
        if self._options.includes_all_versions:
            row.append(as_cell(attempt.get("attempt")))
        return row

    def row(self, submission: Mapping[str, Any], attempt: Mapping[str, Any]) -> list[Cell]:
        responses: list[Mapping[str, Any]] = attempt.get("submission_data") or []
        row = self.lead(submission, attempt)
        if attempt.get("quiz_data") is None:
            per_column = self._current
            aligned = self._aligned.cells(responses, submission.get("attachments") or [])
            if aligned is not None:
                row += aligned[0]
                return [*row, aligned[1], aligned[2], as_cell(attempt.get("score"))]
        else:
            per_column = self._per_column(_by_id(attempt_questions(self._quiz, attempt)))
        by_question: dict[str | None, Mapping[str, Any]] = {}
        correct = 0
        for entry in responses:
            question_id = entry.get("question_id")
            # id_key inlined for the common id types: this runs once per response of every row.
            kind = type(question_id)
            key = (
                question_id
                if kind is str or question_id is None
                else str(question_id)
                if kind is int
                else id_key(question_id)
            )
            if key not in by_question:
                by_question[key] = entry
            verdict = entry.get("correct")
            if verdict is not None and verdict is not False:  # Ruby truthiness
                correct += 1
        attachments: list[Mapping[str, Any]] = submission.get("attachments") or []
        append = row.append
        for key, cells in zip(self._keys, per_column, strict=True):
            if cells is None:
                row += ("", "")
                continue
            response = by_question.get(key)
            if response is None:
                append(cells.cell({}, attachments))
                append("")
                continue
            append(cells.cell(response, attachments))
            points = response.get("points")
            append(points if points is None or isinstance(points, _CELL_TYPES) else plain_text(points))
        return [*row, correct, len(responses) - correct, as_cell(attempt.get("score"))]

    def _per_column(self, seen: Mapping[str | None, Mapping[str, Any]]) -> list[QuestionCells | None]:
        get = self._cache.get
        return [None if (question := seen.get(key)) is None else get(question) for key in self._keys]

    def _time(self, text: str | None) -> str:
        printed = self._times.get(text)
        if printed is None:
            printed = utc_time_text(text)
            if len(self._times) >= _MAX_TIMES:
                self._times.clear()
            self._times[text] = printed
        return printed


def _identity_cells(submission: Mapping[str, Any], options: ReportOptions) -> list[Cell]:
    user: Mapping[str, Any] | None = submission.get("user")
    if user is None:
        extra_columns = int(options.includes_sis_ids) + int(options.includes_root_account)
        return ["", "", *[""] * extra_columns]
    cells = [as_cell(user.get("name")), as_cell(user.get("id"))]
    if options.includes_sis_ids:
        cells.append(as_cell(user.get("sis_user_id")))
    if options.includes_root_account:
        # Canvas finds the account through the SIS pseudonym, which it looks up only for SIS reports.
        cells.append(as_cell(user.get("root_account")) if options.includes_sis_ids else None)
    return cells


def _section_cells(submission: Mapping[str, Any], options: ReportOptions) -> list[Cell]:
    sections: list[Mapping[str, Any]] = submission.get("sections") or []
    cells: list[Cell] = [
        ", ".join(plain_text(section.get("name")) for section in sections),
        ", ".join(plain_text(section.get("id")) for section in sections),
    ]
    if options.includes_sis_ids:
        cells.append(", ".join(plain_text(section.get("sis_section_id")) for section in sections))
    return cells


def _by_id(questions: Sequence[Mapping[str, Any]]) -> dict[str | None, Mapping[str, Any]]:
    by_id: dict[str | None, Mapping[str, Any]] = {}
    for question in questions:
        by_id.setdefault(id_key(question.get("id")), question)
    return by_id
