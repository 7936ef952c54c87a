"""Sums of doubles equal to ``math.fsum``'s, in a few vectorised passes.

``math.fsum`` returns the exact sum of its values correctly rounded (half to even), unless a partial sum
overflows. Every finite double is an integer mantissa (below ``2**53`` in magnitude) times a power of two,
so an exact sum of doubles is a sum of integers times powers of two. Each mantissa is split into two parts
below ``2**27``, which ``numpy.bincount`` adds per power of two (and per group) in doubles without any
rounding, as fewer than ``2**26`` of them never add up past ``2**53``. Python's integers then put those
sums together, and its int true division rounds the total as ``math.fsum`` does.

Values that are not finite, a negative zero (whose sign ``math.fsum`` may keep) or magnitudes within reach
of overflow are added by ``math.fsum`` itself.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

_PART_BITS = 27
_LOW_PART = (1 << _PART_BITS) - 1
_MAX_COUNT = 1 << 26  # parts below 2**27: fewer than 2**26 of them sum below 2**53, exactly
_MAX_EXPONENT = 900  # values below 2**900: no partial sum of fewer than 2**26 of them comes near overflow
_MANTISSA_BITS = 53

Floats = NDArray[np.float64]
Indices = NDArray[np.intp]


class ExactParts:
    """Finite doubles as integer parts, added up exactly by group; ``of`` is None for other values."""

    __slots__ = ("_high", "_low", "_shifts", "_span", "_unit")

    def __init__(self, high: Floats, low: Floats, shifts: Indices, span: int, unit: int) -> None:
        self._high = high
        self._low = low
        self._shifts = shifts
        self._span = span
        self._unit = unit

    @classmethod
    def of(cls, values: Floats) -> ExactParts | None:
        """``values`` as parts: value ``i`` is ``(high[i] * 2**27 + low[i]) * 2**(shifts[i] + unit)``."""
        if len(values) >= _MAX_COUNT or not np.isfinite(values).all() or np.signbit(values[values == 0]).any():
            return None
        if not len(values):
            return cls(values, values, np.zeros(0, dtype=np.intp), 1, 0)
        mantissas, exponents = np.frexp(values)
        if exponents.max() > _MAX_EXPONENT:
            return None
        lowest = int(exponents.min())
        integers = np.ldexp(mantissas, _MANTISSA_BITS).astype(np.int64)  # exact: 53 bits at most
        high = (integers >> _PART_BITS).astype(np.float64)
        low = (integers & _LOW_PART).astype(np.float64)
        shifts = (exponents - lowest).astype(np.intp)
        return cls(high, low, shifts, int(shifts.max()) + 1, lowest - _MANTISSA_BITS)

    def take(self, indices: Indices) -> ExactParts:
        """The values at ``indices``, in that order (repeated indices repeat values)."""
        return ExactParts(self._high[indices], self._low[indices], self._shifts[indices], self._span, self._unit)

    def sums(self, groups: Indices | None, count: int) -> list[int]:
        """The exact sum of the values of each group ``0..count-1`` (``groups[i]`` is value ``i``'s; every
        value in one group when ``groups`` is None), in units of ``2**unit`` (see ``rounded``)."""
        keys = self._shifts if groups is None else groups * self._span + self._shifts
        size = count * self._span
        high = np.bincount(keys, weights=self._high, minlength=size)
        low = np.bincount(keys, weights=self._low, minlength=size)
        used = np.flatnonzero((high != 0) | (low != 0))
        totals = [0] * count
        for key, high_sum, low_sum in zip(used.tolist(), high[used].tolist(), low[used].tolist(), strict=True):
            group, shift = divmod(key, self._span)
            totals[group] += ((int(high_sum) << _PART_BITS) + int(low_sum)) << shift
        return totals

    def rounded(self, total: int) -> float:
        """A sum from ``sums`` as the nearest double, ties to even (Python's int division rounds so)."""
        if self._unit >= 0:
            return float(total << self._unit)
        return total / (1 << -self._unit)


def array_fsum(values: Floats) -> float:
    """``math.fsum(values)``, of an array."""
    parts = ExactParts.of(values)
    if parts is None:
        return math.fsum(values.tolist())
    return parts.rounded(parts.sums(None, 1)[0])


class GroupSums:
    """``math.fsum`` of the values of every group, of one group, and of all groups but one.

    Value ``i`` is in group ``groups[i]`` (``0..count-1``); ``parts`` are the values' ``ExactParts`` or None.
    """

    def __init__(self, values: Floats, groups: Indices, count: int, parts: ExactParts | None) -> None:
        self._values = values
        self._groups = groups
        self._parts = parts
        self._sums = [] if parts is None else parts.sums(groups, count)
        self._total = sum(self._sums)

    def total(self) -> float:
        if self._parts is None:
            return math.fsum(self._values.tolist())
        return self._parts.rounded(self._total)

    def within(self, group: int) -> float:
        if self._parts is None:
            return math.fsum(self._values[self._groups == group].tolist())
        return self._parts.rounded(self._sums[group])

    def outside(self, group: int) -> float:
        if self._parts is None:
            return math.fsum(self._values[self._groups != group].tolist())
        return self._parts.rounded(self._total - self._sums[group])
