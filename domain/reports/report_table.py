"""The shape every report builder returns, and the options a student analysis honours."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from domain.reports.cell import Cell
from domain.reports.csv_line import RowEncoder


@dataclass(frozen=True)
class ReportOptions:
    """Options fixed when a report was requested (canvas-facts §12)."""

    includes_all_versions: bool
    includes_sis_ids: bool
    anonymous: bool
    includes_root_account: bool = False
    """The course's root account has trust relationships, which adds the root_account column."""


@dataclass(frozen=True)
class ReportTable:
    """A report's header and its ``row_count`` rows, produced lazily in report order.

    ``encoded``, when a builder has it, writes the rows straight to CSV text; ``lines`` uses it.
    """

    header: list[Cell]
    row_count: int
    rows: Iterable[list[Cell]]
    encoded: Callable[[RowEncoder], Iterator[str]] | None = None

    def lines(self, encoder: RowEncoder) -> Iterator[str]:
        """Each row as ``encoder.line(row)`` would write it, in order; only the speed depends on ``encoded``."""
        if self.encoded is not None:
            return self.encoded(encoder)
        return map(encoder.line, self.rows)


class LazyRows:
    """Rows rebuilt by ``produce`` on every iteration, so a table can be written more than once."""

    def __init__(self, produce: Callable[[], Iterator[list[Cell]]]) -> None:
        self._produce = produce

    def __iter__(self) -> Iterator[list[Cell]]:
        return self._produce()
