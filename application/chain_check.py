"""Checking the hash chains of stored events (see `domain.chain`): which event was modified, deleted or
moved, and the head of every chain, for keeping elsewhere.

The whole log is read once in notification order, keeping only each aggregate's last version and hash;
an aggregate whose chain does not continue is then read again on its own to say what happened to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from application.event_store import QuizReportsLog
from domain import chain

_READ_BATCH = 500
_MOVE_SEARCH_LIMIT = 200
"""Events of one aggregate beyond which a broken link is not searched for a moved event."""

_NATURAL_KEYS = {
    "Course": ("course_id",),
    "Quiz": ("course_id", "quiz_id"),
    "QuizSubmission": ("course_id", "quiz_id", "submission_id"),
    "QuizReport": ("report_id",),
    "CurrentReport": ("course_id", "quiz_id", "key"),
}


@dataclass(frozen=True)
class ChainHead:
    aggregate_id: UUID
    subject: str
    """The aggregate's kind and natural key, e.g. "QuizReport 12" or "Quiz 3/8"."""
    version: int
    chain_hash: str


@dataclass(frozen=True)
class ChainProblem:
    aggregate_id: UUID
    subject: str
    version: int
    kind: str
    """"modified", "deleted", "moved" or "unreadable"."""
    detail: str


@dataclass
class ChainReport:
    events: int = 0
    heads: list[ChainHead] = field(default_factory=list)
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def digest(self) -> str:
        """One SHA-256 over every head (ordered by aggregate id): a single value to keep elsewhere."""
        lines = sorted(f"{head.aggregate_id} {head.version} {head.chain_hash}" for head in self.heads)
        return hashlib.sha256("\n".join(lines).encode("ascii")).hexdigest()


def verify_log(log: QuizReportsLog) -> ChainReport:
    """Check every chain of the event log."""
    report = ChainReport()
    last: dict[UUID, tuple[int, str]] = {}
    subjects: dict[UUID, str] = {}
    broken: list[UUID] = []
    position = 0
    while notifications := log.recorder.select_notifications(start=position + 1, limit=_READ_BATCH):
        for notification in notifications:
            aggregate_id = UUID(str(notification.originator_id))
            version, previous = last.get(aggregate_id, (0, chain.GENESIS))
            event = _decoded(log, notification)
            continues = event is not None and notification.originator_version == version + 1 and _links(previous, event)
            if not continues and aggregate_id not in broken:
                broken.append(aggregate_id)
            head = "" if event is None else str(getattr(event, chain.CHAIN_FIELD, ""))
            last[aggregate_id] = (notification.originator_version, head)
            if event is not None:
                subjects.setdefault(aggregate_id, _subject(event))
            report.events += 1
        position = notifications[-1].id
    for aggregate_id in broken:
        report.problems.extend(_problems(log, aggregate_id, subjects.get(aggregate_id, str(aggregate_id))))
    report.heads = [
        ChainHead(aggregate_id, subjects.get(aggregate_id, str(aggregate_id)), version, head)
        for aggregate_id, (version, head) in last.items()
    ]
    return report


def verify_aggregate(log: QuizReportsLog, aggregate_id: UUID) -> ChainReport:
    """Check the chain of one aggregate (empty when it has no events)."""
    stored = list(log.recorder.select_events(aggregate_id))
    report = ChainReport(events=len(stored))
    if not stored:
        return report
    events = [_decoded(log, item) for item in stored]
    subject = next((_subject(event) for event in events if event is not None), str(aggregate_id))
    report.problems = _classify(subject, aggregate_id, [item.originator_version for item in stored], events)
    last = events[-1]
    head = str(getattr(last, chain.CHAIN_FIELD, "")) if last is not None else ""
    report.heads = [ChainHead(aggregate_id, subject, stored[-1].originator_version, head)]
    return report


def _problems(log: QuizReportsLog, aggregate_id: UUID, subject: str) -> list[ChainProblem]:
    stored = list(log.recorder.select_events(aggregate_id))
    events = [_decoded(log, item) for item in stored]
    return _classify(subject, aggregate_id, [item.originator_version for item in stored], events)


def _classify(subject: str, aggregate_id: UUID, versions: Sequence[int], events: Sequence[Any]) -> list[ChainProblem]:
    """What broke one aggregate's chain, event by event (`events[i]` is None when it could not be read)."""
    problems: list[ChainProblem] = []

    def problem(version: int, kind: str, detail: str) -> None:
        problems.append(ChainProblem(aggregate_id, subject, version, kind, detail))

    hashes = [str(getattr(event, chain.CHAIN_FIELD, "")) for event in events if event is not None]
    previous: str | None = chain.GENESIS
    expected = 1
    for version, event in zip(versions, events, strict=True):
        gap = version > expected
        if gap:
            missing = f"version {expected}" if version == expected + 1 else f"versions {expected}–{version - 1}"
            problem(expected, "deleted", f"{missing} missing before version {version}")
        if event is None:
            problem(version, "unreadable", "the stored event cannot be decoded")
            previous = None
        else:
            if not gap and previous is not None and not _links(previous, event):
                recorded_as = _recorded_version(event, hashes, len(versions) + 1)
                if recorded_as is None:
                    problem(version, "modified", "its content, or the hash it follows, was changed")
                elif recorded_as != version:
                    problem(version, "moved", f"recorded as version {recorded_as}, found at version {version}")
            previous = str(getattr(event, chain.CHAIN_FIELD, ""))
        expected = version + 1
    return problems


def _recorded_version(event: Any, hashes: Iterable[str], max_version: int) -> int | None:
    """The version at which `event`'s own hash verifies after one of the aggregate's hashes, if any."""
    candidates = [chain.GENESIS, *hashes]
    if len(candidates) > _MOVE_SEARCH_LIMIT:
        return None
    content = dict(vars(event))
    for version in range(1, max_version + 1):
        content["originator_version"] = version
        if any(_links_content(previous, event, content) for previous in candidates):
            return version
    return None


def _links(previous: str, event: Any) -> bool:
    return _links_content(previous, event, vars(event))


def _links_content(previous: str, event: Any, content: dict[str, Any]) -> bool:
    stored = getattr(event, chain.CHAIN_FIELD, None)
    return stored is not None and chain.link(previous, type(event).__qualname__, content) == stored


def _decoded(log: QuizReportsLog, stored: Any) -> Any:
    try:
        return log.mapper.to_domain_event(stored)
    except Exception:  # any damage to the stored bytes or topic makes the event unreadable
        return None


def _subject(event: Any) -> str:
    kind = type(event).__qualname__.split(".")[0]
    names = _NATURAL_KEYS.get(kind, ())
    values = [str(getattr(event, name)) for name in names if hasattr(event, name)]
    return f"{kind} {'/'.join(values)}" if len(values) == len(names) and values else kind
