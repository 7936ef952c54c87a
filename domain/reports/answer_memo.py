"""Answer cells of one question, rendered once per distinct response (canvas-facts §12).

A student analysis renders the same question for every attempt, and most attempts give one of a few
responses (a chosen answer id, a common typed text). ``QuestionCells`` fixes the question's per-question
work (derived answers, renderer, the response keys the renderer reads) once, and remembers the finished
cell of each distinct response, so ``html_to_text`` runs once per distinct answer instead of per cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from domain.reports.answer_cell import RENDERERS, answers_of, blank_ids, chosen_answer_text
from domain.reports.html_text import html_to_text

# Beyond this many distinct responses (free text such as essays) the memo is started afresh, so memory
# stays bounded whatever the course size.
MAX_REMEMBERED = 2048


class QuestionCells:
    """The answer cell of one question for any response; equal to ``answer_cell`` for the same input.

    ``cell(response, attachments)`` is a closure over the question's memo rather than a method: it runs
    once per question of every row, and local lookups are what keeps it cheap.
    """

    __slots__ = ("_answers", "_question", "_render", "cell", "memoisable")

    def __init__(self, question: Mapping[str, Any]) -> None:
        self._question = question
        self._answers = answers_of(question)
        question_type = str(question.get("question_type"))
        self._render = RENDERERS.get(question_type, chosen_answer_text)
        keys = _read_keys(question_type, self._answers)
        self.memoisable = keys is not None
        """Whether the cell depends on the response alone (not on the submission's attachments)."""
        self.cell: Callable[[Mapping[str, Any], Sequence[Mapping[str, Any]]], str] = _memoised(self._compute, keys)

    @property
    def question(self) -> Mapping[str, Any]:
        return self._question

    def _compute(self, response: Mapping[str, Any], attachments: Sequence[Mapping[str, Any]]) -> str:
        return html_to_text(self._render(self._question, self._answers, response, attachments))


Render = Callable[[Mapping[str, Any], Sequence[Mapping[str, Any]]], str]


def _memoised(compute: Render, keys: tuple[str, ...] | None) -> Render:
    """``compute`` remembered per distinct value of the response ``keys`` (every key it reads)."""
    if keys is None:
        return compute
    memo: dict[tuple[Any, ...], str] = {}
    remembered = memo.get

    def cell(response: Mapping[str, Any], attachments: Sequence[Mapping[str, Any]]) -> str:
        values = tuple(map(response.get, keys))
        # Values are keyed with their types so 1, 1.0 and True (equal in Python, not in Ruby's to_s) stay
        # apart; floats are never remembered because 0.0 == -0.0 while their texts differ (so a key holding
        # a float type is never found either).
        key = values + tuple(map(type, values))
        try:
            found = remembered(key)
        except TypeError:  # a list or object value: not hashable, rare enough to render each time
            return compute(response, attachments)
        if found is None:
            found = compute(response, attachments)
            if float not in key:
                if len(memo) >= MAX_REMEMBERED:
                    memo.clear()
                memo[key] = found
        return found

    return cell


def _read_keys(question_type: str, answers: list[Mapping[str, Any]]) -> tuple[str, ...] | None:
    """Every response key the question type's renderer reads; None when the cell depends on more."""
    if question_type in ("fill_in_multiple_blanks_question", "multiple_dropdowns_question"):
        return tuple(f"answer_for_{blank}" for blank in blank_ids(answers))
    if question_type in ("multiple_answers_question", "matching_question"):
        return tuple(f"answer_{answer.get('id')}" for answer in answers)
    if question_type in ("calculated_question", "numerical_question"):
        return ("text",)
    if question_type == "file_upload_question":
        return None  # the cell also depends on the submission's attachments
    if question_type in RENDERERS:
        raise AssertionError(f"no memo keys for {question_type}")  # a renderer added without its keys
    return ("answer_id", "text")


class QuestionCellsCache:
    """``QuestionCells`` per question object, so each question's memo serves every attempt that saw it."""

    __slots__ = ("_by_identity",)

    def __init__(self) -> None:
        # Keyed by identity: equal-looking snapshots may differ in keys the renderers read. The value keeps
        # the question alive, so its id cannot be reused while it is cached.
        self._by_identity: dict[int, QuestionCells] = {}

    def get(self, question: Mapping[str, Any]) -> QuestionCells:
        cells = self._by_identity.get(id(question))
        if cells is None or cells.question is not question:
            if len(self._by_identity) >= MAX_REMEMBERED:
                self._by_identity.clear()
            cells = self._by_identity[id(question)] = QuestionCells(question)
        return cells
