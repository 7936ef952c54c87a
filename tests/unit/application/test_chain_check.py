"""Chain verification (application.chain_check) on a real SQLite event store: for any set of report
histories, one stored event altered, deleted or swapped with its neighbour is named exactly."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from application.chain_check import verify_aggregate, verify_log
from application.event_store import QuizReportsLog
from domain import ids
from domain.quiz_report import GeneratedFile, QuizReport

_STEPS: list[Callable[[QuizReport, int], object]] = [
    lambda report, n: report.request_generation(100 + n, "1", f"request-{n}"),
    lambda report, n: report.start("system", f"message-{n}"),
    lambda report, n: report.update_progress(40.0, "system", f"message-{n}"),
    lambda report, n: report.complete(GeneratedFile(200 + n, "u", "f.csv", "F", 3, "ab", 1), "system", f"message-{n}"),
    lambda report, n: report.abort("1", f"request-{n}"),
]


@contextmanager
def event_store() -> Iterator[tuple[QuizReportsLog, Path]]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "events.sqlite3"
        log = QuizReportsLog(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)})
        try:
            yield log, path
        finally:
            log.close()


def record_reports(log: QuizReportsLog, lengths: list[int]) -> None:
    """Report n (from 1) gets `lengths[n - 1]` lifecycle steps after `Created`."""
    for number, length in enumerate(lengths, start=1):
        report = QuizReport(number, 3, 8, "student_analysis", False, False, False, True, "1", "request-0")
        for step in range(length):
            _STEPS[step % len(_STEPS)](report, step)
        log.save(report)


def run_sql(path: Path, sql: str, *params: object) -> list[Any]:
    with closing(sqlite3.connect(path)) as database, database:
        return database.execute(sql, params).fetchall()


def problems_of(log: QuizReportsLog) -> list[tuple[str, int, str]]:
    return [(problem.subject, problem.version, problem.kind) for problem in verify_log(log).problems]


histories = st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(lengths=histories, data=st.data())
def test_an_altered_event_is_named_and_nothing_else(lengths: list[int], data: st.DataObject) -> None:
    number = data.draw(st.integers(1, len(lengths)))
    version = data.draw(st.integers(1, lengths[number - 1] + 1))
    with event_store() as (log, path):
        record_reports(log, lengths)
        key = (ids.report_id(number).hex, version)
        (state,) = run_sql(
            path, "SELECT state FROM stored_events WHERE originator_id = ? AND originator_version = ?", *key
        )[0]
        document = json.loads(bytes(state))
        document["actor"] = "intruder"
        run_sql(
            path,
            "UPDATE stored_events SET state = ? WHERE originator_id = ? AND originator_version = ?",
            json.dumps(document).encode(),
            *key,
        )

        assert problems_of(log) == [(f"QuizReport {number}", version, "modified")]


@settings(max_examples=25, deadline=None)
@given(lengths=histories, data=st.data())
def test_a_deleted_event_is_named_or_else_changes_the_head(lengths: list[int], data: st.DataObject) -> None:
    number = data.draw(st.integers(1, len(lengths)))
    last = lengths[number - 1] + 1
    version = data.draw(st.integers(1, last))
    with event_store() as (log, path):
        record_reports(log, lengths)
        before = verify_log(log).digest
        aggregate = ids.report_id(number)
        run_sql(
            path, "DELETE FROM stored_events WHERE originator_id = ? AND originator_version = ?", aggregate.hex, version
        )

        if version < last:
            assert problems_of(log) == [(f"QuizReport {number}", version, "deleted")]
        else:  # the newest event: only the head kept elsewhere tells
            assert verify_log(log).intact
            assert verify_log(log).digest != before
            assert verify_aggregate(log, aggregate).heads[0].version == last - 1


@settings(max_examples=25, deadline=None)
@given(lengths=st.lists(st.integers(min_value=2, max_value=12), min_size=1, max_size=4), data=st.data())
def test_two_swapped_events_are_both_named_as_moved(lengths: list[int], data: st.DataObject) -> None:
    number = data.draw(st.integers(1, len(lengths)))
    version = data.draw(st.integers(1, lengths[number - 1]))
    with event_store() as (log, path):
        record_reports(log, lengths)
        aggregate = ids.report_id(number).hex
        swap = "UPDATE stored_events SET originator_version = ? WHERE originator_id = ? AND originator_version = ?"
        run_sql(path, swap, -1, aggregate, version)
        run_sql(path, swap, version, aggregate, version + 1)
        run_sql(path, swap, version + 1, aggregate, -1)

        subject = f"QuizReport {number}"
        assert problems_of(log) == [(subject, version, "moved"), (subject, version + 1, "moved")]


def test_an_undecodable_event_is_named_unreadable() -> None:
    with event_store() as (log, path):
        record_reports(log, [3])
        run_sql(path, "UPDATE stored_events SET state = ? WHERE originator_version = 2", b"not json")

        assert problems_of(log) == [("QuizReport 1", 2, "unreadable")]


def test_an_intact_log_names_every_chain_head_and_one_digest() -> None:
    with event_store() as (log, _):
        record_reports(log, [2, 5])

        result = verify_log(log)

        assert result.intact
        assert result.events == 3 + 6
        assert sorted((head.subject, head.version) for head in result.heads) == [
            ("QuizReport 1", 3),
            ("QuizReport 2", 6),
        ]
        assert len(result.digest) == 64
