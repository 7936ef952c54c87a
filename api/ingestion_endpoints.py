"""Courses, quizzes and submissions: idempotent upserts of Canvas-shaped data, and reads."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from api import classic
from api.context import call, caller_of, path_int, services
from api.errors import BadRequest
from api.ingestion_schemas import BulkSubmissionsSchema, CourseSchema, QuizSchema, SubmissionSchema
from api.params import body_params
from api.responses import JSONResponse


def _field_errors(messages: Any, prefix: str) -> list[dict[str, Any]]:
    """marshmallow's nested messages as a flat list of {field, message}."""
    if isinstance(messages, dict):
        return [e for key, value in messages.items() for e in _field_errors(value, _join(prefix, key))]
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [{"field": prefix, "message": " ".join(messages)}]
    return [{"field": prefix, "message": str(messages)}]


def _join(prefix: str, key: Any) -> str:
    return f"{prefix}.{key}" if prefix else str(key)


async def _load(request: Request, root: str, schema: Schema, wrapped: bool = True) -> dict[str, Any]:
    params = await body_params(request)
    payload = params.get(root) if wrapped else params
    if not isinstance(payload, dict):
        raise BadRequest(f"the body must hold a {root!r} object", [{"field": root, "message": "Missing object."}])
    try:
        loaded: dict[str, Any] = schema.load(payload)
    except ValidationError as error:
        errors = _field_errors(error.messages, root if wrapped else "")
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        raise BadRequest(f"invalid {root}: {summary}", errors) from error
    return loaded


async def put_course(request: Request) -> Response:
    course_id = path_int(request, "course_id")
    caller = await caller_of(request)
    course = await _load(request, "course", CourseSchema())
    quiz_data = services(request).quiz_data
    record = await call(
        request,
        lambda caller: quiz_data.put_course(caller, course_id, course["name"], course["root_account_has_trusts"]),
        caller,
    )
    return JSONResponse({"id": record.course_id, "name": record.name})


async def get_course(request: Request) -> Response:
    course_id = path_int(request, "course_id")
    quiz_data = services(request).quiz_data
    record = await call(request, lambda caller: quiz_data.course(caller, course_id))
    return JSONResponse({"id": record.course_id, "name": record.name})


async def put_quiz(request: Request) -> Response:
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    caller = await caller_of(request)
    definition = await _load(request, "quiz", QuizSchema())
    quiz_data = services(request).quiz_data
    record = await call(request, lambda caller: quiz_data.put_quiz(caller, course_id, quiz_id, definition), caller)
    return JSONResponse(classic.quiz_json(record))


async def get_quiz(request: Request) -> Response:
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    quiz_data = services(request).quiz_data
    record = await call(request, lambda caller: quiz_data.quiz(caller, course_id, quiz_id))
    return JSONResponse(classic.quiz_json(record))


async def put_submission(request: Request) -> Response:
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    submission_id = path_int(request, "submission_id")
    caller = await caller_of(request)
    submission = await _load(request, "quiz_submission", SubmissionSchema())
    if submission.setdefault("id", submission_id) != submission_id:
        raise BadRequest(
            "quiz_submission.id differs from the id in the path",
            [{"field": "quiz_submission.id", "message": "Must match the path."}],
        )
    quiz_data = services(request).quiz_data
    recorded = await call(
        request, lambda caller: quiz_data.put_submissions(caller, course_id, quiz_id, [submission]), caller
    )
    return JSONResponse({"id": submission_id, "events_recorded": recorded})


async def bulk_submissions(request: Request) -> Response:
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    caller = await caller_of(request)
    body = await _load(request, "quiz_submissions", BulkSubmissionsSchema(), wrapped=False)
    submissions = body["quiz_submissions"]
    quiz_data = services(request).quiz_data
    recorded = await call(
        request, lambda caller: quiz_data.put_submissions(caller, course_id, quiz_id, submissions), caller
    )
    return JSONResponse({"submissions": len(submissions), "events_recorded": recorded})
