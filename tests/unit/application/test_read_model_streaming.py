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


def test_heads_are_the_submissions_without_responses(harness: Harness) -> None:
    no_list = {**attempt(3), "submission_data": None}
    harness.ingest_submissions(submission(1, attempt(1), attempt(2, answer_id=4012), no_list), submission(2))
    listed = list(harness.read_model.submissions(COURSE_ID, QUIZ_ID))

    heads = list(harness.read_model.iter_submission_heads(COURSE_ID, QUIZ_ID, batch_size=1))

    expected = [
        {**found, "attempts": [{**each, "submission_data": [] if each["submission_data"] is not None else None}
                               for each in found["attempts"]]}
        for found in listed
    ]  # fmt: skip
    assert heads == expected
    assert [list(each) for each in heads[0]["attempts"]] == [list(each) for each in listed[0]["attempts"]]


def test_first_attempt_answers_are_the_lowest_numbered_attempts_answer_ids(harness: Harness) -> None:
    harness.ingest_submissions(submission(1, attempt(2), attempt(1, answer_id=4012)), submission(2))
    heads = {found["id"]: found for found in harness.read_model.iter_submission_heads(COURSE_ID, QUIZ_ID)}

    found = list(harness.read_model.iter_first_attempt_answers(COURSE_ID, QUIZ_ID, batch_size=1))

    assert [(taken["id"], first, answer_ids) for taken, first, answer_ids in found] == [
        (1, heads[1]["attempts"][0], [4012]),
        (2, heads[2]["attempts"][0], [4011]),
    ]
    assert all("attempts" not in taken for taken, _, _ in found)
