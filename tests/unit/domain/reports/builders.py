"""Small factories for the ingested quiz and submission shapes the report builders read."""

from __future__ import annotations

from typing import Any

from domain.reports import Cell, ReportOptions, ReportTable, encode_row

Json = dict[str, Any]

FINISHED_AT = "2019-08-24T23:01:08Z"
_TRUE_FALSE_LETTERS = "TF"
_CHOICE_LETTERS = "ABCD"


def answer(answer_id: int, text: str = "", *, weight: float = 0, **extra: Any) -> Json:
    return {"id": answer_id, "text": text, "weight": weight, **extra}


def question(
    question_id: int,
    *,
    question_type: str = "multiple_choice_question",
    question_text: str = "Question text",
    points_possible: float = 1,
    answers: list[Json] | None = None,
    position: int | None = None,
    **extra: Any,
) -> Json:
    return {
        "id": question_id,
        "position": position,
        "question_type": question_type,
        "question_name": f"Question {question_id}",
        "question_text": question_text,
        "points_possible": points_possible,
        "answers": answers or [],
        **extra,
    }


def quiz(questions: list[Json] | None = None, *, title: str = "Quiz", **extra: Any) -> Json:
    return {
        "id": 8,
        "title": title,
        "quiz_type": "assignment",
        "anonymous_submissions": False,
        "published_at": "2019-08-01T00:00:00Z",
        "points_possible": None,
        "questions": questions or [],
        **extra,
    }


def user(user_id: int = 1, name: str = "Student One", **extra: Any) -> Json:
    return {
        "id": user_id,
        "name": name,
        "sortable_name": name,
        "sis_user_id": None,
        **extra,
    }


def response(question_id: int, *, correct: Any = True, points: float = 1, **extra: Any) -> Json:
    return {"question_id": question_id, "correct": correct, "points": points, **extra}


def attempt(
    number: int = 1,
    *,
    responses: list[Json] | None = None,
    score: float | None = 0,
    workflow_state: str = "complete",
    finished_at: str | None = FINISHED_AT,
    started_at: str = "2019-08-24T22:00:00Z",
    quiz_data: list[Json] | None = None,
    **extra: Any,
) -> Json:
    return {
        "attempt": number,
        "workflow_state": workflow_state,
        "score": score,
        "fudge_points": 0,
        "started_at": started_at,
        "finished_at": finished_at,
        "submission_data": [] if responses is None else responses,
        "quiz_data": quiz_data,
        **extra,
    }


def submission(
    submission_id: int = 5,
    *,
    attempts: list[Json] | None = None,
    taker: Json | None = None,
    logged_out: bool = False,
    sections: list[Json] | None = None,
    **extra: Any,
) -> Json:
    attempts = [attempt()] if attempts is None else attempts
    return {
        "id": submission_id,
        "user": None if logged_out else (taker or user(submission_id, f"Student {submission_id}")),
        "temporary_user_code": f"tmp_{submission_id}" if logged_out else None,
        "was_preview": False,
        "sections": sections or [],
        "kept_score": attempts[-1]["score"] if attempts else None,
        "attempts": attempts,
        **extra,
    }


def keyed_quiz(key: str) -> Json:
    """A quiz of 1-point questions, one per key letter: T/F questions for T or F, else A-D choices.

    Question i (from 1) has id i, answers with ids ``4i + j`` and weight 100 on the key letter.
    """
    questions = []
    for index, letter in enumerate(key, start=1):
        true_false = letter in _TRUE_FALSE_LETTERS
        letters = _TRUE_FALSE_LETTERS if true_false else _CHOICE_LETTERS
        answers = [
            answer(4 * index + j, choice, weight=100 if choice == letter else 0) for j, choice in enumerate(letters)
        ]
        question_type = "true_false_question" if true_false else "multiple_choice_question"
        questions.append(question(index, question_type=question_type, answers=answers, position=index))
    return quiz(questions)


def keyed_submission(key_quiz: Json, submission_id: int, letters: str, score: float | None = None) -> Json:
    """A student's first attempt choosing ``letters`` (a space leaves a question blank).

    The score defaults to the number of letters matching the answer key.
    """
    responses = []
    correct = 0
    for index, item in enumerate(key_quiz["questions"]):
        letter = letters[index] if index < len(letters) else " "
        chosen = next((a for a in item["answers"] if a["text"] == letter), None)
        is_correct = chosen is not None and chosen["weight"] == 100
        correct += is_correct
        answer_id = None if chosen is None else chosen["id"]
        responses.append(response(item["id"], correct=is_correct, points=int(is_correct), answer_id=answer_id))
    total = correct if score is None else score
    taker = user(submission_id, f"Student {submission_id}")
    return submission(submission_id, taker=taker, attempts=[attempt(responses=responses, score=total)])


def options(
    *,
    all_versions: bool = False,
    sis_ids: bool = True,
    anonymous: bool = False,
    root_account: bool = False,
) -> ReportOptions:
    """Report options; SIS ids default on, as Canvas's student analysis spec helper forces them."""
    return ReportOptions(
        includes_all_versions=all_versions,
        includes_sis_ids=sis_ids,
        anonymous=anonymous,
        includes_root_account=root_account,
    )


def rows_of(table: ReportTable) -> list[list[Cell]]:
    return [list(row) for row in table.rows]


def csv_text(table: ReportTable) -> str:
    return "".join(encode_row(row) for row in [table.header, *table.rows])


def blank_submission() -> Json:
    """A student who saw the quiz's questions and answered none of them."""
    return submission(attempts=[attempt(responses=[])])


def true_false_question(question_id: int, **extra: Any) -> Json:
    answers = [answer(10 * question_id, "True", weight=100), answer(10 * question_id + 1, "False")]
    return question(question_id, question_type="true_false_question", answers=answers, **extra)
