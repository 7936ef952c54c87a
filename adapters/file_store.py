"""Report files in a directory: written to a temporary name, published by an atomic rename."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_CHUNK = 64 * 1024


class _DirectoryFileSink:
    def __init__(self, final: Path) -> None:
        self._final = final
        self._partial = final.with_suffix(".partial")
        self._stream: IO[bytes] = self._partial.open("wb")
        self._hash = hashlib.sha256()
        self._size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._hash.update(data)
        self._size += len(data)
        self._stream.write(data)

    def close(self) -> tuple[int, str]:
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._stream.close()
        self._partial.replace(self._final)
        return self._size, self._hash.hexdigest()

    def discard(self) -> None:
        self._stream.close()
        self._partial.unlink(missing_ok=True)


class DirectoryFileStore:
    """Implements the `ReportFileStore` port for the embedded mode."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def _path(self, file_id: int) -> Path:
        return self._directory / f"{int(file_id)}.csv"

    def create(self, file_id: int) -> _DirectoryFileSink:
        return _DirectoryFileSink(self._path(file_id))

    def read(self, file_id: int) -> Iterator[bytes]:
        return _chunks(self._path(file_id).open("rb"))  # opened now, so a missing file raises here

    def delete(self, file_id: int) -> None:
        self._path(file_id).unlink(missing_ok=True)


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(_CHUNK):
            yield chunk
