"""Prometheus metrics of the HTTP layer: requests by route and status, and latency histograms,
recorded by a pure ASGI middleware; rendered with the service's own gauges in text format 0.0.4."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Registry:
    """Counters and histograms keyed by labels; safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self._latency: dict[tuple[str, str], list[int]] = {}
        self._latency_sum: dict[tuple[str, str], float] = defaultdict(float)

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[(route, method, str(status))] += 1
            counts = self._latency.setdefault((route, method), [0] * (len(BUCKETS) + 1))
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[index] += 1
            counts[-1] += 1
            self._latency_sum[(route, method)] += seconds

    def render(self, gauges: Mapping[str, Iterable[tuple[dict[str, str], float]]]) -> str:
        lines = ["# TYPE quiz_reports_http_requests_total counter"]
        with self._lock:
            for (route, method, status), count in sorted(self._requests.items()):
                labels = _labels({"route": route, "method": method, "status": status})
                lines.append(f"quiz_reports_http_requests_total{labels} {count}")
            latency = "quiz_reports_http_request_duration_seconds"
            lines.append(f"# TYPE {latency} histogram")
            for (route, method), counts in sorted(self._latency.items()):
                base = {"route": route, "method": method}
                for bound, count in zip(BUCKETS, counts, strict=False):
                    lines.append(f"{latency}_bucket{_labels({**base, 'le': str(bound)})} {count}")
                lines.append(f"{latency}_bucket{_labels({**base, 'le': '+Inf'})} {counts[-1]}")
                lines.append(f"{latency}_sum{_labels(base)} {self._latency_sum[(route, method)]}")
                lines.append(f"{latency}_count{_labels(base)} {counts[-1]}")
        for name, samples in gauges.items():
            lines.append(f"# TYPE {name} gauge")
            lines.extend(f"{name}{_labels(labels)} {value}" for labels, value in samples)
        return "\n".join(lines) + "\n"


def _labels(labels: Mapping[str, str]) -> str:
    escaped = (
        f'{key}="{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
        for key, value in labels.items()
    )
    return "{" + ",".join(escaped) + "}" if labels else ""


class Metrics:
    """Records every HTTP request under its route template (not its concrete path)."""

    def __init__(self, app: ASGIApp, registry: Registry) -> None:
        self.app = app
        self.registry = registry

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_recording)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.registry.observe(route, scope["method"], status, time.perf_counter() - started)
