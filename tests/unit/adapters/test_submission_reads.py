"""The read model's submission queries read back what was stored, page by page."""

from __future__ import annotations

import json
from typing import Any
from uuid import uuid4

import pytest

from adapters.sql.attempt_rows import AttemptRow
from adapters.sqlite.read_model import SQLiteReadModel

COURSE_ID, QUIZ_ID, OTHER_QUIZ_ID = 1, 10, 20


def _store(memory_read_model: SQLiteReadModel, quiz_id: int, submission_id: int, profile: str, *attempts: Any) -> None:
    with memory_read_model.datastore.transaction(commit=True) as c:
        c.execute(
            "INSERT INTO submissions (aggregate_id, course_id, quiz_id, submission_id, profile) VALUES (?, ?, ?, ?, ?)",
            (uuid4().hex, COURSE_ID, quiz_id, submission_id, profile),
        )
        for attempt in attempts:
            row = AttemptRow.of(attempt)
            c.execute(
                "INSERT INTO attempts (course_id, quiz_id, submission_id, attempt, head, responses, answer_ids,"
                " fast_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (COURSE_ID, quiz_id, submission_id, row.number, row.head, row.responses, row.answer_ids, row.fast),
            )


def _attempt(number: int, *answer_ids: Any) -> dict[str, Any]:
    responses = [{"question_id": 7, "answer_id": answer_id} for answer_id in answer_ids]
    return {"attempt": number, "score": float(number), "submission_data": responses, "quiz_data": None}


def test_first_attempts_are_read_with_their_submission_across_pages(memory_read_model: SQLiteReadModel) -> None:
    _store(memory_read_model, QUIZ_ID, 1, json.dumps({"user": {"id": 5}}), _attempt(3, 33), _attempt(2, 22, None))
    _store(memory_read_model, QUIZ_ID, 2, json.dumps({"user": None, "was_preview": True}))
    _store(memory_read_model, OTHER_QUIZ_ID, 3, json.dumps({"user": {"id": 6}}), _attempt(1, 11))
    _store(memory_read_model, QUIZ_ID, 4, json.dumps({"user": {"id": 7}}), _attempt(1))

    for batch_size in (1, 2, 500):
        found = list(memory_read_model.iter_first_attempt_answers(COURSE_ID, QUIZ_ID, batch_size=batch_size))

        assert found == [
            ({"id": 1, "user": {"id": 5}}, {**_attempt(2), "submission_data": []}, [22, None]),
            ({"id": 2, "user": None, "was_preview": True}, None, []),
            ({"id": 4, "user": {"id": 7}}, {**_attempt(1), "submission_data": []}, []),
        ]


@pytest.mark.parametrize("wide", [2**70, -(10**19), 12345678901234567890])
def test_profiles_with_wide_numbers_read_as_the_standard_library_reads_them(
    memory_read_model: SQLiteReadModel, wide: int
) -> None:
    profiles = [{"user": {"id": 5}, "kept_score": 1.5}, {"user": {"id": wide}, "n": 123456789012345678}]
    for number, profile in enumerate(profiles, 1):
        _store(memory_read_model, QUIZ_ID, number, json.dumps(profile), _attempt(1, wide))

    first = list(memory_read_model.iter_first_attempt_answers(COURSE_ID, QUIZ_ID))
    heads = list(memory_read_model.iter_submission_heads(COURSE_ID, QUIZ_ID))

    expected = [{"id": number, **profile} for number, profile in enumerate(profiles, 1)]
    assert [submission for submission, _, _ in first] == expected
    assert repr([answer_ids for _, _, answer_ids in first]) == repr([[wide], [wide]])
    assert repr([{key: value for key, value in head.items() if key != "attempts"} for head in heads]) == repr(expected)
