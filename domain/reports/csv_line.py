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
        self._texts: dict[str, str] = {}

    def line(self, cells: Sequence[Cell]) -> str:
        texts = self._texts
        get = texts.get
        fields: list[str] = []
        append = fields.append
        for cell in cells:
            # Exact type checks: bool is an int subclass and must print as true/false.
            kind = type(cell)
            if kind is str:
                field = get(cell)  # type: ignore[arg-type]
                if field is None:
                    field = self._text_field(cell)  # type: ignore[arg-type]
                append(field)
            elif kind is int:
                append(str(cell))
            elif kind is float:
                text = repr(cell)
                # repr matches Ruby's to_s except in exponent form and for nan/inf (both contain "e" or "n").
                append(text if "e" not in text and "n" not in text else number_text(cell))  # type: ignore[arg-type]
            elif cell is None:
                append("")
            else:
                append(_field(cell, self._formula_guard))
        return ",".join(fields) + "\n"

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
