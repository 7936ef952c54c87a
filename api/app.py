"""The application factory: routes, middleware, error handlers and lifespan, wired explicitly."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware

from api.context import AppServices
from api.errors import EXCEPTION_HANDLERS
from api.metrics import Metrics, Registry
from api.middleware import RequestId
from api.negotiation import ContentNegotiation
from api.rate_limit import Buckets, RateLimit
from api.routes import OPERATIONS, ROUTES
from api.versions import ReadVersions

MAX_BODY_BYTES = 64 * 1024 * 1024


def create_app(
    services: AppServices, rate_limit: Buckets | None = None, *, started: Callable[[], None] | None = None
) -> Starlette:
    """A Starlette app over `services`; starting the app starts them, stopping it stops them.
    `rate_limit` defaults to Canvas-like buckets of 700 requests refilled at 100 per second. `started` runs
    once they have started: the serving process settles there (`adapters.process.settle`)."""
    registry = Registry()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(services.start)
        if started is not None:
            started()
        try:
            yield
        finally:
            await run_in_threadpool(services.stop)

    app = Starlette(
        routes=[*ROUTES, *OPERATIONS],
        middleware=[
            Middleware(RequestId),
            Middleware(Metrics, registry=registry),
            Middleware(ContentNegotiation),
            Middleware(RateLimit, buckets=rate_limit or Buckets(capacity=700, per_second=100)),
        ],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.services = services
    app.state.read_versions = ReadVersions(services.reports)
    app.state.metrics = registry
    return app
