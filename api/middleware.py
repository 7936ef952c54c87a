"""Pure ASGI middleware."""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.raw_headers import put
from application.log_lines import json_line
from application.request_id import CURRENT_REQUEST_ID

access = logging.getLogger("quiz_reports.access")
_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestId:
    """Gives every request an id (the client's `X-Request-Id` when sane), echoes it, makes it the
    current request id (for logs and events) and logs the request with it (``log_request``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        offered = _offered_id(scope["headers"])
        request_id = offered if _ACCEPTABLE_ID.match(offered) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = CURRENT_REQUEST_ID.set(request_id)

        started, status = time.perf_counter(), 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                put(message, b"x-request-id", request_id.encode("latin-1"))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            CURRENT_REQUEST_ID.reset(token)
            log_request(scope["method"], scope["path"], status, (time.perf_counter() - started) * 1000, request_id)


def log_request(method: str, path: str, status: int, milliseconds: float, request_id: str) -> None:
    """The request's line of the access log (logger ``quiz_reports.access``, level INFO), in the JSON shape
    of every log line, written straight to standard error, where the service's logging writes every line
    (``adapters.logging_config``). A record through the logging module's handlers cost an API process
    40–100 µs of CPU per request, several times this; the logger's level still decides whether the line
    is written."""
    if access.isEnabledFor(logging.INFO):
        message = f"{method} {path} {status} {milliseconds:.1f}ms"
        fields = {"request_id": request_id, "status": status, "duration_ms": round(milliseconds, 1)}
        sys.stderr.write(json_line(time.time(), "info", access.name, message, fields) + "\n")


def _offered_id(headers: list[tuple[bytes, bytes]]) -> str:
    """The request's (last) `X-Request-Id`, or the empty string."""
    offered = b""
    for key, value in headers:
        if key == b"x-request-id":
            offered = value
    return offered.decode("latin-1")
