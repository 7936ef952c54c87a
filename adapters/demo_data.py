"""Deterministic demo data for a Canvas-like course, in the service's ingestion shapes (SPEC §3.5).

``demo_course(seed, students)`` returns course 1, "Introduction to Statistics", with two quizzes:

* quiz 1, "Midterm Review": a published, non-anonymous ``assignment`` covering every Canvas question type.
  Each student (ids 1001…) has 1-3 attempts whose ``submission_data`` holds one entry per question, in quiz
  order, with Canvas's keys per question type (canvas-facts §12); a per-student ability drives correctness
  so statistics are meaningful. One extra submission is a teacher preview (user 9001, ``was_preview``).
* quiz 2, "Course Feedback Survey": an anonymous ``survey`` worth 0 points, answered once by about 60% of
  the students plus five logged-out takers (``user`` None, ``temporary_user_code`` "tmp_<n>").

``DemoQuiz.quiz`` is the body under ``"quiz"`` of ``PUT /courses/:c/quizzes/:q``; each of
``DemoQuiz.submissions`` is the body under ``"quiz_submission"`` of ``PUT .../submissions/:id`` plus its
``"id"``. Every attempt's ``score`` is the sum of its entries' ``points``; ``kept_score`` is the best attempt.
Equal arguments give equal data, and each call returns fresh objects; nothing here does I/O.
"""

from __future__ import annotations

import copy
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

Json = dict[str, Any]

COURSE_ID = 1
COURSE_NAME = "Introduction to Statistics"
PREVIEW_USER_ID = 9001
SECTION_A: Json = {"id": 11, "name": "Section A", "sis_section_id": "SEC-A"}
SECTION_B: Json = {"id": 12, "name": "Section B", "sis_section_id": "SEC-B"}

_FIRST = ("Ada", "Ben", "Chloe", "Diego", "Emma", "Farah", "Gabriel", "Hana", "Ivan", "Julia", "Kofi", "Lena")
_LAST = ("Nguyen", "Smith", "García", "Okafor", "Müller", "Kowalski", "Tanaka", "O'Brien", "Silva", "Haddad")
_EPOCH = datetime(2026, 9, 14, 8, 0, tzinfo=UTC)

# (type minus "_question", points, question_text, answers): answers split on "|"; "*" marks weight 100,
# "<…>" goes to html, "blank:text" for blanks and dropdowns, "left=right" for matching (no left: distractor).
MIDTERM_QUESTIONS = (
    ("text_only", 0.0, "<p>Questions 2&ndash;4 refer to the data set <em>2, 4, 6</em>.</p>", ""),
    ("multiple_choice", 1.0, "<p>What is the <em>mean</em> of 2, 4 and 6?</p>", "3|*4|5|6"),
    ("multiple_choice", 1.0, 'Which is "the average", in everyday speech?', "Mode|Median|*Mean|Range"),
    ("multiple_choice", 1.0, "<p>Mean &amp; median agree for…</p>", "skew|*symmetry|bimodality|gaps"),
    ("multiple_choice", 2.0, "Correlation of independent variables?", "*<em>zero</em>|one|minus one|none"),
    ("true_false", 1.0, "<p>The median is robust to outliers.</p>", "*True|False"),
    ("true_false", 1.0, "A p-value is the probability that the null hypothesis is true.", "True|*False"),
    ("multiple_answers", 2.0, "<p><strong>Centre</strong> measures:</p>", "*Mean|*Median|*Mode|Range, IQR"),
    ("short_answer", 1.0, "The square of the standard deviation is called the ____.", "*variance|*Variance"),
    ("essay", 2.0, "<p>Explain, in your own words, what a 95% confidence interval means.</p>", ""),
    ("numerical", 1.0, "What is the median of 1, 3, 3, 7, 9?", "*3"),
    ("matching", 2.0, "<p>Match each statistic.</p>", "Mean=Average|Median=Middle|Mode=Commonest|=Spread"),
    ("fill_in_multiple_blanks", 2.0, "A sample of [n] values has [df] degrees of freedom.", "*n:10|*df:9"),
    ("multiple_dropdowns", 2.0, "Skewed [s], mean is [r] median.", "*s:right|s:left|*r:above|r:below"),
    ("calculated", 1.0, "<p>What is [x] + [y]?</p>", "*25.3"),
    ("file_upload", 1.0, "Upload your worked solutions to problem set 3.", ""),
)
_SURVEY = (
    ("multiple_choice", 0.0, "How clear were the lectures?", "Very clear|Clear|Unclear|Very unclear"),
    ("multiple_answers", 0.0, "Which resources did you use?", "Textbook|Lecture notes|Office hours|Videos"),
    ("essay", 0.0, "<p>Any other comments &amp; suggestions?</p>", ""),
    ("true_false", 0.0, "Would you recommend this course?", "True|False"),
)
_FIRST_ANSWER_EXTRAS: dict[str, Json] = {
    "numerical_question": {"text": "", "numerical_answer_type": "exact_answer", "exact": 3, "margin": 0},
    "calculated_question": {
        "text": "",
        "answer": 25.3,
        "variables": [{"name": "x", "value": 4.3}, {"name": "y", "value": 21}],
    },
}
_QUESTION_EXTRAS: dict[str, Json] = {
    "calculated_question": {
        "variables": [
            {"name": "x", "min": 1, "max": 10, "scale": 1},
            {"name": "y", "min": 10, "max": 30, "scale": 0},
        ],
        "formulas": [{"formula": "x + y"}],
        "answer_tolerance": 0,
    },
}
_TYPED = {
    "short_answer_question": ("variance", "standard error"),
    "numerical_question": ("3", "5"),
    "calculated_question": ("25.3", "25"),
}
_ESSAYS = (
    "<p>A range of plausible values for the mean.</p>",
    "<p>95% of such intervals hold the true mean.</p>",
    "<p>Not sure &ndash; the mean &plusmn; 2 SD?</p>",
)


@dataclass(frozen=True)
class DemoQuiz:
    quiz_id: int
    quiz: Json
    submissions: list[Json]


@dataclass(frozen=True)
class DemoCourse:
    course_id: int
    name: str
    quizzes: list[DemoQuiz]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _answer_def(ids: Iterator[int], kind: str, part: str, matches: list[Json]) -> Json | None:
    body = part.lstrip("*")
    answer: Json = {"id": next(ids), "text": body, "html": "", "weight": 100 if part.startswith("*") else 0}
    if body.startswith("<"):
        answer.update(text="", html=body)
    if kind == "matching":
        left, right = body.split("=")
        matches.append({"match_id": next(ids), "text": right})
        answer.update(text=left, left=left, right=right, match_id=matches[-1]["match_id"])
        return answer if left else None
    if kind in ("fill_in_multiple_blanks", "multiple_dropdowns"):
        blank, text = body.split(":")
        answer.update(blank_id=blank, text=text)
    return answer


def build_questions(
    qids: Iterator[int], ids: Iterator[int], specs: tuple[tuple[str, float, str, str], ...]
) -> list[Json]:
    questions = []
    for position, (kind, points, text, spec) in enumerate(specs, start=1):
        matches: list[Json] = []
        answers = [a for p in spec.split("|") if p and (a := _answer_def(ids, kind, p, matches)) is not None]
        qtype = f"{kind}_question"
        if qtype in _FIRST_ANSWER_EXTRAS:
            answers[0].update(_FIRST_ANSWER_EXTRAS[qtype])
        question = {
            "id": next(qids),
            "position": position,
            "question_type": qtype,
            "question_name": "Question",
            "question_text": text,
            "points_possible": points,
            "answers": answers,
        }
        question.update(_QUESTION_EXTRAS.get(qtype, {}), **({"matches": matches} if matches else {}))
        questions.append(question)
    return questions


def _graded(points: float, right: int, total: int) -> Json:
    correct = True if right >= total else "partial" if right > 0 else False
    return {"correct": correct, "points": round(points * max(right, 0) / total, 2)}


def _response(q: Json, rng: random.Random, p: float, attachments: Iterator[int]) -> Json:
    """The graded submission_data entry, minus question_id, of a student who is right with probability p."""
    qtype, answers, points = q["question_type"], q["answers"], q["points_possible"]
    hit = rng.random() < p
    whole: Json = {"correct": hit, "points": points if hit else 0.0}
    if qtype in ("multiple_choice_question", "true_false_question"):
        return whole | {"answer_id": rng.choice([a for a in answers if (a["weight"] == 100) == hit])["id"]}
    if qtype in _TYPED:
        return whole | {"text": _TYPED[qtype][not hit]} | ({"answer_id": answers[0]["id"]} if hit else {})
    if qtype == "multiple_answers_question":
        picks = {a["id"]: (rng.random() < p) == (a["weight"] == 100) for a in answers}
        net = sum((1 if a["weight"] == 100 else -1) for a in answers if picks[a["id"]])
        graded = _graded(points, net, sum(a["weight"] == 100 for a in answers))
        return graded | {f"answer_{i}": "1" if v else "0" for i, v in picks.items()}
    if qtype == "matching_question":
        given = {a["id"]: a["match_id"] if rng.random() < p else rng.choice(q["matches"])["match_id"] for a in answers}
        graded = _graded(points, sum(given[a["id"]] == a["match_id"] for a in answers), len(answers))
        return graded | {f"answer_{i}": str(m) for i, m in given.items()}
    if qtype in ("fill_in_multiple_blanks_question", "multiple_dropdowns_question"):
        values: Json = {}
        right = 0
        for blank in dict.fromkeys(a["blank_id"] for a in answers):
            good = rng.random() < p
            key = next(a for a in answers if a["blank_id"] == blank and a["weight"] == 100)
            others = [a for a in answers if a["blank_id"] == blank and a is not key]
            if qtype == "multiple_dropdowns_question":
                values[f"answer_for_{blank}"] = (key if good else rng.choice(others))["id"]
            else:
                values[f"answer_for_{blank}"] = key["text"] if good else rng.choice(["8", "11", "n-1"])
            right += good
        return _graded(points, right, len(values)) | values
    if qtype == "essay_question":
        return _graded(points, int(hit) + int(rng.random() < p), 2) | {"text": rng.choice(_ESSAYS)}
    if qtype == "file_upload_question":
        return whole | {"attachment_ids": [str(next(attachments))]}
    return {"correct": False, "points": 0.0}


def build_attempts(
    questions: list[Json],
    rng: random.Random,
    ability: float,
    count: int,
    start: datetime,
    difficulty: list[float],
    attachments: Iterator[int],
) -> list[Json]:
    result = []
    for number in range(1, count + 1):
        data: list[Json] = []
        for q, diff in zip(questions, difficulty, strict=True):
            p = 1 / (1 + math.exp(diff - 1.3 * ability - 0.4 * (number - 1)))
            skipped = q["answers"] and rng.random() < 0.04
            entry: Json = {"correct": False, "points": 0.0} if skipped else _response(q, rng, p, attachments)
            data.append({"question_id": q["id"], **entry})
        state = "complete"
        if number == count and rng.random() < 0.12:
            state = "pending_review"
            for q, entry in zip(questions, data, strict=True):
                if q["question_type"] == "essay_question":
                    entry.update(correct="undefined", points=0.0)
        finished = start + timedelta(minutes=rng.randint(15, 55))
        result.append(_attempt(number, state, start, finished, data))
        start = finished + timedelta(hours=rng.randint(2, 48), minutes=rng.randint(0, 59))
    return result


def _attempt(number: int, state: str, start: datetime, finished: datetime, data: list[Json]) -> Json:
    score = round(sum(e["points"] for e in data), 2)
    return {
        "attempt": number,
        "workflow_state": state,
        "score": score,
        "fudge_points": 0,
        "started_at": _iso(start),
        "finished_at": _iso(finished),
        "submission_data": data,
        "quiz_data": None,
    }


def build_user(uid: int, first: str, last: str, sis_id: str | None) -> Json:
    return {"id": uid, "name": f"{first} {last}", "sortable_name": f"{last}, {first}", "sis_user_id": sis_id}


def build_quiz(title: str, quiz_type: str, anonymous: bool, published_at: str, questions: list[Json]) -> Json:
    points = sum(q["points_possible"] for q in questions)
    return {
        "title": title,
        "quiz_type": quiz_type,
        "anonymous_submissions": anonymous,
        "published_at": published_at,
        "points_possible": points,
        "questions": questions,
    }


def build_submission(sid: int, user: Json | None, sections: list[Json], attempts: list[Json], **extra: Any) -> Json:
    return {
        "id": sid,
        "user": user,
        "temporary_user_code": None,
        "was_preview": False,
        "sections": sections,
        "kept_score": max(a["score"] for a in attempts),
        "attempts": attempts,
        **extra,
    }


def _files(attempts: list[Json]) -> list[Json]:
    ids = [i for a in attempts for e in a["submission_data"] for i in e.get("attachment_ids", [])]
    return [{"id": int(i), "display_name": "essay.pdf"} for i in ids]


def _survey_response(q: Json, rng: random.Random) -> Json:
    entry: Json = {"question_id": q["id"], "correct": "defined", "points": 0.0}
    if q["question_type"] == "essay_question":
        comment = rng.choice(["", "<p>More worked examples, please.</p>", "<p>Great course, thanks!</p>"])
        return entry | ({"text": comment} if comment else {"correct": None})
    if q["question_type"] == "multiple_answers_question":
        return entry | {f"answer_{a['id']}": rng.choice(("0", "1")) for a in q["answers"]}
    return entry | {"answer_id": rng.choice(q["answers"])["id"]}


def _survey_attempt(questions: list[Json], rng: random.Random) -> list[Json]:
    start = _EPOCH + timedelta(days=rng.randint(80, 90), minutes=rng.randint(0, 600))
    finished = start + timedelta(minutes=rng.randint(2, 10))
    return [_attempt(1, "complete", start, finished, [_survey_response(q, rng) for q in questions])]


def demo_course(seed: int = 2026, students: int = 200) -> DemoCourse:
    """Build the demo course (see the module docstring); equal arguments give equal data."""
    rng = random.Random(seed)
    qids, ids = itertools.count(101), itertools.count(4001)
    sub_ids, attachments = itertools.count(50001), itertools.count(70001)
    midterm, survey = build_questions(qids, ids, MIDTERM_QUESTIONS), build_questions(qids, ids, _SURVEY)
    difficulty = [rng.uniform(-1.5, 1.0) for _ in midterm]
    graded: list[Json] = []
    feedback: list[Json] = []
    for i in range(students):
        uid, first, last = 1001 + i, rng.choice(_FIRST), rng.choice(_LAST)
        user = build_user(uid, first, last, f"SIS{uid}")
        sections = [SECTION_A, SECTION_B] if i in (3, 7) else [rng.choice([SECTION_A, SECTION_B])]
        start = _EPOCH + timedelta(days=rng.randint(0, 3), hours=rng.randint(0, 12), minutes=rng.randint(0, 59))
        count = rng.choice((1, 1, 2, 2, 3))
        tries = build_attempts(midterm, rng, rng.gauss(0.3, 1.0), count, start, difficulty, attachments)
        graded.append(build_submission(next(sub_ids), user, sections, tries, attachments=_files(tries)))
        if rng.random() < 0.6:
            feedback.append(build_submission(next(sub_ids), user, sections, _survey_attempt(survey, rng)))
    teacher = build_user(PREVIEW_USER_ID, "Morgan", "Reyes", None)
    preview = build_attempts(midterm, rng, 2.0, 1, _EPOCH - timedelta(days=1), difficulty, attachments)
    graded.append(build_submission(next(sub_ids), teacher, [], preview, was_preview=True, attachments=_files(preview)))
    for n in range(1, 6):
        anonymous = build_submission(
            next(sub_ids), None, [], _survey_attempt(survey, rng), temporary_user_code=f"tmp_{n}"
        )
        feedback.append(anonymous)
    quiz1 = build_quiz("Midterm Review", "assignment", False, "2026-09-10T08:00:00Z", midterm)
    quiz2 = build_quiz("Course Feedback Survey", "survey", True, "2026-12-01T08:00:00Z", survey)
    course = DemoCourse(COURSE_ID, COURSE_NAME, [DemoQuiz(1, quiz1, graded), DemoQuiz(2, quiz2, feedback)])
    return copy.deepcopy(course)  # so no result shares objects with another call or the module constants
