"""Every route of the service, as an explicit list."""

from __future__ import annotations

from starlette.routing import Route

from api import ingestion_endpoints as ingest
from api import report_endpoints as reports

_QUIZ = "/api/v1/courses/{course_id:int}/quizzes/{quiz_id:int}"

ROUTES = [
    Route(f"{_QUIZ}/reports", reports.index, methods=["GET"]),
    Route(f"{_QUIZ}/reports", reports.create, methods=["POST"]),
    Route(f"{_QUIZ}/reports/{{report_id:int}}", reports.show, methods=["GET"]),
    Route(f"{_QUIZ}/reports/{{report_id:int}}", reports.abort, methods=["DELETE"]),
    Route("/api/v1/progress/{progress_id:int}", reports.progress, methods=["GET"]),
    Route("/api/v1/files/{file_id:int}", reports.file, methods=["GET"]),
    Route("/files/{file_id:int}/download", reports.download, methods=["GET"]),
    Route("/api/v1/courses/{course_id:int}", ingest.get_course, methods=["GET"]),
    Route("/api/v1/courses/{course_id:int}", ingest.put_course, methods=["PUT"]),
    Route(_QUIZ, ingest.get_quiz, methods=["GET"]),
    Route(_QUIZ, ingest.put_quiz, methods=["PUT"]),
    Route(f"{_QUIZ}/submissions/bulk", ingest.bulk_submissions, methods=["POST"]),
    Route(f"{_QUIZ}/submissions/{{submission_id:int}}", ingest.put_submission, methods=["PUT"]),
]
