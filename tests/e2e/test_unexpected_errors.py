"""An unexpected error is logged under an id that the JSON response carries; no trace leaks."""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient

from application.access import Caller
from application.records import ReportRecord
from tests.e2e.conftest import REPORTS, Api


def test_an_unexpected_error_answers_500_with_the_logged_error_id(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_show(caller: Caller, course_id: int, quiz_id: int, report_id: int, **_: object) -> ReportRecord:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(api.services.reports, "show", broken_show)
    client = TestClient(api.client.app, raise_server_exceptions=False)

    with caplog.at_level(logging.ERROR):
        response = client.get(f"{REPORTS}/1", headers=api.teacher)

    body = response.json()
    assert response.status_code == 500
    assert body["message"] == f"Unexpected error, ID: {body['error_report_id']}"
    assert "fire" not in response.text
    assert f"ID: {body['error_report_id']}" in caplog.text
