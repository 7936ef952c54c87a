"""Per-token rate limiting, as Canvas does it: a leaky bucket per access token; a request that finds
it full gets 429, and every response says what is left in `X-Rate-Limit-Remaining` (which
`canvasapi` reads). Buckets are per process; behind N processes a token may spend N buckets."""

from __future__ import annotations

import hashlib
import threading
import time

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.context import bearer_token
from api.problems import Problem, error_response
from api.raw_headers import put


class Buckets:
    """`capacity` requests at once, refilled at `per_second`."""

    def __init__(self, capacity: float, per_second: float) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self._lock = threading.Lock()
        self._levels: dict[str, tuple[float, float]] = {}

    def take(self, key: str, now: float | None = None) -> float | None:
        """Spend one request of `key`'s bucket; the remainder, or None when it is empty."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            level, since = self._levels.get(key, (self.capacity, moment))
            level = min(self.capacity, level + (moment - since) * self.per_second)
            if level < 1:
                self._levels[key] = (level, moment)
                return None
            self._levels[key] = (level - 1, moment)
            if len(self._levels) > 100_000:
                self._levels.clear()  # a flood of distinct tokens must not grow memory without bound
            return level - 1


class RateLimit:
    def __init__(self, app: ASGIApp, buckets: Buckets) -> None:
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = bearer_token(request)
        if token is None:
            await self.app(scope, receive, send)
            return
        remaining = self.buckets.take(hashlib.sha256(token.encode()).hexdigest())
        if remaining is None:
            message = "Rate Limit Exceeded"
            response = error_response(
                request,
                429,
                {"status": "too_many_requests", "message": message},
                [Problem(429, "too_many_requests", message)],
                {"X-Rate-Limit-Remaining": "0.0", "Retry-After": "1"},
            )
            await response(scope, receive, send)
            return

        async def send_with_remaining(message: Message) -> None:
            if message["type"] == "http.response.start":
                put(message, b"x-rate-limit-remaining", f"{remaining:.1f}".encode("latin-1"))
            await send(message)

        await self.app(scope, receive, send_with_remaining)
