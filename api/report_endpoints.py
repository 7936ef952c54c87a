"""The Quiz Reports endpoints, Progress and Files, in Canvas's classic JSON."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from api import classic
from api.audit_endpoints import CLASSIC_VERSION_PARAMETERS, PointInTime, point_in_time
from api.context import authenticate, call, caller_of, host, path_int, read, services
from api.params import all_params, canvas_boolean, includes, query_params
from api.responses import JSONResponse, RenderedJSONResponse
from application.errors import NotFound
from application.records import FileRecord, ReportRecord


async def index(request: Request) -> Response:
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    all_versions = canvas_boolean(query_params(request).get("includes_all_versions"))
    reports = services(request).reports
    records = await read(
        request, lambda caller, **at: reports.index(caller, course_id, quiz_id, all_versions, **at), caught_up=True
    )
    return RenderedJSONResponse(classic.rendered_reports(host(request), records))


async def create(request: Request) -> Response:
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    caller = await caller_of(request)
    params = await all_params(request)
    wanted: Any = params.get("quiz_report")
    wanted = wanted if isinstance(wanted, dict) else {}
    report_type = str(wanted.get("report_type") or "")
    all_versions = canvas_boolean(wanted.get("includes_all_versions"))
    reports = services(request).reports
    record = await call(
        request, lambda caller: reports.create(caller, course_id, quiz_id, report_type, all_versions), caller
    )
    body = classic.report_json(host(request), record, with_file=True, with_progress="progress" in includes(params))
    return JSONResponse(body)


async def show(request: Request) -> Response:
    """The report now, or as it stood at `?version=N` or `?as_of=<time>` (rebuilt from its events)."""
    course_id, quiz_id, report_id = (path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    params = query_params(request)
    point = point_in_time(params, CLASSIC_VERSION_PARAMETERS)
    record = await report_at(request, (course_id, quiz_id, report_id), point)
    with_progress = "progress" in includes(params)
    return RenderedJSONResponse(classic.rendered_report(host(request), record, with_progress))


async def report_at(request: Request, keys: tuple[int, int, int], point: PointInTime | None) -> ReportRecord:
    """The report of `keys` (course, quiz, report ids) now, or at `point`."""
    if point is None:
        reports = services(request).reports
        return await read(request, lambda caller, **at: reports.show(caller, *keys, **at))
    audit = services(request).audit
    return await call(
        request, lambda caller: audit.report_as_of(caller, *keys, version=point.version, as_of=point.as_of)
    )


async def abort(request: Request) -> Response:
    course_id, quiz_id, report_id = (path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    reports = services(request).reports
    await call(request, lambda caller: reports.abort(caller, course_id, quiz_id, report_id))
    return Response(status_code=204)


async def progress(request: Request) -> Response:
    progress_id = path_int(request, "progress_id")
    reports = services(request).reports
    record = await read(request, lambda caller, **at: reports.progress(caller, progress_id, **at))
    return RenderedJSONResponse(classic.rendered_progress(host(request), record))


async def file(request: Request) -> Response:
    file_id = path_int(request, "file_id")
    reports = services(request).reports
    record = await read(request, lambda caller, **at: reports.file(caller, file_id, **at))
    return RenderedJSONResponse(classic.rendered_file(host(request), record))


async def download(request: Request) -> Response:
    """The CSV bytes: a valid `verifier` is enough, as in Canvas; otherwise a token with access."""
    file_id = path_int(request, "file_id")
    verifier = request.query_params.get("verifier")
    reports = services(request).reports

    def find() -> FileRecord:
        if verifier:
            return reports.file_by_verifier(file_id, verifier)
        return reports.file(authenticate(request), file_id)

    record = await run_in_threadpool(find)
    try:
        chunks = await run_in_threadpool(services(request).files.read, record.file_id)
    except FileNotFoundError as error:
        raise NotFound("file") from error
    headers = {
        "Content-Length": str(record.size),
        "Content-Disposition": f"attachment; filename=\"{record.filename}\"; filename*=UTF-8''"
        + quote(record.display_name),
    }
    return StreamingResponse(chunks, media_type="text/csv; charset=utf-8", headers=headers)


async def related(request: Request) -> Response:
    """A report's File or Progress object (the path's last segment); 404 while it has none."""
    course_id, quiz_id, report_id = (path_int(request, name) for name in ("course_id", "quiz_id", "report_id"))
    record = await report_at(request, (course_id, quiz_id, report_id), None)
    if request.url.path.endswith("/file"):
        if record.file is None:
            raise NotFound("file")
        return RenderedJSONResponse(classic.rendered_file(host(request), record.file))
    if record.progress is None:
        raise NotFound("progress")
    return RenderedJSONResponse(classic.rendered_progress(host(request), record.progress))
