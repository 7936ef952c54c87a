"""The pipeline benchmark's end-to-end part: POST a report to a real ``quiz-reports serve`` and poll its
progress until completed, with a ``quiz-reports worker`` process on Redis and PostgreSQL.

Each of the ``reports`` runs creates the demo quiz's student analysis and waits for it; between runs
(untimed) the file is removed with ``DELETE``, so that the next POST generates again rather than
returning the finished report. Progress is polled every ``poll`` seconds, which bounds the resolution.
The events' timestamps split each run into stages (wall clocks of one machine).

Run alone, on a fresh database, with ``python -m bench.pipeline_latency [--students N] [--reports N]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx2

from adapters.postgres.connection import PostgresUrl
from application.event_store import QuizReportsLog
from domain import ids
from domain.quiz_report import QuizReport
from tests.backends import backend_env
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
    # The client polls hundreds of times a second: the per-token rate limit would answer 429 instead.
    unlimited = {"QUIZ_REPORTS_RATE_LIMIT_BURST": "1e12", "QUIZ_REPORTS_RATE_LIMIT_PER_SECOND": "1e12"}
    running = Cluster({**env, **unlimited}, data_dir)
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
    while _state(client, progress_url) != "completed":
        if time.perf_counter() > deadline:
            raise RuntimeError(f"report {created['id']} did not complete within {timeout} s")
        time.sleep(poll)
    seen = posted + time.perf_counter() - started
    client.delete(f"{REPORTS}/{created['id']}").raise_for_status()
    return Run(int(created["id"]), posted, seen)


def _state(client: httpx2.Client, progress_url: str) -> str:
    response = client.get(progress_url)
    response.raise_for_status()
    state: str = response.json()["workflow_state"]
    return state


def main(argv: list[str] | None = None) -> int:
    """Part 3 of ``bench.pipeline`` alone: the end-to-end figures and the median of each stage."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30, help="students of the demo quiz")
    parser.add_argument("--reports", type=int, default=50, help="reports generated in sequence")
    args = parser.parse_args(argv)
    with backend_env("postgres") as env, tempfile.TemporaryDirectory(prefix="bench-latency-") as data_dir:
        runs = measure(env, Path(data_dir), students=args.students, reports=args.reports)
        split = stages(env["QUIZ_REPORTS_DATABASE_URL"], runs)
    print(f"end-to-end ({args.students} students, {len(runs)} reports): {summary([run.seconds for run in runs])}")
    print("  median by stage: " + ", ".join(f"{stage} {seconds * 1000:.0f} ms" for stage, seconds in split.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
