"""Deterministic benchmark data in the service's ingestion shapes (SPEC §3.5).

One course with two quizzes of ``questions`` questions that cycle through ten Canvas question types.
Quiz ``SINGLE_ATTEMPT_QUIZ`` (variant A) has one attempt per student; quiz ``THREE_ATTEMPTS_QUIZ``
(variant B) has three. Students alternate between two sections. The questions and graded responses come
from the demo data's builders, so every type carries Canvas's keys (canvas-facts §12); equal arguments
give equal data, and submissions are produced in batches so the whole set never sits in memory.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from adapters.demo_data import (
    MIDTERM_QUESTIONS,
    SECTION_A,
    SECTION_B,
    build_attempts,
    build_questions,
    build_quiz,
    build_submission,
    build_user,
)

Json = dict[str, Any]

COURSE_ID = 1
COURSE_NAME = "Benchmark Course"
SINGLE_ATTEMPT_QUIZ = 1
THREE_ATTEMPTS_QUIZ = 2
ATTEMPTS = {SINGLE_ATTEMPT_QUIZ: 1, THREE_ATTEMPTS_QUIZ: 3}

_EPOCH = datetime(2026, 9, 14, 8, 0, tzinfo=UTC)
_FIRST = ("Ada", "Ben", "Chloe", "Diego", "Emma", "Farah", "Gabriel", "Hana", "Ivan", "Julia", "Kofi", "Lena")
_LAST = ("Nguyen", "Smith", "García", "Okafor", "Müller", "Kowalski", "Tanaka", "O'Brien", "Silva", "Haddad")
# One question of each type the reports render differently, as the demo quiz words them.
_SKIPPED = ("text_only", "file_upload")
_FIRST_OF_EACH: dict[str, tuple[str, float, str, str]] = {}
for _spec in MIDTERM_QUESTIONS:
    if _spec[0] not in _SKIPPED:
        _FIRST_OF_EACH.setdefault(_spec[0], _spec)
_TYPES = tuple(_FIRST_OF_EACH.values())


def quiz_definition(quiz_id: int, questions: int) -> Json:
    """The body under ``"quiz"`` of ``PUT /courses/:c/quizzes/:quiz_id``."""
    specs = tuple(itertools.islice(itertools.cycle(_TYPES), questions))
    first_question = 1 + quiz_id * 100_000
    definition = build_questions(itertools.count(first_question), itertools.count(first_question * 10), specs)
    title = f"Benchmark quiz {quiz_id} ({ATTEMPTS[quiz_id]} attempt(s) per student)"
    quiz: Json = build_quiz(title, "assignment", False, "2026-09-10T08:00:00Z", definition)
    return quiz


def submission_batches(quiz: Json, quiz_id: int, students: int, batch_size: int, seed: int) -> Iterator[list[Json]]:
    """The quiz's submissions, ``batch_size`` at a time, each the body of a bulk upsert item."""
    rng = random.Random(seed * 1_000 + quiz_id)
    questions: list[Json] = quiz["questions"]
    difficulty = [rng.uniform(-1.5, 1.0) for _ in questions]
    no_attachments = iter(())
    batch: list[Json] = []
    for index in range(students):
        uid = 1001 + index
        user = build_user(uid, rng.choice(_FIRST), rng.choice(_LAST), f"SIS{uid}")
        sections = [(SECTION_A, SECTION_B)[index % 2]]
        start = _EPOCH + timedelta(days=rng.randint(0, 3), hours=rng.randint(0, 12), minutes=rng.randint(0, 59))
        ability = rng.gauss(0.3, 1.0)
        tries = build_attempts(questions, rng, ability, ATTEMPTS[quiz_id], start, difficulty, no_attachments)
        batch.append(build_submission(index + 1, user, sections, tries))
        if len(batch) == batch_size:
            yield batch
            batch = []
    if batch:
        yield batch
