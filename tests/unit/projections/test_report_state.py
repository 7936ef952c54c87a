"""A report rebuilt in memory from its first N events (projections.report_state) equals the SQL read
model's report after the same N events, for every N of a lifecycle with retries, failures and removals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from eventsourcing.persistence import Tracking

from adapters.sqlite.read_model import SQLiteReadModel
from domain.quiz import Quiz
from domain.quiz_report import GeneratedFile, QuizReport
from projections.read_model import ReadModelProjection
from projections.report_state import report_state

LIFECYCLE: list[Callable[[QuizReport], object]] = [
    lambda r: r.request_generation(11, "1", "request-1"),
    lambda r: r.start("system", "message-1"),
    lambda r: r.update_progress(30.0, "system", "message-1"),
    lambda r: r.retry_interrupted("system", "lease-expired"),
    lambda r: r.start("system", "message-2"),
    lambda r: r.fail("Unexpected error, ID: 7", "system", "message-2"),
    lambda r: r.request_generation(12, "1", "request-2"),
    lambda r: r.start("system", "message-3"),
    lambda r: r.complete(GeneratedFile(13, "uuid-13", "f.csv", "F", 120, "ab" * 32, 4), "system", "message-3"),
    lambda r: r.abort("1", "request-3"),
    lambda r: r.request_generation(14, "1", "request-4"),
    lambda r: r.abort("1", "request-5"),
]


def lifecycle_events() -> list[Any]:
    report = QuizReport(5, 3, 8, "item_analysis", True, False, False, True, "1", "request-0")
    for step in LIFECYCLE:
        step(report)
    return list(report.collect_events())


def test_every_prefix_of_the_events_gives_the_read_models_report(memory_read_model: SQLiteReadModel) -> None:
    events = lifecycle_events()
    projection = ReadModelProjection(memory_read_model)

    for count, event in enumerate(events, start=1):
        projection.process_event(event, Tracking("QuizReports", count))

        assert report_state(events[:count]) == memory_read_model.report(5), type(event).__name__


def test_no_events_is_no_report() -> None:
    assert report_state([]) is None


def test_quiz_data_events_are_not_part_of_a_report_timeline() -> None:
    quiz = Quiz(3, 8, {"title": "Midterm"}, "1", "request-0")

    with pytest.raises(TypeError, match="only the report's events"):
        report_state(quiz.collect_events())
