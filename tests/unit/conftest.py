"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import pytest
from eventsourcing.sqlite import SQLiteDatastore

from adapters.sqlite.read_model import SQLiteReadModel


@pytest.fixture
def memory_read_model() -> Iterator[SQLiteReadModel]:
    """An empty read model in a private in-memory SQLite database, its tables created."""
    datastore = SQLiteDatastore(f"file:read-model-{uuid4().hex}?mode=memory&cache=shared")
    model = SQLiteReadModel(datastore)
    model.create_table()
    yield model
    datastore.close()
