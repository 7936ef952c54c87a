"""Who is calling, and what their grants allow (SPEC §3.1)."""

from __future__ import annotations

from dataclasses import dataclass

STATISTICS_ROLES = frozenset({"teacher", "ta"})
COURSE_ROLES = frozenset({"teacher", "ta", "student"})


@dataclass(frozen=True)
class Principal:
    """A token's holder: a user id with the admin, integration or one course-role grant."""

    user_id: int
    admin: bool = False
    integration: bool = False
    course_id: int | None = None
    role: str | None = None

    @property
    def actor(self) -> str:
        return str(self.user_id)

    def _role_in(self, course_id: int) -> str | None:
        return self.role if self.course_id == course_id else None

    def can_read_statistics(self, course_id: int) -> bool:
        """Canvas's `read_statistics`: teachers, TAs and admins (and integrations, which may read)."""
        return self.admin or self.integration or self._role_in(course_id) in STATISTICS_ROLES

    def can_generate(self, course_id: int) -> bool:
        return self.admin or self._role_in(course_id) in STATISTICS_ROLES

    def sees_sis_ids(self, course_id: int) -> bool:
        """Teachers and admins hold `read_sis`; TAs do not."""
        return self.admin or self.integration or self._role_in(course_id) == "teacher"

    def can_read_course(self, course_id: int) -> bool:
        return self.admin or self.integration or self._role_in(course_id) is not None

    @property
    def can_ingest(self) -> bool:
        return self.admin or self.integration


@dataclass(frozen=True)
class Caller:
    """The principal behind a command and the request (or message) that carried it."""

    principal: Principal | None
    request_id: str

    @property
    def actor(self) -> str:
        return self.principal.actor if self.principal else "system"


def system_caller(request_id: str) -> Caller:
    return Caller(principal=None, request_id=request_id)
