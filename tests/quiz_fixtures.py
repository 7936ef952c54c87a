"""Canvas-shaped quiz data for tests that go through ingestion: the item-analysis fixture of
canvas-facts §14.1 (four questions, key T D F A, six students)."""

from __future__ import annotations

from typing import Any

KEY = ("T", "D", "F", "A")
RESPONSES = {
    1: "TBTA",
    2: "TDFA",
    3: "FATC",
    4: "TDFB",
    5: "TDFA",
    6: "FD",
}
_CHOICES = {"tf": ("T", "F"), "mc": ("A", "B", "C", "D")}
_KINDS = ("tf", "mc", "tf", "mc")


def _answer_id(question: int, choice: str) -> int:
    return 4 * question + _CHOICES[_KINDS[question - 1]].index(choice) + 1000


def quiz(title: str = "Simple Quiz", **overrides: Any) -> dict[str, Any]:
    questions = []
    for number, kind in enumerate(_KINDS, start=1):
        questions.append(
            {
                "id": number,
                "position": number,
                "question_type": "true_false_question" if kind == "tf" else "multiple_choice_question",
                "question_name": f"Question {number}",
                "question_text": "Question text",
                "points_possible": 1,
                "answers": [
                    {"id": _answer_id(number, c), "text": c, "weight": 100 if c == KEY[number - 1] else 0}
                    for c in _CHOICES[kind]
                ],
            }
        )
    return {
        "title": title,
        "quiz_type": "assignment",
        "anonymous_submissions": False,
        "published_at": "2026-01-10T09:00:00Z",
        "points_possible": 4,
        **overrides,
        "questions": questions,
    }


def submission(student: int, responses: str | None = None, attempt: int = 1) -> dict[str, Any]:
    """Student `student`'s submission with one attempt answering `responses` (default: §14.1's)."""
    chosen = RESPONSES[student] if responses is None else responses
    data = []
    for number in range(1, 5):
        entry: dict[str, Any] = {"question_id": number}
        if number <= len(chosen):
            correct = chosen[number - 1] == KEY[number - 1]
            entry.update(answer_id=_answer_id(number, chosen[number - 1]), correct=correct, points=float(correct))
        else:
            entry.update(correct=False, points=0.0)
        data.append(entry)
    score = sum(entry["points"] for entry in data)
    return {
        "id": 500 + student,
        "user": {
            "id": 100 + student,
            "name": f"Student {student}",
            "sortable_name": f"{student}, Student",
            "sis_user_id": f"S{student}",
        },
        "temporary_user_code": None,
        "was_preview": False,
        "sections": [{"id": 7, "name": "Section A", "sis_section_id": "SEC-A"}],
        "kept_score": score,
        "attempts": [
            {
                "attempt": attempt,
                "workflow_state": "complete",
                "score": score,
                "fudge_points": 0,
                "started_at": f"2026-01-11T09:{student:02d}:00Z",
                "finished_at": f"2026-01-11T09:{student + 10:02d}:00Z",
                "submission_data": data,
                "quiz_data": None,
            }
        ],
    }


def submissions() -> list[dict[str, Any]]:
    return [submission(student) for student in RESPONSES]
