"""Audit endpoints in both formats: a report's history, a quiz's data history, and the parameters that
ask `show` for a report as it stood earlier (`as_of`, `version`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from api.context import call, host, path_int, services
from api.errors import BadRequest
from api.jsonapi_documents import document
from api.jsonapi_query import document_url, parse_query
from api.problems import JsonApiResponse
from api.responses import JSONResponse
from application.audit import HistoryEntry

CLASSIC_VERSION_PARAMETERS = ("version", "as_of_version")
JSONAPI_VERSION_PARAMETER = "as_of_version"
"""JSON:API reserves all-lowercase parameter names such as `version`, so JSON:API mode names it so."""


@dataclass(frozen=True)
class PointInTime:
    """Which earlier state of a report `show` renders: after event `version`, or as of a moment."""

    version: int | None = None
    as_of: datetime | None = None


def point_in_time(params: Mapping[str, Any], version_names: tuple[str, ...]) -> PointInTime | None:
    """The `as_of` / version parameters of a show request; None when it asks for the current state."""
    given = [(name, params[name]) for name in (*version_names, "as_of") if params.get(name) not in (None, "")]
    if not given:
        return None
    if len(given) > 1:
        names = " and ".join(name for name, _ in given)
        raise BadRequest(
            f"give one of {', '.join((*version_names, 'as_of'))}, not {names}", source=_source(given[1][0])
        )
    name, value = given[0]
    if name == "as_of":
        return PointInTime(as_of=_moment(str(value)))
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise BadRequest(f"{name} must be a positive integer, got {value!r}", source=_source(name))
    return PointInTime(version=int(text))


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as error:
        message = f"as_of must be an ISO 8601 time such as 2026-11-27T14:05:00Z, got {text!r}"
        raise BadRequest(message, source=_source("as_of")) from error
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _source(parameter: str) -> dict[str, str]:
    return {"parameter": parameter}


def _event_source(entry: HistoryEntry, key: str) -> dict[str, Any]:
    body = entry.to_json(with_subject=True)
    return {**body, "id": f"{key}-{entry.version}", "event_type": body.pop("type")}


async def report_history(request: Request) -> Response:
    course_id, quiz_id, report_id = (path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    audit = services(request).audit
    entries = await call(request, lambda caller: audit.report_history(caller, course_id, quiz_id, report_id))
    return JSONResponse([entry.to_json(with_subject=False) for entry in entries])


async def quiz_history(request: Request) -> Response:
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    audit = services(request).audit
    entries = await call(request, lambda caller: audit.quiz_history(caller, course_id, quiz_id))
    return JSONResponse([entry.to_json(with_subject=True) for entry in entries])


async def jsonapi_report_history(request: Request) -> Response:
    query = parse_query(request)
    course_id, quiz_id, report_id = (path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    audit = services(request).audit
    entries = await call(request, lambda caller: audit.report_history(caller, course_id, quiz_id, report_id))
    sources = [_event_source(entry, f"quiz_report-{report_id}") for entry in entries]
    return JsonApiResponse(
        document("events", sources, host=host(request), self_link=document_url(request), query=query)
    )


async def jsonapi_quiz_history(request: Request) -> Response:
    query = parse_query(request)
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    audit = services(request).audit
    entries = await call(request, lambda caller: audit.quiz_history(caller, course_id, quiz_id))
    sources = [
        _event_source(
            entry,
            f"{entry.subject}-{course_id}-{quiz_id}" + ("" if entry.subject == "quiz" else f"-{entry.subject_id}"),
        )
        for entry in entries
    ]
    return JsonApiResponse(
        document("events", sources, host=host(request), self_link=document_url(request), query=query)
    )
