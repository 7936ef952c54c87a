"""Service data that is not event-sourced, in SQLite: the id sequence and hashed access tokens."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from application.access import Principal

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS ids (id INTEGER PRIMARY KEY AUTOINCREMENT, issued_at TEXT DEFAULT CURRENT_TIMESTAMP)",
    "CREATE TABLE IF NOT EXISTS tokens (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL,"
    " admin INTEGER NOT NULL, integration INTEGER NOT NULL, course_id INTEGER, role TEXT)",
)


class SQLiteServiceStore:
    """Implements the `IdSequence` and `TokenRepository` ports; safe across threads and processes."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._local = threading.local()
        with self._connection() as connection:
            for statement in _SCHEMA:
                connection.execute(statement)

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self._path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            self._local.connection = connection
        return connection

    def next_id(self) -> int:
        cursor = self._connection().execute("INSERT INTO ids DEFAULT VALUES")
        return int(cursor.lastrowid or 0)

    def add(self, token_hash: str, principal: Principal) -> None:
        self._connection().execute(
            "INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?)",
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
        row = (
            self._connection()
            .execute(
                "SELECT user_id, admin, integration, course_id, role FROM tokens WHERE token_hash = ?",
                (token_hash,),
            )
            .fetchone()
        )
        if row is None:
            return None
        return Principal(user_id=row[0], admin=bool(row[1]), integration=bool(row[2]), course_id=row[3], role=row[4])
