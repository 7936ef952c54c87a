"""A real JSON:API client library (`jsonapi-requests` 0.8.0, which sends the JSON:API
`Content-Type` even on GET) against a real server process: create a report, then read it with its
file and progress sideloaded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests
from jsonapi_requests import Api  # type: ignore[import-untyped]
from jsonapi_requests.data import JsonApiObject  # type: ignore[import-untyped]

from tests.e2e.jsonapi.conftest import validate
from tests.e2e.server import cli, serving

pytestmark = pytest.mark.e2e


class Bearer(requests.auth.AuthBase):
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def test_a_jsonapi_client_reads_a_report_with_its_file_and_progress(tmp_path: Path) -> None:
    teacher = cli(tmp_path, "demo").strip().splitlines()[-1]

    with serving(tmp_path) as base:
        api = Api.config({"API_ROOT": f"{base}/api/v1/", "AUTH": Bearer(teacher), "TIMEOUT": 10})
        reports = api.endpoint("courses/1/quizzes/1/reports")
        created = reports.post(object=JsonApiObject(type="quiz-reports", attributes={"report_type": "item_analysis"}))
        report = api.endpoint(f"courses/1/quizzes/1/reports/{created.data.id}")
        deadline = time.monotonic() + 30
        while not (shown := report.get(params={"include": "file,progress"})).data.relationships["file"].data:
            assert time.monotonic() < deadline
            time.sleep(0.05)

    validate(shown.payload)
    included = {resource.type: resource for resource in shown.content.included}
    assert created.status_code == 201
    assert shown.data.attributes["report_type"] == "item_analysis"
    assert included["files"].id == shown.data.relationships["file"].data.id
    assert included["files"].attributes["filename"] == "quiz_item_analysis_report.csv"
    assert included["progress"].attributes["workflow_state"] == "completed"
