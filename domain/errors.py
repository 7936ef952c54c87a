"""Errors raised when a command would break a rule of the domain."""


class DomainError(Exception):
    """Raised when a command is not allowed in the aggregate's current state."""


class ReportAlreadyGenerating(DomainError):
    """Raised when generation is requested while a generation is queued or running."""


class ReportNotBeingGenerated(DomainError):
    """Raised when a report with neither a file nor a progress is aborted."""


class ReportNotAbortable(DomainError):
    """Raised when a running generation is aborted."""


class GenerationNotQueued(DomainError):
    """Raised when a worker tries to start a generation that is not queued."""


class GenerationNotRunning(DomainError):
    """Raised when a generation that is not running is advanced, completed or retried."""


class GenerationNotPending(DomainError):
    """Raised when a generation that is neither queued nor running is failed."""
