"""The student_analysis report: one row per reported attempt (canvas-facts §12)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from domain.reports.answer_cell import answer_cell
from domain.reports.attempt_selection import ReportedAttempt, reported_attempts
from domain.reports.cell import Cell, plain_text
from domain.reports.quiz_data import as_cell, attempt_questions, id_key, quiz_questions
from domain.reports.report_table import LazyRows, ReportOptions, ReportTable
from domain.reports.ruby_time import utc_time_text
from domain.reports.strip_tags import strip_tags


def student_analysis(
    quiz: Mapping[str, Any], submissions: Sequence[Mapping[str, Any]], options: ReportOptions
) -> ReportTable:
    """Build the student analysis of ``quiz`` from its ``submissions``.

    Columns follow ``options`` (identity columns vanish when anonymous; SIS, root account and attempt
    columns are conditional). Each question gets an answer and a points column; questions are the
    quiz's own followed by any only reported attempts saw (drawn from groups or banks).
    """
    attempts = reported_attempts(submissions, all_versions=options.includes_all_versions)
    questions = _question_columns(quiz, attempts)
    header = _header(questions, options)

    def produce() -> Iterator[list[Cell]]:
        current_questions = _by_id(quiz_questions(quiz))
        for reported in attempts:
            yield _row(reported, quiz, current_questions, questions, options)

    return ReportTable(header=header, row_count=len(attempts), rows=LazyRows(produce))


def _question_columns(quiz: Mapping[str, Any], attempts: Sequence[ReportedAttempt]) -> list[Mapping[str, Any]]:
    seen = _by_id(quiz_questions(quiz))
    for reported in attempts:
        # An attempt without its own quiz_data saw the quiz's questions, which are already columns.
        if reported.attempt.get("quiz_data") is None:
            continue
        for question in attempt_questions(quiz, reported.attempt):
            seen.setdefault(id_key(question.get("id")), question)
    return list(seen.values())


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


def _row(
    reported: ReportedAttempt,
    quiz: Mapping[str, Any],
    current_questions: Mapping[str | None, Mapping[str, Any]],
    questions: Sequence[Mapping[str, Any]],
    options: ReportOptions,
) -> list[Cell]:
    attempt = reported.attempt
    responses: list[Mapping[str, Any]] = attempt.get("submission_data") or []
    row = [] if options.anonymous else _identity_cells(reported, options)
    row += _section_cells(reported.submission, options)
    row.append(utc_time_text(attempt.get("finished_at")))
    if options.includes_all_versions:
        row.append(as_cell(attempt.get("attempt")))
    seen = current_questions if attempt.get("quiz_data") is None else _by_id(attempt_questions(quiz, attempt))
    row += _question_cells(reported, seen, questions, responses)
    correct = sum(1 for response in responses if _ruby_truthy(response.get("correct")))
    return [*row, correct, len(responses) - correct, as_cell(attempt.get("score"))]


def _identity_cells(reported: ReportedAttempt, options: ReportOptions) -> list[Cell]:
    user: Mapping[str, Any] | None = reported.submission.get("user")
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


def _question_cells(
    reported: ReportedAttempt,
    seen: Mapping[str | None, Mapping[str, Any]],
    questions: Sequence[Mapping[str, Any]],
    responses: Sequence[Mapping[str, Any]],
) -> list[Cell]:
    """Two cells per question column, answered from the questions this attempt saw."""
    by_question: dict[str | None, Mapping[str, Any]] = {}
    for entry in responses:
        by_question.setdefault(id_key(entry.get("question_id")), entry)
    attachments: list[Mapping[str, Any]] = reported.submission.get("attachments") or []
    cells: list[Cell] = []
    for column in questions:
        key = id_key(column.get("id"))
        question = seen.get(key)
        if question is None:
            cells += ["", ""]
            continue
        response = by_question.get(key)
        cells.append(answer_cell(question, response or {}, attachments))
        cells.append("" if response is None else as_cell(response.get("points")))
    return cells


def _by_id(questions: Sequence[Mapping[str, Any]]) -> dict[str | None, Mapping[str, Any]]:
    by_id: dict[str | None, Mapping[str, Any]] = {}
    for question in questions:
        by_id.setdefault(id_key(question.get("id")), question)
    return by_id


def _ruby_truthy(value: object) -> bool:
    return value is not None and value is not False
