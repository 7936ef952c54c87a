"""What operations ask of a running process: are its stores and broker reachable, and how many
reports are in each state."""

from __future__ import annotations

import logging
from typing import Any

import dramatiq
from dramatiq.brokers.stub import StubBroker

logger = logging.getLogger(__name__)

_STATES = "SELECT workflow_state AS state, count(*) AS n FROM progress GROUP BY workflow_state"
_REPORTS = "SELECT count(*) AS n FROM reports"


def broker_reachable(broker: dramatiq.Broker) -> bool:
    if isinstance(broker, StubBroker):
        return True
    try:
        client = getattr(broker, "client", None)
        if client is not None:
            client.ping()
        else:
            getattr(broker, "connection")  # noqa: B009 - RabbitMQ connects on first use; a failure raises
        return True
    except Exception as error:
        logger.warning("broker unreachable: %s", error)
        return False


def report_states(read_model: Any) -> dict[str, int]:
    """Reports by the state of their generation; `none` for reports never requested (or removed)."""
    with read_model.datastore.transaction(commit=False) as c:
        c.execute(_STATES)
        counts = {str(row["state"]): int(row["n"]) for row in c.fetchall()}
        c.execute(_REPORTS)
        total = int(c.fetchone()["n"])
    counts["none"] = total - sum(counts.values())
    return counts
