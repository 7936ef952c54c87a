"""The event log's PostgreSQL recorder: eventsourcing's, exchanging events with the database in binary.

Writing: eventsourcing inserts a save's events as one array of its composite `stored_event` type, passed
with the automatic format, for which psycopg picks the composite's text form: every event's state is
escaped as hex text, then quoted again as an array element, in Python, ~40% of a save of 800 events. The
binary form sends the same values as they are.

Reading: notifications are read in binary into plain rows (eventsourcing reads text into dictionaries),
which spares the server the hex form of every state and psycopg its parsing: 800 notifications of ~2 kB
read in ~6 ms instead of ~13 ms. The same rows, in the same order, as the same `Notification`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, Notification, OperationalError
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Composed, Identifier

_AUTOMATIC = "unnest(%s::"
_BINARY = "unnest(%b::"


class EventLogRecorder(PostgresApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statement = self.insert_events_statement.as_string()
        if _AUTOMATIC not in statement:
            raise RuntimeError(f"eventsourcing's insert statement changed: {statement}")
        self.insert_events_statement = Composed([SQL(statement.replace(_AUTOMATIC, _BINARY))])
        self._select_notifications = SQL(
            "SELECT notification_id, originator_id, originator_version, topic, state FROM {0}.{1}"
        ).format(Identifier(self.datastore.schema), Identifier(self.events_table_name))

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        """The notifications from `start` (or after it), up to `stop`, of `topics` (all when none), in order,
        `limit` at most: eventsourcing's selection."""
        conditions: list[SQL] = []
        params: list[Any] = []
        if start is not None:
            conditions.append(SQL("notification_id >= %s" if inclusive_of_start else "notification_id > %s"))
            params.append(start)
        if stop is not None:
            conditions.append(SQL("notification_id <= %s"))
            params.append(stop)
        if topics:
            conditions.append(SQL("topic = ANY(%s)"))
            params.append(list(topics))
        statement = self._select_notifications
        if conditions:
            statement += SQL(" WHERE ") + SQL(" AND ").join(conditions)
        statement += SQL(" ORDER BY notification_id LIMIT %s")
        params.append(limit)
        with self.datastore.get_connection() as conn, conn.cursor(binary=True, row_factory=tuple_row) as curs:
            curs.execute(statement, params, prepare=True)
            return [
                Notification(id=n, originator_id=o, originator_version=v, topic=t, state=s)
                for n, o, v, t, s in curs.fetchall()
            ]
