"""A CSV cell value and its text as Ruby's ``to_s`` writes it."""

from __future__ import annotations

import math

Cell = str | int | float | None
"""One CSV field. ``None`` is Ruby's nil (written as nothing); ``""`` is written as ``""``."""


def number_text(value: int | float) -> str:
    """Return ``value`` as Ruby's ``to_s`` would: ints as ints, floats shortest round-trip.

    Booleans print as ``true``/``false``; an int never gains ``.0`` and a float never loses it.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _float_text(value)


def plain_text(value: object) -> str:
    """Return ``value`` as text the way Ruby interpolation would (nil becomes ``""``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return number_text(value)
    return str(value)


def _float_text(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    # Python's repr switches to exponent form at the same magnitudes as Ruby (below 1e-4, from 1e16);
    # only the mantissa differs, because Ruby always keeps a fractional digit ("1.0e-05").
    text = repr(value)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}e{exponent}"
