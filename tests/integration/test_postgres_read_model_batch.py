"""A read-model batch on PostgreSQL commits without waiting for the disk: everything it writes is derived
from the event log, and a batch lost in a crash goes with its tracked position, so it is applied again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

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
