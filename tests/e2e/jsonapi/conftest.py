"""A JSON:API client over the in-process service that validates EVERY JSON:API response document
against the official schema (loaded with the fix in CHECKLIST §2.12)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx2
import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from tests.e2e.conftest import Api, jsonapi_schema_path

JSONAPI = "application/vnd.api+json"


def _fix_patterns(node: Any) -> Any:
    """python-jsonschema reads `patternProperties: {"": …}` as no pattern at all; `^.*$` means what was meant."""
    if isinstance(node, dict):
        return {("^.*$" if key == "" else key): _fix_patterns(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_fix_patterns(item) for item in node]
    return node


@cache
def validator() -> Draft7Validator:
    path = jsonapi_schema_path()
    if not path.is_file():
        raise FileNotFoundError(f"the JSON:API schema is missing: expected shared/jsonapi/schema.json at {path}")
    return Draft7Validator(_fix_patterns(json.loads(path.read_text())))


def validate(document: Any) -> None:
    errors = sorted(validator().iter_errors(document), key=lambda error: list(error.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)


@dataclass
class JsonApiClient:
    """Requests with `Accept: application/vnd.api+json` and the teacher's token unless told otherwise."""

    api: Api

    def request(
        self, method: str, url: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx2.Response:
        sent = {"Accept": JSONAPI, **self.api.teacher, **(headers or {})}
        if "json" in kwargs:
            kwargs["content"] = json.dumps(kwargs.pop("json"))
            sent.setdefault("Content-Type", JSONAPI)
        response = self.api.client.request(method, url, headers=sent, **kwargs)
        if response.headers.get("content-type", "").startswith(JSONAPI):
            validate(response.json())
        return response

    def get(self, url: str, **kwargs: Any) -> httpx2.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx2.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx2.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx2.Response:
        return self.request("DELETE", url, **kwargs)

    def wait_until_generated(self, report_url: str) -> dict[str, Any]:
        """The report document (with its file) once its generation completed."""
        created = self.get(f"{report_url}?include=progress").json()
        self.api.wait_for_progress(created["data"]["relationships"]["progress"]["links"]["related"])
        document: dict[str, Any] = self.get(f"{report_url}?include=file,progress").json()
        return document


def create_document(report_type: str = "student_analysis", **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "quiz-reports", "attributes": {"report_type": report_type, **attributes}}}


@pytest.fixture
def jsonapi(api: Api) -> JsonApiClient:
    return JsonApiClient(api)


@pytest.fixture
def idle_jsonapi(idle_api: Api) -> JsonApiClient:
    return JsonApiClient(idle_api)
