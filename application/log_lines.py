"""The JSON text of one line of the service's logs: the fields every line carries, then its own."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import orjson


def json_line(created: float, level: str, logger: str, message: str, fields: dict[str, Any]) -> str:
    """`time` (UTC, to the millisecond, from the epoch seconds `created`), `level`, `logger` and `message`,
    then `fields`, as one line of JSON text (without its line break). A value JSON has no place for is
    written as its str()."""
    line = {
        "time": datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "logger": logger,
        "message": message,
        **fields,
    }
    try:
        return orjson.dumps(line, default=str).decode()
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, a lone surrogate
        return json.dumps(line, ensure_ascii=False, default=str)
