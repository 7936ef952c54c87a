from __future__ import annotations

from typing import Any

import pytest

from domain.reports import Cell, ReportOptions, student_analysis
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
    user,
)

QUIZ = quiz([question(1, answers=[answer(11, "yes"), answer(12, "no")])])


def only_row(submissions: list[Json], report_options: ReportOptions | None = None) -> list[Cell]:
    (row,) = rows_of(student_analysis(QUIZ, submissions, report_options or options()))
    return row


def test_student_row_starts_with_name_id_and_sis_id() -> None:
    taker = user(42, "nobody@example.com", sis_user_id="user_sis_id_01")

    row = only_row([submission(taker=taker)])

    assert row[:3] == ["nobody@example.com", 42, "user_sis_id_01"]


def test_missing_sis_id_is_written_as_nothing() -> None:
    row = only_row([submission(taker=user(sis_user_id=None))])

    assert row[2] is None


def test_root_account_cell_is_the_pseudonym_account_host_with_sis_ids() -> None:
    taker = user(sis_user_id="s1", root_account="school1")

    row = only_row([submission(taker=taker)], options(root_account=True))

    assert row[3] == "school1"


def test_root_account_cell_is_empty_without_sis_ids() -> None:
    taker = user(sis_user_id="s1", root_account="school1")

    row = only_row([submission(taker=taker)], options(sis_ids=False, root_account=True))

    assert row[2] is None


def test_logged_out_row_has_empty_identity_cells() -> None:
    row = only_row([submission(logged_out=True)], options(root_account=True))

    assert row[:4] == ["", "", "", ""]


def test_anonymous_row_starts_with_sections() -> None:
    sections = [{"id": 3, "name": "Morning", "sis_section_id": "M1"}]

    row = only_row([submission(sections=sections)], options(anonymous=True))

    assert row[:3] == ["Morning", "3", "M1"]


def test_sections_are_joined_with_comma_space_and_missing_sis_ids_leave_empty_segments() -> None:
    sections = [
        {"id": 3, "name": "A", "sis_section_id": None},
        {"id": 4, "name": "B", "sis_section_id": "S4"},
    ]

    row = only_row([submission(sections=sections)])

    assert row[3:6] == ["A, B", "3, 4", ", S4"]


def test_submission_without_sections_has_empty_section_cells() -> None:
    row = only_row([submission(sections=[])])

    assert row[3:6] == ["", "", ""]


def test_submitted_is_ruby_utc_time_text() -> None:
    row = only_row([submission(attempts=[attempt(finished_at="2019-08-25T01:01:08+02:00")])])

    assert row[6] == "2019-08-24 23:01:08 UTC"


def test_submitted_is_empty_text_when_the_attempt_has_no_finish_time() -> None:
    pending = attempt(workflow_state="pending_review", finished_at=None)

    row = only_row([submission(attempts=[pending])])

    assert row[6] == ""


def test_attempt_cell_holds_the_attempt_number_with_all_versions() -> None:
    row = only_row([submission(attempts=[attempt(3)])], options(all_versions=True))

    assert row[7] == 3


def test_question_cells_are_the_answer_text_then_its_points() -> None:
    chosen = response(1, answer_id=12, points=0.0, correct=False)

    row = only_row([submission(attempts=[attempt(responses=[chosen])])])

    assert row[7:9] == ["no", 0.0]


def test_unanswered_question_has_empty_answer_and_points() -> None:
    row = only_row([submission(attempts=[attempt(responses=[])])])

    assert row[7:9] == ["", ""]


def test_response_without_points_writes_nothing_for_points() -> None:
    unscored = {"question_id": 1, "answer_id": 11}

    row = only_row([submission(attempts=[attempt(responses=[unscored])])])

    assert row[7:9] == ["yes", None]


def test_question_the_attempt_did_not_see_has_two_empty_cells() -> None:
    other = question(2, answers=[answer(21, "maybe")])
    saw_other = attempt(quiz_data=[other], responses=[response(2, answer_id=21)])

    row = only_row([submission(attempts=[saw_other])])

    assert row[7:11] == ["", "", "maybe", 1]


@pytest.mark.parametrize("truthy", [True, "partial", "undefined", "defined", 0, ""])
def test_n_correct_counts_every_ruby_truthy_correct_value(truthy: Any) -> None:
    responses = [response(1, correct=truthy)]

    row = only_row([submission(attempts=[attempt(responses=responses)])])

    assert row[-3:-1] == [1, 0]


@pytest.mark.parametrize("falsy", [False, None])
def test_n_incorrect_counts_false_and_nil_correct_values(falsy: Any) -> None:
    responses = [response(1, correct=falsy)]

    row = only_row([submission(attempts=[attempt(responses=responses)])])

    assert row[-3:-1] == [0, 1]


def test_response_without_a_correct_key_counts_as_incorrect() -> None:
    row = only_row([submission(attempts=[attempt(responses=[{"question_id": 1}])])])

    assert row[-3:-1] == [0, 1]


def test_score_cell_is_the_attempt_score_as_stored() -> None:
    row = only_row([submission(attempts=[attempt(score=0)])])

    assert row[-1] == 0


def test_rows_are_produced_again_on_each_iteration() -> None:
    table = student_analysis(QUIZ, [submission()], options())

    assert list(table.rows) == list(table.rows)


def test_row_count_matches_the_rows() -> None:
    table = student_analysis(QUIZ, [submission(1), submission(2), submission(3, logged_out=True)], options())

    assert table.row_count == len(rows_of(table)) == 3


def test_quiz_without_submissions_has_no_rows() -> None:
    table = student_analysis(QUIZ, [], options())

    assert (table.row_count, rows_of(table)) == (0, [])


def test_every_row_is_as_long_as_the_header() -> None:
    table = student_analysis(QUIZ, [submission(1), submission(2, logged_out=True)], options(root_account=True))

    assert {len(row) for row in rows_of(table)} == {len(table.header)}
