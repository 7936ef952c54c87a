"""Request documents in JSON:API mode: one resource object under `data`, its `type` checked (409 when
wrong), its attributes validated (422 with `source.pointer` into the document), 400 when malformed."""

from __future__ import annotations

import json
from typing import Any

from marshmallow import Schema, ValidationError
from starlette.requests import Request

from api.errors import BadRequest, Conflict, Forbidden, Unprocessable
from api.problems import Problem


async def document_of(request: Request) -> dict[str, Any]:
    """The body as a JSON object with an object or array under `data`."""
    raw = await request.body()
    try:
        parsed = json.loads(raw) if raw.strip() else None
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest(f"malformed JSON body: {error}", source={"pointer": ""}) from error
    if not isinstance(parsed, dict):
        raise BadRequest("the body must be a JSON:API document (an object)", source={"pointer": ""})
    if not isinstance(parsed.get("data"), dict | list):
        raise BadRequest("the document must have primary data under data", source={"pointer": "/data"})
    return parsed


def resource_of(data: Any, type_: str, pointer: str = "/data", *, resource_id: str | None = None) -> dict[str, Any]:
    """`data` as a resource object of `type_`; `resource_id` is the id it must have (None: no id allowed)."""
    if not isinstance(data, dict):
        raise BadRequest("a resource object must be an object", source={"pointer": pointer})
    if data.get("type") != type_:
        raise Conflict(f"the resource type must be {type_!r}", source={"pointer": f"{pointer}/type"})
    if resource_id is None and "id" in data:
        raise Forbidden("client-generated ids are not supported", source={"pointer": f"{pointer}/id"})
    if resource_id is not None and data.get("id") != resource_id:
        raise Conflict(f"the resource id must be {resource_id!r}, as in the URL", source={"pointer": f"{pointer}/id"})
    attributes = data.get("attributes", {})
    if not isinstance(attributes, dict):
        raise BadRequest("attributes must be an object", source={"pointer": f"{pointer}/attributes"})
    return attributes


def load_attributes(schema: Schema, attributes: dict[str, Any], pointer: str = "/data") -> dict[str, Any]:
    """The attributes loaded by a plain marshmallow schema; 422 with one error object per field."""
    try:
        loaded: dict[str, Any] = schema.load(attributes)
    except ValidationError as error:
        problems = list(_problems(error.messages, f"{pointer}/attributes"))
        raise Unprocessable(problems[0].detail, problems=problems) from error
    return loaded


def _problems(messages: Any, pointer: str) -> list[Problem]:
    if isinstance(messages, dict):
        return [p for key, value in messages.items() for p in _problems(value, f"{pointer}/{_escape(key)}")]
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [Problem(422, "invalid_attribute", " ".join(messages), {"pointer": pointer})]
    return [Problem(422, "invalid_attribute", str(messages), {"pointer": pointer})]


def _escape(key: Any) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")
