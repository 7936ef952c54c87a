"""A read-model batch on PostgreSQL commits without waiting for the disk: everything it writes is derived
from the event log, and a batch lost in a crash goes with its tracked position, so it is applied again. Its
rows go to the server column by column, each column one text."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import Tracking

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.projector import APPLICATION_NAME
from adapters.postgres.read_model import PostgresReadModel
from tests.backends import backend_env

pytestmark = pytest.mark.integration


@pytest.fixture
def view() -> Iterator[PostgresReadModel]:
    with backend_env("postgres") as env:
        datastore = PostgresUrl.parse(env["QUIZ_REPORTS_DATABASE_URL"]).datastore()
        try:
            yield PostgresReadModel(datastore)
        finally:
            datastore.close()


def synchronous_commit(cursor: Any) -> str:
    """The setting in the cursor's transaction (the datastore's rows are dicts)."""
    return str(cursor.execute("SHOW synchronous_commit").fetchone()["synchronous_commit"])


def test_a_batch_commits_without_waiting_for_the_disk_and_nothing_else_does(view: PostgresReadModel) -> None:
    with view.batch(APPLICATION_NAME):
        batch = view._batch()
        assert batch is not None
        inside = synchronous_commit(batch.cursor)
    with view.datastore.transaction(commit=False) as c:
        after = synchronous_commit(c)

    assert (inside, after) == ("off", "on")


RESPONSES = [{"question_id": 1, "answer_id": None, "text": "two\nlines \x1e\x1f"}, {"answer_id": 7}]


@pytest.mark.parametrize(
    "attempts",
    [
        [{"attempt": 1, "submission_data": []}],
        [{"attempt": 1, "submission_data": None}],
        [{"attempt": 1}, {"attempt": 2, "submission_data": RESPONSES, "score": math.nan}, {"attempt": 3, "x": ""}],
    ],
    ids=["no-response", "no-list", "several"],
)
def test_a_batch_stores_its_submissions_and_attempts_as_recorded(
    view: PostgresReadModel, attempts: list[dict[str, Any]]
) -> None:
    """Each column of a batch's rows goes to the server as one text: a lone row, an empty text, a None and
    the separators' characters in a value (escaped in its JSON text) all come back as they went."""
    submission_id = uuid4()
    profile = {"id": 3, "user": {"name": "Ada \x1e"}, "kept_score": None}
    with view.batch(APPLICATION_NAME):
        view.put_submission(submission_id, (1, 2, 3), {"id": 3}, Tracking(APPLICATION_NAME, 1), plain=True)
        view.put_submission(submission_id, None, profile, Tracking(APPLICATION_NAME, 2), plain=False)
        for position, attempt in enumerate(attempts, start=3):
            view.record_attempt(submission_id, attempt, Tracking(APPLICATION_NAME, position), plain=False)

    stored = view.submissions(1, 2)

    assert repr(stored) == repr([{**profile, "attempts": attempts}])
