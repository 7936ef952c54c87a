"""canvas-facts §14.2: the quiz-wide figures behind the item analysis."""

from __future__ import annotations

from collections import Counter

import pytest

from domain.reports.buckets import Bucket
from domain.reports.item_summary import summarize
from tests.unit.domain.reports.builders import Json, answer, keyed_quiz, keyed_submission, question

KEY_TTA = keyed_quiz("TTA")


def submissions_for(key_quiz: Json, answers: list[str]) -> list[Json]:
    return [keyed_submission(key_quiz, number, letters) for number, letters in enumerate(answers, start=1)]


def bucket_sizes(buckets: list[Bucket | None]) -> tuple[int, int, int]:
    counts = Counter(buckets)
    return (counts["top"], counts["middle"], counts["bottom"])


BASE = summarize(KEY_TTA, submissions_for(KEY_TTA, ["TTA", "TTB", "TFB", "TFB"]))


def test_base_fixture_has_one_item_per_question() -> None:
    assert len(BASE.items) == 3


def test_base_fixture_population_variance() -> None:
    assert BASE.variance == 0.6875


def test_base_fixture_standard_deviation() -> None:
    assert BASE.standard_deviation == 0.82915619758885
    assert BASE.standard_deviation == pytest.approx(0.8291562, abs=1e-7)


def test_base_fixture_item_variances_feed_alpha() -> None:
    assert [stats.variance for _, stats in BASE.items] == [0.0, 0.25, 0.1875]


def test_base_fixture_alpha() -> None:
    # 1.5 * (1 - 0.4375 / 0.6875); Canvas's spec checks it to three places (0.545).
    assert BASE.alpha == 0.5454545454545454


def test_shuffled_answers_still_group_items_by_question_id() -> None:
    shuffled = keyed_submission(KEY_TTA, 2, "TFB")
    seen = [item | {"answers": item["answers"][::-1]} for item in KEY_TTA["questions"]]
    shuffled["attempts"][0]["quiz_data"] = seen

    summary = summarize(KEY_TTA, [keyed_submission(KEY_TTA, 1, "TTA"), shuffled])

    assert len(summary.items) == 3


def test_alpha_is_undefined_for_a_single_item() -> None:
    single = keyed_quiz("T")

    summary = summarize(single, submissions_for(single, ["F", "T", "T", "T"]))

    assert summary.alpha is None


def test_alpha_is_undefined_when_every_score_is_equal() -> None:
    key_ttf = keyed_quiz("TTF")

    summary = summarize(key_ttf, submissions_for(key_ttf, ["TTT"] * 4))

    assert summary.alpha is None


def test_unsupported_question_types_add_no_item() -> None:
    with_essay = keyed_quiz("TTA")
    with_essay["questions"].append(question(9, question_type="essay_question", answers=[answer(90)]))

    summary = summarize(with_essay, submissions_for(with_essay, ["TTA", "TTB"]))

    assert len(summary.items) == 3


def test_eleven_submissions_split_three_five_three() -> None:
    answers = ["TTA", "TTA", "TTB", "TFB", "TFB", "FTC", "FTD", "FTB", "FFB", "FFC", "FFD"]

    summary = summarize(KEY_TTA, submissions_for(KEY_TTA, answers))

    assert bucket_sizes(summary.buckets) == (3, 5, 3)


def test_ties_are_pushed_up_into_the_higher_bucket() -> None:
    cutoffs: list[tuple[Bucket, float]] = [("top", 0.75), ("middle", 0.25), ("bottom", 0.0)]

    summary = summarize(KEY_TTA, submissions_for(KEY_TTA, ["TTA", "TTA", "FFB", "FFB"]), cutoffs)

    assert bucket_sizes(summary.buckets) == (2, 2, 0)


def test_perfect_scores_all_land_in_the_top_bucket() -> None:
    summary = summarize(KEY_TTA, submissions_for(KEY_TTA, ["TTA", "TTA"]))

    assert bucket_sizes(summary.buckets) == (2, 0, 0)


def test_respondent_score_is_the_whole_attempt_score() -> None:
    graded = keyed_submission(KEY_TTA, 1, "TTA", score=7.5)

    assert summarize(KEY_TTA, [graded]).scores == [7.5]
