"""CHECKLIST §2.8: sort, page and filter are not supported, so they are refused."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient


@pytest.mark.parametrize("query", ["sort=report_type", "sort=-created_at", "page[size]=1", "filter[report_type]=x"])
def test_unsupported_spec_parameters_are_bad_requests(jsonapi: JsonApiClient, query: str) -> None:
    response = jsonapi.get(f"{REPORTS}?{query}")

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"]["parameter"] == query.split("=")[0]


def test_classic_mode_ignores_them_as_canvas_does(jsonapi: JsonApiClient) -> None:
    response = jsonapi.api.client.get(f"{REPORTS}?sort=x&foo=1", headers=jsonapi.api.teacher)

    assert response.status_code == 200
