"""One CSV line written with Ruby CSV's rules (canvas-facts §11)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.reports.cell import Cell, number_text
from domain.reports.formula_guard import guard_formula

_QUOTE_TRIGGERS = (",", '"', "\r", "\n")
# Text fields remembered by a RowEncoder before it starts afresh; report text repeats a lot (answer texts,
# section names) but free text does not, so the memo is bounded rather than grown with the report.
MAX_REMEMBERED_FIELDS = 65536


def encode_row(cells: Sequence[Cell], *, formula_guard: bool = True) -> str:
    """Return ``cells`` as one comma-separated line ending in LF.

    A field is quoted only when it holds a comma, a double quote, CR or LF, and quotes inside it are
    doubled. ``None`` is written as nothing while ``""`` is written as ``""`` (Ruby CSV, unlike
    Python's ``csv``). Numbers use Ruby's ``to_s``. With ``formula_guard`` on, text cells that a
    spreadsheet would run as a formula get a leading ``'``; numeric cells are never changed.
    """
    return ",".join(_field(cell, formula_guard) for cell in cells) + "\n"


class RowEncoder:
    """``encode_row`` for many rows, remembering each distinct text field's encoding.

    ``encoder.line(cells) == encode_row(cells, formula_guard=...)`` for every row; only the speed differs.
    """

    __slots__ = ("_formula_guard", "_texts")

    def __init__(self, *, formula_guard: bool = True) -> None:
        self._formula_guard = formula_guard
        self._texts: dict[str | float, str] = {}

    def line(self, cells: Sequence[Cell]) -> str:
        return self.fields(cells) + "\n"

    def field(self, cell: Cell) -> str:
        """One cell's field, as ``line`` writes it (``line([cell]) == field(cell) + "\\n"``)."""
        return _field(cell, self._formula_guard)

    def fields(self, cells: Sequence[Cell]) -> str:
        """``line(cells)`` without its line feed: the comma-separated fields, to splice into a longer line."""
        get = self._texts.get
        text_field = self._text_field
        other = self._other_field
        # One expression per cell (a comprehension, no appends): this runs for every cell of a report.
        # Exact type checks: bool is an int subclass and must print as true/false. Texts and non-zero floats
        # share one memo (no text equals a float; ints, equal to floats, never look it up). A remembered
        # field is never "" (the empty text is written as ""), so ``or`` only falls through on a miss. A
        # float's repr is Ruby's to_s except in exponent form and for nan/inf (both contain "e" or "n").
        fields = [
            (get(cell) or text_field(cell))  # type: ignore[arg-type]
            if (kind := type(cell)) is str
            else (get(cell) or self._float_field(cell))  # type: ignore[arg-type]
            if kind is float and cell  # zeros are never remembered: 0.0 == -0.0 yet they print apart
            else (text if "e" not in (text := repr(cell)) and "n" not in text else other(cell))
            if kind is float
            else str(cell)
            if kind is int
            else ""
            if cell is None
            else other(cell)
            for cell in cells
        ]
        return ",".join(fields)

    def _other_field(self, cell: Cell) -> str:
        return _field(cell, self._formula_guard)

    def _float_field(self, value: float) -> str:
        field = number_text(value)
        if len(self._texts) >= MAX_REMEMBERED_FIELDS:
            self._texts.clear()
        self._texts[value] = field
        return field

    def _text_field(self, text: str) -> str:
        field = _field(text, self._formula_guard)
        if len(self._texts) >= MAX_REMEMBERED_FIELDS:
            self._texts.clear()
        self._texts[text] = field
        return field


def _field(cell: Cell, formula_guard: bool) -> str:
    if cell is None:
        return ""
    if not isinstance(cell, str):
        return number_text(cell)
    text = guard_formula(cell) if formula_guard else cell
    if text == "" or any(trigger in text for trigger in _QUOTE_TRIGGERS):
        return '"' + text.replace('"', '""') + '"'
    return text
