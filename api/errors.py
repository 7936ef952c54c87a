"""HTTP errors and their Canvas-shaped JSON bodies; no stack trace ever reaches a client."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from application.errors import InvalidInput, InvalidReportType, NotAuthorized, NotFound
from domain.errors import ReportAlreadyGenerating, ReportNotAbortable, ReportNotBeingGenerated

logger = logging.getLogger(__name__)

NOT_FOUND_BODY = {"errors": [{"message": "The specified resource does not exist."}]}
UNAUTHORIZED_BODY = {
    "status": "unauthorized",
    "errors": [{"message": "user not authorized to perform that action"}],
}


class ApiError(Exception):
    status = 400
    name = "bad_request"

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.name, "message": self.message}
        if self.errors:
            body["errors"] = self.errors
        return body


class BadRequest(ApiError):
    pass


class UnsupportedMediaType(ApiError):
    status = 415
    name = "unsupported_media_type"


class NotAuthenticated(ApiError):
    """No token, or a token that is not known: 401 with `WWW-Authenticate`."""

    status = 401
    name = "unauthenticated"

    def body(self) -> dict[str, Any]:
        return {"status": self.name, "errors": [{"message": self.message}]}


def _json(status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse(body, status_code=status, headers=headers)


def api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    headers = {"WWW-Authenticate": 'Bearer realm="quiz-reports"'} if isinstance(error, NotAuthenticated) else None
    return _json(error.status, error.body(), headers)


def not_found(request: Request, error: Exception) -> Response:
    return _json(404, NOT_FOUND_BODY)


def not_authorized(request: Request, error: Exception) -> Response:
    return _json(401, UNAUTHORIZED_BODY)


def invalid_report_type(request: Request, error: Exception) -> Response:
    return _json(400, {"status": "bad_request", "message": "invalid quiz report type"})


def already_generating(request: Request, error: Exception) -> Response:
    return _json(409, {"status": "conflict", "message": "report is already being generated"})


def not_being_generated(request: Request, error: Exception) -> Response:
    return _json(422, {"status": "unprocessable_entity", "message": "report is not being generated"})


def not_abortable(request: Request, error: Exception) -> Response:
    return _json(422, {"status": "unprocessable_entity", "message": "report generation can not be aborted"})


def invalid_input(request: Request, error: Exception) -> Response:
    return _json(400, {"status": "bad_request", "message": str(error)})


def http_exception(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if error.status_code == 404:
        return _json(404, NOT_FOUND_BODY)
    return _json(error.status_code, {"status": str(error.status_code), "message": error.detail}, error.headers)


def unexpected(request: Request, error: Exception) -> Response:
    error_id = request.app.state.services.error_ids.next_id()
    logger.error("unexpected error, ID: %s", error_id, exc_info=error)
    return _json(
        500,
        {
            "status": "internal_server_error",
            "message": f"Unexpected error, ID: {error_id}",
            "error_report_id": error_id,
        },
    )


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
    Exception: unexpected,
}
