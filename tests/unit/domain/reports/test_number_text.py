from __future__ import annotations

import math

import pytest

from domain.reports.cell import number_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (0.0, "0.0"),
        (1, "1"),
        (1.0, "1.0"),
        (-3, "-3"),
        (-0.0, "-0.0"),
    ],
)
def test_int_and_float_keep_their_kind(value: float, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.6666666666666666, "0.6666666666666666"),
        (0.22222222222222224, "0.22222222222222224"),
        (-0.09999999999999999, "-0.09999999999999999"),
        (0.6, "0.6"),
    ],
)
def test_floats_print_shortest_round_trip(value: float, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1e-05, "1.0e-05"),
        (1.5e-05, "1.5e-05"),
        (-2e-07, "-2.0e-07"),
        (1e16, "1.0e+16"),
        (1e20, "1.0e+20"),
        (1.25e100, "1.25e+100"),
    ],
)
def test_exponent_form_keeps_a_fractional_digit_like_ruby(value: float, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0001, "0.0001"),
        (0.00011, "0.00011"),
        (1e15, "1000000000000000.0"),
        (9999999999999998.0, "9999999999999998.0"),
    ],
)
def test_fixed_form_holds_from_1e_minus_4_to_below_1e16(value: float, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(("value", "text"), [(True, "true"), (False, "false")])
def test_booleans_print_as_ruby_words_not_integers(value: bool, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(math.nan, "NaN"), (math.inf, "Infinity"), (-math.inf, "-Infinity")],
)
def test_non_finite_floats_print_as_ruby_names(value: float, text: str) -> None:
    assert number_text(value) == text
