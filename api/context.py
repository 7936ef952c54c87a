"""What every endpoint needs from a request: the services, the caller, the host for URLs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from api.errors import NotAuthenticated
from application.access import Caller
from application.audit import Audit
from application.errors import NotFound
from application.ports import IdSequence, ReportFileStore
from application.quiz_data import QuizData
from application.reports import QuizReports
from application.tokens import Tokens

T = TypeVar("T")


class AppServices(Protocol):
    """The services the HTTP layer calls; the composition root provides them."""

    @property
    def reports(self) -> QuizReports: ...

    @property
    def quiz_data(self) -> QuizData: ...

    @property
    def audit(self) -> Audit: ...

    @property
    def tokens(self) -> Tokens: ...

    @property
    def files(self) -> ReportFileStore: ...

    @property
    def error_ids(self) -> IdSequence: ...

    def start(self) -> None: ...

    def readiness(self) -> dict[str, bool]:
        """Whether each store and the broker answer now."""
        ...

    def report_states(self) -> dict[str, int]:
        """Reports by generation state."""
        ...

    def stop(self) -> None: ...


def services(request: Request) -> AppServices:
    found: AppServices = request.app.state.services
    return found


def host(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.query_params.get("access_token") or None


def authenticate(request: Request) -> Caller:
    """The caller behind the request's token; 401 with `WWW-Authenticate` when there is none."""
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated("user authorization required")
    principal = services(request).tokens.authenticate(token)
    if principal is None:
        raise NotAuthenticated("Invalid access token.")
    return Caller(principal=principal, request_id=request.state.request_id)


async def caller_of(request: Request) -> Caller:
    return await run_in_threadpool(authenticate, request)


async def call(request: Request, use_case: Callable[[Caller], T], caller: Caller | None = None) -> T:
    """Run a (blocking) use case in the thread pool for the request's caller (authenticated now
    unless given)."""
    if caller is not None:
        return await run_in_threadpool(use_case, caller)
    return await run_in_threadpool(lambda: use_case(authenticate(request)))


MAX_ID = 2**63 - 1


def path_int(request: Request, name: str) -> int:
    """An id from the path; one no store could hold (beyond 64 bits) names nothing: 404."""
    value: Any = request.path_params[name]
    number = int(value)
    if not 0 <= number <= MAX_ID:
        raise NotFound(name)
    return number
