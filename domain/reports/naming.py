"""Report type names and the file names of report CSVs (canvas-facts §10)."""

from __future__ import annotations

REPORT_TYPES = ("student_analysis", "item_analysis")
READABLE_TYPES = {"student_analysis": "Student Analysis", "item_analysis": "Item Analysis"}

_SURVEY_TYPES = frozenset({"survey", "graded_survey"})


def report_filename(report_type: str) -> str:
    """Return the CSV's file name, e.g. ``quiz_student_analysis_report.csv``.

    Raises ValueError for a report type that is not in ``REPORT_TYPES``.
    """
    _require_known(report_type)
    return f"quiz_{report_type}_report.csv"


def report_display_name(quiz_title: str, quiz_type: str, report_type: str) -> str:
    """Return the CSV's display name, e.g. ``All or Nothing Quiz Student Analysis Report.csv``.

    The middle word is "Survey" for surveys and graded surveys, else "Quiz". Raises ValueError for a
    report type that is not in ``REPORT_TYPES``.
    """
    _require_known(report_type)
    readable_quiz_type = "Survey" if quiz_type in _SURVEY_TYPES else "Quiz"
    return f"{quiz_title} {readable_quiz_type} {READABLE_TYPES[report_type]} Report.csv"


def _require_known(report_type: str) -> None:
    if report_type not in READABLE_TYPES:
        raise ValueError(f"unknown report type: {report_type!r}")
