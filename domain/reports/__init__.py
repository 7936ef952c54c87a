"""Pure report content: the student_analysis and item_analysis CSVs of a quiz (canvas-facts §10-§13).

Builders take the ingested quiz and submission shapes and return a ``ReportTable`` whose rows are
produced lazily; ``encode_row`` turns a header or row into one line of CSV text.
"""

from __future__ import annotations

from domain.reports.cell import Cell
from domain.reports.csv_line import RowEncoder, encode_row
from domain.reports.item_analysis import item_analysis, item_analysis_of_first_attempts
from domain.reports.naming import READABLE_TYPES, REPORT_TYPES, report_display_name, report_filename
from domain.reports.report_table import ReportOptions, ReportTable
from domain.reports.student_analysis import student_analysis

__all__ = [
    "READABLE_TYPES",
    "REPORT_TYPES",
    "Cell",
    "ReportOptions",
    "ReportTable",
    "RowEncoder",
    "encode_row",
    "item_analysis",
    "item_analysis_of_first_attempts",
    "report_display_name",
    "report_filename",
    "student_analysis",
]
