"""Audit in JSON:API mode: history documents of `events` resources, and a report as it stood earlier
(`as_of_version`, `as_of`); every document is validated against the official schema by the client."""

from __future__ import annotations

from tests.e2e.conftest import QUIZ_PATH, REPORTS
from tests.e2e.jsonapi.conftest import JsonApiClient, create_document

EVENT_ATTRIBUTES = {
    "subject",
    "subject_id",
    "version",
    "event_type",
    "occurred_at",
    "actor",
    "request_id",
    "chain_hash",
    "data",
}


def generated_report(jsonapi: JsonApiClient) -> str:
    created = jsonapi.post(REPORTS, json=create_document("item_analysis"))
    url: str = created.json()["data"]["links"]["self"]
    jsonapi.wait_until_generated(url)
    return url


def test_report_history_is_a_collection_of_event_resources(jsonapi: JsonApiClient) -> None:
    url = generated_report(jsonapi)

    response = jsonapi.get(f"{url}/history")

    body = response.json()
    assert response.status_code == 200
    assert body["links"]["self"] == f"{url}/history"
    report_id = url.rsplit("/", 1)[1]
    events = body["data"]
    assert [event["type"] for event in events] == ["events"] * len(events)
    assert [event["id"] for event in events] == [f"quiz_report-{report_id}-{n}" for n in range(1, len(events) + 1)]
    assert set(events[0]["attributes"]) == EVENT_ATTRIBUTES
    assert events[0]["attributes"]["event_type"] == "Created"
    assert events[-1]["attributes"]["event_type"] == "Completed"
    assert "links" not in events[0]


def test_show_as_of_a_version_includes_the_file_and_progress_of_then(jsonapi: JsonApiClient) -> None:
    url = generated_report(jsonapi)
    events = jsonapi.get(f"{url}/history").json()["data"]
    versions = {event["attributes"]["event_type"]: event["attributes"]["version"] for event in events}

    queued = jsonapi.get(f"{url}?include=file,progress&as_of_version={versions['Requested']}").json()
    completed = jsonapi.get(f"{url}?include=file,progress&as_of_version={versions['Completed']}").json()

    assert queued["data"]["relationships"]["file"]["data"] is None
    assert [resource["type"] for resource in queued["included"]] == ["progress"]
    assert queued["included"][0]["attributes"]["workflow_state"] == "queued"
    assert {resource["type"] for resource in completed["included"]} == {"files", "progress"}
    assert completed == jsonapi.get(f"{url}?include=file,progress").json() | {"links": completed["links"]}


def test_show_as_of_a_time_before_the_report_is_404(jsonapi: JsonApiClient) -> None:
    url = generated_report(jsonapi)

    response = jsonapi.get(f"{url}?as_of=2000-01-01T00:00:00Z")

    assert response.status_code == 404
    assert response.json()["errors"][0]["status"] == "404"


def test_the_reserved_name_version_is_refused_and_bad_values_are_400(jsonapi: JsonApiClient) -> None:
    url = jsonapi.get(REPORTS).json()["data"][0]["links"]["self"]

    reserved = jsonapi.get(f"{url}?version=1")
    zero = jsonapi.get(f"{url}?as_of_version=0")
    garbled = jsonapi.get(f"{url}?as_of=soon")

    assert reserved.status_code == zero.status_code == garbled.status_code == 400
    assert reserved.json()["errors"][0]["source"] == {"parameter": "version"}
    assert zero.json()["errors"][0]["source"] == {"parameter": "as_of_version"}
    assert garbled.json()["errors"][0]["source"] == {"parameter": "as_of"}


def test_quiz_history_names_the_quiz_and_each_submission(jsonapi: JsonApiClient) -> None:
    response = jsonapi.get(f"{QUIZ_PATH}/history")

    events = response.json()["data"]
    assert response.status_code == 200
    assert events[0]["id"] == "quiz-3-8-1"
    assert {event["attributes"]["subject"] for event in events} == {"quiz", "quiz_submission"}
    ids = [event["id"] for event in events]
    assert len(set(ids)) == len(ids)


def test_history_supports_sparse_fieldsets(jsonapi: JsonApiClient) -> None:
    url = jsonapi.get(REPORTS).json()["data"][0]["links"]["self"]

    events = jsonapi.get(f"{url}/history?fields[events]=event_type,version").json()["data"]

    assert set(events[0]["attributes"]) == {"event_type", "version"}
