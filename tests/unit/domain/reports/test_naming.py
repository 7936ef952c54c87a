from __future__ import annotations

import pytest

from domain.reports import READABLE_TYPES, REPORT_TYPES, report_display_name, report_filename


def test_report_types_are_student_then_item_analysis() -> None:
    assert REPORT_TYPES == ("student_analysis", "item_analysis")


def test_every_report_type_has_a_readable_name() -> None:
    assert [READABLE_TYPES[report_type] for report_type in REPORT_TYPES] == [
        "Student Analysis",
        "Item Analysis",
    ]


@pytest.mark.parametrize(
    ("report_type", "filename"),
    [
        ("student_analysis", "quiz_student_analysis_report.csv"),
        ("item_analysis", "quiz_item_analysis_report.csv"),
    ],
)
def test_filename_names_the_report_type(report_type: str, filename: str) -> None:
    assert report_filename(report_type) == filename


def test_display_name_of_a_graded_quiz_says_quiz() -> None:
    name = report_display_name("All or Nothing", "assignment", "student_analysis")

    assert name == "All or Nothing Quiz Student Analysis Report.csv"


@pytest.mark.parametrize("quiz_type", ["survey", "graded_survey"])
def test_display_name_of_a_survey_says_survey(quiz_type: str) -> None:
    assert report_display_name("Feedback", quiz_type, "item_analysis") == "Feedback Survey Item Analysis Report.csv"


def test_display_name_of_a_practice_quiz_says_quiz() -> None:
    assert report_display_name("Drill", "practice_quiz", "item_analysis") == "Drill Quiz Item Analysis Report.csv"


def test_unknown_report_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown report type"):
        report_filename("grade_report")
