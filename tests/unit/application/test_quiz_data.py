from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any
from uuid import UUID

import pytest

from adapters.projector import ProjectionSync
from adapters.sqlite.read_model import SQLiteReadModel
from application.access import Caller
from application.errors import InvalidInput, NotAuthorized, NotFound
from application.quiz_data import QuizData
from domain.quiz_submission import QuizSubmission
from tests.unit.application.harness import (
    COURSE_ID,
    INTEGRATION,
    OTHER_QUIZ_ID,
    QUIZ_ID,
    STUDENT,
    TEACHER,
    Harness,
    attempt,
    quiz_definition,
    submission,
)


def test_putting_the_same_course_twice_records_nothing_new(harness: Harness) -> None:
    events_before = harness.event_count()

    harness.quiz_data.put_course(INTEGRATION, COURSE_ID, "Physics")

    assert harness.event_count() == events_before


def test_renaming_a_course_records_one_event(harness: Harness) -> None:
    events_before = harness.event_count()

    course = harness.quiz_data.put_course(INTEGRATION, COURSE_ID, "Physics II")

    assert harness.event_count() == events_before + 1
    assert harness.quiz_data.course(TEACHER, COURSE_ID) == course


def test_putting_the_same_quiz_twice_records_nothing_new(harness: Harness) -> None:
    events_before = harness.event_count()

    harness.quiz_data.put_quiz(INTEGRATION, COURSE_ID, QUIZ_ID, quiz_definition())

    assert harness.event_count() == events_before


def test_a_put_quiz_returns_the_projected_quiz(harness: Harness) -> None:
    quiz = harness.quiz_data.put_quiz(INTEGRATION, COURSE_ID, QUIZ_ID, quiz_definition(title="Final"))

    assert (quiz.title, quiz.quiz_type) == ("Final", "assignment")
    assert harness.quiz_data.quiz(STUDENT, COURSE_ID, QUIZ_ID) == quiz


def test_a_new_submission_records_its_creation_and_each_attempt(harness: Harness) -> None:
    recorded = harness.ingest_submissions(submission(1, attempt(1), attempt(2)))

    assert recorded == 3


def test_putting_the_same_submissions_twice_records_nothing_new(harness: Harness) -> None:
    harness.ingest_submissions(submission(1), submission(2))
    events_before = harness.event_count()

    recorded = harness.ingest_submissions(submission(1), submission(2))

    assert recorded == 0
    assert harness.event_count() == events_before


def test_a_bulk_with_one_bad_submission_records_nothing(harness: Harness) -> None:
    bad = submission(2)
    del bad["attempts"][0]["attempt"]
    events_before = harness.event_count()

    with pytest.raises(KeyError):
        harness.ingest_submissions(submission(1), bad)

    assert harness.event_count() == events_before
    assert harness.read_model.submissions(COURSE_ID, QUIZ_ID) == []


def test_submissions_are_projected_with_attempts_in_number_order(harness: Harness) -> None:
    harness.ingest_submissions(submission(1, attempt(2, answer_id=4012), attempt(1)))

    stored = harness.read_model.submissions(COURSE_ID, QUIZ_ID)

    assert [a["attempt"] for a in stored[0]["attempts"]] == [1, 2]
    assert stored[0]["id"] == 1


def test_values_json_text_holds_only_one_way_are_projected_as_ingested(harness: Harness) -> None:
    # The log's events are read by orjson and projected unchecked, but for these the standard library.
    awkward = {**attempt(1), "points_possible": math.nan, "id": 2**64, "extra": [math.inf, None]}
    plain = {**attempt(2, answer_id=4012), "note": "null and \\u0000"}
    harness.ingest_submissions({**submission(1, awkward, plain), "kept_score": -math.inf})

    stored = harness.read_model.submissions(COURSE_ID, QUIZ_ID)[0]

    assert repr(stored["attempts"]) == repr([awkward, plain])
    assert repr(stored["kept_score"]) == repr(-math.inf)


@pytest.mark.parametrize("caller", [TEACHER, STUDENT], ids=["teacher", "student"])
def test_only_integrations_and_admins_ingest(harness: Harness, caller: Caller) -> None:
    with pytest.raises(NotAuthorized):
        harness.quiz_data.put_course(caller, COURSE_ID, "Renamed")


def test_a_quiz_of_an_unknown_course_is_not_found(harness: Harness) -> None:
    with pytest.raises(NotFound) as raised:
        harness.quiz_data.put_quiz(INTEGRATION, 999, QUIZ_ID, quiz_definition())

    assert raised.value.kind == "course"


def test_submissions_of_an_unknown_quiz_are_not_found(harness: Harness) -> None:
    with pytest.raises(NotFound) as raised:
        harness.ingest_submissions(submission(1), quiz_id=OTHER_QUIZ_ID)

    assert raised.value.kind == "quiz"


def test_a_bulk_repeating_a_submission_id_is_refused_and_records_nothing(harness: Harness) -> None:
    events_before = harness.event_count()

    with pytest.raises(InvalidInput):
        harness.ingest_submissions(submission(1), submission(1))

    assert harness.event_count() == events_before


class LaggingReadModel(SQLiteReadModel):
    """The read model as it is before any submission is projected."""

    def recorded_submissions(self, course_id: int, quiz_id: int, submission_ids: Collection[int]) -> set[int]:
        return set()


def test_only_submissions_the_read_model_holds_are_read_from_the_log(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.ingest_submissions(submission(1))
    read: list[UUID] = []
    get = harness.log.repository.get

    def reading(aggregate_id: UUID, **options: Any) -> Any:
        read.append(aggregate_id)
        return get(aggregate_id, **options)

    monkeypatch.setattr(harness.log.repository, "get", reading)

    recorded = harness.ingest_submissions(submission(1, attempt(1), attempt(2)), submission(2), submission(3))

    assert read == [QuizSubmission.create_id(COURSE_ID, QUIZ_ID, 1)]
    assert recorded == 1 + 2 * 2


def test_a_submission_the_read_model_does_not_hold_yet_is_read_from_the_log_on_a_retry(harness: Harness) -> None:
    harness.ingest_submissions(submission(1))
    events_before = harness.event_count()
    sync = ProjectionSync(harness.read_model_follower, background=None)
    lagging = QuizData(harness.log, LaggingReadModel(harness.datastore), sync)

    recorded = lagging.put_submissions(INTEGRATION, COURSE_ID, QUIZ_ID, [submission(1, attempt(1), attempt(2))])

    assert recorded == 1
    assert harness.event_count() == events_before + 1
    stored = harness.read_model.submissions(COURSE_ID, QUIZ_ID)
    assert [a["attempt"] for a in stored[0]["attempts"]] == [1, 2]
