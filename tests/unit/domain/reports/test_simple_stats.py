from __future__ import annotations

import math

import pytest

from domain.reports.simple_stats import mean, round_half_away_from_zero, ruby_divide, variance


@pytest.mark.parametrize(
    ("value", "rounded"), [(0.5, 1), (1.5, 2), (2.5, 3), (2.4999, 2), (-0.5, -1), (-2.5, -3), (0.0, 0)]
)
def test_halves_round_away_from_zero(value: float, rounded: int) -> None:
    assert round_half_away_from_zero(value) == rounded


def test_variance_of_fewer_than_two_values_is_integer_zero() -> None:
    assert repr(variance([3.0])) == "0"


def test_variance_is_the_population_variance() -> None:
    assert variance([1, 1, 0, 1, 1, 0]) == 0.22222222222222224


def test_sums_are_compensated() -> None:
    assert mean([0.1] * 10) == 0.1


def test_division_by_zero_gives_signed_infinity() -> None:
    assert (ruby_divide(1.0, 0.0), ruby_divide(-1.0, 0.0)) == (math.inf, -math.inf)


def test_zero_divided_by_zero_is_nan() -> None:
    assert math.isnan(ruby_divide(0.0, 0.0))
