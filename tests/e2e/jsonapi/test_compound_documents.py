"""CHECKLIST §2.5: compound documents, full linkage, no duplicates."""

from __future__ import annotations

from tests.e2e.conftest import REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient, create_document


def test_included_resources_are_each_linked_from_primary_data(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document("item_analysis"))
    jsonapi.wait_until_generated(created.headers["location"])

    document = jsonapi.get(f"{REPORTS}?include=file,progress").json()

    linked = {
        (rel["data"]["type"], rel["data"]["id"])
        for report in document["data"]
        for rel in report["relationships"].values()
        if rel["data"] is not None
    }
    included = [(resource["type"], resource["id"]) for resource in document["included"]]
    assert set(included) <= linked
    assert {kind for kind, _ in included} == {"files", "progress"}


def test_no_resource_is_included_twice(jsonapi: JsonApiClient) -> None:
    created = jsonapi.post(REPORTS, json=create_document())
    jsonapi.wait_until_generated(created.headers["location"])

    included = jsonapi.get(f"{REPORTS}?include=file,progress&include[]=file").json()["included"]

    keys = [(resource["type"], resource["id"]) for resource in included]
    assert len(keys) == len(set(keys))
