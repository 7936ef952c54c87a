"""The answer cell of a student analysis row, by question type (canvas-facts §12)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from domain.reports.cell import plain_text
from domain.reports.html_text import html_to_text
from domain.reports.quiz_data import id_key
from domain.reports.strip_tags import strip_tags

_HTML_ANSWER_TYPES = frozenset({"multiple_choice_question", "multiple_answers_question"})
_LEADING_INTEGER = re.compile(r"\s*([+-]?[0-9]+)")

Question = Mapping[str, Any]
Response = Mapping[str, Any]


def answer_cell(question: Question, response: Response, attachments: Sequence[Mapping[str, Any]]) -> str:
    """Return what the respondent answered to ``question`` as plain text.

    ``response`` is the attempt's ``submission_data`` entry for the question (empty when it has none);
    ``attachments`` are the submission's files, looked up for file-upload answers. Commas inside list
    items are written ``\\,`` and ``=>`` inside pairs ``\\=>`` so the lists stay parseable.
    """
    question_type = question.get("question_type")
    answers = answers_of(question)
    render = RENDERERS.get(str(question_type), chosen_answer_text)
    return html_to_text(render(question, answers, response, attachments))


def answers_of(question: Question) -> list[Mapping[str, Any]]:
    answers: list[Mapping[str, Any]] = list(question.get("answers") or [])
    if question.get("question_type") not in _HTML_ANSWER_TYPES:
        return answers
    # Answers written in the rich editor may carry only html; Canvas derives their text from it.
    return [
        {**answer, "text": strip_tags(answer.get("html"))} if not answer.get("text") and answer.get("html") else answer
        for answer in answers
    ]


def _fill_in_blanks(
    question: Question, answers: list[Mapping[str, Any]], response: Response, attachments: object
) -> str:
    values = (response.get(f"answer_for_{blank}") for blank in blank_ids(answers))
    return ",".join(_escape_commas(plain_text(value)) for value in values if value is not None)


def _multiple_answers(
    question: Question, answers: list[Mapping[str, Any]], response: Response, attachments: object
) -> str:
    chosen = (answer for answer in answers if plain_text(response.get(f"answer_{answer.get('id')}")) == "1")
    return ",".join(_escape_commas(plain_text(answer.get("text"))) for answer in chosen)


def _multiple_dropdowns(
    question: Question, answers: list[Mapping[str, Any]], response: Response, attachments: object
) -> str:
    texts_by_id = {id_key(answer.get("id")): answer.get("text") for answer in answers}
    chosen = (texts_by_id.get(id_key(response.get(f"answer_for_{blank}"))) for blank in blank_ids(answers))
    return ",".join(_escape_commas(plain_text(text)) for text in chosen if text is not None)


def _calculated(question: Question, answers: list[Mapping[str, Any]], response: Response, attachments: object) -> str:
    variables = (answers[0].get("variables") or []) if answers else []
    items = [
        f"{_escape_arrows(plain_text(variable.get('name')))}=>{_escape_arrows(plain_text(variable.get('value')))}"
        for variable in variables
    ]
    items.append(plain_text(response.get("text")))
    return ",".join(_escape_commas(item) for item in items)


def _matching(question: Question, answers: list[Mapping[str, Any]], response: Response, attachments: object) -> str:
    pairs = []
    for answer in answers:
        left = plain_text(answer.get("left") if answer.get("left") is not None else answer.get("text"))
        chosen = _ruby_to_i(response.get(f"answer_{answer.get('id')}"))
        right = _matched_right_side(question, answers, chosen)
        pairs.append(_escape_commas(f"{_escape_arrows(left)}=>{_escape_arrows(right)}"))
    return ",".join(pairs)


def _matched_right_side(question: Question, answers: list[Mapping[str, Any]], match_id: int) -> str:
    candidates = [*(question.get("matches") or []), *answers]
    for candidate in candidates:
        if _ruby_to_i(candidate.get("match_id")) == match_id and candidate.get("match_id") is not None:
            right = candidate.get("right")
            return plain_text(right if right is not None else candidate.get("text"))
    return ""


def _numerical(question: Question, answers: list[Mapping[str, Any]], response: Response, attachments: object) -> str:
    return plain_text(response.get("text"))


def _file_upload(
    question: Question,
    answers: list[Mapping[str, Any]],
    response: Response,
    attachments: Sequence[Mapping[str, Any]],
) -> str:
    attachment_ids = response.get("attachment_ids") or []
    if not attachment_ids:
        return ""
    first_id = id_key(attachment_ids[0])
    for attachment in attachments:
        if id_key(attachment.get("id")) == first_id:
            return plain_text(attachment.get("display_name"))
    return ""


def chosen_answer_text(
    question: Question, answers: list[Mapping[str, Any]], response: Response, attachments: object
) -> str:
    chosen = id_key(response.get("answer_id"))
    if chosen is not None:
        for answer in answers:
            if id_key(answer.get("id")) == chosen:
                return plain_text(answer.get("text"))
    return plain_text(response.get("text"))


def blank_ids(answers: list[Mapping[str, Any]]) -> list[Any]:
    blank_ids = (answer.get("blank_id") for answer in answers)
    return list(dict.fromkeys(blank_id for blank_id in blank_ids if blank_id is not None))


def _ruby_to_i(value: object) -> int:
    """Ruby's ``to_i``: the leading integer of the text, or 0."""
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else 0
    match = _LEADING_INTEGER.match(plain_text(value))
    return int(match.group(1)) if match else 0


def _escape_commas(text: str) -> str:
    return text.replace(",", "\\,")


def _escape_arrows(text: str) -> str:
    return text.replace("=>", "\\=>")


_Renderer = Callable[[Question, list[Mapping[str, Any]], Response, Sequence[Mapping[str, Any]]], str]
RENDERERS: dict[str, _Renderer] = {
    "fill_in_multiple_blanks_question": _fill_in_blanks,
    "multiple_answers_question": _multiple_answers,
    "multiple_dropdowns_question": _multiple_dropdowns,
    "calculated_question": _calculated,
    "matching_question": _matching,
    "numerical_question": _numerical,
    "file_upload_question": _file_upload,
}
