from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes import InMemoryFileStore
from tests.unit.application.harness import Harness


@pytest.fixture
def harness() -> Iterator[Harness]:
    """Course 1 with the published assignment quiz 10, no submissions yet."""
    built = Harness()
    built.ingest_quiz()
    yield built
    built.close()


@pytest.fixture
def failing_harness() -> Iterator[Harness]:
    """As `harness`, but every report file write fails."""
    built = Harness(files=InMemoryFileStore(failing=True))
    built.ingest_quiz()
    yield built
    built.close()
