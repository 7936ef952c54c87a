"""A running service's reports brought into every state of a generation, as the integration tests need them."""

from __future__ import annotations

from collections.abc import Callable

from adapters.bootstrap import Services
from domain.quiz_report import QuizReport
from tests import quiz_fixtures
from tests.integration.conftest import ADMIN, COURSE, QUIZ, TEACHER, load_report

OTHER_QUIZ, THIRD_QUIZ = 9, 10


def as_a_worker(services: Services, report_id: int, *steps: Callable[[QuizReport], object]) -> None:
    """Apply `steps` to the report as a worker would, and wait for the read model."""
    report = load_report(services, report_id)
    for step in steps:
        step(report)
    services.sync.wait_for(services.log.last_position(services.log.save(report)))


def reports_in_every_state(services: Services) -> dict[str, int]:
    """Beside the seeded quiz 8: quiz 9, a report in every state of a generation on quizzes 8 and 9, and
    quiz 10 with two reports never requested. Needs a service without workers."""
    services.quiz_data.put_quiz(ADMIN, COURSE, OTHER_QUIZ, quiz_fixtures.quiz("Other Quiz"))
    services.quiz_data.put_submissions(ADMIN, COURSE, OTHER_QUIZ, quiz_fixtures.submissions())

    def requested(quiz_id: int, report_type: str, all_versions: bool) -> int:
        return services.reports.create(TEACHER, COURSE, quiz_id, report_type, all_versions).report_id

    states = {
        "queued": requested(QUIZ, "student_analysis", False),
        "running": requested(QUIZ, "item_analysis", False),
        "completed": requested(QUIZ, "student_analysis", True),
        "failed": requested(OTHER_QUIZ, "item_analysis", False),
        "aborted": requested(OTHER_QUIZ, "student_analysis", False),
        "removed": requested(OTHER_QUIZ, "student_analysis", True),
    }
    as_a_worker(
        services,
        states["running"],
        lambda r: r.start("system", "message-1"),
        lambda r: r.update_progress(40.0, "system", "message-1"),
    )
    as_a_worker(
        services,
        states["failed"],
        lambda r: r.start("system", "message-2"),
        lambda r: r.fail("Unexpected error, ID: 99", "system", "message-2"),
    )
    for generated in ("completed", "removed"):
        assert services.generation.generate(states[generated], f"message-{generated}")
    for abandoned in ("aborted", "removed"):
        services.reports.abort(TEACHER, COURSE, OTHER_QUIZ, states[abandoned])
    services.quiz_data.put_quiz(ADMIN, COURSE, THIRD_QUIZ, quiz_fixtures.quiz("Third Quiz"))
    states["never requested"] = services.reports.index(TEACHER, COURSE, THIRD_QUIZ, False)[0].report_id
    services.sync.caught_up()
    return states
