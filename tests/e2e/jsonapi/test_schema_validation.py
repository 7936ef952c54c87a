"""CHECKLIST §2.12: the official schema, loaded with the fix, catches what it should."""

from __future__ import annotations

import pytest

from tests.e2e.jsonapi.conftest import validate


def test_a_resource_with_attributes_passes() -> None:
    validate({"data": {"type": "quiz-reports", "id": "1", "attributes": {"report_type": "item_analysis"}}})


def test_data_beside_errors_fails() -> None:
    with pytest.raises(AssertionError):
        validate({"data": None, "errors": [{"status": "400"}]})


def test_included_without_data_fails() -> None:
    with pytest.raises(AssertionError):
        validate({"meta": {}, "included": []})


def test_a_numeric_id_fails() -> None:
    with pytest.raises(AssertionError):
        validate({"data": {"type": "quiz-reports", "id": 1}})
