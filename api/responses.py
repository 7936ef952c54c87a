"""JSON responses rendered with orjson: the same compact bytes as Starlette's, several times faster."""

from __future__ import annotations

from typing import Any

import orjson
from starlette import responses


class JSONResponse(responses.JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class RenderedJSONResponse(responses.Response):
    """A `JSONResponse` whose body was rendered (by orjson) beforehand; the same bytes and headers."""

    media_type = "application/json"
