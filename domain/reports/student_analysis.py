"""The student_analysis report: one row per reported attempt (canvas-facts §12)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from domain.reports.attempt_selection import ReportedAttempt
from domain.reports.cell import Cell, plain_text
from domain.reports.csv_line import RowEncoder
from domain.reports.quiz_data import as_cell
from domain.reports.report_table import LazyRows, ReportOptions, ReportTable
from domain.reports.strip_tags import strip_tags
from domain.reports.student_cells import RowCells
from domain.reports.student_lines import RowLines
from domain.reports.student_scan import scan

AttemptLoader = Callable[[Sequence[tuple[Any, Any]]], Mapping[tuple[Any, Any], Mapping[str, Any]]]
"""Reads whole attempts again by (submission id, attempt number); keys it cannot find are left out."""

RELOAD_BATCH = 500
"""Rows whose attempts are read again together: few queries, yet little held at once."""


def student_analysis(
    quiz: Mapping[str, Any],
    submissions: Iterable[Mapping[str, Any]],
    options: ReportOptions,
    *,
    reload: AttemptLoader | None = None,
    responses_elsewhere: bool = False,
) -> ReportTable:
    """Build the student analysis of ``quiz`` from its ``submissions``.

    Columns follow ``options`` (identity columns vanish when anonymous; SIS, root account and attempt
    columns are conditional). Each question gets an answer and a points column; questions are the
    quiz's own followed by any only reported attempts saw (drawn from groups or banks).

    ``submissions`` is iterated once, here. Without ``reload`` every reported attempt is kept as read;
    with it, past a memory budget only what ordering needs is kept and the attempts are read again with
    ``reload`` while rows are produced (an attempt it no longer finds renders as if it had no responses).
    With ``responses_elsewhere`` (which needs ``reload``) the attempts of ``submissions`` come without their
    responses (``submission_data`` lists left empty) and every row's attempt is read with ``reload``, in
    report order: the responses are decoded once, only for the attempts reported.
    """
    if responses_elsewhere and reload is None:
        raise ValueError("attempts without their responses need a reload")
    found = scan(
        quiz,
        submissions,
        all_versions=options.includes_all_versions,
        can_reload=reload is not None,
        retained_responses=0 if responses_elsewhere else None,
    )
    header = _header(found.columns, options)

    def reported() -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any]]]:
        for start in range(0, len(found.rows), RELOAD_BATCH):
            batch = found.rows[start : start + RELOAD_BATCH]
            for row, attempt in zip(batch, _whole_attempts(batch, reload), strict=True):
                yield row.submission, attempt

    def produce() -> Iterator[list[Cell]]:
        cells = RowCells(quiz, found.columns, options)
        for submission, attempt in reported():
            yield cells.row(submission, attempt)

    def encoded(encoder: RowEncoder) -> Iterator[str]:
        lines = RowLines(RowCells(quiz, found.columns, options), encoder)
        for submission, attempt in reported():
            yield lines.line(submission, attempt)

    return ReportTable(header=header, row_count=len(found.rows), rows=LazyRows(produce), encoded=encoded)


def _whole_attempts(batch: Sequence[ReportedAttempt], reload: AttemptLoader | None) -> list[Mapping[str, Any]]:
    keys = [reported.reload_key for reported in batch if reported.reload_key is not None]
    if not keys or reload is None:
        return [reported.attempt for reported in batch]
    loaded = reload(keys)
    return [
        reported.attempt if reported.reload_key is None else loaded.get(reported.reload_key, reported.attempt)
        for reported in batch
    ]


def _header(questions: Sequence[Mapping[str, Any]], options: ReportOptions) -> list[Cell]:
    header: list[Cell] = []
    if not options.anonymous:
        header += ["name", "id"]
        if options.includes_sis_ids:
            header.append("sis_id")
        if options.includes_root_account:
            header.append("root_account")
    header += ["section", "section_id"]
    if options.includes_sis_ids:
        header.append("section_sis_id")
    header.append("submitted")
    if options.includes_all_versions:
        header.append("attempt")
    for question in questions:
        title = f"{plain_text(question.get('id'))}: {strip_tags(question.get('question_text'))}"
        header += [title, as_cell(question.get("points_possible"))]
    return [*header, "n correct", "n incorrect", "score"]
