"""Errors of the use cases, mapped to HTTP statuses by the API."""


class ApplicationError(Exception):
    """Base of the errors a use case raises on purpose."""


class NotFound(ApplicationError):
    """Raised when the addressed object does not exist where it was looked for."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"{kind} not found")
        self.kind = kind


class NotAuthorized(ApplicationError):
    """Raised when the caller's grants do not allow the use case."""


class InvalidReportType(ApplicationError):
    """Raised when a report type other than student_analysis or item_analysis is asked for."""


class InvalidInput(ApplicationError):
    """Raised when a command's input contradicts itself (the HTTP layer checks shapes and types)."""


class Unavailable(ApplicationError):
    """Raised when a store cannot answer now (it is down, or the read model lags behind); the
    request may be retried later."""
