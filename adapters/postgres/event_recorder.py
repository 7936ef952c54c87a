"""The event log's PostgreSQL recorder: eventsourcing's, sending the events of a save in binary.

eventsourcing inserts a save's events as one array of its composite `stored_event` type, passed with the
automatic format, for which psycopg picks the composite's text form: every event's state is escaped as
hex text, then quoted again as an array element, in Python, ~40% of a save of 800 events. The binary
form sends the same values as they are, so the rows stored are the same.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Composed

_AUTOMATIC = "unnest(%s::"
_BINARY = "unnest(%b::"


class BinaryInsertRecorder(PostgresApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statement = self.insert_events_statement.as_string()
        if _AUTOMATIC not in statement:
            raise RuntimeError(f"eventsourcing's insert statement changed: {statement}")
        self.insert_events_statement = Composed([SQL(statement.replace(_AUTOMATIC, _BINARY))])
