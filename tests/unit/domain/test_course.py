from __future__ import annotations

from domain.course import Course


def test_an_unchanged_course_records_nothing() -> None:
    course = Course(3, "Physics", False, "7", "r1")
    course.collect_events()

    changed = course.revise("Physics", False, "7", "r2")

    assert changed is False
    assert course.collect_events() == []


def test_a_changed_trust_flag_records_an_update() -> None:
    course = Course(3, "Physics", False, "7", "r1")
    course.collect_events()

    course.revise("Physics", True, "7", "r2")

    (updated,) = course.collect_events()
    assert isinstance(updated, Course.Updated)
    assert updated.root_account_has_trusts is True
    assert course.root_account_has_trusts is True
