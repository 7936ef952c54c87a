"""Bodies rendered once per record and URLs worked out once per address: the same as rendering them anew."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import orjson
import pytest
from starlette.requests import Request

from api import classic
from api.context import host
from api.jsonapi_documents import document, record_document, report_source
from api.jsonapi_query import JsonApiQuery, document_url
from application.records import FileRecord, ProgressRecord, ReportRecord

HOST = "http://reports.example:8000"
CREATED = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
PROGRESS = ProgressRecord(2, 1, 3, 8, "completed", 100.0, None, CREATED, CREATED)
FILE = FileRecord(4, 1, 3, 8, "a1b2", "quiz.csv", "Quiz Student Analysis Report.csv", 120, "ff", 3, CREATED)
REPORT = ReportRecord(1, 3, 8, "student_analysis", False, True, False, True, CREATED, CREATED, PROGRESS, FILE)
BARE = ReportRecord(5, 3, 8, "item_analysis", True, False, False, True, CREATED, CREATED, None, None)
QUERIES = [
    JsonApiQuery(),
    JsonApiQuery(include=frozenset({"file", "progress"})),
    JsonApiQuery(include=frozenset({"progress"}), fields={"quiz-reports": frozenset({"url", "progress"})}),
    JsonApiQuery(include=frozenset({"file"}), fields={"files": frozenset({"size"}), "progress": frozenset()}),
]


@pytest.mark.parametrize("with_progress", [True, False])
def test_a_rendered_report_is_its_report_json(with_progress: bool) -> None:
    rendered = classic.rendered_report(HOST, REPORT, with_progress)

    assert rendered == orjson.dumps(classic.report_json(HOST, REPORT, with_file=True, with_progress=with_progress))


def test_rendered_reports_are_the_list_rendered_at_once() -> None:
    expected = [classic.report_json(HOST, r, with_file=True, with_progress=True) for r in (REPORT, BARE)]

    assert classic.rendered_reports(HOST, [REPORT, BARE]) == orjson.dumps(expected)


def test_a_rendered_progress_and_file_are_their_json() -> None:
    assert classic.rendered_progress(HOST, PROGRESS) == orjson.dumps(classic.progress_json(HOST, PROGRESS))
    assert classic.rendered_file(HOST, FILE) == orjson.dumps(classic.file_json(HOST, FILE))


@pytest.mark.parametrize("query", QUERIES)
def test_a_record_document_is_the_document_of_its_sources(query: JsonApiQuery) -> None:
    one = record_document("quiz-reports", REPORT, host=HOST, self_link="self", query=query)
    many = record_document("quiz-reports", (REPORT, BARE), host=HOST, self_link="self", query=query)

    assert orjson.dumps(one) == orjson.dumps(_document(report_source(HOST, REPORT), query))
    sources = [report_source(HOST, REPORT), report_source(HOST, BARE)]
    assert orjson.dumps(many) == orjson.dumps(_document(sources, query))


def test_sparse_fieldsets_leave_the_remembered_rendering_whole() -> None:
    whole = JsonApiQuery(include=frozenset({"file", "progress"}))
    sparse = JsonApiQuery(include=whole.include, fields={"quiz-reports": frozenset(), "files": frozenset({"size"})})
    record_document("quiz-reports", REPORT, host=HOST, self_link="self", query=sparse)

    again = record_document("quiz-reports", REPORT, host=HOST, self_link="self", query=whole)

    assert orjson.dumps(again) == orjson.dumps(_document(report_source(HOST, REPORT), whole))


def _document(sources: dict[str, Any] | list[dict[str, Any]], query: JsonApiQuery) -> dict[str, Any]:
    return document("quiz-reports", sources, host=HOST, self_link="self", query=query)


def _request(path: str = "/api/v1/progress/2", query: bytes = b"", **scope: Any) -> Request:
    return Request(
        {
            "type": "http",
            "scheme": "http",
            "server": ("127.0.0.1", 8000),
            "path": path,
            "query_string": query,
            "root_path": "",
            "headers": [(b"host", b"reports.example:8000"), (b"accept", b"*/*")],
            **scope,
        }
    )


REQUESTS = [
    _request(),
    _request(headers=[]),
    _request(headers=[], server=("10.0.0.1", 80)),
    _request(scheme="https", headers=[(b"host", b"secure.example"), (b"host", b"second.example")]),
    _request(root_path="/reports", path="/reports/api/v1/progress/2"),
    _request(query=b"include=file,progress&access_token=secret&fields%5Bfiles%5D=size"),
    _request(query=b"access_token=secret"),
]


@pytest.mark.parametrize("request_", REQUESTS)
def test_host_is_the_base_url_without_its_slash(request_: Request) -> None:
    assert host(request_) == str(_request(**request_.scope).base_url).rstrip("/")


@pytest.mark.parametrize("request_", REQUESTS)
def test_the_document_url_is_the_url_less_the_access_token(request_: Request) -> None:
    fresh = _request(**request_.scope)
    kept = [(k, v) for k, v in fresh.query_params.multi_items() if k != "access_token"]
    url = fresh.url.remove_query_params(list(fresh.query_params.keys()))

    assert document_url(request_) == (str(url.replace(query=urlencode(kept))) if kept else str(url))
