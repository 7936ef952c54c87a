"""Rows whose responses line up with the quiz's questions take a fast path that renders what the general one does."""

from __future__ import annotations

import copy
import importlib
import json
import random
from typing import Any

import pytest

from bench.quiz_data import SINGLE_ATTEMPT_QUIZ, quiz_definition, submission_batches
from domain.reports import student_analysis
from domain.reports.encoded_responses import EncodedResponses
from tests.unit.domain.reports.builders import options, rows_of

ALIGNED = importlib.import_module("domain.reports.aligned_cells")


def _perturbed(submissions: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """Some attempts keep their responses aligned; others break the alignment in every way a row can."""
    changed = copy.deepcopy(submissions)
    for submission in changed:
        responses: list[dict[str, Any]] = submission["attempts"][0]["submission_data"]
        kind = rng.randrange(9)
        if kind == 0:
            rng.shuffle(responses)
        elif kind == 1:
            del responses[rng.randrange(len(responses))]
        elif kind == 2:
            responses[0]["question_id"] = float(responses[0]["question_id"])
        elif kind == 3:
            responses[1]["question_id"] = str(responses[1]["question_id"])
        elif kind == 4:
            responses.append(dict(responses[0]))
        elif kind == 5:
            responses[2]["points"] = {"odd": 1}
            responses[3]["correct"] = 0
            responses[4]["correct"] = None
        elif kind == 6:
            responses[0]["points"] = True
    return changed


@pytest.mark.parametrize("all_versions", [False, True])
def test_aligned_rows_equal_rows_rendered_by_question_lookup(
    all_versions: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz = quiz_definition(SINGLE_ATTEMPT_QUIZ, 23)
    quiz["id"] = SINGLE_ATTEMPT_QUIZ
    submissions = [each for batch in submission_batches(quiz, SINGLE_ATTEMPT_QUIZ, 60, 25, 5) for each in batch]
    submissions = _perturbed(submissions, random.Random(11))
    chosen = options(all_versions=all_versions)

    fast = rows_of(student_analysis(quiz, submissions, chosen))
    monkeypatch.setattr(ALIGNED, "aligned_ids", lambda keys, per_column: [])
    slow = rows_of(student_analysis(quiz, submissions, chosen))

    assert fast == slow
    assert [list(map(type, row)) for row in fast] == [list(map(type, row)) for row in slow]


def _read_encoded(submissions: list[dict[str, Any]]) -> Any:
    """A loader handing out attempts with their responses still encoded, as the read model does."""
    encoded = {
        (taken["id"], each["attempt"]): {
            **each,
            "submission_data": EncodedResponses("\n".join(map(json.dumps, each["submission_data"])), json.loads),
        }
        for taken in submissions
        for each in taken["attempts"]
    }
    return lambda keys: {key: encoded[key] for key in keys}


def _heads(submissions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**taken, "attempts": [{**each, "submission_data": []} for each in taken["attempts"]]} for taken in submissions
    ]


@pytest.mark.parametrize("all_versions", [False, True])
def test_rows_of_encoded_responses_equal_rows_of_decoded_ones(
    all_versions: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ALIGNED, "MAX_REMEMBERED_TEXTS", 5)  # forces the memo to start afresh too
    quiz = quiz_definition(SINGLE_ATTEMPT_QUIZ, 23)
    quiz["id"] = SINGLE_ATTEMPT_QUIZ
    submissions = [each for batch in submission_batches(quiz, SINGLE_ATTEMPT_QUIZ, 80, 25, 9) for each in batch]
    submissions = _perturbed(submissions, random.Random(4))
    chosen = options(all_versions=all_versions)

    table = student_analysis(
        quiz, _heads(submissions), chosen, reload=_read_encoded(submissions), responses_elsewhere=True
    )
    encoded = rows_of(table)
    decoded = rows_of(student_analysis(quiz, submissions, chosen))

    assert encoded == decoded
    assert [list(map(type, row)) for row in encoded] == [list(map(type, row)) for row in decoded]
