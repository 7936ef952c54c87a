from __future__ import annotations

from application.records import ReportRecord
from tests.unit.application.harness import (
    COURSE_ID,
    INTEGRATION,
    OTHER_QUIZ_ID,
    QUIZ_ID,
    TA,
    TEACHER,
    Harness,
    attempt,
    quiz_definition,
    submission,
)


def index_ids(harness: Harness) -> list[int]:
    return [report.report_id for report in harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)]


def index_of(harness: Harness, quiz_id: int = QUIZ_ID) -> dict[str, ReportRecord]:
    return {r.report_type: r for r in harness.reports.index(TEACHER, COURSE_ID, quiz_id, False)}


def test_index_creates_one_report_of_each_type_student_analysis_first(harness: Harness) -> None:
    reports = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)

    assert [r.report_type for r in reports] == ["student_analysis", "item_analysis"]
    assert [harness.report_events(r.report_id) for r in reports] == [["Created"], ["Created"]]
    assert all(r.progress is None and r.file is None for r in reports)


def test_a_second_index_returns_the_same_reports_and_records_nothing(harness: Harness) -> None:
    first = index_ids(harness)
    events_before = harness.event_count()

    second = index_ids(harness)

    assert second == first
    assert harness.event_count() == events_before


def test_a_new_attempt_makes_index_create_new_reports(harness: Harness) -> None:
    first = index_ids(harness)
    harness.ingest_submissions(submission(1))

    second = index_ids(harness)

    assert set(second).isdisjoint(first)


def test_another_attempt_of_a_known_submission_makes_index_create_new_reports(harness: Harness) -> None:
    harness.ingest_submissions(submission(1))
    first = index_ids(harness)
    harness.ingest_submissions(submission(1, attempt(1), attempt(2, answer_id=4012)))

    second = index_ids(harness)

    assert set(second).isdisjoint(first)


def test_a_republication_makes_index_create_new_reports(harness: Harness) -> None:
    first = index_ids(harness)
    harness.quiz_data.put_quiz(INTEGRATION, COURSE_ID, QUIZ_ID, quiz_definition(published_at="2026-02-01T00:00:00Z"))

    second = index_ids(harness)

    assert set(second).isdisjoint(first)


def test_an_unpublished_edit_keeps_the_current_reports(harness: Harness) -> None:
    first = index_ids(harness)
    harness.quiz_data.put_quiz(INTEGRATION, COURSE_ID, QUIZ_ID, quiz_definition(title="Midterm (typo fixed)"))

    second = index_ids(harness)

    assert second == first


def test_a_teachers_student_analysis_includes_sis_ids(harness: Harness) -> None:
    reports = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)

    assert reports[0].includes_sis_ids is True


def test_a_tas_student_analysis_has_no_sis_ids_and_is_another_report(harness: Harness) -> None:
    teachers = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)

    tas = harness.reports.index(TA, COURSE_ID, QUIZ_ID, False)

    assert tas[0].includes_sis_ids is False
    assert tas[0].report_id != teachers[0].report_id


def test_teachers_and_tas_share_the_item_analysis(harness: Harness) -> None:
    teachers = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, False)

    tas = harness.reports.index(TA, COURSE_ID, QUIZ_ID, False)

    assert tas[1].report_id == teachers[1].report_id


def test_item_analysis_covers_all_versions_without_sis_ids(harness: Harness) -> None:
    item_analysis = index_of(harness)["item_analysis"]

    assert (item_analysis.includes_all_versions, item_analysis.includes_sis_ids) == (True, False)


def test_student_analysis_echoes_includes_all_versions(harness: Harness) -> None:
    reports = harness.reports.index(TEACHER, COURSE_ID, QUIZ_ID, True)

    assert reports[0].includes_all_versions is True
    assert reports[0].report_id not in index_ids(harness)


def test_a_surveys_item_analysis_is_not_generatable(harness: Harness) -> None:
    harness.ingest_quiz(OTHER_QUIZ_ID, quiz_type="survey")

    reports = index_of(harness, OTHER_QUIZ_ID)

    assert (reports["student_analysis"].generatable, reports["item_analysis"].generatable) == (True, False)


def test_an_assignments_reports_are_generatable(harness: Harness) -> None:
    reports = index_of(harness)

    assert all(report.generatable for report in reports.values())


def test_reports_copy_the_quizs_anonymous_submissions(harness: Harness) -> None:
    harness.ingest_quiz(OTHER_QUIZ_ID, quiz_type="survey", anonymous_submissions=True)

    reports = index_of(harness, OTHER_QUIZ_ID)

    assert all(report.anonymous for report in reports.values())
