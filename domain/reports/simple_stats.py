"""Arithmetic as Canvas's SimpleStats and Ruby floats do it (canvas-facts §13)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

_MAX_EXACT = 2.0**480  # below it, no value, square or partial sum of fewer than 2**60 of them overflows


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean of a non-empty sequence, summed with compensation as Ruby's ``Array#sum`` does."""
    return math.fsum(values) / len(values)


def variance(values: Sequence[float]) -> int | float:
    """Population variance; the integer 0 (not 0.0) when there are fewer than two values."""
    if len(values) < 2:
        return 0
    centre = mean(values)
    distinct = set(values)
    if len(distinct) * 2 > len(values):
        return math.fsum((value - centre) * (value - centre) for value in values) / len(values)
    # Scores repeat (item scores take two values): each distinct value's term is computed once and looked
    # up in C. Equal values give equal terms (1 and 1.0, 0.0 and -0.0 alike), so the terms are the
    # one-by-one sum's, in the same order.
    terms = {value: (value - centre) * (value - centre) for value in distinct}
    return math.fsum(map(terms.__getitem__, values)) / len(values)


def variance_of_repeats(repeats: Sequence[tuple[float, int]]) -> int | float:
    """``variance`` of the values listed as (value, how many times), equal to it without listing them.

    Its sums are ``math.fsum``'s, the exact sum correctly rounded: here ``Fraction`` sums, which ``float``
    rounds alike (half to even). Values ``math.fsum`` could overflow on, or not finite, are listed.
    """
    total = sum(count for _, count in repeats)
    if total < 2:
        return 0
    if total >= 2**60 or not all(abs(value) < _MAX_EXACT for value, _ in repeats):  # False for NaN too
        return variance([value for value, count in repeats for _ in range(count)])
    centre = float(sum(Fraction(value) * count for value, count in repeats)) / total
    squares = sum(Fraction((value - centre) * (value - centre)) * count for value, count in repeats)
    return float(squares) / total


def round_half_away_from_zero(value: float) -> int:
    """Ruby's ``Float#round``: halves round away from zero, unlike Python's ``round``."""
    magnitude = abs(value)
    whole = math.floor(magnitude)
    rounded = whole + 1 if magnitude - whole >= 0.5 else whole
    return rounded if value >= 0 else -rounded


def ruby_divide(numerator: float, denominator: float) -> float:
    """Float division that yields infinities and NaN where Python raises ZeroDivisionError."""
    if denominator != 0:
        return numerator / denominator
    if numerator == 0 or math.isnan(numerator):
        return math.nan
    return math.copysign(math.inf, numerator) * math.copysign(1.0, denominator)
