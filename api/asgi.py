"""The ASGI entry point: `uvicorn --factory api.asgi:create_service_app`."""

from __future__ import annotations

from starlette.applications import Starlette

from adapters.bootstrap import build_services
from adapters.process import settle
from adapters.settings import Settings
from api.app import create_app
from api.rate_limit import Buckets


def create_service_app(settings: Settings | None = None) -> Starlette:
    chosen = settings or Settings.from_env()
    buckets = Buckets(capacity=chosen.rate_limit_burst, per_second=chosen.rate_limit_per_second)
    return create_app(build_services(chosen), rate_limit=buckets, started=settle)
