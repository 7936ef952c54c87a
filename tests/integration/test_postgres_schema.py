"""`db init` on PostgreSQL: idempotent, and the wide columns compress with lz4 where the server has it,
also after a rebuild swapped fresh tables in."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from adapters.bootstrap import init_database
from adapters.rebuild import read_model_rebuild
from adapters.settings import Settings
from tests.backends import fresh_postgres_database

WIDE = {
    ("quizreports_events", "state"),
    ("quizzes", "definition"),
    ("submissions", "profile"),
    ("attempts", "head"),
    ("attempts", "answer_ids"),
    ("attempts", "responses"),
    ("report_file_parts", "data"),
}


@pytest.fixture
def settings() -> Iterator[Settings]:
    with fresh_postgres_database() as database_url:
        yield Settings.from_env(env={"QUIZ_REPORTS_DATABASE_URL": database_url})


def compressed_columns(settings: Settings) -> tuple[bool, set[tuple[str, str]]]:
    """Whether the server has lz4, and the public tables' columns set to it."""
    with psycopg.connect(settings.database_url or "") as connection:
        row = connection.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        ).fetchone()
        columns = connection.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND a.attnum > 0 AND a.attcompression = 'l'"
        ).fetchall()
    return bool(row and row[0]), {(table, column) for table, column in columns}


def test_init_twice_sets_lz4_on_every_wide_column(settings: Settings) -> None:
    init_database(settings)
    init_database(settings)

    supported, columns = compressed_columns(settings)

    assert columns == (WIDE if supported else set())


def test_a_rebuilt_read_model_keeps_lz4(settings: Settings) -> None:
    init_database(settings)

    with read_model_rebuild(settings) as rebuild:
        rebuild.swap()

    supported, columns = compressed_columns(settings)
    assert columns == (WIDE if supported else set())
