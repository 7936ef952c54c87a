"""Which report is the current one for a quiz and a report key (Canvas's find-or-create, §8).

A report is current while no quiz activity (a publication or a recorded attempt) came after it in
the event log. `activity_position` is the log position of the newest activity the report has seen;
comparing positions, not clocks, is the event-sourced form of Canvas's timestamp rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.events import Chained, ChainedAggregate, ChainedCreation


@dataclass(frozen=True)
class ReportKey:
    """The attributes that distinguish two report rows of one quiz."""

    report_type: str
    includes_all_versions: bool
    includes_sis_ids: bool
    anonymous: bool

    @classmethod
    def for_request(cls, report_type: str, all_versions: bool, sis_ids: bool, anonymous: bool) -> ReportKey:
        """Item analysis always covers all versions and never SIS ids."""
        if report_type == "item_analysis":
            return cls(report_type, True, False, anonymous)
        return cls(report_type, all_versions, sis_ids, anonymous)

    @property
    def text(self) -> str:
        flags = (self.includes_all_versions, self.includes_sis_ids, self.anonymous)
        return self.report_type + "/" + "".join("1" if flag else "0" for flag in flags)


class CurrentReport(ChainedAggregate):
    class Assigned(ChainedCreation):
        course_id: int
        quiz_id: int
        key: str
        report_id: int
        activity_position: int

    class Replaced(Chained):
        report_id: int
        activity_position: int

    @staticmethod
    def create_id(course_id: int, quiz_id: int, key: str, **_: Any) -> UUID:
        return ids.current_report_id(course_id, quiz_id, key)

    @event(Assigned)
    def __init__(self, course_id: int, quiz_id: int, key: str, report_id: int, activity_position: int) -> None:
        self.report_id = report_id
        self.activity_position = activity_position

    def is_current(self, quiz_activity_position: int) -> bool:
        return quiz_activity_position <= self.activity_position

    @event(Replaced)
    def replace(self, report_id: int, activity_position: int) -> None:
        self.report_id = report_id
        self.activity_position = activity_position
