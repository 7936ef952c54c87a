"""JSON log lines, each with the id of the request or message it belongs to, on standard error (the access
log's lines too, which ``api.middleware.RequestId`` writes there itself)."""

from __future__ import annotations

import logging
from typing import Any

from application.log_lines import json_line
from application.request_id import CURRENT_REQUEST_ID

_EXTRA_FIELDS = ("status", "duration_ms", "actor", "report_id", "course_id", "quiz_id")
"""Fields a log call may add with `extra=` that the line carries (requests' outcome; audit reads)."""


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = {}
        request_id = getattr(record, "request_id", None) or CURRENT_REQUEST_ID.get()
        if request_id is not None:
            fields["request_id"] = request_id
        for key in _EXTRA_FIELDS:
            if hasattr(record, key):
                fields[key] = getattr(record, key)
        if record.exc_info:
            fields["error"] = self.formatException(record.exc_info)
        return json_line(record.created, record.levelname.lower(), record.name, record.getMessage(), fields)


def logging_config(level: str = "INFO") -> dict[str, Any]:
    """A `logging.config.dictConfig` configuration (also used for uvicorn's own loggers)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        },
    }
