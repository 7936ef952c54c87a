"""`GET /openapi.json`: OpenAPI 3.1 of every endpoint in both formats, built with apispec from the
schemas in `api.openapi_schemas`. Each operation answers Canvas JSON (`application/json`) or,
when `Accept` asks for it, JSON:API (`application/vnd.api+json`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from starlette.requests import Request
from starlette.responses import Response

from api.media_types import JSONAPI
from api.openapi_schemas import components
from api.responses import JSONResponse

ERROR_STATUSES = ("400", "401", "403", "404", "406", "409", "415", "422", "429", "500", "503")
_QUIZ = "/api/v1/courses/{course_id}/quizzes/{quiz_id}"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _both(classic: str, jsonapi: str) -> dict[str, Any]:
    return {"application/json": {"schema": _ref(classic)}, JSONAPI: {"schema": _ref(jsonapi)}}


# The ids of a fresh `quiz-reports demo` data directory, so the examples phase reaches real objects.
DEMO_IDS = {"course_id": 1, "quiz_id": 1, "report_id": 1, "progress_id": 3, "file_id": 4, "submission_id": 1}


def _path(*names: str) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}, "example": DEMO_IDS[name]}
        for name in names
    ]


def _query(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema}


INCLUDE = [_query("include", {"type": "string", "enum": ["file", "progress", "file,progress"]})]
# A report as it stood earlier: after event N (`version` is classic only: JSON:API reserves the name), or at a time.
POINT_IN_TIME = [
    _query("as_of", {"type": "string", "format": "date-time"}),
    _query("as_of_version", {"type": "integer", "minimum": 1}),
    _query("version", {"type": "integer", "minimum": 1}),
]


def _operation(
    summary: str,
    parameters: list[dict[str, Any]],
    ok: dict[str, Any],
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    responses = {**ok, **{status: {"$ref": "#/components/responses/Error"} for status in ERROR_STATUSES}}
    operation: dict[str, Any] = {"summary": summary, "parameters": parameters, "responses": responses}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": body}
    return operation


def _json_object(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}}


def _ok(status: str, classic: str, jsonapi: str) -> dict[str, Any]:
    return {status: {"description": "OK", "content": _both(classic, jsonapi)}}


def _body(classic: str, jsonapi: str) -> dict[str, Any]:
    return {"application/json": {"schema": _ref(classic)}, JSONAPI: {"schema": _ref(jsonapi)}}


def _paths() -> dict[str, dict[str, Any]]:
    quiz, report = _path("course_id", "quiz_id"), _path("course_id", "quiz_id", "report_id")
    report_ok = _ok("200", "ClassicQuizReport", "JsonApiQuizReportsDocument")
    created = {
        "description": "generation queued (JSON:API)",
        "headers": {"Location": {"schema": {"type": "string"}}},
        "content": {JSONAPI: {"schema": _ref("JsonApiQuizReportsDocument")}},
    }
    index_ok = {
        "200": {
            "description": "OK",
            "content": {
                "application/json": {"schema": {"type": "array", "items": _ref("ClassicQuizReport")}},
                JSONAPI: {"schema": _ref("JsonApiQuizReportsCollection")},
            },
        }
    }
    write_ok = _ok("200", "ClassicWriteResult", "JsonApiMetaDocument")
    history_ok = {
        "200": {
            "description": "OK",
            "content": {
                "application/json": {"schema": {"type": "array", "items": _ref("ClassicEvent")}},
                JSONAPI: {"schema": _ref("JsonApiEventsCollection")},
            },
        }
    }
    bool_param = _query("includes_all_versions", {"type": "boolean"})
    download_ok = {"200": {"description": "the CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
    return {
        f"{_QUIZ}/reports": {
            "get": _operation("both current reports", [*quiz, *INCLUDE, bool_param], index_ok),
            "post": _operation(
                "generate a report",
                [*quiz, *INCLUDE],
                {**report_ok, "201": created},
                _body("ClassicCreateReport", "JsonApiCreateReport"),
            ),
        },
        f"{_QUIZ}/reports/{{report_id}}": {
            "get": _operation("one report, now or as it stood earlier", [*report, *INCLUDE, *POINT_IN_TIME], report_ok),
            "delete": _operation("remove the file or cancel a generation", report, {"204": {"description": "done"}}),
        },
        f"{_QUIZ}/reports/{{report_id}}/file": {
            "get": _operation(
                "the report's file (JSON:API: null while none)",
                report,
                _ok("200", "ClassicFile", "JsonApiRelatedFilesDocument"),
            )
        },
        f"{_QUIZ}/reports/{{report_id}}/progress": {
            "get": _operation(
                "the report's progress (JSON:API: null while none)",
                report,
                _ok("200", "ClassicProgress", "JsonApiRelatedProgressDocument"),
            )
        },
        f"{_QUIZ}/reports/{{report_id}}/history": {
            "get": _operation("every event of the report, oldest first", report, history_ok)
        },
        f"{_QUIZ}/history": {
            "get": _operation("the events of the quiz and of its submissions, oldest first", quiz, history_ok)
        },
        "/api/v1/progress/{progress_id}": {
            "get": _operation(
                "a Progress", _path("progress_id"), _ok("200", "ClassicProgress", "JsonApiProgressDocument")
            )
        },
        "/api/v1/files/{file_id}": {
            "get": _operation("a report file", _path("file_id"), _ok("200", "ClassicFile", "JsonApiFilesDocument"))
        },
        "/files/{file_id}/download": {
            "get": _operation("the CSV bytes", [*_path("file_id"), _query("verifier", {"type": "string"})], download_ok)
        },
        "/api/v1/courses/{course_id}": {
            "get": _operation("a course", _path("course_id"), _ok("200", "ClassicCourse", "JsonApiCoursesDocument")),
            "put": _operation(
                "upsert a course",
                _path("course_id"),
                _ok("200", "ClassicCourse", "JsonApiCoursesDocument"),
                _body("ClassicPutCourse", "JsonApiPutCourse"),
            ),
        },
        _QUIZ: {
            "get": _operation("a quiz", quiz, _ok("200", "ClassicQuiz", "JsonApiQuizzesDocument")),
            "put": _operation(
                "upsert a quiz",
                quiz,
                _ok("200", "ClassicQuiz", "JsonApiQuizzesDocument"),
                _body("ClassicPutQuiz", "JsonApiPutQuiz"),
            ),
        },
        f"{_QUIZ}/submissions/{{submission_id}}": {
            "put": _operation(
                "upsert a submission",
                _path("course_id", "quiz_id", "submission_id"),
                write_ok,
                _body("ClassicPutSubmission", "JsonApiPutSubmission"),
            )
        },
        f"{_QUIZ}/submissions/bulk": {
            "post": _operation(
                "upsert many submissions",
                quiz,
                write_ok,
                {"application/json": {"schema": {"type": "object", "required": ["quiz_submissions"]}}},
            )
        },
        "/openapi.json": {"get": {"summary": "this document", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
        "/health": {"get": {"summary": "the process answers", "responses": {"200": _json_object("up")}}},
        "/ready": {
            "get": {
                "summary": "the event store, read model and broker answer",
                "responses": {"200": _json_object("ready"), "503": _json_object("a dependency does not answer")},
            }
        },
        "/metrics": {
            "get": {
                "summary": "Prometheus metrics",
                "responses": {
                    "200": {
                        "description": "text format 0.0.4",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
    }


@cache
def openapi_document() -> dict[str, Any]:
    plugin = MarshmallowPlugin()
    spec = APISpec("Quiz Reports", "0.1.0", "3.1.0", plugins=[plugin])
    assert plugin.converter is not None  # set when the spec registers the plugin
    for name, schema in components(plugin.converter).items():
        spec.components.schema(name, schema)
    error = {"description": "an error", "content": _both("ClassicError", "JsonApiErrors")}
    spec.components.response("Error", error)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    document: dict[str, Any] = spec.to_dict()
    document["paths"] = _paths()
    document["security"] = [{"bearer": []}]
    return document


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document())
