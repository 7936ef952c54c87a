"""Benchmark of report generation against Python's csv module.

Measures, for a quiz of 100 mixed-type questions taken by 10,000 students in two sections:

* student_analysis with one attempt per student (variant A, 10,000 rows),
* item_analysis of that quiz (variant A),
* student_analysis with ``includes_all_versions`` of a quiz with three attempts each (variant B, 30,000 rows).

The data is ingested through the real use cases (``QuizData.put_*``, in batches) into a fresh SQLite data
directory; each report is requested with ``QuizReports.create`` as a teacher and generated with
``ReportGeneration.generate``, synchronously, in a fresh process that reports the wall time of
``generate()`` and its peak RSS. The baseline, also in a fresh process, is ``csv.writer`` writing the
report's own rows from lists already in memory (see ``bench.children.csv_baseline``), except for
item_analysis: its output is a few dozen rows, so its baseline writes its input instead, one row per
analysed first attempt with one cell per response (the chosen answer id), which is the least any
implementation must read (see ``bench.children.csv_input_baseline``). Targets: each report
within 3x its baseline's time and under 1 GiB peak RSS. The exit code is 0 whatever the verdicts.

Run from the project root (the full size takes several minutes, mostly ingestion)::

    .venv/bin/python -m bench.generation [--students N] [--questions Q] [--keep]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from adapters.bootstrap import Services
from bench.children import (
    TEACHER,
    Baseline,
    Measured,
    csv_baseline,
    csv_input_baseline,
    generate,
    in_fresh_process,
    ingest,
    open_services,
)
from bench.quiz_data import COURSE_ID, SINGLE_ATTEMPT_QUIZ, THREE_ATTEMPTS_QUIZ

MAX_RATIO = 3.0
MAX_RSS_MB = 1024.0
BATCH_SIZE = 500
SEED = 2026


@dataclass(frozen=True)
class Case:
    name: str
    quiz_id: int
    report_type: str
    all_versions: bool


CASES = (
    Case("student_analysis (A)", SINGLE_ATTEMPT_QUIZ, "student_analysis", False),
    Case("item_analysis (A)", SINGLE_ATTEMPT_QUIZ, "item_analysis", False),
    Case("student_analysis all versions (B)", THREE_ATTEMPTS_QUIZ, "student_analysis", True),
)


@dataclass(frozen=True)
class Result:
    case: Case
    rows: int
    cells_per_row: int
    size_bytes: int
    report: Measured
    baseline: Baseline

    @property
    def ratio(self) -> float:
        return self.report.seconds / self.baseline.measured.seconds

    def verdict(self) -> str:
        misses = []
        if self.ratio > MAX_RATIO:
            misses.append(f"{self.ratio:.1f}x > {MAX_RATIO:.0f}x baseline")
        if self.report.peak_rss_mb >= MAX_RSS_MB:
            misses.append(f"RSS {self.report.peak_rss_mb:.0f} MB >= {MAX_RSS_MB:.0f} MB")
        return "PASS" if not misses else "FAIL (" + "; ".join(misses) + ")"


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="quiz-reports-bench-"))
    try:
        _run(data_dir, args.students, args.questions)
    finally:
        if args.keep:
            print(f"data kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generation", description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the data directory (to profile it later)")
    return parser.parse_args(argv)


def _run(data_dir: Path, students: int, questions: int) -> None:
    print(f"{students} students, {questions} questions, data in {data_dir}", flush=True)
    ingested = in_fresh_process(ingest, data_dir, students, questions, BATCH_SIZE, SEED)
    print(
        f"ingestion: {ingested.submissions} submissions, {ingested.attempts} attempts, {ingested.events} events"
        f" in {ingested.seconds:.1f} s ({ingested.attempts / ingested.seconds:.0f} attempts/s)",
        flush=True,
    )
    services = open_services(data_dir)
    try:
        results = [_measure(services, data_dir, case) for case in CASES]
    finally:
        services.stop()
    _print_table(results)


def _measure(services: Services, data_dir: Path, case: Case) -> Result:
    created = services.reports.create(TEACHER, COURSE_ID, case.quiz_id, case.report_type, case.all_versions)
    report = in_fresh_process(generate, data_dir, created.report_id)
    record = services.read_model.report(created.report_id)
    if record is None or record.file is None:
        failure = record.progress.message if record is not None and record.progress is not None else None
        raise RuntimeError(f"{case.name}: report {created.report_id} has no file after generation ({failure})")
    copy = data_dir / "bench" / f"report-{created.report_id}.csv"
    _copy_file(services, record.file.file_id, copy)
    baseline: Baseline = in_fresh_process(csv_baseline, copy, copy.with_suffix(".baseline.csv"))
    if baseline.rows != record.file.row_count:
        raise RuntimeError(f"{case.name}: read {baseline.rows} rows back, the read model says {record.file.row_count}")
    rows, cells_per_row = baseline.rows, baseline.cells_per_row
    if case.report_type == "item_analysis":
        # Its output is tiny; compare with writing its input instead (see csv_input_baseline).
        baseline = in_fresh_process(csv_input_baseline, data_dir, case.quiz_id)
    print(f"{case.name}: generated in {report.seconds:.2f} s", flush=True)
    return Result(case, rows, cells_per_row, record.file.size, report, baseline)


def _copy_file(services: Services, file_id: int, target: Path) -> None:
    """Stream the stored report out through the file store's port, never holding it whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in services.files.read(file_id):
            out.write(chunk)


def _print_table(results: Sequence[Result]) -> None:
    header = ["report", "rows", "cells/row", "MB written", "seconds", "rows/s", "peak RSS MB"]
    header += ["baseline s", "baseline RSS MB", "baseline rows x cells", "ratio", "verdict"]
    lines = [header, *(_cells(result) for result in results)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print()
    print(f"targets: report seconds <= {MAX_RATIO:.0f}x baseline seconds, peak RSS < {MAX_RSS_MB:.0f} MB")
    for line in lines:
        print(_aligned(line, widths))


def _aligned(line: Sequence[str], widths: Sequence[int]) -> str:
    """Text columns (the first and last) to the left, numbers to the right."""
    last = len(line) - 1
    cells = [
        cell.ljust(width) if i in (0, last) else cell.rjust(width)
        for i, (cell, width) in enumerate(zip(line, widths, strict=True))
    ]
    return "  ".join(cells).rstrip()


def _cells(result: Result) -> list[str]:
    return [
        result.case.name,
        str(result.rows),
        str(result.cells_per_row),
        f"{result.size_bytes / 1_000_000:.2f}",
        f"{result.report.seconds:.2f}",
        f"{result.rows / result.report.seconds:.0f}",
        f"{result.report.peak_rss_mb:.0f}",
        f"{result.baseline.measured.seconds:.4f}",
        f"{result.baseline.measured.peak_rss_mb:.0f}",
        f"{result.baseline.rows}x{result.baseline.cells_per_row}",
        f"{result.ratio:.1f}",
        result.verdict(),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
