"""Query parameters in JSON:API mode (JSON:API 1.1 #query-parameters, #fetching-includes,
#fetching-sparse-fieldsets): `include` and `fields[TYPE]` are processed; `sort`, `page[…]`, `filter[…]`
and all-lowercase names the spec reserves are refused with 400. Canvas's `include[]` means `include`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request

from api.context import Address, address, scope_at
from api.errors import BadRequest
from api.jsonapi_schemas import SCHEMAS

IMPLEMENTATION_PARAMETERS = frozenset({"includes_all_versions", "access_token", "verifier", "download_frd"})
_UNSUPPORTED_FAMILIES = frozenset({"sort", "page", "filter"})
_RESERVED = re.compile(r"^[a-z]+$")
_MEMBER_NAME = re.compile(r"^[a-zA-Z0-9](?:[a-zA-Z0-9_-]*[a-zA-Z0-9])?$")
_FIELDS = re.compile(r"^fields\[([^\[\]]*)\]$")


@dataclass(frozen=True)
class JsonApiQuery:
    include: frozenset[str] | None = None
    """The requested relationship paths; None when the request has no `include`."""
    fields: dict[str, frozenset[str]] = field(default_factory=dict)


def field_names(type_: str) -> frozenset[str]:
    declared = SCHEMAS[type_]._declared_fields
    return frozenset(f.data_key or name for name, f in declared.items() if name != "id")


def _refuse(parameter: str, detail: str) -> BadRequest:
    return BadRequest(detail, source={"parameter": parameter})


def parse_query(request: Request, includable: tuple[str, ...] = ()) -> JsonApiQuery:
    """The request's `include` and `fields`; 400 naming the parameter for anything this endpoint can't process.
    The query is shared by the requests with the same query string: it is only ever read."""
    return _parsed(request.scope.get("query_string", b""), includable)


@lru_cache(maxsize=1024)
def _parsed(query_string: bytes, includable: tuple[str, ...]) -> JsonApiQuery:
    # Remembered: clients send the same queries again and again (a refused one raises every time).
    include: set[str] | None = None
    fields: dict[str, frozenset[str]] = {}
    for name, value in QueryParams(query_string).multi_items():
        if name in ("include", "include[]"):
            include = (include or set()) | _include_paths(name, value, includable)
        elif (match := _FIELDS.match(name)) is not None:
            fields[match.group(1)] = _fieldset(name, match.group(1), value)
        else:
            _check_other(name)
    return JsonApiQuery(None if include is None else frozenset(include), fields)


def _include_paths(name: str, value: str, includable: tuple[str, ...]) -> set[str]:
    if not includable:
        raise _refuse(name, "this endpoint does not support include")
    paths = {path.strip() for path in value.split(",") if path.strip()}
    unknown = sorted(paths - set(includable))
    if unknown:
        raise _refuse(name, f"unknown include path {unknown[0]!r}; supported: {', '.join(includable)}")
    return paths


def _fieldset(name: str, type_: str, value: str) -> frozenset[str]:
    if type_ not in SCHEMAS:
        raise _refuse(name, f"unknown resource type {type_!r}")
    wanted = frozenset(part.strip() for part in value.split(",") if part.strip())
    unknown = sorted(wanted - field_names(type_))
    if unknown:
        raise _refuse(name, f"{type_} has no field {unknown[0]!r}")
    return wanted


def _check_other(name: str) -> None:
    base = name.split("[", 1)[0]
    if base in _UNSUPPORTED_FAMILIES:
        raise _refuse(name, f"{base} is not supported")
    if name in IMPLEMENTATION_PARAMETERS:
        return
    if _RESERVED.match(base):
        raise _refuse(name, f"unknown query parameter {name!r}")
    if not _MEMBER_NAME.match(base):
        raise _refuse(name, f"{name!r} is not a legal parameter name")


def document_url(request: Request) -> str:
    """The request's URL with its query parameters, less the access token."""
    return _document_url(address(request), request.scope["path"], request.scope.get("query_string", b""))


@lru_cache(maxsize=1024)
def _document_url(at: Address, path: str, query_string: bytes) -> str:
    # Remembered: clients ask for the same URLs again and again.
    request = Request(scope_at(at, path, query_string))
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "access_token"]
    url = request.url.remove_query_params(list(request.query_params.keys()))
    return str(url.replace(query=urlencode(kept))) if kept else str(url)
