"""Reads answered from memory under a read-model version, and what makes them read the stores again."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from eventsourcing.sqlite import SQLiteDatastore

from adapters.projector import LogFollower, ProjectionSync
from adapters.sqlite.read_model import SQLiteReadModel
from application.event_store import QuizReportsLog
from application.quiz_data import QuizData
from application.remembered import NotRemembered
from application.reports import QuizReports
from domain.current_report import CurrentReport, ReportKey
from domain.quiz_report import QuizReport
from domain.reports import REPORT_TYPES
from projections.read_model import ReadModelProjection
from tests.fakes import CountingIdSequence, InMemoryFileStore
from tests.unit.application.harness import (
    COURSE_ID,
    INTEGRATION,
    QUIZ_ID,
    TEACHER,
    Harness,
    quiz_definition,
    submission,
)


def test_show_answers_from_memory_under_the_version_it_read_at(harness: Harness) -> None:
    report_id = harness.queued_report()
    version = harness.reports.version(caught_up=False)
    read = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=version)

    remembered = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=version, from_memory=True)

    assert remembered is read


def test_show_from_memory_needs_the_store_for_a_report_not_read_before(harness: Harness) -> None:
    report_id = harness.queued_report()
    version = harness.reports.version(caught_up=False)

    with pytest.raises(NotRemembered):
        harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=version, from_memory=True)


def test_a_projected_change_makes_a_new_version_under_which_show_reads_it(harness: Harness) -> None:
    report_id = harness.queued_report()
    before = harness.reports.version(caught_up=False)
    harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=before)
    harness.generation.generate(report_id, "message-1")

    after = harness.reports.version(caught_up=False)

    assert after != before
    with pytest.raises(NotRemembered):
        harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=after, from_memory=True)
    shown = harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=after)
    assert shown.file is not None


def test_a_change_committed_without_a_new_tracking_position_makes_a_new_version(harness: Harness) -> None:
    report_id = harness.queued_report()
    before = harness.reports.version(caught_up=False)
    harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=before)
    with harness.datastore.transaction(commit=True) as c:  # as a rebuild's swap of the live rows does
        c.execute("UPDATE reports SET anonymous = 1 WHERE report_id = ?", (report_id,))

    after = harness.reports.version(caught_up=False)

    assert after != before
    assert harness.reports.show(TEACHER, COURSE_ID, QUIZ_ID, report_id, version=after).anonymous


def test_index_answers_from_memory_under_a_caught_up_version(harness: Harness) -> None:
    version = harness.reports.version(caught_up=True)
    read = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=version)
    events = harness.event_count()

    remembered = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=version, from_memory=True)

    assert remembered == read
    assert harness.event_count() == events


def test_index_from_memory_needs_a_caught_up_version(harness: Harness) -> None:
    version = harness.reports.version(caught_up=False)
    harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=version)

    with pytest.raises(NotRemembered):
        harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=version, from_memory=True)


def test_after_a_new_attempt_index_reads_the_stores_and_creates_new_reports(harness: Harness) -> None:
    first = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=harness.reports.version(caught_up=True))
    harness.ingest_submissions(submission(1))
    version = harness.reports.version(caught_up=True)

    with pytest.raises(NotRemembered):
        harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=version, from_memory=True)
    second = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=version)
    assert {r.report_id for r in second}.isdisjoint(r.report_id for r in first)


class _NotFollowing:
    """Implements `ProjectionSync` for a process whose writes the read model does not follow at once."""

    def wait_for(self, position: int) -> None:
        pass

    def caught_up(self) -> int:
        return 0


def test_a_caught_up_version_follows_events_recorded_since_the_last(harness: Harness) -> None:
    harness.reports.version(caught_up=True)
    unfollowed = QuizData(harness.log, harness.read_model, _NotFollowing())
    unfollowed.put_submissions(INTEGRATION, COURSE_ID, QUIZ_ID, [submission(1)])
    quiz = harness.read_model.quiz(COURSE_ID, QUIZ_ID)

    harness.reports.version(caught_up=True)

    caught_up = harness.read_model.quiz(COURSE_ID, QUIZ_ID)
    assert quiz is not None
    assert caught_up is not None
    assert caught_up.activity_position > quiz.activity_position


def test_versions_covering_the_log_stay_caught_up_until_something_is_committed(tmp_path: Path) -> None:
    database = str(tmp_path / "log_and_read_model.sqlite3")  # one database holds both, as PostgreSQL does
    log = QuizReportsLog(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": database})
    read_model = SQLiteReadModel(SQLiteDatastore(database))
    read_model.create_table()
    sync = ProjectionSync(LogFollower(log, ReadModelProjection(read_model), read_model, "read_model"), None)
    QuizData(log, read_model, sync).put_course(INTEGRATION, COURSE_ID, "Physics")
    QuizData(log, read_model, sync).put_quiz(INTEGRATION, COURSE_ID, QUIZ_ID, quiz_definition())
    reports = QuizReports(log, read_model, sync, CountingIdSequence(), InMemoryFileStore(), versions_cover_log=True)
    first = reports.version(caught_up=True)
    assert reports.version(caught_up=True) == first
    QuizData(log, read_model, _NotFollowing()).put_submissions(INTEGRATION, COURSE_ID, QUIZ_ID, [submission(1)])
    quiz = read_model.quiz(COURSE_ID, QUIZ_ID)

    reports.version(caught_up=True)

    caught_up = read_model.quiz(COURSE_ID, QUIZ_ID)
    assert quiz is not None
    assert caught_up is not None
    assert caught_up.activity_position > quiz.activity_position
    log.close()


def test_index_returns_the_reports_another_process_made_current(harness: Harness) -> None:
    here = harness.reports
    elsewhere = QuizReports(harness.log, harness.read_model, harness.sync, harness.ids, harness.files)
    first = here.index(TEACHER, COURSE_ID, QUIZ_ID, False)
    harness.ingest_submissions(submission(1))
    made_elsewhere = elsewhere.index(TEACHER, COURSE_ID, QUIZ_ID, False)
    events = harness.event_count()

    seen_here = here.index(TEACHER, COURSE_ID, QUIZ_ID, False, version=here.version(caught_up=True))

    assert seen_here == made_elsewhere != first
    assert harness.event_count() == events


class _RecordsBetween:
    """Implements `ProjectionSync` over `sync`, letting another process record `write` once, just after the
    first catching up: as when it saves between this process's catching up and its reading of the log."""

    def __init__(self, harness: Harness, write: Callable[[], None]) -> None:
        self._sync = harness.sync
        self._write: Callable[[], None] | None = write

    def wait_for(self, position: int) -> None:
        self._sync.wait_for(position)

    def caught_up(self) -> int:
        position = self._sync.caught_up()
        write, self._write = self._write, None
        if write is not None:
            write()
        return position


def _current_reports_recorded_elsewhere(harness: Harness) -> list[int]:
    """Records the current reports of the quiz as another process's index would (and projects nothing)."""
    quiz = harness.read_model.quiz(COURSE_ID, QUIZ_ID)
    assert quiz is not None
    recorded = []
    for report_type in REPORT_TYPES:
        key = ReportKey.for_request(report_type, False, True, False)
        report = QuizReport(
            report_id=harness.ids.next_id(),
            course_id=COURSE_ID,
            quiz_id=QUIZ_ID,
            report_type=key.report_type,
            includes_all_versions=key.includes_all_versions,
            includes_sis_ids=key.includes_sis_ids,
            anonymous=key.anonymous,
            generatable=True,
            actor="elsewhere",
            request_id="req-elsewhere",
        )
        slot = CurrentReport(COURSE_ID, QUIZ_ID, key.text, report.report_id, quiz.activity_position)
        harness.log.save(slot, report)
        recorded.append(report.report_id)
    return recorded


def test_index_finds_a_current_report_recorded_after_it_caught_up(harness: Harness) -> None:
    recorded: list[int] = []
    sync = _RecordsBetween(harness, lambda: recorded.extend(_current_reports_recorded_elsewhere(harness)))
    reports = QuizReports(harness.log, harness.read_model, sync, harness.ids, harness.files)

    found = reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)

    assert [r.report_id for r in found] == recorded


class _IdsDrawnTogether:
    """Implements `IdSequence` over `ids`; a caller drawing an id waits (half a second at most) for `parties`
    callers to draw one, as callers deciding at the same time would."""

    def __init__(self, harness: Harness, parties: int) -> None:
        self._ids = harness.ids
        self._barrier = threading.Barrier(parties, timeout=0.5)

    def next_id(self) -> int:
        with contextlib.suppress(threading.BrokenBarrierError):
            self._barrier.wait()
        return self._ids.next_id()


def test_concurrent_index_calls_of_a_process_create_each_report_once(harness: Harness) -> None:
    callers = 4
    ids = _IdsDrawnTogether(harness, callers)
    reports = QuizReports(harness.log, harness.read_model, harness.sync, ids, harness.files)

    with ThreadPoolExecutor(callers) as pool:
        found = list(pool.map(lambda _: reports.index(TEACHER, COURSE_ID, QUIZ_ID, False), range(callers)))

    assert all(each == found[0] for each in found)
    assert harness.ids.last == len(REPORT_TYPES)
