"""What every recorded change of the service carries: its link in its aggregate's hash chain and, for
changes someone asked for, who caused them and through which request."""

from __future__ import annotations

from typing import Any, cast

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from domain import chain


class _AdvancesChainHead:
    """Applying the event makes its `chain_hash` the aggregate's `chain_head`."""

    chain_hash: str

    def mutate(self, aggregate: Any) -> Any:
        mutated: Any = super().mutate(aggregate)  # type: ignore[misc]
        mutated.chain_head = self.chain_hash
        return mutated


class Chained(_AdvancesChainHead, Aggregate.Event):
    """An event whose `chain_hash` links it to the event before it (see `domain.chain`)."""

    chain_hash: str


class ChainedCreation(_AdvancesChainHead, Aggregate.Created):
    """The first event of a chained aggregate: its `chain_hash` follows `chain.GENESIS`."""

    chain_hash: str


class Caused(Chained):
    """An event that records its actor (a user id or "system") and the request or message id."""

    actor: str
    request_id: str


class CausedCreation(ChainedCreation):
    """A created event that records its actor and the request or message id."""

    actor: str
    request_id: str


class ChainedAggregate(Aggregate):
    """An aggregate whose every event carries its chain hash, computed as the event is triggered.

    `chain_head` is the chain hash of the last event applied.
    """

    chain_head: str

    @classmethod
    def _create(cls, event_class: Any, *, id: Any = None, **kwargs: Any) -> Any:
        originator_id = id if id is not None else cls.create_id(**kwargs)
        if kwargs.get("timestamp") is None:
            kwargs["timestamp"] = event_class.create_timestamp()
        content = {
            **kwargs,
            "originator_topic": get_topic(cls),
            "originator_id": originator_id,
            "originator_version": cls.INITIAL_VERSION,
        }
        kwargs[chain.CHAIN_FIELD] = chain.link(chain.GENESIS, event_class.__qualname__, content)
        return cast(Any, super())._create(event_class, id=originator_id, **kwargs)

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        if kwargs.get("timestamp") is None:
            kwargs["timestamp"] = event_class.create_timestamp()
        content = {**kwargs, "originator_id": self.id, "originator_version": self.version + 1}
        kwargs[chain.CHAIN_FIELD] = chain.link(self.chain_head, event_class.__qualname__, content)
        super().trigger_event(event_class, **kwargs)
