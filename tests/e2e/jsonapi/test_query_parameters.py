"""CHECKLIST §2.9: implementation-specific query parameters."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient


@pytest.mark.parametrize("name", ["foo", "includes", "x"])
def test_an_all_lowercase_unknown_parameter_is_a_bad_request(jsonapi: JsonApiClient, name: str) -> None:
    response = jsonapi.get(f"{REPORTS}?{name}=1")

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": name}


def test_a_parameter_that_is_no_legal_member_name_is_a_bad_request(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(f"{REPORTS}?per_page!=1")

    assert response.status_code == 400


@pytest.mark.parametrize("query", ["includes_all_versions=1", "per_page=10", "camelCase=1"])
def test_implementation_specific_parameters_are_accepted(jsonapi: JsonApiClient, query: str) -> None:
    response = jsonapi.get(f"{REPORTS}?{query}")

    assert response.status_code == 200


def test_includes_all_versions_selects_the_report(jsonapi: JsonApiClient) -> None:
    student = jsonapi.get(f"{REPORTS}?includes_all_versions=true").json()["data"][0]

    assert student["attributes"]["includes_all_versions"] is True
