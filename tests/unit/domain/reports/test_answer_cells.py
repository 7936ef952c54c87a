from __future__ import annotations

from typing import Any

from domain.reports import Cell, student_analysis
from tests.unit.domain.reports.builders import (
    Json,
    answer,
    attempt,
    options,
    question,
    quiz,
    response,
    rows_of,
    submission,
)

FIRST_ANSWER = 7


def answer_cell_for(asked: Json, answered: Json, **submission_extra: Any) -> Cell:
    taken = submission(attempts=[attempt(responses=[answered])], **submission_extra)
    (row,) = rows_of(student_analysis(quiz([asked]), [taken], options()))
    return row[FIRST_ANSWER]


def blanks_question(question_type: str) -> Json:
    return question(
        1,
        question_type=question_type,
        answers=[
            answer(11, "red", blank_id="color"),
            answer(12, "blue", blank_id="color"),
            answer(13, "cat, dog", blank_id="animal"),
        ],
    )


def test_multiple_choice_shows_the_chosen_answer_text() -> None:
    asked = question(1, answers=[answer(11, "Paris"), answer(12, "Rome")])

    assert answer_cell_for(asked, response(1, answer_id=12)) == "Rome"


def test_multiple_choice_answer_with_only_html_shows_its_stripped_html() -> None:
    asked = question(1, answers=[answer(11, "", html="<em>zero</em>"), answer(12, "one")])

    assert answer_cell_for(asked, response(1, answer_id=11)) == "zero"


def test_chosen_answer_id_as_text_still_finds_the_answer() -> None:
    asked = question(1, answers=[answer(11, "Paris")])

    assert answer_cell_for(asked, response(1, answer_id="11")) == "Paris"


def test_short_answer_shows_the_typed_text() -> None:
    asked = question(1, question_type="short_answer_question", answers=[answer(11, "expected")])

    assert answer_cell_for(asked, response(1, text="typed")) == "typed"


def test_essay_html_becomes_plain_text() -> None:
    asked = question(1, question_type="essay_question")

    cell = answer_cell_for(asked, response(1, text="<p>First</p><p>Second &amp; last</p>"))

    assert cell == "First\n\nSecond & last"


def test_question_without_a_response_text_has_an_empty_answer() -> None:
    asked = question(1, question_type="text_only_question", answers=None)

    assert answer_cell_for(asked, {"question_id": 1}) == ""


def test_fill_in_blanks_lists_each_blank_with_commas_escaped() -> None:
    answered = response(1, answer_for_color="teal", answer_for_animal="cat, dog")

    assert answer_cell_for(blanks_question("fill_in_multiple_blanks_question"), answered) == "teal,cat\\, dog"


def test_fill_in_blanks_keeps_empty_blanks_and_drops_missing_ones() -> None:
    answered = response(1, answer_for_color="")

    assert answer_cell_for(blanks_question("fill_in_multiple_blanks_question"), answered) == ""


def test_fill_in_blanks_first_blank_empty_second_answered() -> None:
    answered = response(1, answer_for_color="", answer_for_animal="baz")

    assert answer_cell_for(blanks_question("fill_in_multiple_blanks_question"), answered) == ",baz"


def test_multiple_answers_lists_chosen_answers_in_question_order() -> None:
    asked = question(
        1,
        question_type="multiple_answers_question",
        answers=[answer(11, "lolcats"), answer(12, "", html="<b>lolrus</b>"), answer(13, "lolwut")],
    )

    cell = answer_cell_for(asked, response(1, answer_12="1", answer_11="1", answer_13="0"))

    assert cell == "lolcats,lolrus"


def test_multiple_answers_escapes_commas_in_answer_text() -> None:
    asked = question(1, question_type="multiple_answers_question", answers=[answer(11, "a, b")])

    assert answer_cell_for(asked, response(1, answer_11="1")) == "a\\, b"


def test_multiple_dropdowns_maps_each_chosen_id_to_its_answer_text() -> None:
    answered = response(1, answer_for_color="12", answer_for_animal=13)

    assert answer_cell_for(blanks_question("multiple_dropdowns_question"), answered) == "blue,cat\\, dog"


def test_multiple_dropdowns_drops_blanks_without_a_known_choice() -> None:
    answered = response(1, answer_for_color="99", answer_for_animal=13)

    assert answer_cell_for(blanks_question("multiple_dropdowns_question"), answered) == "cat\\, dog"


def test_calculated_lists_the_first_answer_variables_then_the_response() -> None:
    variables = [{"name": "x", "value": 4.3}, {"name": "y", "value": 21}]
    asked = question(1, question_type="calculated_question", answers=[answer(11, variables=variables)])

    assert answer_cell_for(asked, response(1, text="calculated")) == "x=>4.3,y=>21,calculated"


def test_calculated_escapes_arrows_inside_names_and_commas_inside_items() -> None:
    variables = [{"name": "a=>b", "value": "1,5"}]
    asked = question(1, question_type="calculated_question", answers=[answer(11, variables=variables)])

    assert answer_cell_for(asked, response(1, text="7")) == "a\\=>b=>1\\,5,7"


def test_calculated_without_answers_shows_only_the_response() -> None:
    asked = question(1, question_type="calculated_question", answers=None)

    assert answer_cell_for(asked, response(1, text="3")) == "3"


def test_matching_pairs_each_left_side_with_the_chosen_match() -> None:
    asked = question(
        1,
        question_type="matching_question",
        answers=[answer(11, "1+1", left="1+1", right="2"), answer(12, "2+2", left="2+2", right="4")],
        matches=[{"match_id": 500, "text": "2"}, {"match_id": 600, "text": "4"}],
    )

    assert answer_cell_for(asked, response(1, answer_11="500", answer_12="500")) == "1+1=>2,2+2=>2"


def test_matching_falls_back_to_answer_match_ids_and_escapes_each_side() -> None:
    asked = question(
        1,
        question_type="matching_question",
        answers=[
            answer(11, "a=>b", left="a=>b", right="c, d", match_id=700),
            answer(12, "e", left="e", right="f", match_id=800),
        ],
    )

    assert answer_cell_for(asked, response(1, answer_11="700", answer_12="")) == "a\\=>b=>c\\, d,e=>"


def test_numerical_shows_the_response_text() -> None:
    asked = question(1, question_type="numerical_question")

    assert answer_cell_for(asked, response(1, text="5")) == "5"


def test_file_upload_shows_the_first_attached_file_name() -> None:
    asked = question(1, question_type="file_upload_question")
    files = [{"id": 31, "display_name": "other.pdf"}, {"id": 30, "display_name": "attachment.png"}]

    cell = answer_cell_for(asked, response(1, attachment_ids=["30", "31"]), attachments=files)

    assert cell == "attachment.png"


def test_file_upload_without_an_attachment_is_empty() -> None:
    asked = question(1, question_type="file_upload_question")

    assert answer_cell_for(asked, response(1, attachment_ids=None)) == ""


def test_answer_is_rendered_from_the_question_as_the_attempt_saw_it() -> None:
    old_wording = question(1, answers=[answer(11, "old text")])
    taken = submission(attempts=[attempt(quiz_data=[old_wording], responses=[response(1, answer_id=11)])])

    (row,) = rows_of(student_analysis(quiz([question(1, answers=[answer(11, "new")])]), [taken], options()))

    assert row[FIRST_ANSWER] == "old text"
