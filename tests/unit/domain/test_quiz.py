from __future__ import annotations

from typing import Any

from domain.quiz import Quiz


def definition(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Midterm",
        "quiz_type": "assignment",
        "anonymous_submissions": False,
        "published_at": "2026-01-10T09:00:00Z",
        "questions": [],
        **changes,
    }


def new_quiz() -> Quiz:
    quiz = Quiz(1, 10, definition(), actor="7", request_id="req-1")
    quiz.collect_events()
    return quiz


def event_names(quiz: Quiz) -> list[str]:
    return [type(e).__name__ for e in quiz.collect_events()]


def test_revising_with_an_unchanged_definition_records_nothing() -> None:
    quiz = new_quiz()

    changed = quiz.revise(definition(), "7", "req-2")

    assert changed is False
    assert event_names(quiz) == []


def test_a_new_published_at_records_published() -> None:
    quiz = new_quiz()

    changed = quiz.revise(definition(published_at="2026-02-01T09:00:00Z"), "7", "req-2")

    assert changed is True
    assert event_names(quiz) == ["Published"]
    assert quiz.definition["published_at"] == "2026-02-01T09:00:00Z"


def test_an_edit_keeping_published_at_records_updated() -> None:
    quiz = new_quiz()

    quiz.revise(definition(title="Midterm (fixed)"), "7", "req-2")

    assert event_names(quiz) == ["Updated"]
    assert quiz.definition["title"] == "Midterm (fixed)"


def test_unpublishing_records_updated() -> None:
    quiz = new_quiz()

    quiz.revise(definition(published_at=None), "7", "req-2")

    assert event_names(quiz) == ["Updated"]


def test_survey_types_are_surveys() -> None:
    surveys = [Quiz(1, n, definition(quiz_type=t), "7", "r") for n, t in enumerate(["survey", "graded_survey"])]

    assert all(quiz.is_survey for quiz in surveys)
    assert not new_quiz().is_survey
