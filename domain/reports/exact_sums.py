"""Sums of subsets of scores equal to ``math.fsum`` of those subsets, from integers summed in C.

``math.fsum`` returns the exact sum correctly rounded (half to even). Scaling every score by one power
of two ``2**k`` that makes each an integer is exact, the integers' sum is exact, and Python's int true
division is correctly rounded (half to even) too: ``sum(scaled subset) / 2**k == math.fsum(subset)``.
A subset's complement is then the total minus the subset, with no second pass.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence

_MAX_EXPONENT = 1000  # scaled scores stay well inside the float range (2**1024)


class ScaledScores:
    """``scores`` as integers over ``denominator``; ``of(scores)`` is None when they cannot all be.

    Only finite floats and ints that convert exactly to float are taken, and no negative zero (whose
    fsum's sign differs between Python versions), so every subset sum is exactly ``math.fsum``'s.
    """

    __slots__ = ("denominator", "integers", "total")

    def __init__(self, integers: list[int], denominator: int) -> None:
        self.integers = integers
        self.denominator = denominator
        self.total = sum(integers)

    @classmethod
    def of(cls, scores: Sequence[float]) -> ScaledScores | None:
        if not {int, float}.issuperset(map(type, scores)):
            return None
        shift = 0
        top = 0
        for value in set(scores):
            number = float(value) if type(value) is int else value
            if not math.isfinite(number) or number != value or (number == 0 and math.copysign(1, number) < 0):
                return None
            shift = max(shift, number.as_integer_ratio()[1].bit_length() - 1)
            top = max(top, math.frexp(number)[1])
        if shift + top > _MAX_EXPONENT:
            return None
        # Multiplying by a power of two is exact below overflow, and the products are integral.
        scale = math.ldexp(1.0, shift)
        integers = list(map(int, map(operator.mul, map(float, scores), itertools.repeat(scale))))
        return cls(integers, 1 << shift)

    def at(self, indices: Sequence[int]) -> ScaledScores:
        """The scores at ``indices``, scaled alike."""
        return ScaledScores(list(map(self.integers.__getitem__, indices)), self.denominator)

    def sum_of(self, chosen: Sequence[bool]) -> int:
        """The scaled sum of the scores where ``chosen`` is true (divide by ``denominator`` for the float)."""
        return sum(itertools.compress(self.integers, chosen))
