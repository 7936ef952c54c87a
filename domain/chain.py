"""The hash chain that makes each aggregate's history tamper-evident.

Every event carries `chain_hash`: the SHA-256 of the previous event's chain hash (`GENESIS` before the
first event) followed by the event's canonical content. Changing, deleting or reordering a stored event
breaks the chain from that event on, and the last hash of each aggregate (its head) pins the whole
history, so heads kept elsewhere also reveal a truncated history.

Canonical content: the event's type name and every attribute but `chain_hash` (ids, version, time and the
event's own fields) as JSON with sorted keys and no whitespace, UTF-8; times as ISO 8601 text, UUIDs as
text. Content that orjson cannot write (integers beyond 64 bits, keys that are not text) is written by the
standard library's `json` in the same canonical shape instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson

GENESIS = "0" * 64
CHAIN_FIELD = "chain_hash"


def link(previous: str, event_type: str, content: Mapping[str, Any]) -> str:
    """The chain hash of an event of `event_type` with `content` that follows the hash `previous`."""
    digest = hashlib.sha256(previous.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(event_type, content))
    return digest.hexdigest()


def canonical(event_type: str, content: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: the type name and the content except its chain hash."""
    document = {name: value for name, value in content.items() if name != CHAIN_FIELD}
    document["__type__"] = event_type
    try:
        return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_text)
        return text.encode("utf-8")


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not part of an event's content")
