"""`GET /openapi.json`: OpenAPI 3.1 of every route, in both formats."""

from __future__ import annotations

from starlette.routing import Route

from api.routes import OPERATIONS, ROUTES
from tests.e2e.conftest import Api


def test_the_document_is_openapi_3_1(api: Api) -> None:
    document = api.client.get("/openapi.json").json()

    assert document["openapi"] == "3.1.0"


def test_every_route_is_described(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]

    described = {(path, method.upper()) for path, operations in paths.items() for method in operations}
    routed = {
        (route.path.replace(":int}", "}"), method)
        for route in [*ROUTES, *OPERATIONS]
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }
    assert routed == described


def test_report_responses_are_described_in_both_formats(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]

    content = paths["/api/v1/courses/{course_id}/quizzes/{quiz_id}/reports/{report_id}"]["get"]["responses"]["200"]

    assert set(content["content"]) == {"application/json", "application/vnd.api+json"}


def test_jsonapi_attributes_come_from_the_marshmallow_jsonapi_schema(api: Api) -> None:
    schemas = api.client.get("/openapi.json").json()["components"]["schemas"]

    attributes = schemas["JsonApiFiles"]["properties"]["attributes"]["properties"]

    assert attributes["content-type"] == {"type": "string"}
    assert attributes["size"] == {"type": "integer"}
