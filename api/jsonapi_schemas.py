"""marshmallow-jsonapi schemas of the JSON:API resources: `quiz-reports`, `progress`, `files`,
`quizzes`, `courses`, `quiz-submissions` and `events`. Attributes are Canvas's minus foreign keys, which are
relationships; every resource has `links.self`, absolute under the host that `links_under` sets
(a context variable, as marshmallow advises instead of schema context).

Quizzes are numbered per course, so a quiz's resource id is `"{course_id}-{quiz_id}"`, unique
across the API as JSON:API requires.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from marshmallow import validate
from marshmallow_jsonapi import Schema, fields

from domain.reports import REPORT_TYPES

_HOST: ContextVar[str] = ContextVar("jsonapi_host", default="")


@contextmanager
def links_under(host: str) -> Iterator[None]:
    token = _HOST.set(host)
    try:
        yield
    finally:
        _HOST.reset(token)


def quiz_resource_id(course_id: int, quiz_id: int) -> str:
    return f"{course_id}-{quiz_id}"


class Related(fields.Relationship):  # type: ignore[misc]
    """A relationship whose `related` link is absolute."""

    def get_related_url(self, obj: Any) -> str | None:
        path: str | None = super().get_related_url(obj)
        return f"{_HOST.get()}{path}" if path else None


class Resource(Schema):  # type: ignore[misc]
    """A resource whose `links.self` is `host` + `self_path(item)` (the serialized item)."""

    id = fields.Str(dump_only=True)

    def self_path(self, item: dict[str, Any]) -> str:
        raise NotImplementedError

    def get_resource_links(self, item: dict[str, Any]) -> dict[str, str] | None:
        return {"self": f"{_HOST.get()}{self.self_path(item)}"}


class ProgressSchema(Resource):
    class Meta:
        type_ = "progress"

    context_id = fields.Int(dump_only=True)
    context_type = fields.Str(dump_only=True)
    user_id = fields.Int(dump_only=True, allow_none=True)
    tag = fields.Str(dump_only=True)
    completion = fields.Float(dump_only=True)
    workflow_state = fields.Str(
        dump_only=True, validate=validate.OneOf(["queued", "running", "completed", "failed", "canceled"])
    )
    created_at = fields.Str(dump_only=True)
    updated_at = fields.Str(dump_only=True)
    message = fields.Str(dump_only=True, allow_none=True)
    url = fields.Str(dump_only=True)

    def self_path(self, item: dict[str, Any]) -> str:
        return f"/api/v1/progress/{item['id']}"


class FileSchema(Resource):
    class Meta:
        type_ = "files"

    uuid = fields.Str(dump_only=True)
    folder_id = fields.Int(dump_only=True, allow_none=True)
    display_name = fields.Str(dump_only=True)
    filename = fields.Str(dump_only=True)
    workflow_state = fields.Str(dump_only=True)
    upload_status = fields.Str(dump_only=True)
    content_type = fields.Str(dump_only=True, data_key="content-type")
    url = fields.Str(dump_only=True)
    size = fields.Int(dump_only=True)
    created_at = fields.Str(dump_only=True)
    updated_at = fields.Str(dump_only=True)
    unlock_at = fields.Str(dump_only=True, allow_none=True)
    locked = fields.Bool(dump_only=True)
    hidden = fields.Bool(dump_only=True)
    lock_at = fields.Str(dump_only=True, allow_none=True)
    hidden_for_user = fields.Bool(dump_only=True)
    thumbnail_url = fields.Str(dump_only=True, allow_none=True)
    modified_at = fields.Str(dump_only=True)
    mime_class = fields.Str(dump_only=True)
    media_entry_id = fields.Str(dump_only=True, allow_none=True)
    locked_for_user = fields.Bool(dump_only=True)

    def self_path(self, item: dict[str, Any]) -> str:
        return f"/api/v1/files/{item['id']}"


class QuizReportSchema(Resource):
    """Also loads a create request: `report_type` and `includes_all_versions`."""

    class Meta:
        type_ = "quiz-reports"

    report_type = fields.Str(required=True, validate=validate.OneOf(REPORT_TYPES))
    readable_type = fields.Str(dump_only=True)
    includes_all_versions = fields.Bool(load_default=False)
    includes_sis_ids = fields.Bool(dump_only=True)
    generatable = fields.Bool(dump_only=True)
    anonymous = fields.Bool(dump_only=True)
    url = fields.Str(dump_only=True)
    created_at = fields.Str(dump_only=True)
    updated_at = fields.Str(dump_only=True)
    quiz = Related(
        related_url="/api/v1/courses/{course_id}/quizzes/{quiz_id}",
        related_url_kwargs={"course_id": "<course_id>", "quiz_id": "<quiz_id>"},
        include_resource_linkage=True,
        type_="quizzes",
        dump_only=True,
    )
    # Related links name the report's file and progress, not the current targets, so they stay
    # valid while the target is absent and do not change when a report is generated again.
    file = Related(
        related_url="/api/v1/courses/{course_id}/quizzes/{quiz_id}/reports/{report_id}/file",
        related_url_kwargs={"course_id": "<course_id>", "quiz_id": "<quiz_id>", "report_id": "<id>"},
        include_resource_linkage=True,
        type_="files",
        schema=FileSchema,
        dump_only=True,
        dump_default=None,
    )
    progress = Related(
        related_url="/api/v1/courses/{course_id}/quizzes/{quiz_id}/reports/{report_id}/progress",
        related_url_kwargs={"course_id": "<course_id>", "quiz_id": "<quiz_id>", "report_id": "<id>"},
        include_resource_linkage=True,
        type_="progress",
        schema=ProgressSchema,
        dump_only=True,
        dump_default=None,
    )

    def self_path(self, item: dict[str, Any]) -> str:
        return str(item["url"]).removeprefix(_HOST.get())


class CourseSchema(Resource):
    class Meta:
        type_ = "courses"

    name = fields.Str(required=True, validate=validate.Length(min=1))

    def self_path(self, item: dict[str, Any]) -> str:
        return f"/api/v1/courses/{item['id']}"


class QuizSchema(Resource):
    class Meta:
        type_ = "quizzes"

    title = fields.Str(dump_only=True)
    quiz_type = fields.Str(dump_only=True)
    anonymous_submissions = fields.Bool(dump_only=True)
    published = fields.Bool(dump_only=True)
    points_possible = fields.Float(dump_only=True, allow_none=True)
    question_count = fields.Int(dump_only=True)
    course = Related(
        related_url="/api/v1/courses/{course_id}",
        related_url_kwargs={"course_id": "<course_id>"},
        include_resource_linkage=True,
        type_="courses",
        dump_only=True,
    )

    def self_path(self, item: dict[str, Any]) -> str:
        course_id, _, quiz_id = str(item["id"]).partition("-")
        return f"/api/v1/courses/{course_id}/quizzes/{quiz_id}"


class EventSchema(Resource):
    """One recorded event of a report, a quiz or a submission; found only in history documents, so it
    has no link of its own. `event_type` is the event's name (`type` is reserved by JSON:API)."""

    class Meta:
        type_ = "events"

    subject = fields.Str(dump_only=True)
    subject_id = fields.Int(dump_only=True)
    version = fields.Int(dump_only=True)
    event_type = fields.Str(dump_only=True)
    occurred_at = fields.Str(dump_only=True)
    actor = fields.Str(dump_only=True)
    request_id = fields.Str(dump_only=True, allow_none=True)
    chain_hash = fields.Str(dump_only=True)
    data = fields.Dict(dump_only=True)

    def get_resource_links(self, item: dict[str, Any]) -> dict[str, str] | None:
        return None


RELATIONSHIPS = {"quiz-reports": ("quiz", "file", "progress"), "quizzes": ("course",)}
SCHEMAS: dict[str, type[Resource]] = {
    "quiz-reports": QuizReportSchema,
    "progress": ProgressSchema,
    "files": FileSchema,
    "quizzes": QuizSchema,
    "courses": CourseSchema,
    "events": EventSchema,
}
