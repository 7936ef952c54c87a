"""What every recorded change of the service carries: who caused it and through which request."""

from __future__ import annotations

from eventsourcing.domain import Aggregate


class Caused(Aggregate.Event):
    """An event that records its actor (a user id or "system") and the request or message id."""

    actor: str
    request_id: str


class CausedCreation(Aggregate.Created):
    """A created event that records its actor and the request or message id."""

    actor: str
    request_id: str
