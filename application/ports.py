"""Ports: what the use cases need from the outside world, as Protocols the adapters implement."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from application.records import CourseRecord, FileRecord, ProgressRecord, QuizRecord, ReportRecord


class IdSequence(Protocol):
    def next_id(self) -> int:
        """A positive integer never returned before, by any process sharing the store."""
        ...


class FileSink(Protocol):
    def write(self, text: str) -> None: ...

    def close(self) -> tuple[int, str]:
        """Finish the file; returns its size in bytes and the hex SHA-256 of its content."""
        ...

    def discard(self) -> None:
        """Drop a partly written file."""
        ...


class ReportFileStore(Protocol):
    def create(self, file_id: int) -> FileSink: ...

    def read(self, file_id: int) -> Iterator[bytes]:
        """The stored bytes in chunks; raises FileNotFoundError when the file is gone."""
        ...

    def delete(self, file_id: int) -> None: ...


class ReadModel(Protocol):
    """Queries on the projected read model; every method returns None or empty for unknown ids."""

    def version(self) -> Hashable:
        """A mark of what the read model holds now: two equal marks mean that nothing was committed to it
        between the two reads (two different ones need not mean that something was)."""
        ...

    def course(self, course_id: int) -> CourseRecord | None: ...

    def quiz(self, course_id: int, quiz_id: int) -> QuizRecord | None: ...

    def submissions(self, course_id: int, quiz_id: int) -> Sequence[dict[str, Any]]:
        """Each submission as ingested (`id`, profile keys and `attempts` ordered by number)."""
        ...

    def iter_submissions(self, course_id: int, quiz_id: int) -> Iterator[dict[str, Any]]:
        """`submissions()` streamed in submission id order, without holding them all at once."""
        ...

    def iter_submission_heads(self, course_id: int, quiz_id: int) -> Iterator[dict[str, Any]]:
        """`iter_submissions()` with every attempt's `submission_data` list left empty (a non-list value is
        kept): what selecting and ordering attempts reads, without decoding any response."""
        ...

    def iter_first_attempt_answers(
        self, course_id: int, quiz_id: int
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None, list[Any]]]:
        """In submission id order, each submission without its `attempts`, its lowest-numbered attempt as
        `iter_submission_heads()` gives it (None when it has none), and the `answer_id` of each of that
        attempt's responses in order (None for a response without one; empty when it has no list)."""
        ...

    def submission_attempts(
        self, course_id: int, quiz_id: int, keys: Sequence[tuple[int, Any]]
    ) -> Mapping[tuple[int, Any], dict[str, Any]]:
        """Attempts as ingested, by (submission id, attempt number); keys not found are left out. A list of
        responses may come as an `EncodedResponses` (a sequence equal to the list, decoded when read)."""
        ...

    def recorded_submissions(self, course_id: int, quiz_id: int, submission_ids: Collection[int]) -> set[int]:
        """Which of `submission_ids` of the quiz the read model holds."""
        ...

    def report(self, report_id: int) -> ReportRecord | None: ...

    def progress(self, progress_id: int) -> ProgressRecord | None: ...

    def file(self, file_id: int) -> FileRecord | None: ...

    def reports_in_states(self, states: Sequence[str]) -> list[int]:
        """Ids of reports whose progress is in one of `states`."""
        ...


class ProjectionSync(Protocol):
    def wait_for(self, position: int) -> None:
        """Return once the read model reflects every event up to `position` of the event log."""
        ...

    def caught_up(self) -> int:
        """Bring the read model up to the end of the log now; returns the position reached."""
        ...


class GenerationQueue(Protocol):
    def enqueue(self, report_id: int) -> None:
        """Send one generation message carrying the report id only."""
        ...
