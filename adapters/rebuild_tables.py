"""What a read-model rebuild needs from each database: the fresh tables beside the live ones, listings of
rows on either side, and a window in which the live tables are locked against the projector."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from adapters.sql.read_model import SqlReadModel


class RebuildError(Exception):
    """Raised when the live read model is missing, cannot be locked in time, or is behind the fresh one."""


@dataclass(frozen=True)
class Table:
    """A read-model table: its columns, its primary key, and an ORDER BY listing its rows in the order in
    which Python sorts their keys (so that two listings can be merged)."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    order_by: str

    def key_of(self, row: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(row[self.columns.index(name)] for name in self.key)

    def row(self, values: Sequence[Any]) -> dict[str, Any]:
        return dict(zip(self.columns, values, strict=True))


class RowListing(NamedTuple):
    """The rows of one side's tables, named with `prefix` on the connection that `query` runs on."""

    prefix: str
    query: Callable[[str], Iterable[Sequence[Any]]]

    def of(self, table: Table) -> Iterable[Sequence[Any]]:
        columns = ", ".join(table.columns)
        return self.query(f"SELECT {columns} FROM {self.prefix}{table.name} ORDER BY {table.order_by}")


class LockedWindow(NamedTuple):
    """The live tables locked at their tracked `position`, reached with prefix `live` on `cursor`, which
    also reaches the fresh tables with prefix `fresh`; `view` writes the fresh tables inside the window."""

    position: int
    cursor: Any
    live: str
    fresh: str
    view: SqlReadModel


class FreshTables(Protocol):
    """The fresh tables of one dialect and the ways to reach them together with the live ones."""

    tracking_name: str

    @property
    def fresh(self) -> SqlReadModel:
        """The read model over the fresh tables."""
        ...

    def tables(self) -> list[Table]:
        """The fresh read model's tables, tracking aside, in the order they were created."""
        ...

    def live_position(self) -> int: ...

    def snapshot(self) -> AbstractContextManager[tuple[int, RowListing]]:
        """The live tracked position and the live rows, all as of one consistent snapshot."""
        ...

    def fresh_rows(self) -> AbstractContextManager[RowListing]: ...

    def locked(self, tables: Sequence[Table]) -> AbstractContextManager[LockedWindow]:
        """One transaction in which the projector cannot write the live tables; committed on leaving."""
        ...

    def close(self) -> None:
        """Remove the fresh tables."""
        ...
