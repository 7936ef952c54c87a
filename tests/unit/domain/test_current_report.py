from __future__ import annotations

import pytest

from domain.current_report import CurrentReport, ReportKey


@pytest.mark.parametrize(("all_versions", "sis_ids"), [(False, True), (True, True), (False, False)])
def test_item_analysis_keys_cover_all_versions_without_sis_ids(all_versions: bool, sis_ids: bool) -> None:
    key = ReportKey.for_request("item_analysis", all_versions, sis_ids, anonymous=False)

    assert (key.includes_all_versions, key.includes_sis_ids) == (True, False)


def test_student_analysis_keys_keep_the_requested_flags() -> None:
    key = ReportKey.for_request("student_analysis", False, True, anonymous=True)

    assert key == ReportKey("student_analysis", False, True, True)
    assert key.text == "student_analysis/011"


def test_a_report_is_current_until_later_quiz_activity() -> None:
    slot = CurrentReport(1, 10, "student_analysis/000", report_id=5, activity_position=40)

    assert slot.is_current(39)
    assert slot.is_current(40)
    assert not slot.is_current(41)


def test_replacing_assigns_the_new_report_and_its_activity_position() -> None:
    slot = CurrentReport(1, 10, "student_analysis/000", report_id=5, activity_position=40)

    slot.replace(report_id=6, activity_position=41)

    assert (slot.report_id, slot.is_current(41)) == (6, True)
