"""A document's None values account for orjson's nulls only when it holds no NaN or infinity: then it
reads back exactly, without being read back."""

from __future__ import annotations

import math
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.json_nulls import nulls_are_nones

NAN, INF = float("nan"), float("inf")

scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats() | st.text(max_size=8)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
)
documents = st.lists(values, max_size=4) | st.dictionaries(st.text(max_size=4), values, max_size=4)


def finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(map(finite, value.values()))
    if isinstance(value, list):
        return all(map(finite, value))
    return True


@pytest.mark.parametrize(
    "document",
    [{}, [], {"a": 1.5}, {"a": None}, [None, None], {"a": {"b": None}, "c": [1, None]}, [{"a": [{"b": None}]}]],
)
def test_none_values_account_for_every_null(document: Any) -> None:
    assert nulls_are_nones(orjson.dumps(document), document)


@pytest.mark.parametrize(
    "document",
    [
        {"a": NAN},
        {"a": None, "b": INF},
        [-INF],
        {"a": [{"b": NAN}]},
        {"a": "null"},  # a null inside a string proves nothing
        {"a": [[[[None]]]]},  # deeper than the levels counted
    ],
)
def test_nothing_is_proven_otherwise(document: Any) -> None:
    assert not nulls_are_nones(orjson.dumps(document), document)


@given(documents)
def test_a_document_proven_reads_back_exactly(document: Any) -> None:
    data = orjson.dumps(document)
    if nulls_are_nones(data, document):
        assert finite(document)
        assert orjson.loads(data) == document


@given(documents)
def test_a_document_with_nan_or_infinity_is_never_proven(document: Any) -> None:
    poisoned = {"document": document, "value": NAN}
    assert not nulls_are_nones(orjson.dumps(poisoned), poisoned)
    if not finite(document):
        assert not nulls_are_nones(orjson.dumps(document), document)
