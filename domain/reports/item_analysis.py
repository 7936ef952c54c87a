"""The item_analysis report: one row per multiple-choice or true/false question (canvas-facts §13)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from domain.reports.cell import Cell
from domain.reports.item import Item, ItemStats
from domain.reports.item_summary import FirstAttempt, ItemSummary, summarize, summarize_first_attempts
from domain.reports.quiz_data import as_cell
from domain.reports.report_table import LazyRows, ReportTable
from domain.reports.strip_tags import strip_tags

BASE_HEADER: tuple[str, ...] = (
    "Question Id", "Question Title", "Answered Student Count", "Top Student Count",
    "Middle Student Count", "Bottom Student Count", "Quiz Question Count", "Correct Student Count",
    "Wrong Student Count", "Correct Student Ratio", "Wrong Student Ratio", "Correct Top Student Count",
    "Correct Middle Student Count", "Correct Bottom Student Count", "Variance", "Standard Deviation",
    "Difficulty Index", "Alpha", "Point Biserial of Correct",
)  # fmt: skip
_ALPHA_MIN_ITEMS = 16
_NO_POSITION = 10000


def item_analysis(quiz: Mapping[str, Any], submissions: Iterable[Mapping[str, Any]]) -> ReportTable:
    """Build the item analysis of ``quiz`` from its ``submissions`` (iterated once, here).

    Rows are ordered by question position, question text, question id and then most respondents.
    The header gains a ``Point Biserial of Distractor k`` column for every distractor of the item
    with the most answers. Alpha is printed only for more than 15 items, else ``N/A``.
    """
    return _table(summarize(quiz, submissions))


def item_analysis_of_first_attempts(quiz: Mapping[str, Any], first_attempts: Iterable[FirstAttempt]) -> ReportTable:
    """``item_analysis`` from what it reads of each submission (see ``FirstAttempt``), iterated once."""
    return _table(summarize_first_attempts(quiz, first_attempts))


def _table(summary: ItemSummary) -> ReportTable:
    rows = sorted(summary.items, key=_row_order)
    answer_columns = max((len(item.answer_ids) for item, _ in rows), default=0)
    header: list[Cell] = [
        *BASE_HEADER,
        *(f"Point Biserial of Distractor {k}" for k in range(2, answer_columns + 1)),
    ]

    def produce() -> Iterator[list[Cell]]:
        for item, stats in rows:
            # The correct answer's column exists even when no item has any answers.
            yield _row(item, stats, summary, max(answer_columns, 1))

    return ReportTable(header=header, row_count=len(rows), rows=LazyRows(produce))


def _row(item: Item, stats: ItemStats, summary: ItemSummary, biserial_columns: int) -> list[Cell]:
    alpha = summary.alpha
    biserials: list[Cell] = list(stats.point_biserials)
    return [
        as_cell(item.question.get("id")),
        strip_tags(item.question.get("question_text")),
        stats.respondent_count,
        stats.bucket_counts["top"],
        stats.bucket_counts["middle"],
        stats.bucket_counts["bottom"],
        len(summary.items),
        stats.correct_count,
        stats.wrong_count,
        stats.correct_ratio,
        stats.wrong_ratio,
        stats.correct_bucket_counts["top"],
        stats.correct_bucket_counts["middle"],
        stats.correct_bucket_counts["bottom"],
        stats.variance,
        stats.standard_deviation,
        stats.correct_ratio,
        alpha if alpha is not None and len(summary.items) >= _ALPHA_MIN_ITEMS else "N/A",
        *biserials,
        *[None] * (biserial_columns - len(biserials)),
    ]


def _row_order(analysed: tuple[Item, ItemStats]) -> tuple[float, str, tuple[int, float, str], int]:
    item, stats = analysed
    position = item.question.get("position")
    question_id = item.question.get("id")
    return (
        position if isinstance(position, int | float) else _NO_POSITION,
        strip_tags(item.question.get("question_text")),
        _id_order(question_id),
        -stats.respondent_count,
    )


def _id_order(question_id: object) -> tuple[int, float, str]:
    # Numeric ids sort numerically; any other id sorts after them by its text.
    if isinstance(question_id, int | float) and not isinstance(question_id, bool):
        return (0, question_id, "")
    return (1, 0, str(question_id))
