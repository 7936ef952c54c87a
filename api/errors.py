"""HTTP errors with Canvas-shaped bodies in classic mode and JSON:API error objects in JSON:API mode;
no stack trace ever reaches a client."""

from __future__ import annotations

import logging
from typing import Any

from eventsourcing import persistence
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from api.problems import Problem, error_response
from application.errors import InvalidInput, InvalidReportType, NotAuthorized, NotFound, Unavailable
from domain.errors import ReportAlreadyGenerating, ReportNotAbortable, ReportNotBeingGenerated

logger = logging.getLogger(__name__)

NOT_FOUND_BODY = {"errors": [{"message": "The specified resource does not exist."}]}
UNAUTHORIZED_BODY = {
    "status": "unauthorized",
    "errors": [{"message": "user not authorized to perform that action"}],
}
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="quiz-reports"'}


class ApiError(Exception):
    """An error the request caused. `errors` are Canvas's `{field, message}` items; `problems`, when
    given, are the JSON:API error objects (else one is made from the message and `source`)."""

    status = 400
    name = "bad_request"

    def __init__(
        self,
        message: str,
        errors: list[dict[str, Any]] | None = None,
        *,
        source: dict[str, str] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors
        self.source = source
        self._problems = problems

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.name, "message": self.message}
        if self.errors:
            body["errors"] = self.errors
        return body

    def problems(self) -> list[Problem]:
        return self._problems or [Problem(self.status, self.name, self.message, self.source)]


class BadRequest(ApiError):
    pass


class Forbidden(ApiError):
    status = 403
    name = "forbidden"


class NotAcceptable(ApiError):
    status = 406
    name = "not_acceptable"


class Conflict(ApiError):
    status = 409
    name = "conflict"


class UnsupportedMediaType(ApiError):
    status = 415
    name = "unsupported_media_type"


class Unprocessable(ApiError):
    status = 422
    name = "unprocessable_entity"


class TooManyRequests(ApiError):
    status = 429
    name = "too_many_requests"


class ServiceUnavailable(ApiError):
    status = 503
    name = "service_unavailable"


class NotAuthenticated(ApiError):
    """No token, or a token that is not known: 401 with `WWW-Authenticate`."""

    status = 401
    name = "unauthenticated"

    def body(self) -> dict[str, Any]:
        return {"status": self.name, "errors": [{"message": self.message}]}


def api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    headers = _CHALLENGE if isinstance(error, NotAuthenticated) else None
    return error_response(request, error.status, error.body(), error.problems(), headers)


def _simple(request: Request, status: int, name: str, message: str) -> Response:
    return error_response(request, status, {"status": name, "message": message}, [Problem(status, name, message)])


def not_found(request: Request, error: Exception) -> Response:
    problem = Problem(404, "not_found", "The specified resource does not exist.")
    return error_response(request, 404, NOT_FOUND_BODY, [problem])


def not_authorized(request: Request, error: Exception) -> Response:
    problem = Problem(401, "unauthorized", "user not authorized to perform that action")
    return error_response(request, 401, UNAUTHORIZED_BODY, [problem])


def invalid_report_type(request: Request, error: Exception) -> Response:
    return _simple(request, 400, "bad_request", "invalid quiz report type")


def already_generating(request: Request, error: Exception) -> Response:
    return _simple(request, 409, "conflict", "report is already being generated")


def not_being_generated(request: Request, error: Exception) -> Response:
    return _simple(request, 422, "unprocessable_entity", "report is not being generated")


def not_abortable(request: Request, error: Exception) -> Response:
    return _simple(request, 422, "unprocessable_entity", "report generation can not be aborted")


def invalid_input(request: Request, error: Exception) -> Response:
    return _simple(request, 400, "bad_request", str(error))


def http_exception(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if error.status_code == 404:
        return not_found(request, error)
    status, detail = error.status_code, str(error.detail)
    classic = {"status": str(status), "message": error.detail}
    return error_response(request, status, classic, [Problem(status, str(status), detail)], error.headers)


RETRY_AFTER_SECONDS = 5


def unavailable(request: Request, error: Exception) -> Response:
    """A store is down or behind: 503 with `Retry-After`; the request changed nothing and may be retried."""
    logger.warning("service unavailable: %s", error)
    message = "the service is temporarily unavailable; retry later"
    classic = {"status": "service_unavailable", "message": message}
    problem = Problem(503, "service_unavailable", message)
    return error_response(request, 503, classic, [problem], {"Retry-After": str(RETRY_AFTER_SECONDS)})


def unexpected(request: Request, error: Exception) -> Response:
    error_id = request.app.state.services.error_ids.next_id()
    logger.error("unexpected error, ID: %s", error_id, exc_info=error)
    message = f"Unexpected error, ID: {error_id}"
    classic = {"status": "internal_server_error", "message": message, "error_report_id": error_id}
    problem = Problem(500, "internal_server_error", message, meta={"error_report_id": error_id})
    return error_response(request, 500, classic, [problem])


EXCEPTION_HANDLERS: dict[Any, Any] = {
    ApiError: api_error,
    NotFound: not_found,
    NotAuthorized: not_authorized,
    InvalidReportType: invalid_report_type,
    InvalidInput: invalid_input,
    ReportAlreadyGenerating: already_generating,
    ReportNotBeingGenerated: not_being_generated,
    ReportNotAbortable: not_abortable,
    HTTPException: http_exception,
    Unavailable: unavailable,
    persistence.OperationalError: unavailable,
    persistence.InterfaceError: unavailable,
    Exception: unexpected,
}
