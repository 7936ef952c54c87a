"""The Quiz Reports endpoints, Progress and Files in JSON:API mode (parse → one call → render).

A create answers 201 with `Location` when it queued a generation, 200 when it returned the report
whose file already exists (outside JSON:API's enumerated cases; plain HTTP semantics)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError
from marshmallow_jsonapi.exceptions import IncorrectTypeError
from starlette.requests import Request
from starlette.responses import Response

from api.audit_endpoints import JSONAPI_VERSION_PARAMETER, point_in_time
from api.context import call, caller_of, host, path_int, read, services
from api.errors import Unprocessable
from api.jsonapi_bodies import document_of, resource_of
from api.jsonapi_documents import document, null_document, record_document, report_source
from api.jsonapi_query import document_url, parse_query
from api.jsonapi_schemas import QuizReportSchema
from api.params import canvas_boolean, shared_query_params
from api.problems import JsonApiResponse, Problem
from api.report_endpoints import report_at

INCLUDABLE = ("file", "progress")


async def index(request: Request) -> Response:
    query = parse_query(request, INCLUDABLE)
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    all_versions = canvas_boolean(request.query_params.get("includes_all_versions"))
    reports = services(request).reports
    records = await read(
        request, lambda caller, **at: reports.index(caller, course_id, quiz_id, all_versions, **at), caught_up=True
    )
    body = record_document(
        "quiz-reports", tuple(records), host=host(request), self_link=document_url(request), query=query
    )
    return JsonApiResponse(body)


async def create(request: Request) -> Response:
    query = parse_query(request, INCLUDABLE)
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    caller = await caller_of(request)
    wanted = load_report_request(await document_of(request))
    reports = services(request).reports
    record = await call(
        request,
        lambda caller: reports.create(
            caller, course_id, quiz_id, wanted["report_type"], wanted["includes_all_versions"]
        ),
        caller,
    )
    source = report_source(host(request), record)
    body = document("quiz-reports", source, host=host(request), self_link=source["url"], query=query)
    if record.file is not None:
        return JsonApiResponse(body)
    return JsonApiResponse(body, status_code=201, headers={"Location": source["url"]})


def load_report_request(document_: dict[str, Any]) -> dict[str, Any]:
    """`report_type` and `includes_all_versions` of a `quiz-reports` resource object."""
    attributes = resource_of(document_["data"], "quiz-reports")
    try:
        loaded: dict[str, Any] = QuizReportSchema().load({"data": {"type": "quiz-reports", "attributes": attributes}})
    except IncorrectTypeError as error:  # pragma: no cover - resource_of checked the type
        raise Unprocessable(str(error)) from error
    except ValidationError as error:
        messages: Any = error.messages
        problems = [
            Problem(422, "invalid_attribute", item["detail"], item.get("source")) for item in messages.get("errors", [])
        ]
        raise Unprocessable(problems[0].detail, problems=problems) from error
    return loaded


async def show(request: Request) -> Response:
    """The report now, or as it stood at `?as_of_version=N` or `?as_of=<time>` (rebuilt from its events)."""
    query = parse_query(request, INCLUDABLE)
    point = point_in_time(shared_query_params(request), (JSONAPI_VERSION_PARAMETER,))
    keys = tuple(path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    record = await report_at(request, (keys[0], keys[1], keys[2]), point)
    return JsonApiResponse(
        record_document("quiz-reports", record, host=host(request), self_link=document_url(request), query=query)
    )


async def abort(request: Request) -> Response:
    parse_query(request)
    course_id, quiz_id, report_id = (path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    reports = services(request).reports
    await call(request, lambda caller: reports.abort(caller, course_id, quiz_id, report_id))
    return Response(status_code=204)


async def progress(request: Request) -> Response:
    query = parse_query(request)
    progress_id = path_int(request, "progress_id")
    reports = services(request).reports
    record = await read(request, lambda caller, **at: reports.progress(caller, progress_id, **at))
    return JsonApiResponse(
        record_document("progress", record, host=host(request), self_link=document_url(request), query=query)
    )


async def file(request: Request) -> Response:
    query = parse_query(request)
    file_id = path_int(request, "file_id")
    reports = services(request).reports
    record = await read(request, lambda caller, **at: reports.file(caller, file_id, **at))
    return JsonApiResponse(
        record_document("files", record, host=host(request), self_link=document_url(request), query=query)
    )


async def related(request: Request) -> Response:
    """A report's `file` or `progress` (the path's last segment): the resource, or `data: null`."""
    query = parse_query(request)
    course_id, quiz_id, report_id = (path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    record = await report_at(request, (course_id, quiz_id, report_id), None)
    base, self_link = host(request), document_url(request)
    if request.url.path.endswith("/file"):
        if record.file is None:
            return JsonApiResponse(null_document(self_link))
        return JsonApiResponse(record_document("files", record.file, host=base, self_link=self_link, query=query))
    if record.progress is None:
        return JsonApiResponse(null_document(self_link))
    return JsonApiResponse(record_document("progress", record.progress, host=base, self_link=self_link, query=query))
