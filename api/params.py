"""Request parameters as Canvas reads them: query string, form-encoded or JSON bodies, with
bracketed names (`quiz_report[report_type]`, `include[]`) nested into dicts and lists."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import QueryParams
from starlette.requests import Request

from api.errors import BadRequest, UnsupportedMediaType

_NAME = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_TRUE_WORDS = frozenset({"true", "yes", "on"})
_FALSE_WORDS = frozenset({"false", "no", "off"})


def nest(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """`a[b]=1&a[c][]=2&a[c][]=3` → `{"a": {"b": "1", "c": ["2", "3"]}}`; later scalars win."""
    nested: dict[str, Any] = {}
    for name, value in pairs:
        match = _NAME.match(name)
        if match is None:
            nested[name] = value
            continue
        keys = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        _assign(nested, keys, value)
    return nested


def _assign(target: dict[str, Any], keys: list[str], value: str) -> None:
    for index, key in enumerate(keys[:-1]):
        following = keys[index + 1]
        default: Any = [] if following == "" else {}
        existing = target.get(key)
        if not isinstance(existing, type(default)):
            target[key] = existing = default
        if following == "":
            existing.append(value)
            return
        target = existing
    target[keys[-1]] = value


async def body_params(request: Request) -> dict[str, Any]:
    """The body as nested parameters: JSON objects as they are, form bodies nested; 400 when malformed."""
    raw = await request.body()
    if not raw.strip():
        return {}
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        try:
            parsed = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as error:
            raise BadRequest(f"malformed JSON body: {error}") from error
        if not isinstance(parsed, dict):
            raise BadRequest("the JSON body must be an object")
        return parsed
    if media_type in ("application/x-www-form-urlencoded", ""):
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
        except (ValueError, UnicodeDecodeError) as error:
            raise BadRequest(f"malformed form body: {error}") from error
        return nest(pairs)
    if media_type == "multipart/form-data":
        form = await request.form()
        return nest((key, value) for key, value in form.multi_items() if isinstance(value, str))
    raise UnsupportedMediaType(f"unsupported request body type {media_type!r}")


def shared_query_params(request: Request) -> QueryParams:
    """`request.query_params`, shared by the requests with the same query string (it cannot be changed)."""
    return _query_params(request.scope["query_string"])


@lru_cache(maxsize=1024)
def _query_params(query_string: bytes) -> QueryParams:
    # Remembered: clients send the same queries again and again.
    return QueryParams(query_string)


def query_params(request: Request) -> dict[str, Any]:
    if not request.scope.get("query_string"):
        return {}
    return nest(request.query_params.multi_items())


async def all_params(request: Request) -> dict[str, Any]:
    """Query parameters overlaid by body parameters."""
    return {**query_params(request), **await body_params(request)}


def canvas_boolean(value: Any) -> bool:
    """Canvas's value_to_boolean: true/yes/on, false/no/off, else a non-zero integer."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    try:
        return int(text) != 0
    except ValueError:
        return False


def includes(params: dict[str, Any]) -> set[str]:
    """`include[]=file&include[]=progress` (Canvas) or `include=file,progress`."""
    value = params.get("include")
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return {part.strip() for item in items for part in str(item).split(",") if part.strip()}
