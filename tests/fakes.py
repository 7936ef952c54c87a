"""In-memory implementations of the application's ports, for fast tests without services."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator

from application.access import Principal


class CountingIdSequence:
    """Implements `IdSequence`: 1, 2, 3, … (or from `start`)."""

    def __init__(self, start: int = 1) -> None:
        self._counter = itertools.count(start)
        self.last = 0

    def next_id(self) -> int:
        self.last = next(self._counter)
        return self.last


class InMemoryFileSink:
    """Implements `FileSink`: the text is published to its store only when closed."""

    def __init__(self, store: InMemoryFileStore, file_id: int) -> None:
        self._store = store
        self._file_id = file_id
        self._parts: list[bytes] = []

    def write(self, text: str) -> None:
        self._parts.append(text.encode("utf-8"))

    def close(self) -> tuple[int, str]:
        content = b"".join(self._parts)
        self._store.files[self._file_id] = content
        return len(content), hashlib.sha256(content).hexdigest()

    def discard(self) -> None:
        self._parts.clear()
        self._store.discarded.append(self._file_id)


class FailingFileSink(InMemoryFileSink):
    """A sink whose every write fails, as a full disk would."""

    def write(self, text: str) -> None:
        raise OSError("no space left on device")


class InMemoryFileStore:
    """Implements `ReportFileStore` (and its sinks `FileSink`) in a dict of file id to bytes."""

    def __init__(self, *, failing: bool = False) -> None:
        self.files: dict[int, bytes] = {}
        self.discarded: list[int] = []
        self.failing = failing

    def create(self, file_id: int) -> InMemoryFileSink:
        return FailingFileSink(self, file_id) if self.failing else InMemoryFileSink(self, file_id)

    def read(self, file_id: int) -> Iterator[bytes]:
        if file_id not in self.files:
            raise FileNotFoundError(file_id)
        return iter([self.files[file_id]])

    def delete(self, file_id: int) -> None:
        self.files.pop(file_id, None)


class RecordingQueue:
    """Implements `GenerationQueue`: remembers the report id of every message sent."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    def enqueue(self, report_id: int) -> None:
        self.sent.append(report_id)


class InMemoryTokenRepository:
    """Implements `TokenRepository` in a dict of token hash to principal."""

    def __init__(self) -> None:
        self.principals: dict[str, Principal] = {}

    def add(self, token_hash: str, principal: Principal) -> None:
        self.principals[token_hash] = principal

    def get(self, token_hash: str) -> Principal | None:
        return self.principals.get(token_hash)
