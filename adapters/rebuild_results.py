"""What a read-model rebuild reports: the rows that differ between the live and the rebuilt tables, and the
live tables after a swap, each printable as the command's output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from adapters.rebuild_tables import Table

SHOWN_DIFFERENCES = 50
_SHOWN_VALUE = 80


@dataclass(frozen=True)
class Difference:
    """A row of `table` that differs: `live` is None when only the rebuilt tables have it, `rebuilt` when
    only the live tables have it."""

    table: str
    key: dict[str, Any]
    live: dict[str, Any] | None
    rebuilt: dict[str, Any] | None

    def describe(self) -> str:
        """One line; long values are cut short."""
        where = f"{self.table} {_shown(self.key)}"
        if self.live is None:
            return f"{where}: missing from the live tables; rebuilt {_shown(self.rebuilt or {})}"
        if self.rebuilt is None:
            return f"{where}: not in the rebuilt tables; live {_shown(self.live)}"
        rebuilt = self.rebuilt
        changed = [column for column, value in self.live.items() if rebuilt.get(column) != value]
        return f"{where}: " + "; ".join(
            f"{column} live {_value(self.live[column])} rebuilt {_value(rebuilt.get(column))}" for column in changed
        )


@dataclass(frozen=True)
class Comparison:
    """The live tables compared with the log replayed to their tracked `position`: the first differences
    found (at most a printable number) and how many there are in all."""

    position: int
    differences: tuple[Difference, ...]
    total: int

    @property
    def identical(self) -> bool:
        return self.total == 0

    @property
    def status(self) -> int:
        """The command's exit status: 1 when the tables differ."""
        return 0 if self.identical else 1

    def lines(self) -> list[str]:
        if self.identical:
            return [f"identical at position {self.position}"]
        more = self.total - len(self.differences)
        return [
            *(difference.describe() for difference in self.differences),
            *([f"... and {more} more"] if more else []),
            f"{self.total} difference{'' if self.total == 1 else 's'} at position {self.position}",
        ]


@dataclass(frozen=True)
class TableSwap:
    """A live table after a swap: its rows, those written (new or changed) and those removed (changed or gone)."""

    table: str
    rows: int
    written: int
    removed: int


@dataclass(frozen=True)
class Swap:
    """The live tables made equal to the log replayed to their tracked `position`."""

    position: int
    tables: tuple[TableSwap, ...]

    @property
    def status(self) -> int:
        """The command's exit status (a swap that cannot be made raises)."""
        return 0

    def lines(self) -> list[str]:
        return [
            *(f"{t.table}: {t.rows} rows ({t.written} written, {t.removed} removed)" for t in self.tables),
            f"rebuilt read model swapped in at position {self.position}",
        ]


def differences(table: Table, live: Iterable[Sequence[Any]], fresh: Iterable[Sequence[Any]]) -> Iterator[Difference]:
    """Merge two listings of `table` ordered by key into the rows that differ."""
    live_rows, fresh_rows = iter(live), iter(fresh)
    a, b = next(live_rows, None), next(fresh_rows, None)
    while a is not None and b is not None:
        key_a, key_b = table.key_of(a), table.key_of(b)
        if key_a < key_b:
            yield Difference(table.name, _key(table, a), table.row(a), None)
            a = next(live_rows, None)
        elif key_b < key_a:
            yield Difference(table.name, _key(table, b), None, table.row(b))
            b = next(fresh_rows, None)
        else:
            if tuple(a) != tuple(b):
                yield Difference(table.name, _key(table, a), table.row(a), table.row(b))
            a, b = next(live_rows, None), next(fresh_rows, None)
    if a is not None:
        yield from (Difference(table.name, _key(table, row), table.row(row), None) for row in chain([a], live_rows))
    if b is not None:
        yield from (Difference(table.name, _key(table, row), None, table.row(row)) for row in chain([b], fresh_rows))


def _key(table: Table, row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(table.key, table.key_of(row), strict=True))


def _shown(row: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{column}={_value(value)}" for column, value in row.items()) + "}"


def _value(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_VALUE else f"{text[: _SHOWN_VALUE - 3]}..."
