"""Service data that is not event-sourced, in PostgreSQL: the id sequence, hashed tokens and the
bytes of report files, so every API process and worker on every machine sees them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from eventsourcing.postgres import PostgresDatastore

from adapters.postgres.compression import lz4_columns
from application.access import Principal

SCHEMA = (
    "CREATE SEQUENCE IF NOT EXISTS quiz_reports_ids",
    "CREATE TABLE IF NOT EXISTS tokens (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL,"
    " admin BOOLEAN NOT NULL, integration BOOLEAN NOT NULL, course_id BIGINT, role TEXT)",
    "CREATE TABLE IF NOT EXISTS report_file_parts (file_id BIGINT, part INTEGER, data BYTEA,"
    " PRIMARY KEY (file_id, part))",
)
PART_BYTES = 1024 * 1024


class PostgresServiceStore:
    """Implements the `IdSequence` and `TokenRepository` ports."""

    def __init__(self, datastore: PostgresDatastore) -> None:
        self._datastore = datastore

    def create_tables(self) -> None:
        with self._datastore.transaction(commit=True) as c:
            for statement in SCHEMA:
                c.execute(statement)
            c.execute(lz4_columns({"report_file_parts": ["data"]}))

    def next_id(self) -> int:
        with self._datastore.transaction(commit=True) as c:
            c.execute("SELECT nextval('quiz_reports_ids') AS id")
            row = c.fetchone()
            assert row is not None
            return int(row["id"])

    def add(self, token_hash: str, principal: Principal) -> None:
        with self._datastore.transaction(commit=True) as c:
            c.execute(
                "INSERT INTO tokens VALUES (%s, %s, %s, %s, %s, %s)",
                (
                    token_hash,
                    principal.user_id,
                    principal.admin,
                    principal.integration,
                    principal.course_id,
                    principal.role,
                ),
            )

    def get(self, token_hash: str) -> Principal | None:
        with self._datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT user_id, admin, integration, course_id, role FROM tokens WHERE token_hash = %s", (token_hash,)
            )
            row = c.fetchone()
        if row is None:
            return None
        return Principal(row["user_id"], row["admin"], row["integration"], row["course_id"], row["role"])


class _PartsSink:
    def __init__(self, datastore: PostgresDatastore, file_id: int) -> None:
        self._datastore = datastore
        self._file_id = file_id
        self._buffer = bytearray()
        self._part = 0
        self._size = 0
        self._hash = hashlib.sha256()

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._hash.update(data)
        self._size += len(data)
        self._buffer += data
        if len(self._buffer) >= PART_BYTES:
            self._flush()

    def _flush(self) -> None:
        with self._datastore.transaction(commit=True) as c:
            c.execute(
                "INSERT INTO report_file_parts VALUES (%s, %s, %s)", (self._file_id, self._part, bytes(self._buffer))
            )
        self._part += 1
        self._buffer.clear()

    def close(self) -> tuple[int, str]:
        if self._buffer or self._part == 0:
            self._flush()
        return self._size, self._hash.hexdigest()

    def discard(self) -> None:
        PostgresFileStore(self._datastore).delete(self._file_id)


class PostgresFileStore:
    """Implements the `ReportFileStore` port: a file is its parts of up to 1 MiB, in order."""

    def __init__(self, datastore: PostgresDatastore) -> None:
        self._datastore = datastore

    def create(self, file_id: int) -> _PartsSink:
        return _PartsSink(self._datastore, file_id)

    def read(self, file_id: int) -> Iterator[bytes]:
        with self._datastore.transaction(commit=False) as c:
            c.execute("SELECT count(*) AS parts FROM report_file_parts WHERE file_id = %s", (file_id,))
            row = c.fetchone()
        parts = int(row["parts"]) if row else 0
        if parts == 0:
            raise FileNotFoundError(f"report file {file_id}")
        return self._parts(file_id, parts)

    def _parts(self, file_id: int, parts: int) -> Iterator[bytes]:
        for part in range(parts):
            with self._datastore.transaction(commit=False) as c:
                c.execute("SELECT data FROM report_file_parts WHERE file_id = %s AND part = %s", (file_id, part))
                row = c.fetchone()
            if row is not None:
                yield bytes(row["data"])

    def delete(self, file_id: int) -> None:
        with self._datastore.transaction(commit=True) as c:
            c.execute("DELETE FROM report_file_parts WHERE file_id = %s", (file_id,))
