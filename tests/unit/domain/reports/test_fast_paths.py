"""The memoised and fast paths produce exactly what the plain paths produce."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from domain.reports import Cell, RowEncoder, answer_memo, csv_line, encode_row
from domain.reports.answer_cell import answer_cell
from domain.reports.answer_memo import QuestionCells, QuestionCellsCache
from domain.reports.html_text import _TextCollector, _tidy, html_to_text
from tests.unit.domain.reports.builders import Json, answer, question

_PLAIN_ALPHABET = ["a", "B", "7", " ", "  ", "\t", "\r", "\n", "\f", "\v", "\0", "\u00a0", ",", '"', "=", "é", ">", ";"]


def _parsed(text: str) -> str:
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    return _tidy(collector.text())


def test_text_without_tags_or_entities_reads_as_the_parser_reads_it() -> None:
    rng = random.Random(12)
    for _ in range(3000):
        text = "".join(rng.choice(_PLAIN_ALPHABET) for _ in range(rng.randint(1, 12)))
        assert html_to_text(text) == _parsed(text), repr(text)


_CELLS: list[Cell] = [
    None, "", "a", "a,b", 'say "hi"', "line\nbreak", "cr\r", "=SUM(A1)", "+1", "-5", "+3.2e1", "@x", "\tx",
    0, 1, -7, 10**20, True, False, 0.0, -0.0, 1.0, 2.5, -0.7, 1.0e-05, 1e16, 123456789.125, math.nan,
    math.inf, -math.inf, 0.1 + 0.2,
]  # fmt: skip


@pytest.mark.parametrize("guard", [True, False])
def test_row_encoder_writes_what_encode_row_writes(guard: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_line, "MAX_REMEMBERED_FIELDS", 4)  # forces the memo to start afresh too
    encoder = RowEncoder(formula_guard=guard)
    rng = random.Random(7)
    for _ in range(500):
        cells = [rng.choice(_CELLS) for _ in range(rng.randint(0, 9))]
        assert encoder.line(cells) == encode_row(cells, formula_guard=guard), cells


def _questions() -> list[Json]:
    blanks = [
        answer(11, "red", blank_id="color"),
        answer(12, "<b>blue</b>", blank_id="color"),
        answer(13, "1", blank_id="n"),
    ]
    pairs = [
        answer(21, "a", left="a", right="x", match_id=31),
        answer(22, "b, c", left="b, c", right="y=>z", match_id=32),
    ]
    return [
        question(1, answers=[answer(1, "Paris"), answer(2, "<p>Rome &amp; co</p>"), answer(3, "", html="<i>Oslo</i>")]),
        question(2, question_type="true_false_question", answers=[answer(1, "True"), answer(2, "False")]),
        question(3, question_type="essay_question"),
        question(4, question_type="short_answer_question", answers=[answer(1, "yes")]),
        question(5, question_type="numerical_question"),
        question(6, question_type="multiple_answers_question", answers=[answer(1, "a, b"), answer(2, "c")]),
        question(7, question_type="fill_in_multiple_blanks_question", answers=blanks),
        question(8, question_type="multiple_dropdowns_question", answers=blanks),
        question(9, question_type="matching_question", answers=pairs, matches=[{"match_id": 33, "text": "w"}]),
        question(10, question_type="calculated_question", answers=[answer(1, variables=[{"name": "x", "value": 2}])]),
        question(11, question_type="file_upload_question"),
    ]


# Values equal in Python but printed differently by Ruby, so a memo keyed by value alone would mix them up.
_VALUES: list[Any] = [None, 1, 1.0, True, "1", 2, "2", 0.0, -0.0, "0", 31, 32, "32", 12, 13, "<p>a  b</p>", "x &lt; y"]
_KEYS = ["answer_id", "text", "answer_1", "answer_2", "answer_21", "answer_22", "answer_for_color", "answer_for_n"]


def test_question_cells_answer_as_answer_cell_for_any_response(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answer_memo, "MAX_REMEMBERED", 8)
    attachments = [{"id": 5, "display_name": "notes.pdf"}]
    rng = random.Random(3)
    cache = QuestionCellsCache()
    for asked in _questions():
        for _ in range(300):
            response: dict[str, Any] = {key: rng.choice(_VALUES) for key in rng.sample(_KEYS, rng.randint(0, 4))}
            if rng.random() < 0.1:
                response["text"] = [1, 2]  # an unhashable value is rendered without the memo
            if asked["question_type"] == "file_upload_question":
                response["attachment_ids"] = rng.choice([["5"], [5], [], ["6"]])
            expected = answer_cell(asked, response, attachments)
            assert cache.get(asked).cell(response, attachments) == expected, (asked["id"], response)


def test_question_cells_are_shared_per_question_object() -> None:
    cache = QuestionCellsCache()
    asked = _questions()[0]

    assert cache.get(asked) is cache.get(asked)
    assert cache.get(dict(asked)) is not cache.get(asked)
    assert isinstance(cache.get(asked), QuestionCells)
