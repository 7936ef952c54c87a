"""Rows written straight to CSV text and the vectorised item statistics equal the plain paths exactly."""

from __future__ import annotations

import dataclasses
import importlib
import math
import random
from typing import Any

import numpy as np
import pytest

from bench.quiz_data import SINGLE_ATTEMPT_QUIZ, THREE_ATTEMPTS_QUIZ, quiz_definition, submission_batches
from domain.reports import RowEncoder, item_analysis, student_analysis
from domain.reports.buckets import assign_buckets
from domain.reports.exact_sums import ExactParts, GroupSums, array_fsum
from domain.reports.item import Item, Respondents, item_stats
from domain.reports.item_summary import summarize
from domain.reports.simple_stats import ruby_divide, variance, variance_of_repeats
from tests.unit.domain.reports.builders import Json, answer, options, question
from tests.unit.domain.reports.test_aligned_rows import _heads, _perturbed, _read_encoded

ALIGNED = importlib.import_module("domain.reports.aligned_cells")
COLUMNS = importlib.import_module("domain.reports.item_columns")
EXACT = importlib.import_module("domain.reports.exact_sums")
LINES = importlib.import_module("domain.reports.student_lines")


@pytest.mark.parametrize(("all_versions", "guard"), [(False, True), (True, True), (False, False)])
def test_encoded_lines_equal_encoded_rows(all_versions: bool, guard: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ALIGNED, "MAX_REMEMBERED_TEXTS", 5)  # forces the memos to start afresh too
    quiz = quiz_definition(SINGLE_ATTEMPT_QUIZ, 23)
    quiz["id"] = SINGLE_ATTEMPT_QUIZ
    submissions = [each for batch in submission_batches(quiz, SINGLE_ATTEMPT_QUIZ, 80, 25, 3) for each in batch]
    submissions = _perturbed(submissions, random.Random(8))
    for taken in submissions[::7]:  # formula-like and quoted answer texts
        taken["attempts"][0]["submission_data"][0]["text"] = '=1+"x", y'
    chosen = options(all_versions=all_versions)
    for table in (
        student_analysis(
            quiz, _heads(submissions), chosen, reload=_read_encoded(submissions), responses_elsewhere=True
        ),
        student_analysis(quiz, submissions, chosen),
    ):
        lines = list(table.lines(RowEncoder(formula_guard=guard)))
        assert lines == [*map(RowEncoder(formula_guard=guard).line, table.rows)]


@pytest.mark.parametrize("remembered", [2, 65536])
def test_lines_of_every_attempt_equal_encoded_rows(remembered: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each submission's identity and section fields are written once per attempt, remembered or not.
    monkeypatch.setattr(LINES, "MAX_REMEMBERED_PERSONS", remembered)
    quiz = quiz_definition(THREE_ATTEMPTS_QUIZ, 12)
    quiz["id"] = THREE_ATTEMPTS_QUIZ
    submissions = [each for batch in submission_batches(quiz, THREE_ATTEMPTS_QUIZ, 30, 10, 6) for each in batch]
    submissions[3]["sections"] = [{"id": 7, "name": "=Evening, late", "sis_section_id": None}, {"id": 8}]
    submissions[5]["user"] = None
    submissions[5]["temporary_user_code"] = "tmp"
    for chosen in (
        options(all_versions=True),
        options(all_versions=True, sis_ids=False, root_account=True),
        options(all_versions=True, anonymous=True),
    ):
        table = student_analysis(
            quiz, _heads(submissions), chosen, reload=_read_encoded(submissions), responses_elsewhere=True
        )
        lines = list(table.lines(RowEncoder()))
        assert len(lines) == 3 * len(submissions)
        assert lines == [*map(RowEncoder().line, table.rows)]


# The item statistics as first written, response by response: the reference of the vectorised ones.
def _reference_stats(
    item: Item, responses: list[tuple[int, str]], scores: list[float], buckets: list[Any]
) -> tuple[Any, ...]:
    correct_id = item.correct_answer_id
    correct = [r for r, chosen in responses if chosen == correct_id and chosen is not None]
    points = item.question.get("points_possible")
    item_scores = [points if chosen == correct_id and chosen is not None else 0 for _, chosen in responses]

    def by_bucket(respondents: list[int]) -> dict[str, int]:
        counts = {"top": 0, "middle": 0, "bottom": 0}
        for respondent in respondents:
            if buckets[respondent] is not None:
                counts[buckets[respondent]] += 1
        return counts

    def plain_variance(values: list[Any]) -> float:
        if len(values) < 2:
            return 0
        centre = math.fsum(values) / len(values)
        return math.fsum((value - centre) * (value - centre) for value in values) / len(values)

    spread = math.sqrt(plain_variance([scores[r] for r, _ in responses]))
    biserials: list[float | None] = []
    for answer_id in item.answer_ids:
        chose = [scores[r] for r, chosen in responses if chosen == answer_id]
        others = [scores[r] for r, chosen in responses if chosen != answer_id]
        if not chose or not others:
            biserials.append(None)
            continue
        share = len(chose) / len(responses)
        difference = math.fsum(chose) / len(chose) - math.fsum(others) / len(others)
        value = ruby_divide(difference, spread) * math.sqrt(share * (1 - share))
        biserials.append(None if math.isnan(value) else value)
    item_variance = plain_variance(item_scores)
    return (
        len(responses),
        by_bucket([r for r, _ in responses]),
        len(correct),
        by_bucket(correct),
        item_variance,
        biserials,
    )


_SCORES: list[Any] = [
    0, 1, 2, 7, 0.5, 0.1, 1 / 3, -2.25, 39.34, 111.98, 1e-300, 5e-324, 2.0**60, 2**60 + 1, 10**20, -0.0, 2.0**950,
]  # fmt: skip


@pytest.mark.parametrize("seed", range(12))
def test_item_stats_equal_the_response_by_response_reference(seed: int) -> None:
    rng = random.Random(seed)
    pool = rng.sample(_SCORES, rng.randint(1, len(_SCORES)))
    if seed % 4 == 0:  # a score that is not finite
        pool.append(rng.choice([math.inf, -math.inf, math.nan]))
    scores = [rng.choice(pool) if rng.random() < 0.7 else round(rng.uniform(-50, 150), 2) for _ in range(300)]
    buckets = assign_buckets(scores)
    answers = [answer(1, weight=100), answer(2), answer(3), answer(None), answer(2)]  # type: ignore[arg-type]
    item = Item.of(question(9, answers=answers, points_possible=rng.choice([1, 2.5, 0.1])))
    responses = [(respondent, rng.choice(["1", "2", "3", "4"])) for respondent in range(len(scores))]
    responses = rng.sample(responses, rng.randint(0, len(scores))) + rng.sample(responses, rng.randint(0, 3))
    for respondent, chosen in responses:
        item.add(respondent, chosen)
    respondents = Respondents.of(scores, buckets)
    for exact in (respondents, dataclasses.replace(respondents, parts=None)):
        stats = item_stats(item, exact)
        found = (
            stats.respondent_count,
            stats.bucket_counts,
            stats.correct_count,
            stats.correct_bucket_counts,
            stats.variance,
            stats.point_biserials,
        )
        assert repr(found) == repr(_reference_stats(item, responses, scores, buckets))


def test_exact_sums_are_fsums() -> None:
    rng = random.Random(3)
    pool = [0.1, 1 / 3, 39.34, -7.5, 1e-20, 3, 2.0**70, 5e-324, -(2.0**-1030), 0.0, 1e300]
    for _ in range(200):
        values = [rng.choice(pool) * rng.choice([1, -3, 0.5]) for _ in range(rng.randint(0, 80))]
        array = np.array(values, dtype=np.float64)
        groups = np.array([rng.randrange(3) for _ in values], dtype=np.intp)
        assert repr(array_fsum(array)) == repr(math.fsum(values))
        for parts in (ExactParts.of(array), None):
            sums = GroupSums(array, groups, 3, parts)
            assert repr(sums.total()) == repr(math.fsum(values))
            for group in range(3):
                inside = [value for value, where in zip(values, groups, strict=True) if where == group]
                outside = [value for value, where in zip(values, groups, strict=True) if where != group]
                assert repr((sums.within(group), sums.outside(group))) == repr((math.fsum(inside), math.fsum(outside)))
    assert ExactParts.of(np.array([1.0, -0.0])) is None
    assert ExactParts.of(np.array([1.0, math.inf])) is None
    assert ExactParts.of(np.array([2.0**950])) is None


@pytest.mark.parametrize("value", [0, 1, 2.5, 0.1, -0.0, 1 / 3, 7, 2.0**500, math.inf, math.nan])
def test_variance_of_repeats_equals_the_listed_values_variance(value: float) -> None:
    rng = random.Random(11)
    for _ in range(40):
        repeats = [(value, rng.randint(0, 30)), (rng.choice([0, 0.1, 3, value]), rng.randint(0, 30))]
        listed = [each for each, count in repeats for _ in range(count)]
        assert repr(variance_of_repeats(repeats)) == repr(variance(listed))


def test_variance_of_repeated_values_equals_the_plain_sum() -> None:
    rng = random.Random(5)
    for _ in range(200):
        values = [rng.choice([0, 1, 2.5, 0.1, -0.0, 1 / 3, 7]) for _ in range(rng.randint(2, 60))]
        centre = math.fsum(values) / len(values)
        expected = math.fsum((value - centre) * (value - centre) for value in values) / len(values)
        assert repr(variance(values)) == repr(expected)


def _item_quiz_submissions(rng: random.Random) -> tuple[Json, list[Json]]:
    quiz_questions = [
        question(i, answers=[answer(10 * i + k, weight=100 if k == 0 else 0) for k in range(3)], position=i)
        for i in range(1, 6)
    ]
    quiz_questions.insert(2, question(99, question_type="essay_question"))
    ids: list[Any] = [None, False, True, 0, 11, "11", 11.0, 21, 22, 31, 40, 41, 42, 51, "x", 1.5]
    submissions = []
    for number in range(1, 120):
        count = rng.choice([6, 6, 6, 4, 0])
        plain = rng.random() < 0.7  # most columns hold only ints, texts and None
        choices = [each for each in ids if type(each) in (int, str, type(None))] if plain else ids
        responses = [{"question_id": 0, "answer_id": rng.choice(choices)} for _ in range(count)]
        taken = {"attempt": 1, "score": rng.choice([0, 1, 2.5, 3.0]), "submission_data": responses, "quiz_data": None}
        submissions.append({"id": number, "user": {"id": number}, "was_preview": False, "attempts": [taken]})
    return {"id": 1, "questions": quiz_questions}, submissions


@pytest.mark.parametrize("seed", range(4))
def test_item_columns_equal_responses_taken_one_by_one(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz, submissions = _item_quiz_submissions(random.Random(seed))
    fast = summarize(quiz, submissions)
    fast_rows = list(item_analysis(quiz, submissions).rows)
    monkeypatch.setattr(COLUMNS, "_PLAIN_ID_TYPES", frozenset())  # every column one by one
    monkeypatch.setattr(EXACT.ExactParts, "of", classmethod(lambda cls, values: None))
    slow = summarize(quiz, submissions)
    assert [_pairs(item) for item, _ in fast.items] == [_pairs(item) for item, _ in slow.items]
    assert repr(fast_rows) == repr(list(item_analysis(quiz, submissions).rows))


def _pairs(item: Item) -> list[tuple[int, int]]:
    respondents, codes = item.responses()
    return sorted(zip(respondents.tolist(), codes.tolist(), strict=True))
