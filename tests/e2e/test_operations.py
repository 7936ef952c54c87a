"""Operations: health, readiness, metrics, rate limits and the answer when a store is down."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from adapters.bootstrap import build_services
from adapters.settings import Settings
from api.app import create_app
from api.rate_limit import Buckets
from application.access import Caller
from application.errors import Unavailable
from application.records import ReportRecord
from tests.e2e.conftest import REPORTS, Api
from tests.e2e.server import free_port


def test_health_answers_while_the_process_runs(api: Api) -> None:
    response = api.client.get("/health")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_ready_checks_the_stores_and_the_broker(api: Api) -> None:
    response = api.client.get("/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": True, "broker": True}}


def test_ready_fails_while_the_broker_is_unreachable(tmp_path: Path) -> None:
    unreachable = {"QUIZ_REPORTS_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0"}
    services = build_services(Settings.from_env(env=unreachable, data_dir=str(tmp_path)), with_worker=False)
    try:
        response = TestClient(create_app(services)).get("/ready")
    finally:
        services.stop()

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] is False


def test_metrics_count_requests_by_route_template_and_reports_by_state(api: Api) -> None:
    api.client.get(REPORTS, headers=api.teacher)

    text = api.client.get("/metrics").text

    route = "/api/v1/courses/{course_id:int}/quizzes/{quiz_id:int}/reports"
    assert f'quiz_reports_http_requests_total{{route="{route}",method="GET",status="200"}} 1' in text
    assert f'quiz_reports_http_request_duration_seconds_count{{route="{route}",method="GET"}} 1' in text
    assert 'quiz_reports_reports{state="none"} 2.0' in text
    assert "quiz_reports_queue_depth 0.0" in text


@pytest.fixture
def limited(api: Api) -> TestClient:
    return TestClient(create_app(api.services, rate_limit=Buckets(capacity=2, per_second=0)))


def test_a_token_over_its_rate_limit_gets_429_with_the_remaining_header(api: Api, limited: TestClient) -> None:
    first = limited.get(REPORTS, headers=api.teacher)
    limited.get(REPORTS, headers=api.teacher)

    refused = limited.get(REPORTS, headers=api.teacher)
    other_token = limited.get(REPORTS, headers=api.ta)

    assert first.headers["x-rate-limit-remaining"] == "1.0"
    assert refused.status_code == 429
    assert refused.headers["x-rate-limit-remaining"] == "0.0"
    assert refused.json() == {"status": "too_many_requests", "message": "Rate Limit Exceeded"}
    assert other_token.status_code == 200


def test_a_store_that_cannot_answer_gives_503_with_retry_after(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable(caller: Caller, course_id: int, quiz_id: int, report_id: int, **_: object) -> ReportRecord:
        raise Unavailable("the read model did not reach position 7")

    monkeypatch.setattr(api.services.reports, "show", unavailable)

    response = api.client.get(f"{REPORTS}/1", headers=api.teacher)

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["status"] == "service_unavailable"
