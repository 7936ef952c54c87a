"""The application factory: routes, middleware, error handlers and lifespan, wired explicitly."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware

from api.context import AppServices
from api.errors import EXCEPTION_HANDLERS
from api.middleware import RequestId
from api.negotiation import ContentNegotiation
from api.routes import ROUTES

MAX_BODY_BYTES = 64 * 1024 * 1024


def create_app(services: AppServices) -> Starlette:
    """A Starlette app over `services`; starting the app starts them, stopping it stops them."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(services.start)
        try:
            yield
        finally:
            await run_in_threadpool(services.stop)

    app = Starlette(
        routes=ROUTES,
        middleware=[Middleware(RequestId), Middleware(ContentNegotiation)],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.services = services
    return app
