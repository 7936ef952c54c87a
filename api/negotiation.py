"""Content negotiation as pure ASGI middleware: 406 and 415 before any endpoint runs, the request's
format in `scope["state"]["jsonapi"]`, and `Vary: Accept` on every response (one URL, two formats)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import media_types
from api.errors import NotAcceptable, UnsupportedMediaType, api_error
from api.raw_headers import first, put

_NEGOTIATED = frozenset({b"accept", b"content-type", b"content-length", b"transfer-encoding"})


def refusal(accept: str, content_type: str, has_body: bool, method: str) -> NotAcceptable | UnsupportedMediaType | None:
    """The 406 or 415 a request gets before routing, if any: by its `Accept` and `Content-Type` headers, whether
    it has a body, and its method."""
    if media_types.accept_refused(accept):
        return NotAcceptable(
            "Accept allows the JSON:API media type only with parameters or extensions this server does not support",
            source={"header": "Accept"},
        )
    jsonapi = media_types.wants_jsonapi(accept)
    if has_body and media_types.content_type_refused(content_type, jsonapi_mode=jsonapi, method=method):
        return UnsupportedMediaType(
            f"a JSON:API request body must be sent as {media_types.JSONAPI} without parameters other than profile",
            source={"header": "Content-Type"},
        )
    return None


def _negotiated(headers: list[tuple[bytes, bytes]]) -> tuple[str, str, bool]:
    """The (first) `Accept` and `Content-Type` of a request, and whether it has a body (a transfer encoding
    or a content length other than 0)."""
    found: dict[bytes, bytes] = {}
    for key, value in headers:
        if key in _NEGOTIATED:
            found.setdefault(key, value)
    length = found.get(b"content-length", b"").decode("latin-1").strip()
    has_body = b"transfer-encoding" in found or length not in ("", "0")
    return found.get(b"accept", b"").decode("latin-1"), found.get(b"content-type", b"").decode("latin-1"), has_body


class ContentNegotiation:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        accept, content_type, has_body = _negotiated(scope["headers"])
        scope.setdefault("state", {})["jsonapi"] = media_types.wants_jsonapi(accept)

        async def send_varying(message: Message) -> None:
            if message["type"] == "http.response.start":
                vary = first(message.get("headers", ()), b"vary")
                if vary is None:
                    put(message, b"vary", b"Accept")
                elif b"accept" not in vary.lower():
                    MutableHeaders(scope=message).add_vary_header("Accept")
            await send(message)

        refused = refusal(accept, content_type, has_body, scope["method"])
        if refused is not None:
            response = api_error(Request(scope), refused)
            await response(scope, receive, send_varying)
            return
        await self.app(scope, receive, send_varying)
