"""JSON:API documents of the service's records, rendered by the marshmallow-jsonapi schemas:
top-level `links.self`, `included` (present, maybe empty, whenever `include` was given) and sparse
fieldsets applied to primary and included resources alike."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from api import classic
from api.jsonapi_query import JsonApiQuery
from api.jsonapi_schemas import SCHEMAS, links_under, quiz_resource_id
from application.records import CourseRecord, FileRecord, ProgressRecord, QuizRecord, ReportRecord

VERSION = {"version": "1.1"}


def file_source(host: str, file: FileRecord) -> dict[str, Any]:
    source = classic.file_json(host, file)
    return {**source, "id": str(file.file_id), "content_type": source["content-type"]}


def progress_source(host: str, progress: ProgressRecord) -> dict[str, Any]:
    return {**classic.progress_json(host, progress), "id": str(progress.progress_id)}


def report_source(host: str, report: ReportRecord) -> dict[str, Any]:
    source = classic.report_json(host, report, with_file=False, with_progress=False)
    return {
        **source,
        "id": str(report.report_id),
        "quiz": {"id": quiz_resource_id(report.course_id, report.quiz_id)},
        "file": None if report.file is None else file_source(host, report.file),
        "progress": None if report.progress is None else progress_source(host, report.progress),
    }


def quiz_source(quiz: QuizRecord) -> dict[str, Any]:
    resource_id = quiz_resource_id(quiz.course_id, quiz.quiz_id)
    return {**classic.quiz_json(quiz), "id": resource_id, "course": {"id": str(quiz.course_id)}}


def course_source(course: CourseRecord) -> dict[str, Any]:
    return {"id": str(course.course_id), "name": course.name}


def document(
    type_: str, sources: dict[str, Any] | list[dict[str, Any]], *, host: str, self_link: str, query: JsonApiQuery
) -> dict[str, Any]:
    """A document whose primary data are `sources` (one or a list) rendered as `type_` resources."""
    return _document(_dumped(type_, sources, host, _include_data(query)), self_link, query)


RECORD_SOURCES: dict[str, Callable[[str, Any], dict[str, Any]]] = {
    "quiz-reports": report_source,
    "progress": progress_source,
    "files": file_source,
}


def record_document(
    type_: str,
    records: ReportRecord | ProgressRecord | FileRecord | tuple[ReportRecord, ...],
    *,
    host: str,
    self_link: str,
    query: JsonApiQuery,
) -> dict[str, Any]:
    """`document` of the `type_` resources of `records` (one record, or a tuple of them for a list), whose
    rendering is remembered for the next request. Only the returned document itself may be changed."""
    return _document(_rendered(type_, records, host, _include_data(query)), self_link, query)


@lru_cache(maxsize=1024)
def _rendered(type_: str, records: Any, host: str, include_data: tuple[str, ...]) -> dict[str, Any]:
    # Remembered by value: the records are immutable, so the rendering of the same ones stays the same.
    source = RECORD_SOURCES[type_]
    sources = [source(host, record) for record in records] if isinstance(records, tuple) else source(host, records)
    return _dumped(type_, sources, host, include_data)


def _include_data(query: JsonApiQuery) -> tuple[str, ...]:
    return tuple(sorted(query.include or ()))


def _dumped(
    type_: str, sources: dict[str, Any] | list[dict[str, Any]], host: str, include_data: tuple[str, ...]
) -> dict[str, Any]:
    schema = SCHEMAS[type_](many=isinstance(sources, list), include_data=include_data)
    with links_under(host):
        dumped: dict[str, Any] = schema.dump(sources)
    return dumped


def _document(rendered: dict[str, Any], self_link: str, query: JsonApiQuery) -> dict[str, Any]:
    """The document of `rendered` resources (left unchanged): the sparse fieldsets make new resources."""
    body: dict[str, Any] = {"jsonapi": VERSION, "links": {"self": self_link}, "data": rendered["data"]}
    if query.include is not None:
        body["included"] = rendered.get("included", [])
    if query.fields:
        data = body["data"]
        body["data"] = [_sparse(r, query) for r in data] if isinstance(data, list) else _sparse(data, query)
        if "included" in body:
            body["included"] = [_sparse(resource, query) for resource in body["included"]]
    return body


def null_document(self_link: str) -> dict[str, Any]:
    """An empty to-one relationship's related resource."""
    return {"jsonapi": VERSION, "links": {"self": self_link}, "data": None}


def meta_document(meta: dict[str, Any], self_link: str) -> dict[str, Any]:
    return {"jsonapi": VERSION, "links": {"self": self_link}, "meta": meta}


def _sparse(resource: dict[str, Any], query: JsonApiQuery) -> dict[str, Any]:
    """`resource` with only the wanted fields of its type, if the query names them (members in their order;
    an attributes or relationships member left empty is left out)."""
    wanted = query.fields.get(resource["type"])
    if wanted is None:
        return resource
    sparse: dict[str, Any] = {}
    for member, value in resource.items():
        if member in ("attributes", "relationships"):
            value = {name: field for name, field in value.items() if name in wanted}
            if not value:
                continue
        sparse[member] = value
    return sparse
