"""The pipeline benchmark's end-to-end part: POST a report to a real ``quiz-reports serve`` and poll its
progress until completed, with a ``quiz-reports worker`` process on Redis and PostgreSQL.

Each of the ``reports`` runs creates the demo quiz's student analysis and waits for it; between runs
(untimed) the file is removed with ``DELETE``, so that the next POST generates again rather than
returning the finished report. Progress is polled every ``poll`` seconds, which bounds the resolution.
The events' timestamps split each run into stages (wall clocks of one machine).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx2

from adapters.postgres.connection import PostgresUrl
from application.event_store import QuizReportsLog
from domain import ids
from domain.quiz_report import QuizReport
from tests.integration.cluster import Cluster

STAGES = ("POST→Requested", "Requested→Started", "Started→Completed", "Completed→seen")


@dataclass(frozen=True)
class Run:
    report_id: int
    posted: float  # wall-clock seconds
    seen: float

    @property
    def seconds(self) -> float:
        return self.seen - self.posted


REPORTS = "/api/v1/courses/1/quizzes/1/reports"


def measure(env: dict[str, str], data_dir: Path, students: int, reports: int, poll: float = 0.002) -> list[Run]:
    """From sending each POST to reading ``completed``, for ``reports`` runs in sequence."""
    running = Cluster(env, data_dir)
    try:
        token = running.cli("demo", "--students", str(students)).strip().splitlines()[-1]
        base = running.serve()
        running.start("worker", "--processes", "1", "--threads", "2")
        headers = {"Authorization": f"Bearer {token}"}
        with httpx2.Client(base_url=base, headers=headers, timeout=30) as client:
            _one(client, poll, timeout=60)  # warm-up: first imports, connections and the worker's start
            return [_one(client, poll, timeout=30) for _ in range(reports)]
    finally:
        running.stop_all()


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at ``fraction`` of the ordered samples (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return (
        f"p50 {statistics.median(ms):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms,"
        f" min {min(ms):.0f} ms, max {max(ms):.0f} ms"
    )


def stages(database_url: str, runs: list[Run]) -> dict[str, float]:
    """The median seconds of each of ``STAGES`` over ``runs``, from the events each run recorded."""
    log = QuizReportsLog(env=PostgresUrl.parse(database_url).event_store_env(create_tables=False))
    spans: dict[str, list[float]] = {stage: [] for stage in STAGES}
    try:
        for run in runs:
            at: dict[type, float] = {}
            for event in log.events.get(ids.report_id(run.report_id)):
                moment = _seconds(getattr(event, "timestamp"))  # noqa: B009 - every stored event has one
                if run.posted - 0.001 <= moment <= run.seen + 0.001:  # this run's events; the last of a kind wins
                    at[type(event)] = moment
            marks = [run.posted, *(at[kind] for kind in _KINDS), run.seen]
            for stage, start, end in zip(STAGES, marks, marks[1:], strict=False):
                spans[stage].append(end - start)
    finally:
        log.close()
    return {stage: statistics.median(values) for stage, values in spans.items()}


_KINDS = (QuizReport.Requested, QuizReport.Started, QuizReport.Completed)


def _seconds(moment: datetime) -> float:
    return moment.timestamp()


def _one(client: httpx2.Client, poll: float, timeout: float) -> Run:
    posted = time.time()
    started = time.perf_counter()
    response = client.post(REPORTS, data={"quiz_report[report_type]": "student_analysis"})
    response.raise_for_status()
    created = response.json()
    progress_url = created["progress_url"]
    deadline = started + timeout
    while client.get(progress_url).json()["workflow_state"] != "completed":
        if time.perf_counter() > deadline:
            raise RuntimeError(f"report {created['id']} did not complete within {timeout} s")
        time.sleep(poll)
    seen = posted + time.perf_counter() - started
    client.delete(f"{REPORTS}/{created['id']}").raise_for_status()
    return Run(int(created["id"]), posted, seen)
