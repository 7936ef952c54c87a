"""The id of the request (or queue message) being served, for logs and events."""

from __future__ import annotations

from contextvars import ContextVar

CURRENT_REQUEST_ID: ContextVar[str | None] = ContextVar("current_request_id", default=None)
