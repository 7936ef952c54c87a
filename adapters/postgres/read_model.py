"""The read model in PostgreSQL: the same tables and queries as on SQLite, shared by every process."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg.sql import SQL

from adapters.postgres.compression import lz4_columns
from adapters.postgres.quiz_data_writes import PostgresQuizDataWrites
from adapters.sql.read_model import SqlReadModel

TRACKING_TABLE = "read_model_tracking"
TABLES = [
    "CREATE TABLE IF NOT EXISTS courses (aggregate_id TEXT PRIMARY KEY, course_id BIGINT UNIQUE, name TEXT,"
    " root_account_has_trusts BOOLEAN)",
    "CREATE TABLE IF NOT EXISTS quizzes (aggregate_id TEXT PRIMARY KEY, course_id BIGINT, quiz_id BIGINT,"
    " definition TEXT, activity_position BIGINT, UNIQUE (course_id, quiz_id))",
    "CREATE TABLE IF NOT EXISTS submissions (aggregate_id TEXT PRIMARY KEY, course_id BIGINT, quiz_id BIGINT,"
    " submission_id BIGINT, profile TEXT, UNIQUE (course_id, quiz_id, submission_id))",
    # One row per attempt; its documents are described in adapters.sql.attempt_rows. The responses, nearly all
    # of an attempt, come last: the columns before them are read without reading through them.
    "CREATE TABLE IF NOT EXISTS attempts (course_id BIGINT, quiz_id BIGINT, submission_id BIGINT, attempt BIGINT,"
    " head TEXT, answer_ids TEXT, fast_json BOOLEAN, responses TEXT,"
    " PRIMARY KEY (course_id, quiz_id, submission_id, attempt))",
    "CREATE TABLE IF NOT EXISTS reports (aggregate_id TEXT PRIMARY KEY, report_id BIGINT UNIQUE,"
    " course_id BIGINT, quiz_id BIGINT, report_type TEXT, includes_all_versions BOOLEAN,"
    " includes_sis_ids BOOLEAN, anonymous BOOLEAN, generatable BOOLEAN, created_at TEXT, updated_at TEXT)",
    "CREATE TABLE IF NOT EXISTS progress (progress_id BIGINT PRIMARY KEY, report_id BIGINT UNIQUE,"
    " workflow_state TEXT, completion DOUBLE PRECISION, message TEXT, created_at TEXT, updated_at TEXT)",
    "CREATE INDEX IF NOT EXISTS progress_workflow_state ON progress (workflow_state)",
    "CREATE TABLE IF NOT EXISTS files (file_id BIGINT PRIMARY KEY, report_id BIGINT UNIQUE, uuid TEXT,"
    " filename TEXT, display_name TEXT, size BIGINT, sha256 TEXT, row_count BIGINT, created_at TEXT)",
]

# The columns whose values are often wider than PostgreSQL's ~2 kB compression threshold.
WIDE_COLUMNS = {
    "quizzes": ["definition"],
    "submissions": ["profile"],
    "attempts": ["head", "answer_ids", "responses"],
}


class PostgresReadModel(PostgresTrackingRecorder, PostgresQuizDataWrites, SqlReadModel):
    placeholder = "%s"

    def __init__(self, datastore: PostgresDatastore, *, tracking_table_name: str = TRACKING_TABLE, **kw: Any) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kw)
        self.sql_create_statements.extend(SQL(statement).format() for statement in TABLES)
        self.sql_create_statements.append(lz4_columns(WIDE_COLUMNS))

    def _begin_batch(self, c: Any) -> None:
        # Committed without waiting for the WAL flush: if the server crashes, the last batches may be lost
        # together with their tracked position, and the projector applies them again from the log.
        c.execute("SET LOCAL synchronous_commit TO OFF")

    def _pipelined(self, c: Any) -> AbstractContextManager[Any]:
        # A statement costs a round trip; in pipeline mode a batch's statements go out without waiting
        # for each result (only those that read one, such as a report's id, wait).
        pipeline: AbstractContextManager[Any] = c.connection.pipeline()
        return pipeline
