"""Whole reports written as CSV text, byte for byte."""

from __future__ import annotations

import csv
import io

from domain.reports import encode_row, item_analysis, student_analysis
from tests.unit.domain.reports.builders import (
    answer,
    attempt,
    csv_text,
    options,
    question,
    quiz,
    response,
    submission,
    user,
)

AWKWARD_TEXT = 'Pick "one", then\nexplain'


def test_one_submission_student_analysis_is_written_byte_for_byte() -> None:
    one = quiz([question(1, question_text="test 1", answers=[answer(11, "yes"), answer(12, "no")])])
    taken = submission(
        5,
        taker=user(42, "Ann", sis_user_id="A-1"),
        sections=[{"id": 3, "name": "Morning", "sis_section_id": None}],
        attempts=[attempt(responses=[response(1, answer_id=11, points=1.0)], score=1.0)],
    )

    text = csv_text(student_analysis(one, [taken], options()))

    assert text == (
        "name,id,sis_id,section,section_id,section_sis_id,submitted,1: test 1,1,n correct,n incorrect,score\n"
        'Ann,42,A-1,Morning,3,"",2019-08-24 23:01:08 UTC,yes,1.0,1,0,1.0\n'
    )


def test_awkward_question_text_round_trips_through_a_csv_reader() -> None:
    awkward = quiz([question(1, question_type="essay_question", question_text=AWKWARD_TEXT)])
    taken = submission(attempts=[attempt(responses=[response(1, text='<p>a, "b"</p><p>c</p>')])])

    rows = list(csv.reader(io.StringIO(csv_text(student_analysis(awkward, [taken], options())), newline="")))

    assert (rows[0][7], rows[1][7]) == ("1: " + AWKWARD_TEXT, 'a, "b"\n\nc')


def test_awkward_item_title_round_trips_through_a_csv_reader() -> None:
    tf = [answer(11, "True", weight=100), answer(12, "False")]
    awkward = quiz([question(1, question_type="true_false_question", question_text=AWKWARD_TEXT, answers=tf)])
    taken = submission(attempts=[attempt(responses=[response(1, answer_id=11)], score=1)])

    rows = list(csv.reader(io.StringIO(csv_text(item_analysis(awkward, [taken])), newline="")))

    assert rows[1][1] == AWKWARD_TEXT


def test_formula_like_answer_is_guarded_by_default() -> None:
    essay = quiz([question(1, question_type="essay_question")])
    taken = submission(attempts=[attempt(responses=[response(1, text='=HYPERLINK("x")')])])
    (row,) = student_analysis(essay, [taken], options()).rows

    assert encode_row(row).split(",")[7] == '"\'=HYPERLINK(""x"")"'


def test_formula_like_answer_is_written_as_is_without_the_guard() -> None:
    essay = quiz([question(1, question_type="essay_question")])
    taken = submission(attempts=[attempt(responses=[response(1, text="@SUM(A1)")])])
    (row,) = student_analysis(essay, [taken], options()).rows

    assert encode_row(row, formula_guard=False).split(",")[7] == "@SUM(A1)"


def test_negative_numeric_answer_is_not_guarded() -> None:
    numerical = quiz([question(1, question_type="numerical_question")])
    taken = submission(attempts=[attempt(responses=[response(1, text="-5", points=-0.5)], score=-0.5)])
    (row,) = student_analysis(numerical, [taken], options()).rows

    assert encode_row(row).split(",")[7:9] == ["-5", "-0.5"]
