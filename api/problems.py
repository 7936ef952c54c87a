"""Error responses in the request's format: Canvas's bodies in classic mode, JSON:API error objects
(`status`, `code`, `title`, `detail`, `source`, `meta`) in JSON:API mode. Every one varies by `Accept`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from api.media_types import JSONAPI, wants_jsonapi
from api.responses import JSONResponse


@dataclass(frozen=True)
class Problem:
    """One JSON:API error object; `source` is `{"pointer"|"parameter"|"header": …}`."""

    status: int
    code: str
    detail: str
    source: dict[str, str] | None = None
    meta: dict[str, Any] | None = None
    title: str = field(default="")

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "status": str(self.status),
            "code": self.code,
            "title": self.title or HTTPStatus(self.status).phrase,
            "detail": self.detail,
        }
        if self.source:
            body["source"] = self.source
        if self.meta:
            body["meta"] = self.meta
        return body


class JsonApiResponse(JSONResponse):
    media_type = JSONAPI


def jsonapi_mode(request: Request) -> bool:
    """Whether the request is in JSON:API mode (as content negotiation found, when it ran)."""
    decided: bool | None = request.scope.get("state", {}).get("jsonapi")
    return wants_jsonapi(request.headers.get("accept", "")) if decided is None else decided


def vary(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {**(headers or {}), "Vary": "Accept"}


def error_response(
    request: Request,
    status: int,
    classic: dict[str, Any],
    problems: Sequence[Problem],
    headers: Mapping[str, str] | None = None,
) -> Response:
    """`classic` for Canvas clients, `problems` as a JSON:API error document otherwise."""
    if jsonapi_mode(request):
        document = {"errors": [problem.as_json() for problem in problems]}
        return JsonApiResponse(document, status_code=status, headers=vary(headers))
    return JSONResponse(classic, status_code=status, headers=vary(headers))
