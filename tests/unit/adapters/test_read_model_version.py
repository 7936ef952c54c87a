"""The read model's version: the same while nothing is committed to its database, another after any commit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import SQLiteDatastore

from adapters.postgres.connection import PostgresUrl
from adapters.postgres.read_model import PostgresReadModel
from adapters.sql.read_model import SqlReadModel
from adapters.sqlite.read_model import SQLiteReadModel
from tests.backends import fresh_postgres_database

NEW_COURSE = "INSERT INTO courses (aggregate_id, course_id, name, root_account_has_trusts) VALUES ('c1', 1, 'A', FALSE)"


@pytest.fixture(params=["sqlite-file", "sqlite-shared-memory", "postgres"])
def read_model(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlReadModel]:
    if request.param == "postgres":
        with fresh_postgres_database() as url:
            datastore = PostgresUrl.parse(url).datastore()
            postgres = PostgresReadModel(datastore)
            postgres.create_table()
            yield postgres
            datastore.close()
        return
    name = (
        str(tmp_path / "read_model.sqlite3")
        if request.param == "sqlite-file"
        else f"file:version-{uuid4().hex}?mode=memory&cache=shared"
    )
    sqlite = SQLiteDatastore(name)
    built = SQLiteReadModel(sqlite)
    built.create_table()
    yield built
    sqlite.close()


def test_the_version_stays_while_nothing_is_committed(read_model: SqlReadModel) -> None:
    before = read_model.version()
    read_model.max_position("QuizReports")
    read_model.course(1)

    assert read_model.version() == before


def test_a_projected_position_makes_another_version(read_model: SqlReadModel) -> None:
    before = read_model.version()

    read_model.insert_tracking(Tracking(application_name="QuizReports", notification_id=1))

    assert read_model.version() != before


def test_rows_changed_at_the_same_position_make_another_version(read_model: SqlReadModel) -> None:
    read_model.insert_tracking(Tracking(application_name="QuizReports", notification_id=1))
    before = read_model.version()

    with read_model.datastore.transaction(commit=True) as c:  # as a rebuild's swap of the live rows does
        c.execute(NEW_COURSE)

    assert read_model.version() != before
    assert read_model.max_position("QuizReports") == 1


def test_a_private_in_memory_database_never_repeats_a_version() -> None:
    datastore = SQLiteDatastore(":memory:")
    read_model = SQLiteReadModel(datastore)

    assert read_model.version() != read_model.version()
    datastore.close()
