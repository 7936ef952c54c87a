"""Operations endpoints: `/health` (the process answers), `/ready` (its stores and broker answer)
and `/metrics` (Prometheus text)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from api.context import services
from api.metrics import Registry
from api.responses import JSONResponse


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> Response:
    checks = await run_in_threadpool(services(request).readiness)
    status = "ready" if all(checks.values()) else "unavailable"
    return JSONResponse({"status": status, "checks": checks}, status_code=200 if status == "ready" else 503)


async def metrics(request: Request) -> Response:
    registry: Registry = request.app.state.metrics
    states = await run_in_threadpool(services(request).report_states)
    gauges: dict[str, list[tuple[dict[str, str], float]]] = {
        "quiz_reports_reports": [({"state": state}, float(count)) for state, count in sorted(states.items())],
        "quiz_reports_queue_depth": [({}, float(states.get("queued", 0)))],
        "quiz_reports_generations_running": [({}, float(states.get("running", 0)))],
    }
    return PlainTextResponse(registry.render(gauges), media_type="text/plain; version=0.0.4")
