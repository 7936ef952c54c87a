from __future__ import annotations

import pytest

from domain.reports.formula_guard import guard_formula


@pytest.mark.parametrize("text", ["=SUM(A1:A2)", "+cmd", "-cmd", "@foo", "\tx", "\rx", "=1+1", "-", "+-1", "-1.5e3x"])
def test_text_that_starts_like_a_formula_gets_a_leading_quote(text: str) -> None:
    assert guard_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["-5", "+3.2", "-1.5e3", "-.5", "+7.", "-2E-4"])
def test_plain_signed_numbers_are_left_alone(text: str) -> None:
    assert guard_formula(text) == text


@pytest.mark.parametrize("text", ["", "hello", "a=b", "5-3", " =x", "'=x"])
def test_text_not_starting_with_a_trigger_is_left_alone(text: str) -> None:
    assert guard_formula(text) == text
