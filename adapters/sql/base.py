"""What every part of the SQL read model shares: the recorder's datastore and tracking, and statements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Tracking


class SqlBase:
    """Statements are written with ``?`` placeholders; ``placeholder`` adapts them to the dialect.

    ``datastore``, ``_insert_tracking``, ``insert_tracking`` and ``max_tracking_id`` are provided by the
    eventsourcing tracking recorder the concrete read model also derives from (it comes first in the MRO).
    """

    placeholder = "?"
    datastore: Any

    def _insert_tracking(self, c: Any, tracking: Tracking) -> None:  # provided by the recorder
        raise NotImplementedError

    def insert_tracking(self, tracking: Tracking) -> None:  # provided by the recorder
        raise NotImplementedError

    def max_tracking_id(self, application_name: str) -> int | None:  # provided by the recorder
        raise NotImplementedError

    def _run(self, c: Any, sql: str, params: Sequence[Any] = ()) -> None:
        c.execute(sql.replace("?", self.placeholder) if self.placeholder != "?" else sql, tuple(params))

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        with self.datastore.transaction(commit=False) as c:
            self._run(c, sql, params)
            return c.fetchone()

    def _all(self, sql: str, params: Sequence[Any]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            self._run(c, sql, params)
            return list(c.fetchall())
