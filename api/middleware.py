"""Pure ASGI middleware."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.raw_headers import put
from application.request_id import CURRENT_REQUEST_ID

access = logging.getLogger("quiz_reports.access")
_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestId:
    """Gives every request an id (the client's `X-Request-Id` when sane), echoes it, makes it the
    current request id (for logs and events) and logs the request with it."""

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
            elapsed = (time.perf_counter() - started) * 1000
            access.info(
                "%s %s %s %.1fms",
                scope["method"],
                scope["path"],
                status,
                elapsed,
                extra={"request_id": request_id, "status": status, "duration_ms": round(elapsed, 1)},
            )


def _offered_id(headers: list[tuple[bytes, bytes]]) -> str:
    """The request's (last) `X-Request-Id`, or the empty string."""
    offered = b""
    for key, value in headers:
        if key == b"x-request-id":
            offered = value
    return offered.decode("latin-1")
