"""The read model in SQLite: the projection's tables, tracking and queries in one database file."""

from __future__ import annotations

from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder

from adapters.sql.read_model import SqlReadModel

TABLES = [
    "CREATE TABLE IF NOT EXISTS courses (aggregate_id TEXT PRIMARY KEY, course_id INTEGER UNIQUE, name TEXT,"
    " root_account_has_trusts INTEGER)",
    "CREATE TABLE IF NOT EXISTS quizzes (aggregate_id TEXT PRIMARY KEY, course_id INTEGER, quiz_id INTEGER,"
    " definition TEXT, activity_position INTEGER, UNIQUE (course_id, quiz_id))",
    "CREATE TABLE IF NOT EXISTS submissions (aggregate_id TEXT PRIMARY KEY, course_id INTEGER, quiz_id INTEGER,"
    " submission_id INTEGER, profile TEXT, UNIQUE (course_id, quiz_id, submission_id))",
    # One row per attempt; its documents are described in adapters.sql.attempt_rows. The responses, nearly all
    # of an attempt, come last: the columns before them are read without reading through them.
    "CREATE TABLE IF NOT EXISTS attempts (course_id INTEGER, quiz_id INTEGER, submission_id INTEGER, attempt INTEGER,"
    " head TEXT, answer_ids TEXT, fast_json INTEGER, responses TEXT,"
    " PRIMARY KEY (course_id, quiz_id, submission_id, attempt))",
    "CREATE TABLE IF NOT EXISTS reports (aggregate_id TEXT PRIMARY KEY, report_id INTEGER UNIQUE,"
    " course_id INTEGER, quiz_id INTEGER, report_type TEXT, includes_all_versions INTEGER,"
    " includes_sis_ids INTEGER, anonymous INTEGER, generatable INTEGER, created_at TEXT, updated_at TEXT)",
    "CREATE TABLE IF NOT EXISTS progress (progress_id INTEGER PRIMARY KEY, report_id INTEGER UNIQUE,"
    " workflow_state TEXT, completion REAL, message TEXT, created_at TEXT, updated_at TEXT)",
    "CREATE TABLE IF NOT EXISTS files (file_id INTEGER PRIMARY KEY, report_id INTEGER UNIQUE, uuid TEXT,"
    " filename TEXT, display_name TEXT, size INTEGER, sha256 TEXT, row_count INTEGER, created_at TEXT)",
]


class SQLiteReadModel(SQLiteTrackingRecorder, SqlReadModel):
    def __init__(self, datastore: SQLiteDatastore) -> None:
        SQLiteTrackingRecorder.__init__(self, datastore)

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *TABLES]
