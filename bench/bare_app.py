"""The load baseline: a bare Starlette app returning a JSON document of a report's size."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

DOCUMENT = {
    "id": 1,
    "report_type": "student_analysis",
    "readable_type": "Student Analysis",
    "includes_all_versions": False,
    "includes_sis_ids": True,
    "generatable": True,
    "anonymous": False,
    "url": "http://127.0.0.1:8000/api/v1/courses/1/quizzes/1/reports/1",
    "progress_url": "http://127.0.0.1:8000/api/v1/progress/3",
    "created_at": "2026-11-27T11:33:40Z",
    "updated_at": "2026-11-27T11:33:40Z",
    "file": {"id": 4, "uuid": "1a4053a363be4ccc8f1a32162df69ac2", "display_name": "Midterm Review Quiz Student"},
    "quiz_id": 1,
    "course_id": 1,
}


async def document(request: Request) -> Response:
    return JSONResponse(DOCUMENT)


app = Starlette(routes=[Route("/json", document)])
