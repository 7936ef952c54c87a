"""Every route of the service, as an explicit list; one URL serves Canvas's classic JSON or JSON:API,
chosen by the request's `Accept`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api import audit_endpoints as audit
from api import ingestion_endpoints as ingest
from api import jsonapi_ingestion as jsonapi_ingest
from api import jsonapi_reports, operations
from api import report_endpoints as reports
from api.openapi import openapi
from api.problems import jsonapi_mode

Endpoint = Callable[[Request], Awaitable[Response]]

_QUIZ = "/api/v1/courses/{course_id:int}/quizzes/{quiz_id:int}"


def negotiated(classic: Endpoint, jsonapi: Endpoint) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        return await (jsonapi if jsonapi_mode(request) else classic)(request)

    endpoint.__name__ = classic.__name__
    endpoint.__doc__ = classic.__doc__
    return endpoint


ROUTES = [
    Route(f"{_QUIZ}/reports", negotiated(reports.index, jsonapi_reports.index), methods=["GET"]),
    Route(f"{_QUIZ}/reports", negotiated(reports.create, jsonapi_reports.create), methods=["POST"]),
    Route(f"{_QUIZ}/reports/{{report_id:int}}", negotiated(reports.show, jsonapi_reports.show), methods=["GET"]),
    Route(f"{_QUIZ}/reports/{{report_id:int}}", negotiated(reports.abort, jsonapi_reports.abort), methods=["DELETE"]),
    Route(
        f"{_QUIZ}/reports/{{report_id:int}}/file", negotiated(reports.related, jsonapi_reports.related), methods=["GET"]
    ),
    Route(
        f"{_QUIZ}/reports/{{report_id:int}}/progress",
        negotiated(reports.related, jsonapi_reports.related),
        methods=["GET"],
    ),
    Route(
        f"{_QUIZ}/reports/{{report_id:int}}/history",
        negotiated(audit.report_history, audit.jsonapi_report_history),
        methods=["GET"],
    ),
    Route(f"{_QUIZ}/history", negotiated(audit.quiz_history, audit.jsonapi_quiz_history), methods=["GET"]),
    Route(
        "/api/v1/progress/{progress_id:int}", negotiated(reports.progress, jsonapi_reports.progress), methods=["GET"]
    ),
    Route("/api/v1/files/{file_id:int}", negotiated(reports.file, jsonapi_reports.file), methods=["GET"]),
    Route("/files/{file_id:int}/download", reports.download, methods=["GET"]),
    Route("/api/v1/courses/{course_id:int}", negotiated(ingest.get_course, jsonapi_ingest.get_course), methods=["GET"]),
    Route("/api/v1/courses/{course_id:int}", negotiated(ingest.put_course, jsonapi_ingest.put_course), methods=["PUT"]),
    Route(_QUIZ, negotiated(ingest.get_quiz, jsonapi_ingest.get_quiz), methods=["GET"]),
    Route(_QUIZ, negotiated(ingest.put_quiz, jsonapi_ingest.put_quiz), methods=["PUT"]),
    Route(
        f"{_QUIZ}/submissions/bulk",
        negotiated(ingest.bulk_submissions, jsonapi_ingest.bulk_submissions),
        methods=["POST"],
    ),
    Route(
        f"{_QUIZ}/submissions/{{submission_id:int}}",
        negotiated(ingest.put_submission, jsonapi_ingest.put_submission),
        methods=["PUT"],
    ),
    Route("/openapi.json", openapi, methods=["GET"]),
]

OPERATIONS = [
    Route("/health", operations.health, methods=["GET"]),
    Route("/ready", operations.ready, methods=["GET"]),
    Route("/metrics", operations.metrics, methods=["GET"]),
]
