"""The measured work, each step run in a fresh process so its peak RSS is its own.

``ru_maxrss`` survives ``exec`` on Linux: a child started from a big parent reports at least the
parent's peak. The orchestrating process therefore does no heavy work itself, and ingestion runs in a
child too. Every function here returns a small picklable result.
"""

from __future__ import annotations

import csv
import multiprocessing
import re
import resource
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from adapters.bootstrap import Services, build_services
from adapters.settings import Settings
from application.access import Caller, Principal
from bench.quiz_data import ATTEMPTS, COURSE_ID, COURSE_NAME, quiz_definition, submission_batches

T = TypeVar("T")

ADMIN = Caller(Principal(user_id=1, admin=True), request_id="bench-ingest")
TEACHER = Caller(Principal(user_id=2, course_id=COURSE_ID, role="teacher"), request_id="bench-report")

_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+(e[+-]?\d+)?")


@dataclass(frozen=True)
class Ingested:
    seconds: float
    submissions: int
    attempts: int
    events: int


@dataclass(frozen=True)
class Measured:
    """Wall seconds of the measured call only, and the process's peak RSS in MiB."""

    seconds: float
    peak_rss_mb: float


@dataclass(frozen=True)
class Baseline:
    rows: int
    cells_per_row: int
    measured: Measured


def in_fresh_process(work: Callable[..., T], *args: object) -> T:
    """Run ``work(*args)`` in a new spawned interpreter and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(work, *args).result()


def open_services(data_dir: Path) -> Services:
    """The application as the worker builds it, without worker threads or background followers."""
    settings = Settings.from_env(env={"QUIZ_REPORTS_WORKER_THREADS": "0"}, data_dir=str(data_dir))
    return build_services(settings, with_worker=False)


def ingest(data_dir: Path, students: int, questions: int, batch_size: int, seed: int) -> Ingested:
    """Upsert the course, both quizzes and every submission through the use cases."""
    services = open_services(data_dir)
    started = time.perf_counter()
    events = submissions = 0
    services.quiz_data.put_course(ADMIN, COURSE_ID, COURSE_NAME)
    for quiz_id in ATTEMPTS:
        quiz = quiz_definition(quiz_id, questions)
        services.quiz_data.put_quiz(ADMIN, COURSE_ID, quiz_id, quiz)
        for batch in submission_batches(quiz, quiz_id, students, batch_size, seed):
            events += services.quiz_data.put_submissions(ADMIN, COURSE_ID, quiz_id, batch)
            submissions += len(batch)
    seconds = time.perf_counter() - started
    services.stop()
    return Ingested(seconds, submissions, students * sum(ATTEMPTS.values()), events)


def generate(data_dir: Path, report_id: int) -> Measured:
    """Generate a queued report as a worker does; only ``generate()`` is timed."""
    services = open_services(data_dir)
    started = time.perf_counter()
    generated = services.generation.generate(report_id, "bench")
    seconds = time.perf_counter() - started
    services.stop()
    if not generated:
        raise RuntimeError(f"report {report_id} was not queued")
    return Measured(seconds, peak_rss_mb())


def csv_baseline(report_file: Path, out_file: Path) -> Baseline:
    """Python's csv module writing the report's own rows, already materialised as lists.

    The rows are the generated file read back with ``csv.reader``, so the row count, cells per row and
    cell sizes are the report's. Cells that read as numbers go back to ``int``/``float``, as the report
    renders them from numbers, so the writer formats numbers as it would for real data. As in
    perf-baselines §5, the timer covers ``open()``, ``writerow(header)``, ``writerows(rows)`` and ``close()``.
    """
    with report_file.open(newline="", encoding="utf-8") as source:
        header, *rows = ([_typed(cell) for cell in row] for row in csv.reader(source))
    started = time.perf_counter()
    with out_file.open("w", newline="", encoding="utf-8") as sink:
        writer = csv.writer(sink)
        writer.writerow(header)
        writer.writerows(rows)
    seconds = time.perf_counter() - started
    return Baseline(len(rows), len(header), Measured(seconds, peak_rss_mb()))


def csv_input_baseline(data_dir: Path, quiz_id: int) -> Baseline:
    """Python's csv module writing the item analysis's input: one row per analysed attempt.

    The item analysis reads every student's first attempt and, of each response, the chosen answer id; its
    output is a few dozen rows, so a baseline of its output's size would time nothing. This baseline writes
    what the report has to read instead: one row per first attempt of a non-preview student submission,
    one cell per response (the answer id, or "" when it has none), built in memory before the timer
    starts. The timer covers ``open()``, ``writerows(rows)`` and ``close()`` as in ``csv_baseline``.
    """
    services = open_services(data_dir)
    rows: list[list[object]] = []
    for submission in services.read_model.iter_submissions(COURSE_ID, quiz_id):
        attempts = submission.get("attempts") or []
        if submission.get("was_preview") or submission.get("user") is None or not attempts:
            continue
        first = min(attempts, key=lambda attempt: int(attempt.get("attempt") or 0))
        rows.append([response.get("answer_id", "") for response in first.get("submission_data") or []])
    services.stop()
    started = time.perf_counter()
    with (data_dir / "bench" / f"input-{quiz_id}.baseline.csv").open("w", newline="", encoding="utf-8") as sink:
        csv.writer(sink).writerows(rows)
    seconds = time.perf_counter() - started
    return Baseline(len(rows), max(map(len, rows), default=0), Measured(seconds, peak_rss_mb()))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _typed(cell: str) -> str | int | float:
    if _INT.fullmatch(cell):
        return int(cell)
    if _FLOAT.fullmatch(cell):
        return float(cell)
    return cell
