"""What use cases remember between calls: read-model answers, each with the read-model version it was read
under, so that an equal version later means it is still the answer."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from application.records import ReadVersion

T = TypeVar("T")


class NotRemembered(Exception):
    """Raised by a use case asked to answer from memory alone when its answer needs a store."""


class Memory:
    """At most `limit` values by key (all are forgotten when it is full); safe across threads."""

    def __init__(self, limit: int) -> None:
        self._values: dict[Hashable, Any] = {}
        self._limit = limit

    def get(self, key: Hashable) -> Any:
        return self._values.get(key)

    def keep(self, key: Hashable, value: Any) -> None:
        if len(self._values) >= self._limit:
            self._values.clear()
        self._values[key] = value

    def read(
        self,
        key: Hashable,
        read: Callable[[], T | None],
        version: ReadVersion | None,
        from_memory: bool,
        *,
        recall: bool = True,
    ) -> T | None:
        """What `read` answers for `key`, remembered with `version`'s mark (read before it): an answer found
        with an equal mark is the read model's answer now. `recall=False` reads it anew all the same (what is
        remembered may be older than the caller's own write). An unknown answer is never remembered."""
        if version is not None and recall:
            remembered = self._values.get(key)
            if remembered is not None and remembered[0] == version.mark:
                found: T = remembered[1]
                return found
        if from_memory:
            raise NotRemembered
        answer = read()
        if version is not None and answer is not None:
            self.keep(key, (version.mark, answer))
        return answer
