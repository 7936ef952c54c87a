from __future__ import annotations

import json
import logging

from adapters.logging_config import JsonFormatter
from application.request_id import CURRENT_REQUEST_ID


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord("quiz_reports.test", logging.INFO, __file__, 1, "made %s", ("it",), None)
    record.__dict__.update(extra)
    return record


def test_a_log_line_is_json_with_the_current_request_id() -> None:
    token = CURRENT_REQUEST_ID.set("req-1")
    try:
        line = json.loads(JsonFormatter().format(_record()))
    finally:
        CURRENT_REQUEST_ID.reset(token)

    assert line["message"] == "made it"
    assert line["level"] == "info"
    assert line["request_id"] == "req-1"


def test_a_request_id_given_with_the_record_wins() -> None:
    line = json.loads(JsonFormatter().format(_record(request_id="req-2", status=200)))

    assert (line["request_id"], line["status"]) == ("req-2", 200)


def test_an_audit_read_names_its_reader_and_report() -> None:
    line = json.loads(JsonFormatter().format(_record(actor="1", report_id=5, course_id=3, quiz_id=8)))

    assert (line["actor"], line["report_id"], line["course_id"], line["quiz_id"]) == ("1", 5, 3, 8)
