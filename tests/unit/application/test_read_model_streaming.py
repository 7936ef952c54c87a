"""The read model streams submissions in batches and reads chosen attempts again."""

from __future__ import annotations

from tests.unit.application.harness import COURSE_ID, QUIZ_ID, Harness, attempt, submission


def test_streamed_submissions_equal_the_listed_ones_across_batches(harness: Harness) -> None:
    harness.ingest_submissions(*(submission(n, attempt(1), attempt(2)) for n in range(1, 8)))

    streamed = list(harness.read_model.iter_submissions(COURSE_ID, QUIZ_ID, batch_size=3))

    assert streamed == list(harness.read_model.submissions(COURSE_ID, QUIZ_ID))
    assert [found["id"] for found in streamed] == list(range(1, 8))


def test_a_quiz_without_submissions_streams_nothing(harness: Harness) -> None:
    assert list(harness.read_model.iter_submissions(COURSE_ID, QUIZ_ID, batch_size=2)) == []


def test_attempts_are_read_again_by_submission_and_number(harness: Harness) -> None:
    harness.ingest_submissions(submission(1, attempt(1), attempt(2, answer_id=4012)), submission(2))
    listed = {found["id"]: found["attempts"] for found in harness.read_model.submissions(COURSE_ID, QUIZ_ID)}

    found = harness.read_model.submission_attempts(COURSE_ID, QUIZ_ID, [(1, 2), (2, 1), (1, 9), (3, 1)])

    assert found == {(1, 2): listed[1][1], (2, 1): listed[2][0]}
