"""Neutralising spreadsheet formulas in text cells (SPEC §6.2, a deliberate divergence from Canvas)."""

from __future__ import annotations

import re

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def guard_formula(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, TAB or CR is guarded unless it is a plain number
    such as ``-5`` or ``+3.2e1``, which spreadsheets read as a value, not a formula.
    """
    if text.startswith(_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
