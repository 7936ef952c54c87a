"""canvas-facts §14.1 and the item analysis report's shape."""

from __future__ import annotations

from domain.reports import item_analysis
from tests.unit.domain.reports.builders import (
    attempt,
    blank_submission,
    csv_text,
    keyed_quiz,
    keyed_submission,
    question,
    quiz,
    response,
    rows_of,
    submission,
    true_false_question,
)

BASE_HEADER = (
    "Question Id,Question Title,Answered Student Count,Top Student Count,Middle Student Count,"
    "Bottom Student Count,Quiz Question Count,Correct Student Count,Wrong Student Count,"
    "Correct Student Ratio,Wrong Student Ratio,Correct Top Student Count,Correct Middle Student Count,"
    "Correct Bottom Student Count,Variance,Standard Deviation,Difficulty Index,Alpha,"
    "Point Biserial of Correct"
)
SIMPLE_QUIZ = keyed_quiz("TDFA")
SIMPLE_SUBMISSIONS = [
    keyed_submission(SIMPLE_QUIZ, 1, "TBTA", score=2),
    keyed_submission(SIMPLE_QUIZ, 2, "TDFA", score=4),
    keyed_submission(SIMPLE_QUIZ, 3, "FATC", score=0),
    keyed_submission(SIMPLE_QUIZ, 4, "TDFB", score=3),
    keyed_submission(SIMPLE_QUIZ, 5, "TDFA", score=4),
    keyed_submission(SIMPLE_QUIZ, 6, "FD", score=1),
]


def test_simple_quiz_csv_matches_canvas_to_full_precision() -> None:
    text = csv_text(item_analysis(SIMPLE_QUIZ, SIMPLE_SUBMISSIONS))

    assert text.split("\n") == [
        BASE_HEADER + ",Point Biserial of Distractor 2,Point Biserial of Distractor 3,Point Biserial of Distractor 4",
        "1,Question text,6,2,2,2,4,4,2,0.6666666666666666,0.3333333333333333,2,2,0,0.22222222222222224,"
        "0.4714045207910317,0.6666666666666666,N/A,0.8696263565463043,-0.8696263565463043,,",
        "2,Question text,6,2,2,2,4,4,2,0.6666666666666666,0.3333333333333333,2,1,1,0.22222222222222224,"
        "0.4714045207910317,0.6666666666666666,N/A,0.6324555320336759,-0.7,-0.09999999999999999,",
        "3,Question text,5,2,2,1,4,3,2,0.6,0.4,2,1,0,0.24000000000000005,0.48989794855663565,0.6,N/A,"
        "0.8728715609439694,-0.8728715609439694,,",
        "4,Question text,5,2,2,1,4,3,2,0.6,0.4,2,1,0,0.24000000000000005,0.48989794855663565,0.6,N/A,"
        "0.6000991981489792,0.13363062095621223,-0.8685990362153794,",
        "",
    ]


def test_quiz_without_submissions_has_only_the_base_header() -> None:
    table = item_analysis(SIMPLE_QUIZ, [])

    assert (table.header, table.row_count, rows_of(table)) == (BASE_HEADER.split(","), 0, [])


def test_question_nobody_answered_still_has_a_row_of_zeros() -> None:
    two = keyed_quiz("TA")

    table = item_analysis(two, [keyed_submission(two, 1, "")])

    assert rows_of(table) == [
        [1, "Question text", 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0, "N/A", None, None, None, None],
        [2, "Question text", 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0, "N/A", None, None, None, None],
    ]


def test_quiz_without_items_has_only_the_base_header_and_no_rows() -> None:
    essay_only = quiz([question(1, question_type="essay_question")])

    table = item_analysis(essay_only, [submission(attempts=[attempt(responses=[response(1, text="x")])])])

    assert (table.header, table.row_count) == (BASE_HEADER.split(","), 0)


def test_one_respondent_lands_in_the_middle_bucket_with_zero_variance() -> None:
    single = keyed_quiz("T")

    (row,) = rows_of(item_analysis(single, [keyed_submission(single, 1, "T")]))

    assert row[2:19] == [1, 0, 1, 0, 1, 1, 0, 1.0, 0.0, 0, 1, 0, 0, 0.0, 1.0, "N/A", None]


def test_distractor_columns_follow_the_item_with_most_answers() -> None:
    two = keyed_quiz("TF")

    table = item_analysis(two, [keyed_submission(two, 1, "")])

    assert table.header[-2:] == ["Point Biserial of Correct", "Point Biserial of Distractor 2"]


def test_items_without_answers_still_have_a_correct_biserial_cell() -> None:
    bare = quiz([question(1, answers=[])])

    (row,) = rows_of(item_analysis(bare, [blank_submission()]))

    assert len(row) == 19


def test_only_multiple_choice_and_true_false_questions_are_items() -> None:
    mixed = keyed_quiz("TA")
    mixed["questions"].insert(1, question(3, question_type="essay_question"))

    table = item_analysis(mixed, [blank_submission()])

    assert [row[0] for row in rows_of(table)] == [1, 2]


def test_quiz_question_count_counts_items_only() -> None:
    mixed = keyed_quiz("TA")
    mixed["questions"].append(question(3, question_type="short_answer_question"))

    assert {row[6] for row in rows_of(item_analysis(mixed, [blank_submission()]))} == {2}


def test_rows_are_ordered_by_position_then_title_then_id() -> None:
    unordered = quiz(
        [
            true_false_question(5, position=2, question_text="b"),
            true_false_question(4, position=2, question_text="a"),
            true_false_question(3, position=None, question_text="a"),
            true_false_question(2, position=1, question_text="z"),
            true_false_question(1, position=2, question_text="a"),
        ]
    )

    assert [row[0] for row in rows_of(item_analysis(unordered, [blank_submission()]))] == [2, 1, 4, 5, 3]


def test_question_title_is_the_question_text_without_tags_or_named_entities() -> None:
    html = quiz([true_false_question(1, question_text="<p>Salt &amp; <b>pepper</b></p>")])

    (row,) = rows_of(item_analysis(html, [blank_submission()]))

    assert row[1] == "Salt  pepper"


def test_alpha_is_printed_on_every_row_for_more_than_fifteen_items() -> None:
    key = "T" * 16
    long_quiz = keyed_quiz(key)
    submissions = [keyed_submission(long_quiz, 1, key), keyed_submission(long_quiz, 2, "F" * 16)]

    alphas = {row[17] for row in rows_of(item_analysis(long_quiz, submissions))}

    assert alphas == {1.0}


def test_alpha_is_not_applicable_for_fifteen_items() -> None:
    key = "T" * 15
    long_quiz = keyed_quiz(key)
    submissions = [keyed_submission(long_quiz, 1, key), keyed_submission(long_quiz, 2, "F" * 15)]

    alphas = {row[17] for row in rows_of(item_analysis(long_quiz, submissions))}

    assert alphas == {"N/A"}


def test_alpha_is_not_applicable_without_score_spread_even_for_many_items() -> None:
    key = "T" * 16
    long_quiz = keyed_quiz(key)
    submissions = [keyed_submission(long_quiz, 1, key), keyed_submission(long_quiz, 2, key)]

    alphas = {row[17] for row in rows_of(item_analysis(long_quiz, submissions))}

    assert alphas == {"N/A"}
