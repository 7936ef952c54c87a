"""Deterministic aggregate ids derived from the natural keys of Canvas objects."""

from uuid import UUID, uuid5

_NAMESPACE = UUID("8f0f3a52-6b8e-4d0b-9a57-1c55a0d3e1b4")


def course_id(course: int) -> UUID:
    return uuid5(_NAMESPACE, f"course/{course}")


def quiz_id(course: int, quiz: int) -> UUID:
    return uuid5(_NAMESPACE, f"course/{course}/quiz/{quiz}")


def submission_id(course: int, quiz: int, submission: int) -> UUID:
    return uuid5(_NAMESPACE, f"course/{course}/quiz/{quiz}/submission/{submission}")


def report_id(report: int) -> UUID:
    return uuid5(_NAMESPACE, f"report/{report}")


def current_report_id(course: int, quiz: int, key: str) -> UUID:
    return uuid5(_NAMESPACE, f"course/{course}/quiz/{quiz}/current-report/{key}")
