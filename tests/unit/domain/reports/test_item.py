"""canvas-facts §14.3: one item's figures."""

from __future__ import annotations

import pytest

from domain.reports.item import Item, ItemStats
from domain.reports.item_summary import summarize
from tests.unit.domain.reports.builders import Json, answer, keyed_quiz, keyed_submission, question

KEY_TTA = keyed_quiz("TTA")


def last_item(key_quiz: Json, answers: list[str]) -> tuple[Item, ItemStats]:
    submissions = [keyed_submission(key_quiz, number, letters) for number, letters in enumerate(answers, 1)]
    return summarize(key_quiz, submissions).items[-1]


_, Q3 = last_item(KEY_TTA, ["TTA", "TFA", "TTB", "TT"])


def test_blank_responses_are_not_respondents() -> None:
    assert Q3.respondent_count == 3


def test_correct_and_wrong_counts() -> None:
    assert (Q3.correct_count, Q3.wrong_count) == (2, 1)


def test_bucket_counts_leave_out_the_student_who_did_not_answer() -> None:
    assert Q3.bucket_counts == {"top": 1, "middle": 2, "bottom": 0}


def test_correct_counts_per_bucket() -> None:
    assert Q3.correct_bucket_counts == {"top": 1, "middle": 1, "bottom": 0}


def test_item_variance_and_standard_deviation() -> None:
    assert (Q3.variance, Q3.standard_deviation) == (0.22222222222222224, 0.4714045207910317)


def test_difficulty_index_is_the_correct_ratio() -> None:
    assert Q3.correct_ratio == 0.6666666666666666


def test_point_biserials_are_undefined_for_answers_nobody_chose() -> None:
    assert Q3.point_biserials[2:] == [None, None]


def test_point_biserials_of_the_chosen_answers() -> None:
    # Canvas's spec compares against 0.5 and -0.5 approximately; the float division lands one ulp below.
    assert Q3.point_biserials[:2] == [0.49999999999999994, -0.49999999999999994]
    assert Q3.point_biserials[:2] == pytest.approx([0.5, -0.5], abs=1e-12)


def test_point_biserials_are_undefined_when_everyone_is_correct() -> None:
    key_tt = keyed_quiz("TT")

    _, stats = last_item(key_tt, ["TT"] * 4)

    assert stats.point_biserials == [None, None]


def test_answers_are_ordered_by_weight_with_ties_in_question_order() -> None:
    item = Item.of(question(1, answers=[answer(1, weight=0), answer(2, weight=100), answer(3, weight=0)]))

    assert item.answer_ids == ["2", "1", "3"]


def test_ratios_of_an_item_nobody_answered_are_integer_zero() -> None:
    _, stats = last_item(KEY_TTA, ["TT"])

    assert (stats.correct_ratio, stats.wrong_ratio) == (0, 0)
    assert isinstance(stats.correct_ratio, int)


def test_variance_of_a_single_respondent_is_integer_zero_and_deviation_float() -> None:
    _, stats = last_item(KEY_TTA, ["TTA"])

    assert (repr(stats.variance), repr(stats.standard_deviation)) == ("0", "0.0")


def test_chosen_answer_that_is_not_the_questions_counts_as_wrong() -> None:
    single = keyed_quiz("T")
    stray = keyed_submission(single, 1, "")
    stray["attempts"][0]["submission_data"][0]["answer_id"] = 12345

    _, stats = summarize(single, [stray]).items[0]

    assert (stats.respondent_count, stats.correct_count) == (1, 0)
