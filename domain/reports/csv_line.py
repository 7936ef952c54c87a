"""One CSV line written with Ruby CSV's rules (canvas-facts §11)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.reports.cell import Cell, number_text
from domain.reports.formula_guard import guard_formula

_QUOTE_TRIGGERS = (",", '"', "\r", "\n")


def encode_row(cells: Sequence[Cell], *, formula_guard: bool = True) -> str:
    """Return ``cells`` as one comma-separated line ending in LF.

    A field is quoted only when it holds a comma, a double quote, CR or LF, and quotes inside it are
    doubled. ``None`` is written as nothing while ``""`` is written as ``""`` (Ruby CSV, unlike
    Python's ``csv``). Numbers use Ruby's ``to_s``. With ``formula_guard`` on, text cells that a
    spreadsheet would run as a formula get a leading ``'``; numeric cells are never changed.
    """
    return ",".join(_field(cell, formula_guard) for cell in cells) + "\n"


def _field(cell: Cell, formula_guard: bool) -> str:
    if cell is None:
        return ""
    if not isinstance(cell, str):
        return number_text(cell)
    text = guard_formula(cell) if formula_guard else cell
    if text == "" or any(trigger in text for trigger in _QUOTE_TRIGGERS):
        return '"' + text.replace('"', '""') + '"'
    return text
