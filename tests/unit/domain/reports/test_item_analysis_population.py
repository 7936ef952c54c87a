"""Who the item analysis counts as a respondent, and for which questions (canvas-facts §13)."""

from __future__ import annotations

from domain.reports import item_analysis
from tests.unit.domain.reports.builders import (
    attempt,
    keyed_quiz,
    keyed_submission,
    quiz,
    response,
    rows_of,
    submission,
    true_false_question,
)


def test_only_the_first_attempt_of_each_student_counts() -> None:
    single = keyed_quiz("T")
    first = attempt(1, responses=[response(1, answer_id=4)], score=1)
    second = attempt(2, responses=[response(1, answer_id=5)], score=0)

    (row,) = rows_of(item_analysis(single, [submission(attempts=[second, first])]))

    assert row[7:9] == [1, 0]


def test_previews_and_logged_out_takers_are_not_respondents() -> None:
    single = keyed_quiz("T")
    preview = keyed_submission(single, 1, "T") | {"was_preview": True}
    guest = keyed_submission(single, 2, "T") | {"user": None, "temporary_user_code": "tmp"}

    table = item_analysis(single, [preview, guest])

    assert table.row_count == 0


def test_questions_pair_with_responses_by_position_not_by_id() -> None:
    single = keyed_quiz("T")
    mislabeled = attempt(responses=[response(999, answer_id=4)], score=1)

    (row,) = rows_of(item_analysis(single, [submission(attempts=[mislabeled])]))

    assert row[2] == 1


def test_questions_drawn_by_an_attempt_become_items() -> None:
    drawn = true_false_question(40)
    taken = attempt(quiz_data=[drawn], responses=[response(40, answer_id=400)], score=1)

    (row,) = rows_of(item_analysis(quiz(), [submission(attempts=[taken])]))

    assert row[:3] == [40, "Question text", 1]
