"""The shape every report builder returns, and the options a student analysis honours."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from domain.reports.cell import Cell


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
    """A report's header and its ``row_count`` rows, produced lazily in report order."""

    header: list[Cell]
    row_count: int
    rows: Iterable[list[Cell]]


class LazyRows:
    """Rows rebuilt by ``produce`` on every iteration, so a table can be written more than once."""

    def __init__(self, produce: Callable[[], Iterator[list[Cell]]]) -> None:
        self._produce = produce

    def __iter__(self) -> Iterator[list[Cell]]:
        return self._produce()
