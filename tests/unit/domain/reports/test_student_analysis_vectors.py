"""canvas-facts §14.4: the student analysis shapes of Canvas's specs, read back as CSV."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from domain.reports import ReportOptions, student_analysis
from tests.unit.domain.reports.builders import (
    Json,
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

BASE_QUIZ = quiz([question(1, question_text="test 1", answers=[answer(11, "yes")])])


def parsed(quiz_json: Json, submissions: list[Json], report_options: ReportOptions | None = None) -> list[list[str]]:
    text = csv_text(student_analysis(quiz_json, submissions, report_options or options()))
    return list(csv.reader(io.StringIO(text, newline="")))


def answered(*responses: Json, **submission_extra: Any) -> Json:
    return submission(attempts=[attempt(responses=list(responses))], **submission_extra)


def test_anonymous_report_rows_have_nine_cells() -> None:
    anonymous_quiz = quiz(BASE_QUIZ["questions"], anonymous_submissions=True)

    rows = parsed(anonymous_quiz, [answered(response(1, answer_id=11))], options(anonymous=True))

    assert len(rows[-1]) == 9


def test_report_with_sis_ids_has_twelve_cells_and_both_sis_columns() -> None:
    rows = parsed(BASE_QUIZ, [answered(response(1, answer_id=11))], options(sis_ids=True))

    assert len(rows[-1]) == 12
    assert {"sis_id", "section_sis_id"} <= set(rows[0])


def test_report_without_sis_ids_has_ten_cells_and_no_sis_columns() -> None:
    rows = parsed(BASE_QUIZ, [answered(response(1, answer_id=11))], options(sis_ids=False))

    assert len(rows[-1]) == 10
    assert not {"sis_id", "section_sis_id"} & set(rows[0])


def test_logged_out_survey_row_has_empty_name_id_and_sis_id() -> None:
    survey = quiz(BASE_QUIZ["questions"], quiz_type="survey")

    rows = parsed(survey, [answered(response(1, answer_id=11), logged_out=True)])

    assert rows[1][:3] == ["", "", ""]


def test_student_in_two_sections_shows_identity_and_joined_sections() -> None:
    taker = user(77, "nobody@example.com", sis_user_id="user_sis_id_01")
    sections = [
        {"id": 2, "name": "section2", "sis_section_id": "SISSection02"},
        {"id": 1, "name": "Unnamed Course", "sis_section_id": "SISSection01"},
    ]

    row = parsed(BASE_QUIZ, [answered(response(1), taker=taker, sections=sections)])[1]

    assert row[:6] == [
        "nobody@example.com",
        "77",
        "user_sis_id_01",
        "section2, Unnamed Course",
        "2, 1",
        "SISSection02, SISSection01",
    ]


def test_partially_answered_fill_in_blanks_keeps_the_empty_blank() -> None:
    def blanks(question_id: int) -> Json:
        answers = [
            answer(10 * question_id, "x", blank_id="b1"),
            answer(10 * question_id + 1, "y", blank_id="b2"),
        ]
        return question(question_id, question_type="fill_in_multiple_blanks_question", answers=answers)

    three = quiz([question(1, answers=[answer(11, "yes")]), blanks(2), blanks(3)])
    responses = [response(1, answer_id=11), response(2), response(3, answer_for_b1="", answer_for_b2="baz")]

    row = parsed(three, [answered(*responses)])[1]

    assert len(row) == 16
    assert row[11] == ",baz"


def test_numerical_answer_is_its_text() -> None:
    two = quiz([question(1, answers=[answer(11, "yes")]), question(2, question_type="numerical_question")])

    row = parsed(two, [answered(response(1, answer_id=11), response(2, text="5"))])[1]

    assert row[9] == "5"


def test_file_upload_answer_is_the_attachment_name() -> None:
    upload = quiz([question(1, question_type="file_upload_question")])
    files = [{"id": 9, "display_name": "attachment.png"}]

    row = parsed(upload, [answered(response(1, attachment_ids=["9"]), attachments=files)])[1]

    assert row[7] == "attachment.png"


def test_html_only_choice_answers_are_read_from_their_html() -> None:
    choice = question(1, answers=[answer(11, "", html="<em>zero</em>"), answer(12, "one")])
    many = question(
        2,
        question_type="multiple_answers_question",
        answers=[answer(21, "", html="<em>lolcats</em>"), answer(22, "lolrus")],
    )
    responses = [response(1, answer_id=11), response(2, answer_21="1", answer_22="1")]

    row = parsed(quiz([choice, many]), [answered(*responses)])[1]

    assert (row[7], row[9]) == ("zero", "lolcats,lolrus")


def test_essay_with_escaped_html_reads_as_decoded_text() -> None:
    essay = quiz([question(1, question_type="essay_question")])
    text = "&lt;&gt; &lt; &gt; WHERE rental_duration &gt;= 6 AND rating &lt;&gt; 'R' 1 &lt; 3 &gt; 2"

    row = parsed(essay, [answered(response(1, correct="undefined", text=text))])[1]

    assert row[7] == "<> < > WHERE rental_duration >= 6 AND rating <> 'R' 1 < 3 > 2"


def test_text_answers_of_every_kind_lose_their_tags() -> None:
    variables = [{"name": "x", "value": 4.3}]
    mixed = quiz(
        [
            question(1, question_type="short_answer_question"),
            question(2, question_type="fill_in_multiple_blanks_question", answers=[answer(21, blank_id="b")]),
            question(3, question_type="essay_question"),
            question(4, question_type="numerical_question"),
            question(5, question_type="calculated_question", answers=[answer(51, variables=variables)]),
        ]
    )
    responses = [
        response(1, text="<em>short_answer</em>"),
        response(2, answer_for_b="<em>fimb</em>"),
        response(3, text="<em>essay</em>"),
        response(4, text="<em>numerical</em>"),
        response(5, text="<em>calculated</em>"),
    ]

    row = parsed(mixed, [answered(*responses)])[1]

    assert [row[7], row[9], row[11], row[13]] == ["short_answer", "fimb", "essay", "numerical"]
    assert re.search(",calculated$", row[15])


def test_root_account_cell_shows_the_pseudonym_account_host() -> None:
    taker = user(3, sis_user_id="sis3", root_account="school1")

    rows = parsed(BASE_QUIZ, [answered(response(1), taker=taker)], options(root_account=True))

    assert rows[1][3] == "school1"


def test_missing_answers_on_calculated_and_text_only_questions_do_not_error() -> None:
    unanswerable = quiz(
        [
            question(1, question_type="calculated_question", answers=None),
            question(2, question_type="text_only_question", answers=None),
        ]
    )

    rows = parsed(unanswerable, [answered({"question_id": 1}, {"question_id": 2})])

    assert rows[1][7:11] == ["", "", "", ""]


def test_one_question_quiz_has_twelve_header_cells_by_default() -> None:
    rows = parsed(BASE_QUIZ, [])

    assert len(rows[0]) == 12
