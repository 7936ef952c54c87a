"""JSON Schemas of both formats for the OpenAPI document, derived from the marshmallow schemas the
code renders and validates with: JSON:API resources from the marshmallow-jsonapi schemas (their
attribute fields, relationships and `links.self`), Canvas's classic objects from the same attribute
fields with integer ids, request bodies from the ingestion schemas."""

from __future__ import annotations

from typing import Any

from apispec.ext.marshmallow.openapi import OpenAPIConverter
from marshmallow import Schema
from marshmallow_jsonapi.fields import BaseRelationship

from api.ingestion_schemas import CourseSchema, QuizSchema, SubmissionSchema
from api.jsonapi_schemas import RELATIONSHIPS, SCHEMAS
from domain.reports import REPORT_TYPES

STRING: dict[str, Any] = {"type": "string"}
INTEGER: dict[str, Any] = {"type": "integer"}
LINKS: dict[str, Any] = {"type": "object", "properties": {"self": STRING}, "required": ["self"]}
LINKAGE: dict[str, Any] = {
    "type": ["object", "null"],
    "properties": {"type": STRING, "id": STRING},
    "required": ["type", "id"],
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _component(type_: str) -> str:
    return "".join(part.capitalize() for part in type_.split("-"))


def attributes(converter: OpenAPIConverter, type_: str) -> dict[str, Any]:
    declared = SCHEMAS[type_]._declared_fields
    properties = {}
    for name, field in declared.items():
        if name == "id" or isinstance(field, BaseRelationship):
            continue
        prop = converter.field2property(field)
        prop.pop("readOnly", None)
        properties[field.data_key or name] = prop
    return properties


def resource(converter: OpenAPIConverter, type_: str) -> dict[str, Any]:
    relationship = {
        "type": "object",
        "properties": {"data": LINKAGE, "links": {"type": "object", "properties": {"related": STRING}}},
    }
    return {
        "type": "object",
        "required": ["type", "id", "links"],
        "properties": {
            "type": {"const": type_},
            "id": STRING,
            "attributes": {"type": "object", "properties": attributes(converter, type_), "additionalProperties": False},
            "relationships": {
                "type": "object",
                "properties": dict.fromkeys(RELATIONSHIPS.get(type_, ()), relationship),
                "additionalProperties": False,
            },
            "links": LINKS,
        },
        "additionalProperties": False,
    }


def _document(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["data", "links"],
        "properties": {
            "jsonapi": {"type": "object"},
            "links": LINKS,
            "data": data,
            "included": {"type": "array", "items": {"anyOf": [_ref("JsonApiProgress"), _ref("JsonApiFiles")]}},
        },
        "additionalProperties": False,
    }


def classic(converter: OpenAPIConverter, type_: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = {"id": INTEGER, **attributes(converter, type_), **(extra or {})}
    return {"type": "object", "required": ["id"], "properties": properties}


def components(converter: OpenAPIConverter) -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = {}
    for type_ in SCHEMAS:
        name = _component(type_)
        schemas[f"JsonApi{name}"] = resource(converter, type_)
        schemas[f"JsonApi{name}Document"] = _document(_ref(f"JsonApi{name}"))
    schemas["JsonApiQuizReportsCollection"] = _document({"type": "array", "items": _ref("JsonApiQuizReports")})
    # Events appear only in history documents and have no link of their own.
    event = schemas["JsonApiEvents"]
    event["required"].remove("links")
    del event["properties"]["links"]
    schemas["JsonApiEventsCollection"] = _document({"type": "array", "items": _ref("JsonApiEvents")})
    for name in ("Files", "Progress"):
        schemas[f"JsonApiRelated{name}Document"] = _document({"anyOf": [_ref(f"JsonApi{name}"), {"type": "null"}]})
    schemas["JsonApiMetaDocument"] = {
        "type": "object",
        "required": ["meta"],
        "properties": {"jsonapi": {"type": "object"}, "links": LINKS, "meta": {"type": "object"}},
    }
    schemas["JsonApiErrors"] = {
        "type": "object",
        "required": ["errors"],
        "properties": {"errors": {"type": "array", "minItems": 1, "items": _error_object()}},
        "additionalProperties": False,
    }
    schemas["ClassicProgress"] = classic(converter, "progress")
    schemas["ClassicFile"] = classic(converter, "files")
    schemas["ClassicQuizReport"] = classic(
        converter,
        "quiz-reports",
        {
            "progress_url": STRING,
            "progress": _ref("ClassicProgress"),
            "file": _ref("ClassicFile"),
            "quiz_id": INTEGER,
            "course_id": INTEGER,
        },
    )
    schemas["ClassicQuiz"] = classic(converter, "quizzes", {"course_id": INTEGER})
    schemas["ClassicEvent"] = _classic_event(converter)
    schemas["ClassicCourse"] = classic(converter, "courses")
    schemas["ClassicError"] = {"type": "object", "properties": {"status": STRING, "message": STRING}}
    schemas["ClassicWriteResult"] = {"type": "object", "additionalProperties": INTEGER}
    schemas.update(_requests(converter))
    return schemas


def _classic_event(converter: OpenAPIConverter) -> dict[str, Any]:
    """A history entry: the `events` attributes with the event's name as `type`."""
    properties = attributes(converter, "events")
    properties["type"] = properties.pop("event_type")
    required = ["version", "type", "occurred_at", "actor", "request_id", "chain_hash", "data"]
    return {"type": "object", "required": required, "properties": properties}


def _error_object() -> dict[str, Any]:
    source = {"type": "object", "properties": {"pointer": STRING, "parameter": STRING, "header": STRING}}
    return {
        "type": "object",
        "required": ["status", "code", "title", "detail"],
        "properties": {
            "status": STRING,
            "code": STRING,
            "title": STRING,
            "detail": STRING,
            "source": source,
            "meta": {"type": "object"},
        },
    }


def _jsonapi_request(type_: str, attributes_: dict[str, Any], *, with_id: bool) -> dict[str, Any]:
    required = ["type", "id", "attributes"] if with_id else ["type", "attributes"]
    data = {
        "type": "object",
        "required": required,
        "properties": {"type": {"const": type_}, "id": STRING, "attributes": attributes_},
    }
    if not with_id:
        del data["properties"]["id"]  # type: ignore[attr-defined]
    return {"type": "object", "required": ["data"], "properties": {"data": data}}


def _requests(converter: OpenAPIConverter) -> dict[str, dict[str, Any]]:
    def of(schema: type[Schema]) -> dict[str, Any]:
        converted: dict[str, Any] = converter.schema2jsonschema(schema)  # type: ignore[no-untyped-call]
        return converted

    report = {
        "type": "object",
        "required": ["report_type"],
        "properties": {"report_type": {"enum": list(REPORT_TYPES)}, "includes_all_versions": {"type": "boolean"}},
        "additionalProperties": False,
    }
    submission = of(SubmissionSchema)
    return {
        "ClassicCreateReport": {"type": "object", "properties": {"quiz_report": report}},
        "JsonApiCreateReport": _jsonapi_request("quiz-reports", report, with_id=False),
        "ClassicPutCourse": {"type": "object", "required": ["course"], "properties": {"course": of(CourseSchema)}},
        "JsonApiPutCourse": _jsonapi_request("courses", of(CourseSchema), with_id=True),
        "ClassicPutQuiz": {"type": "object", "required": ["quiz"], "properties": {"quiz": of(QuizSchema)}},
        "JsonApiPutQuiz": _jsonapi_request("quizzes", of(QuizSchema), with_id=True),
        "ClassicPutSubmission": {
            "type": "object",
            "required": ["quiz_submission"],
            "properties": {"quiz_submission": submission},
        },
        "JsonApiPutSubmission": _jsonapi_request("quiz-submissions", submission, with_id=True),
    }
