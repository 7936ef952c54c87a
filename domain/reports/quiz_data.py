"""Reading the ingested quiz and attempt shapes that both reports share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.reports.cell import Cell, plain_text


def quiz_questions(quiz: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The quiz's own questions in quiz order, without question-group entries."""
    questions: list[Mapping[str, Any]] = quiz.get("questions") or []
    return [question for question in questions if question.get("entry_type") != "quiz_group"]


def attempt_questions(quiz: Mapping[str, Any], attempt: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The questions an attempt saw: its own ``quiz_data``, or the quiz's questions when it has none."""
    own: list[Mapping[str, Any]] | None = attempt.get("quiz_data")
    if own is None:
        return quiz_questions(quiz)
    return [question for question in own if question.get("entry_type") != "quiz_group"]


def id_key(value: object) -> str | None:
    """An id comparable across places that store it as a number or as numeric text."""
    if value is None or isinstance(value, str):
        return value
    return plain_text(value)


def as_cell(value: object) -> Cell:
    """``value`` unchanged when it is already a cell value, else its text."""
    if value is None or isinstance(value, str | int | float):
        return value
    return plain_text(value)
