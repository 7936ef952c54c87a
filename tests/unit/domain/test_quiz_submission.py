from __future__ import annotations

from typing import Any

from domain.quiz_submission import QuizSubmission

PROFILE: dict[str, Any] = {"user": {"id": 101, "name": "Ada"}, "kept_score": 1.0}


def attempt(number: int, score: float = 1.0) -> dict[str, Any]:
    return {"attempt": number, "workflow_state": "complete", "score": score, "submission_data": []}


def submission_with(*attempts: dict[str, Any]) -> QuizSubmission:
    submission = QuizSubmission(1, 10, 5, PROFILE, actor="7", request_id="req-1")
    submission.revise(PROFILE, list(attempts), "7", "req-1")
    submission.collect_events()
    return submission


def event_names(submission: QuizSubmission) -> list[str]:
    return [type(e).__name__ for e in submission.collect_events()]


def test_an_identical_upsert_records_nothing() -> None:
    submission = submission_with(attempt(1), attempt(2))

    recorded = submission.revise(PROFILE, [attempt(1), attempt(2)], "7", "req-2")

    assert recorded == 0
    assert event_names(submission) == []


def test_only_changed_attempts_are_recorded() -> None:
    submission = submission_with(attempt(1), attempt(2))

    recorded = submission.revise(PROFILE, [attempt(1), attempt(2, score=0.5), attempt(3)], "7", "req-2")

    assert recorded == 2
    assert event_names(submission) == ["AttemptRecorded", "AttemptRecorded"]
    assert (submission.attempts[2]["score"], sorted(submission.attempts)) == (0.5, [1, 2, 3])


def test_a_changed_profile_records_updated() -> None:
    submission = submission_with(attempt(1))

    recorded = submission.revise({**PROFILE, "kept_score": 2.0}, [attempt(1)], "7", "req-2")

    assert recorded == 1
    assert event_names(submission) == ["Updated"]
