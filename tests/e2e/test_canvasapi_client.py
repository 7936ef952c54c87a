"""The real `canvasapi` 3.6.0 client against a real server process (the embedded mode)."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
import requests
from canvasapi import Canvas
from canvasapi.exceptions import Conflict, InvalidAccessToken, Unauthorized

from tests.e2e.server import cli, serving

pytestmark = [
    pytest.mark.e2e,
    # The server runs on loopback without TLS; the client's warning about plain HTTP is expected.
    pytest.mark.filterwarnings("ignore:Canvas may respond unexpectedly when making requests to HTTP:UserWarning"),
]


def _token(data_dir: Path, *grant: str) -> str:
    return cli(data_dir, "tokens", "issue", "--user-id", "1", *grant).strip().splitlines()[-1]


def test_a_teacher_script_generates_downloads_and_removes_a_report(tmp_path: Path) -> None:
    teacher = cli(tmp_path, "demo").strip().splitlines()[-1]
    student = _token(tmp_path, "--course", "1", "--role", "student")

    with serving(tmp_path, env={"QUIZ_REPORTS_WORKER_THREADS": "0"}) as base:
        quiz = Canvas(base, teacher).get_course(1).get_quiz(1)
        queued = quiz.create_report("student_analysis")
        with pytest.raises(Conflict):
            quiz.create_report("student_analysis")
        with pytest.raises(InvalidAccessToken):
            Canvas(base, "not-a-token").get_course(1).get_quiz(1).get_quiz_report(queued.id)
        with pytest.raises(Unauthorized):
            Canvas(base, student).get_course(1).get_quiz(1).get_quiz_report(queued.id)

    with serving(tmp_path) as base:
        canvas = Canvas(base, teacher)
        quiz = canvas.get_course(1).get_quiz(1)
        progress_id = int(queued.progress_url.rsplit("/", 1)[-1])
        deadline = time.monotonic() + 30
        while (progress := canvas.get_progress(progress_id)).workflow_state != "completed":
            assert progress.workflow_state in ("queued", "running")
            assert time.monotonic() < deadline
            time.sleep(0.05)
        report = quiz.get_quiz_report(queued.id)
        download = requests.get(report.file["url"], timeout=10)
        removed = report.abort_or_delete()

    rows = list(csv.reader(io.StringIO(download.text)))
    assert progress.completion == 100.0
    assert report.file["display_name"] == "Midterm Review Quiz Student Analysis Report.csv"
    assert rows[0][:7] == ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted"]
    assert rows[0][-3:] == ["n correct", "n incorrect", "score"]
    assert len(rows) == 1 + 200
    assert removed is True
