"""Use cases of a report's generation, run by workers: render the CSV, record its progress.

A worker receives only a report id. Generating does nothing unless the report is queued, so a
duplicated or replayed message is harmless; two workers racing on one report cannot both start
it, because the second `Started` conflicts in the event store.

Of a generation's own events only its outcome (`Completed` or `Failed`) waits for the read model:
nothing the worker reads depends on its `Started` or progress, and each wait costs a trip through the
projector. The read model is caught up once, before `Started`, so the report reads every event recorded
before it began; a projector that is behind delays the generation, and one that is down leaves the report
queued for the message's retries.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from time import monotonic
from typing import Any

from eventsourcing.persistence import IntegrityError

from application.access import Caller, system_caller
from application.event_store import QuizReportsLog
from application.ports import FileSink, IdSequence, ProjectionSync, ReadModel, ReportFileStore
from domain import ids
from domain.quiz_report import QUEUED, RUNNING, GeneratedFile, QuizReport
from domain.reports import (
    ReportOptions,
    ReportTable,
    RowEncoder,
    item_analysis_of_first_attempts,
    report_display_name,
    report_filename,
    student_analysis,
)

logger = logging.getLogger(__name__)

_LINES_PER_WRITE = 256
"""Rows joined per write to the file sink (a few hundred KB at most for typical rows)."""

PROGRESS_INTERVAL = 0.2
"""Seconds since a generation's last event before a progress step is recorded again. A step costs an
event (a few milliseconds on PostgreSQL): a big report records each of Canvas's tenths, while a report
that renders in a moment records none of its steps, which no client polling its progress would see."""


def progress_steps(row_count: int) -> Iterable[tuple[int, float]]:
    """(row index, completion) pairs at which Canvas records progress: each new tenth of the rows."""
    current = 0
    for index in range(row_count):
        completion = math.floor(100 * index / row_count + 0.5)  # Ruby rounds halves up
        if completion // 10 > current // 10:
            current = completion
            yield index, float(completion)


class ReportGeneration:
    def __init__(
        self,
        log: QuizReportsLog,
        read_model: ReadModel,
        sync: ProjectionSync,
        id_sequence: IdSequence,
        files: ReportFileStore,
        formula_guard: bool,
        progress_interval: float = PROGRESS_INTERVAL,
    ) -> None:
        self._log = log
        self._read_model = read_model
        self._sync = sync
        self._ids = id_sequence
        self._files = files
        self._formula_guard = formula_guard
        self._progress_interval = progress_interval

    def generate(self, report_id: int, message_id: str) -> bool:
        """Generate a queued report; False when it was not queued (nothing to do)."""
        caller = system_caller(message_id)
        report: QuizReport = self._log.repository.get(ids.report_id(report_id))
        if report.progress_state != QUEUED:
            return False
        # Before `Started`: the log's end is then at or after the request, and usually projected already.
        self._sync.caught_up()
        report.start(caller.actor, caller.request_id)
        try:
            self._log.save(report)
        except IntegrityError:
            return False
        try:
            self._render(report, caller, monotonic())
        except Exception:
            error_id = self._ids.next_id()
            logger.exception("report generation failed, error id %s (report %s)", error_id, report_id)
            self._fail(report_id, f"Unexpected error, ID: {error_id}", caller)
        return True

    def retry_interrupted(self, request_id: str, max_retries: int = 2) -> list[int]:
        """Queue again every generation left running (at the start of the only process that runs
        generations, all of them were interrupted)."""
        return self.recover_stalled(request_id, timedelta(0), max_retries)

    def recover_stalled(self, request_id: str, lease: timedelta, max_retries: int) -> list[int]:
        """Generations running with no event for longer than `lease` lost their worker: each is
        queued again, or failed once it was retried `max_retries` times. Returns their report ids."""
        caller = system_caller(request_id)
        now = datetime.now(UTC)
        recovered = []
        for report_id in self._read_model.reports_in_states([RUNNING]):
            report: QuizReport = self._log.repository.get(ids.report_id(report_id))
            if report.progress_state != RUNNING or now - report.modified_on < lease:
                continue
            if report.retries >= max_retries:
                error_id = self._ids.next_id()
                logger.error(
                    "report %s: generation abandoned after %d retries, error id %s", report_id, max_retries, error_id
                )
                report.fail(f"Unexpected error, ID: {error_id}", caller.actor, caller.request_id)
            else:
                report.retry_interrupted(caller.actor, caller.request_id)
            try:
                self._save(report)
            except IntegrityError:
                continue  # its worker was alive after all and recorded progress
            recovered.append(report_id)
        return recovered

    def _render(self, report: QuizReport, caller: Caller, started: float) -> None:
        """Render and store the file, then complete the report; `started` is the monotonic time of `Started`."""
        table, quiz_title, quiz_type = self._table(report)
        file_id = self._ids.next_id()
        sink = self._files.create(file_id)
        try:
            self._write(report, table, sink, caller, started)
            size, sha256 = sink.close()
        except BaseException:
            sink.discard()
            raise
        report.complete(
            GeneratedFile(
                file_id=file_id,
                uuid=uuid.uuid4().hex,
                filename=report_filename(report.report_type),
                display_name=report_display_name(quiz_title, quiz_type, report.report_type),
                size=size,
                sha256=sha256,
                row_count=table.row_count,
            ),
            caller.actor,
            caller.request_id,
        )
        self._save(report)

    def _table(self, report: QuizReport) -> tuple[ReportTable, str, str]:
        quiz = self._read_model.quiz(report.course_id, report.quiz_id)
        if quiz is None:
            raise LookupError(f"quiz {report.quiz_id} of report {report.report_id} is missing")
        definition = {**quiz.definition, "id": quiz.quiz_id}
        # Streamed: no report holds every submission with every attempt in memory (a big course's
        # attempts take gigabytes decoded). Responses are nearly all of an attempt and are decoded only
        # where they are used: the item analysis reads first attempts' answer ids only, the student
        # analysis selects and orders rows without responses and reads each reported attempt whole once.
        if report.report_type == "item_analysis":
            first_attempts = self._read_model.iter_first_attempt_answers(report.course_id, report.quiz_id)
            table = item_analysis_of_first_attempts(definition, first_attempts)
        else:
            course = self._read_model.course(report.course_id)
            options = ReportOptions(
                includes_all_versions=report.includes_all_versions,
                includes_sis_ids=report.includes_sis_ids,
                anonymous=report.anonymous,
                includes_root_account=course is not None and course.root_account_has_trusts,
            )

            def reload(keys: Sequence[tuple[Any, Any]]) -> Mapping[tuple[Any, Any], Mapping[str, Any]]:
                return self._read_model.submission_attempts(report.course_id, report.quiz_id, keys)

            heads = self._read_model.iter_submission_heads(report.course_id, report.quiz_id)
            table = student_analysis(definition, heads, options, reload=reload, responses_elsewhere=True)
        return table, quiz.title, quiz.quiz_type

    def _write(self, report: QuizReport, table: ReportTable, sink: FileSink, caller: Caller, since: float) -> None:
        """Write the rows, recording a progress step once `progress_interval` passed since the last event
        (`since`, monotonic)."""
        encoder = RowEncoder(formula_guard=self._formula_guard)
        steps = dict(progress_steps(table.row_count))
        # Lines go to the sink in chunks: one write (encode, hash, copy) per row costs more than joining.
        chunk = [encoder.line(table.header)]
        for index, line in enumerate(table.lines(encoder)):
            completion = steps.get(index)
            if completion is not None:
                now = monotonic()
                if now - since >= self._progress_interval:
                    report.update_progress(completion, caller.actor, caller.request_id)
                    self._log.save(report)
                    since = now
            chunk.append(line)
            if len(chunk) >= _LINES_PER_WRITE:
                sink.write("".join(chunk))
                chunk.clear()
        if chunk:
            sink.write("".join(chunk))

    def _fail(self, report_id: int, message: str, caller: Caller) -> None:
        report: QuizReport = self._log.repository.get(ids.report_id(report_id))
        if report.is_generating:
            report.fail(message, caller.actor, caller.request_id)
            self._save(report)

    def _save(self, report: QuizReport) -> None:
        """Save and wait until the read model shows it (an outcome, or a recovery's decision)."""
        self._sync.wait_for(self._log.last_position(self._log.save(report)))
