from __future__ import annotations

from typing import Any

from domain.reports import student_analysis
from tests.unit.domain.reports.builders import Json, attempt, options, quiz, rows_of, submission

# Column positions with SIS ids off: name, id, section, section_id, submitted, attempt (all versions only).
USER_ID, SUBMITTED, ATTEMPT = 1, 4, 5


def kept_rows(submissions: list[Json]) -> list[tuple[object, object]]:
    """(user id, submitted) of each row of a kept-attempt report."""
    table = student_analysis(quiz(), submissions, options(sis_ids=False))
    return [(row[USER_ID], row[SUBMITTED]) for row in rows_of(table)]


def all_version_rows(submissions: list[Json]) -> list[tuple[object, object]]:
    """(user id, attempt number) of each row of an all-versions report."""
    table = student_analysis(quiz(), submissions, options(all_versions=True, sis_ids=False))
    return [(row[USER_ID], row[ATTEMPT]) for row in rows_of(table)]


def on_day(number: int, day: int, **extra: Any) -> Json:
    return attempt(number, finished_at=f"2019-01-{day:02d}T00:00:00Z", **extra)


def test_previews_are_not_reported() -> None:
    preview = submission(1, was_preview=True)

    assert kept_rows([preview]) == []


def test_logged_out_previews_are_not_reported() -> None:
    preview = submission(1, logged_out=True, was_preview=True)

    assert kept_rows([preview]) == []


def test_submission_with_neither_user_nor_temporary_code_is_not_reported() -> None:
    orphan = submission(1, logged_out=True, temporary_user_code=None)

    assert kept_rows([orphan]) == []


def test_untaken_attempts_are_not_reported() -> None:
    untaken = submission(1, attempts=[attempt(workflow_state="untaken")])

    assert kept_rows([untaken]) == []


def test_attempts_without_submission_data_are_not_reported() -> None:
    no_data = submission(1, attempts=[attempt(submission_data=None)])

    assert kept_rows([no_data]) == []


def test_live_attempt_is_reported_when_it_scored_the_kept_score() -> None:
    both = submission(1, attempts=[on_day(1, 1, score=5), on_day(2, 2, score=5)], kept_score=5)

    assert kept_rows([both]) == [(1, "2019-01-02 00:00:00 UTC")]


def test_first_attempt_with_the_kept_score_is_reported_when_the_live_one_differs() -> None:
    attempts = [on_day(1, 1, score=3), on_day(2, 2, score=9), on_day(3, 3, score=9), on_day(4, 4, score=1)]
    kept_highest = submission(1, attempts=attempts, kept_score=9)

    assert kept_rows([kept_highest]) == [(1, "2019-01-02 00:00:00 UTC")]


def test_nothing_is_reported_when_no_attempt_scored_the_kept_score() -> None:
    averaged = submission(1, attempts=[attempt(1, score=2), attempt(2, score=4)], kept_score=3)

    assert kept_rows([averaged]) == []


def test_kept_attempt_that_is_unfinished_is_not_reported() -> None:
    retaking = submission(1, attempts=[attempt(1, score=None, workflow_state="untaken")], kept_score=None)

    assert kept_rows([retaking]) == []


def test_all_versions_reports_every_finished_attempt() -> None:
    attempts = [attempt(1), attempt(2), attempt(3, workflow_state="untaken")]

    assert all_version_rows([submission(1, attempts=attempts)]) == [(1, 2), (1, 1)]


def test_rows_are_ordered_newest_first() -> None:
    older = submission(1, attempts=[on_day(1, 1)])
    newer = submission(2, attempts=[on_day(1, 2)])

    assert all_version_rows([older, newer]) == [(2, 1), (1, 1)]


def test_equal_times_order_by_submission_id_then_attempt_descending() -> None:
    second = submission(2, attempts=[attempt(1), attempt(2)])
    first = submission(1, attempts=[attempt(1)])

    assert all_version_rows([second, first]) == [(1, 1), (2, 2), (2, 1)]


def test_attempt_without_finish_time_is_ordered_by_its_start_time() -> None:
    late_start = attempt(workflow_state="pending_review", finished_at=None, started_at="2019-01-30T00:00:00Z")
    finished = submission(1, attempts=[on_day(1, 29)])

    assert all_version_rows([finished, submission(2, attempts=[late_start])]) == [(2, 1), (1, 1)]


def test_attempts_of_different_students_interleave_by_time_with_all_versions() -> None:
    first = submission(1, attempts=[on_day(1, 1), on_day(2, 3)])
    second = submission(2, attempts=[on_day(1, 2)])

    assert all_version_rows([first, second]) == [(1, 2), (2, 1), (1, 1)]


def test_logged_out_rows_follow_all_student_rows() -> None:
    guest = submission(9, logged_out=True, attempts=[on_day(1, 31)])
    student = submission(1, attempts=[on_day(1, 1)])

    assert kept_rows([guest, student]) == [(1, "2019-01-01 00:00:00 UTC"), ("", "2019-01-31 00:00:00 UTC")]
