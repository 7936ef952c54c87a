"""The ASGI entry point: `uvicorn --factory api.asgi:create_service_app`."""

from __future__ import annotations

from starlette.applications import Starlette

from adapters.bootstrap import build_services
from adapters.settings import Settings
from api.app import create_app


def create_service_app(settings: Settings | None = None) -> Starlette:
    return create_app(build_services(settings or Settings.from_env()))
