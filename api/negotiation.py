"""Content negotiation as pure ASGI middleware: 406 and 415 before any endpoint runs, the request's
format in `scope["state"]["jsonapi"]`, and `Vary: Accept` on every response (one URL, two formats)."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import media_types
from api.errors import NotAcceptable, UnsupportedMediaType, api_error


def _has_body(headers: Headers) -> bool:
    length = headers.get("content-length", "").strip()
    return "transfer-encoding" in headers or (length not in ("", "0"))


def refusal(scope: Scope) -> NotAcceptable | UnsupportedMediaType | None:
    """The 406 or 415 a request gets before routing, if any."""
    headers = Headers(scope=scope)
    accept = headers.get("accept", "")
    if media_types.accept_refused(accept):
        return NotAcceptable(
            "Accept allows the JSON:API media type only with parameters or extensions this server does not support",
            source={"header": "Accept"},
        )
    content_type = headers.get("content-type", "")
    jsonapi = media_types.wants_jsonapi(accept)
    if _has_body(headers) and media_types.content_type_refused(
        content_type, jsonapi_mode=jsonapi, method=scope["method"]
    ):
        return UnsupportedMediaType(
            f"a JSON:API request body must be sent as {media_types.JSONAPI} without parameters other than profile",
            source={"header": "Content-Type"},
        )
    return None


class ContentNegotiation:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        accept = Headers(scope=scope).get("accept", "")
        scope.setdefault("state", {})["jsonapi"] = media_types.wants_jsonapi(accept)

        async def send_varying(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "accept" not in headers.get("vary", "").lower():
                    headers.add_vary_header("Accept")
            await send(message)

        refused = refusal(scope)
        if refused is not None:
            response = api_error(Request(scope), refused)
            await response(scope, receive, send_varying)
            return
        await self.app(scope, receive, send_varying)
