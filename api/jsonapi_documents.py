"""JSON:API documents of the service's records, rendered by the marshmallow-jsonapi schemas:
top-level `links.self`, `included` (present, maybe empty, whenever `include` was given) and sparse
fieldsets applied to primary and included resources alike."""

from __future__ import annotations

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
    schema = SCHEMAS[type_](many=isinstance(sources, list), include_data=tuple(sorted(query.include or ())))
    with links_under(host):
        rendered: dict[str, Any] = schema.dump(sources)
    body: dict[str, Any] = {"jsonapi": VERSION, "links": {"self": self_link}, "data": rendered["data"]}
    if query.include is not None:
        body["included"] = rendered.get("included", [])
    primary = body["data"] if isinstance(body["data"], list) else [body["data"]]
    for resource in [*primary, *body.get("included", [])]:
        _sparse(resource, query.fields.get(resource["type"]))
    return body


def null_document(self_link: str) -> dict[str, Any]:
    """An empty to-one relationship's related resource."""
    return {"jsonapi": VERSION, "links": {"self": self_link}, "data": None}


def meta_document(meta: dict[str, Any], self_link: str) -> dict[str, Any]:
    return {"jsonapi": VERSION, "links": {"self": self_link}, "meta": meta}


def _sparse(resource: dict[str, Any], wanted: frozenset[str] | None) -> None:
    if wanted is None:
        return
    for member in ("attributes", "relationships"):
        kept = {name: value for name, value in resource.get(member, {}).items() if name in wanted}
        if kept:
            resource[member] = kept
        else:
            resource.pop(member, None)
