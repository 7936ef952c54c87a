"""The access log's line for each request: the JSON shape of every log line, on standard error, while its
logger is enabled for INFO."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from adapters.logging_config import JsonFormatter
from api.middleware import access, log_request


@pytest.fixture
def access_level() -> Iterator[None]:
    before = access.level
    access.setLevel(logging.INFO)
    yield
    access.setLevel(before)


@pytest.mark.usefixtures("access_level")
def test_a_request_line_is_what_the_log_formatter_writes_for_the_access_logger(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log_request("GET", "/api/v1/progress/3", 404, 1.26, "trace-7")
    record = logging.LogRecord(access.name, logging.INFO, __file__, 1, "GET /api/v1/progress/3 404 1.3ms", (), None)
    record.__dict__.update(request_id="trace-7", status=404, duration_ms=1.3)

    written = capsys.readouterr().err
    line, formatted = json.loads(written), json.loads(JsonFormatter().format(record))

    assert written.endswith("\n")
    assert written.count("\n") == 1
    assert (
        list(line) == list(formatted) == ["time", "level", "logger", "message", "request_id", "status", "duration_ms"]
    )
    assert {**line, "time": None} == {**formatted, "time": None}


def test_no_line_is_written_while_the_access_logger_is_above_info(capsys: pytest.CaptureFixture[str]) -> None:
    before = access.level
    access.setLevel(logging.WARNING)
    try:
        log_request("GET", "/api/v1/progress/3", 200, 1.0, "trace-8")
    finally:
        access.setLevel(before)

    assert capsys.readouterr().err == ""
