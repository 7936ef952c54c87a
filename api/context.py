"""What every endpoint needs from a request: the services, the caller, the host for URLs."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import Scope

from api.errors import NotAuthenticated
from api.raw_headers import first
from application.access import Caller
from application.audit import Audit
from application.errors import NotFound
from application.ports import IdSequence, ReportFileStore
from application.quiz_data import QuizData
from application.records import ReadVersion
from application.remembered import NotRemembered
from application.reports import QuizReports
from application.tokens import Tokens

if TYPE_CHECKING:
    from api.versions import ReadVersions

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


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


class ReadUseCase(Protocol[T_co]):
    """A read use case of the request's caller, as of a read-model version (see `QuizReports`)."""

    def __call__(self, caller: Caller, *, version: ReadVersion | None, from_memory: bool) -> T_co: ...


def services(request: Request) -> AppServices:
    found: AppServices = request.app.state.services
    return found


def read_versions(request: Request) -> ReadVersions:
    found: ReadVersions = request.app.state.read_versions
    return found


Address = tuple[str, tuple[str, int] | None, bytes | None]
"""What a request's URLs are made of besides its paths and query: its scheme, server and (first) Host header."""


def address(request: Request) -> Address:
    scope = request.scope
    server = scope.get("server")
    host_header = next((value for key, value in scope["headers"] if key == b"host"), None)
    return scope.get("scheme", "http"), None if server is None else tuple(server), host_header


def scope_at(at: Address, path: str, query_string: bytes = b"", root_path: str = "") -> Scope:
    """A request scope with `at`'s address, for URLs that depend on nothing else."""
    scheme, server, host_header = at
    headers = [] if host_header is None else [(b"host", host_header)]
    return {
        "type": "http",
        "scheme": scheme,
        "server": server,
        "path": path,
        "query_string": query_string,
        "root_path": root_path,
        "headers": headers,
    }


def host(request: Request) -> str:
    """The request's base URL without its trailing slash: what absolute URLs in a response start with."""
    scope = request.scope
    return _host(address(request), scope.get("app_root_path", scope.get("root_path", "")))


@lru_cache(maxsize=256)
def _host(at: Address, root_path: str) -> str:
    # Remembered: clients send the same address again and again.
    return str(Request(scope_at(at, "/", root_path=root_path)).base_url).rstrip("/")


def bearer_token(request: Request) -> str | None:
    header = first(request.scope["headers"], b"authorization") or b""
    scheme, _, token = header.decode("latin-1").partition(" ")
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


def known_caller(request: Request) -> Caller | None:
    """The caller behind the request's token when this process authenticated the token before (no store
    is asked); None when `authenticate` must look it up."""
    token = bearer_token(request)
    principal = services(request).tokens.known(token) if token is not None else None
    return None if principal is None else Caller(principal=principal, request_id=request.state.request_id)


async def caller_of(request: Request) -> Caller:
    return await run_in_threadpool(authenticate, request)


async def call(request: Request, use_case: Callable[[Caller], T], caller: Caller | None = None) -> T:
    """Run a (blocking) use case in the thread pool for the request's caller (authenticated now
    unless given)."""
    if caller is not None:
        return await run_in_threadpool(use_case, caller)
    return await run_in_threadpool(lambda: use_case(authenticate(request)))


async def read(request: Request, use_case: ReadUseCase[T], *, caught_up: bool = False) -> T:
    """Run a read use case for the request's caller as of a version of the read model read after the request
    arrived (`caught_up`: after bringing the read model up to the end of the log): on the event loop when the
    caller is known and the answer is remembered under that version, otherwise in the thread pool, which
    remembers what it reads."""
    caller = known_caller(request)
    version = await read_versions(request).read(caught_up=caught_up)
    if caller is not None and version is not None:
        try:
            return use_case(caller, version=version, from_memory=True)
        except NotRemembered:
            pass
    return await call(request, lambda caller: use_case(caller, version=version, from_memory=False), caller)


MAX_ID = 2**63 - 1


def path_int(request: Request, name: str) -> int:
    """An id from the path; one no store could hold (beyond 64 bits) names nothing: 404."""
    value: Any = request.path_params[name]
    number = int(value)
    if not 0 <= number <= MAX_ID:
        raise NotFound(name)
    return number
