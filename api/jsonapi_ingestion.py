"""Courses, quizzes and submissions in JSON:API mode. Reads render `courses` and `quizzes`
resources; writes take one resource object whose `id` is the URL's (`courses`, `quizzes`,
`quiz-submissions`; a bulk write an array of `quiz-submissions`) with the Canvas object's fields as
attributes. Submissions have no resource to fetch, so their writes answer a meta-only document."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema
from starlette.requests import Request
from starlette.responses import Response

from api.context import call, caller_of, host, path_int, services
from api.errors import BadRequest, Conflict
from api.ingestion_schemas import CourseSchema, QuizSchema, SubmissionSchema
from api.jsonapi_bodies import document_of, load_attributes, resource_of
from api.jsonapi_documents import course_source, document, meta_document, quiz_source
from api.jsonapi_query import document_url, parse_query
from api.jsonapi_schemas import quiz_resource_id
from api.problems import JsonApiResponse


async def _attributes(request: Request, type_: str, resource_id: str, schema: Schema) -> dict[str, Any]:
    data = (await document_of(request))["data"]
    return load_attributes(schema, resource_of(data, type_, resource_id=resource_id))


async def get_course(request: Request) -> Response:
    query = parse_query(request)
    course_id = path_int(request, "course_id")
    quiz_data = services(request).quiz_data
    record = await call(request, lambda caller: quiz_data.course(caller, course_id))
    body = document("courses", course_source(record), host=host(request), self_link=document_url(request), query=query)
    return JsonApiResponse(body)


async def put_course(request: Request) -> Response:
    query = parse_query(request)
    course_id = path_int(request, "course_id")
    caller = await caller_of(request)
    course = await _attributes(request, "courses", str(course_id), CourseSchema())
    quiz_data = services(request).quiz_data
    record = await call(
        request,
        lambda caller: quiz_data.put_course(caller, course_id, course["name"], course["root_account_has_trusts"]),
        caller,
    )
    body = document("courses", course_source(record), host=host(request), self_link=document_url(request), query=query)
    return JsonApiResponse(body)


async def get_quiz(request: Request) -> Response:
    query = parse_query(request)
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    quiz_data = services(request).quiz_data
    record = await call(request, lambda caller: quiz_data.quiz(caller, course_id, quiz_id))
    body = document("quizzes", quiz_source(record), host=host(request), self_link=document_url(request), query=query)
    return JsonApiResponse(body)


async def put_quiz(request: Request) -> Response:
    query = parse_query(request)
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    caller = await caller_of(request)
    definition = await _attributes(request, "quizzes", quiz_resource_id(course_id, quiz_id), QuizSchema())
    quiz_data = services(request).quiz_data
    record = await call(request, lambda caller: quiz_data.put_quiz(caller, course_id, quiz_id, definition), caller)
    body = document("quizzes", quiz_source(record), host=host(request), self_link=document_url(request), query=query)
    return JsonApiResponse(body)


async def put_submission(request: Request) -> Response:
    parse_query(request)
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    submission_id = path_int(request, "submission_id")
    caller = await caller_of(request)
    submission = await _attributes(request, "quiz-submissions", str(submission_id), SubmissionSchema())
    submission["id"] = submission_id
    quiz_data = services(request).quiz_data
    recorded = await call(
        request, lambda caller: quiz_data.put_submissions(caller, course_id, quiz_id, [submission]), caller
    )
    return JsonApiResponse(meta_document({"events_recorded": recorded}, document_url(request)))


async def bulk_submissions(request: Request) -> Response:
    parse_query(request)
    course_id, quiz_id = path_int(request, "course_id"), path_int(request, "quiz_id")
    caller = await caller_of(request)
    data = (await document_of(request))["data"]
    if not isinstance(data, list) or not 1 <= len(data) <= 1000:
        raise BadRequest("data must be an array of 1 to 1,000 quiz-submissions", source={"pointer": "/data"})
    submissions = [_submission(resource, f"/data/{index}") for index, resource in enumerate(data)]
    ids = [submission["id"] for submission in submissions]
    if len(set(ids)) != len(ids):
        duplicate = next(index for index, found in enumerate(ids) if found in ids[:index])
        raise Conflict("submission ids must be unique", source={"pointer": f"/data/{duplicate}/id"})
    quiz_data = services(request).quiz_data
    recorded = await call(
        request, lambda caller: quiz_data.put_submissions(caller, course_id, quiz_id, submissions), caller
    )
    return JsonApiResponse(
        meta_document({"submissions": len(submissions), "events_recorded": recorded}, document_url(request))
    )


def _submission(resource: Any, pointer: str) -> dict[str, Any]:
    identifier = resource.get("id") if isinstance(resource, dict) else None
    if not isinstance(identifier, str) or not identifier.isdigit():
        raise BadRequest("every quiz-submission needs a numeric string id", source={"pointer": f"{pointer}/id"})
    attributes = resource_of(resource, "quiz-submissions", pointer, resource_id=identifier)
    loaded = load_attributes(SubmissionSchema(), attributes, pointer)
    return {**loaded, "id": int(identifier)}
