from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from adapters.demo_data import DemoCourse, DemoQuiz, demo_course

Json = dict[str, Any]
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
ALL_TYPES = {
    "multiple_choice_question",
    "true_false_question",
    "multiple_answers_question",
    "short_answer_question",
    "essay_question",
    "numerical_question",
    "matching_question",
    "fill_in_multiple_blanks_question",
    "multiple_dropdowns_question",
    "calculated_question",
    "file_upload_question",
    "text_only_question",
}


@pytest.fixture(scope="module")
def course() -> DemoCourse:
    return demo_course()


@pytest.fixture(scope="module")
def midterm(course: DemoCourse) -> DemoQuiz:
    return course.quizzes[0]


@pytest.fixture(scope="module")
def survey(course: DemoCourse) -> DemoQuiz:
    return course.quizzes[1]


def students(quiz: DemoQuiz) -> list[Json]:
    return [s for s in quiz.submissions if s["user"] is not None and not s["was_preview"]]


def entries(quiz: DemoQuiz) -> list[tuple[Json, Json]]:
    """(question, entry) pairs for every attempt of every submission."""
    questions = {q["id"]: q for q in quiz.quiz["questions"]}
    return [
        (questions[e["question_id"]], e) for s in quiz.submissions for a in s["attempts"] for e in a["submission_data"]
    ]


def by_type(quiz: DemoQuiz, question_type: str) -> list[tuple[Json, Json]]:
    return [(q, e) for q, e in entries(quiz) if q["question_type"] == question_type]


def test_same_seed_gives_same_data() -> None:
    assert demo_course(seed=7, students=30) == demo_course(seed=7, students=30)
    assert demo_course(seed=7, students=30) != demo_course(seed=8, students=30)


def test_each_call_returns_fresh_objects() -> None:
    first = demo_course(students=5)
    first.quizzes[0].submissions[0]["sections"][0]["name"] = "changed"
    first.quizzes[0].quiz["questions"][0]["answers"].append({"id": 0})
    assert demo_course(students=5) == demo_course(students=5) != first


def test_course_and_quizzes(course: DemoCourse, midterm: DemoQuiz, survey: DemoQuiz) -> None:
    assert (course.course_id, course.name) == (1, "Introduction to Statistics")
    assert (midterm.quiz_id, survey.quiz_id) == (1, 2)
    assert midterm.quiz["title"] == "Midterm Review"
    assert midterm.quiz["quiz_type"] == "assignment"
    assert midterm.quiz["anonymous_submissions"] is False
    assert ISO_UTC.match(midterm.quiz["published_at"])


def test_students_count_follows_the_argument(midterm: DemoQuiz) -> None:
    assert len(students(midterm)) == 200
    assert len(students(demo_course(students=12).quizzes[0])) == 12


def test_student_identities(midterm: DemoQuiz) -> None:
    users = [s["user"] for s in students(midterm)]
    assert [u["id"] for u in users] == list(range(1001, 1201))
    for user in users:
        first, last = user["name"].split(" ", 1)
        assert user["sortable_name"] == f"{last}, {first}"
        assert user["sis_user_id"] == f"SIS{user['id']}"


def test_two_sections_and_some_students_in_both(midterm: DemoQuiz) -> None:
    sections = {(x["id"], x["name"], x["sis_section_id"]) for s in students(midterm) for x in s["sections"]}
    assert sections == {(11, "Section A", "SEC-A"), (12, "Section B", "SEC-B")}
    in_both = [s for s in students(midterm) if len(s["sections"]) == 2]
    assert 2 <= len(in_both) < 10


def test_many_students_have_several_attempts(midterm: DemoQuiz) -> None:
    counts = Counter(len(s["attempts"]) for s in students(midterm))
    assert set(counts) == {1, 2, 3}
    assert counts[2] + counts[3] >= 60


def test_attempts_are_numbered_and_timed_in_order(course: DemoCourse) -> None:
    for quiz in course.quizzes:
        for sub in quiz.submissions:
            attempts = sub["attempts"]
            assert [a["attempt"] for a in attempts] == list(range(1, len(attempts) + 1))
            times = [t for a in attempts for t in (a["started_at"], a["finished_at"])]
            assert all(ISO_UTC.match(t) for t in times)
            assert times == sorted(times)
            assert len(set(times)) == len(times)
            assert all(a["quiz_data"] is None and a["fudge_points"] == 0 for a in attempts)


def test_questions_cover_every_type(midterm: DemoQuiz) -> None:
    questions = midterm.quiz["questions"]
    assert len(questions) >= 12
    assert {q["question_type"] for q in questions} == ALL_TYPES
    kinds = Counter(q["question_type"] for q in questions)
    assert kinds["multiple_choice_question"] >= 3
    assert kinds["true_false_question"] == 2
    assert [q["position"] for q in questions] == list(range(1, len(questions) + 1))


def test_question_and_answer_ids_are_unique(course: DemoCourse) -> None:
    questions = [q for quiz in course.quizzes for q in quiz.quiz["questions"]]
    question_ids = [q["id"] for q in questions]
    answer_ids = [a["id"] for q in questions for a in q["answers"]]
    assert len(set(question_ids)) == len(question_ids)
    assert len(set(answer_ids)) == len(answer_ids)
    assert all(isinstance(i, int) for i in question_ids + answer_ids)


def test_points_possible(midterm: DemoQuiz, survey: DemoQuiz) -> None:
    points = [q["points_possible"] for q in midterm.quiz["questions"]]
    assert all(isinstance(p, float) for p in points)
    assert {1.0, 2.0} <= set(points)
    assert midterm.quiz["points_possible"] == sum(points)
    assert survey.quiz["points_possible"] == 0.0


def test_question_shapes(midterm: DemoQuiz) -> None:
    questions = {q["question_type"]: q for q in midterm.quiz["questions"]}
    for q in midterm.quiz["questions"]:
        if q["question_type"] == "multiple_choice_question":
            assert len(q["answers"]) == 4
            assert [a["weight"] for a in q["answers"]].count(100) == 1
    assert [a["text"] for a in questions["true_false_question"]["answers"]] == ["True", "False"]
    matching = questions["matching_question"]
    match_ids = {m["match_id"] for m in matching["matches"]}
    assert all({"left", "right", "match_id"} <= a.keys() and a["match_id"] in match_ids for a in matching["answers"])
    assert len(match_ids) > len(matching["answers"])
    assert all(a["blank_id"] for a in questions["fill_in_multiple_blanks_question"]["answers"])
    assert len({a["blank_id"] for a in questions["multiple_dropdowns_question"]["answers"]}) == 2
    assert questions["calculated_question"]["answers"][0]["variables"][0] == {"name": "x", "value": 4.3}
    text_only = questions["text_only_question"]
    assert (text_only["points_possible"], text_only["answers"]) == (0.0, [])


def test_question_texts_include_html_entities_commas_and_quotes(midterm: DemoQuiz) -> None:
    texts = [q["question_text"] for q in midterm.quiz["questions"]]
    assert any("<p>" in t for t in texts)
    assert any("<em>" in t for t in texts)
    assert any("&amp;" in t for t in texts)
    assert any("," in t and '"' in t for t in texts)


def test_submission_data_follows_the_quiz(course: DemoCourse) -> None:
    for quiz in course.quizzes:
        question_ids = [q["id"] for q in quiz.quiz["questions"]]
        for sub in quiz.submissions:
            for attempt in sub["attempts"]:
                assert [e["question_id"] for e in attempt["submission_data"]] == question_ids


def test_scores_are_sums_of_points(course: DemoCourse) -> None:
    for quiz in course.quizzes:
        for sub in quiz.submissions:
            for attempt in sub["attempts"]:
                total = sum(e["points"] for e in attempt["submission_data"])
                assert attempt["score"] == pytest.approx(total + attempt["fudge_points"])
            assert sub["kept_score"] == max(a["score"] for a in sub["attempts"])


def test_scores_spread_with_ability(midterm: DemoQuiz) -> None:
    scores = sorted(s["attempts"][0]["score"] for s in students(midterm))
    top, bottom = scores[-50:], scores[:50]
    assert sum(top) / 50 - sum(bottom) / 50 > midterm.quiz["points_possible"] / 4


def test_choice_answers_reference_the_question(midterm: DemoQuiz) -> None:
    for kind in ("multiple_choice_question", "true_false_question"):
        answered = [(q, e) for q, e in by_type(midterm, kind) if "answer_id" in e]
        assert answered
        for q, e in answered:
            chosen = next(a for a in q["answers"] if a["id"] == e["answer_id"])
            assert e["correct"] is (chosen["weight"] == 100)
            assert e["points"] == (q["points_possible"] if e["correct"] else 0.0)


def test_multiple_answers_entries(midterm: DemoQuiz) -> None:
    pairs = by_type(midterm, "multiple_answers_question")
    answered = [(q, e) for q, e in pairs if any(k.startswith("answer_") for k in e)]
    for q, e in answered:
        assert {e[f"answer_{a['id']}"] for a in q["answers"]} <= {"0", "1"}
    assert {e["correct"] for _, e in answered} == {True, False, "partial"}


def test_matching_blanks_and_dropdown_entries(midterm: DemoQuiz) -> None:
    for q, e in by_type(midterm, "matching_question"):
        if "answer_" + str(q["answers"][0]["id"]) in e:
            match_ids = {str(m["match_id"]) for m in q["matches"]}
            assert all(e[f"answer_{a['id']}"] in match_ids for a in q["answers"])
    for q, e in by_type(midterm, "fill_in_multiple_blanks_question"):
        if e["correct"] is True:
            assert all(e[f"answer_for_{a['blank_id']}"] == a["text"] for a in q["answers"])
    for q, e in by_type(midterm, "multiple_dropdowns_question"):
        if "answer_for_s" in e:
            answer_ids = {a["id"] for a in q["answers"]}
            assert {e["answer_for_s"], e["answer_for_r"]} <= answer_ids


def test_text_answers(midterm: DemoQuiz) -> None:
    for kind in ("short_answer_question", "essay_question", "numerical_question", "calculated_question"):
        assert any(isinstance(e.get("text"), str) and e["text"] for _, e in by_type(midterm, kind))


def test_file_uploads_are_listed_on_the_submission(midterm: DemoQuiz) -> None:
    for sub in midterm.submissions:
        uploaded = [i for a in sub["attempts"] for e in a["submission_data"] for i in e.get("attachment_ids", [])]
        assert uploaded
        assert [str(f["id"]) for f in sub["attachments"]] == uploaded
        assert {f["display_name"] for f in sub["attachments"]} == {"essay.pdf"}


def test_some_questions_are_left_unanswered(midterm: DemoQuiz) -> None:
    fixed = {"question_id", "correct", "points"}
    blank = [(q, e) for q, e in entries(midterm) if q["answers"] and set(e) == fixed]
    assert blank
    assert all(e["correct"] is False and e["points"] == 0.0 for _, e in blank)


def test_ungraded_essays_leave_the_attempt_pending_review(midterm: DemoQuiz) -> None:
    pending = [a for s in midterm.submissions for a in s["attempts"] if a["workflow_state"] == "pending_review"]
    assert pending
    for sub in midterm.submissions:
        assert all(a["workflow_state"] == "complete" for a in sub["attempts"][:-1])
    for attempt in pending:
        essay = next(e for e in attempt["submission_data"] if e["correct"] == "undefined")
        assert essay["points"] == 0.0
    states = {a["workflow_state"] for s in midterm.submissions for a in s["attempts"]}
    assert states == {"complete", "pending_review"}


def test_one_teacher_preview(midterm: DemoQuiz) -> None:
    previews = [s for s in midterm.submissions if s["was_preview"]]
    assert len(previews) == 1
    assert previews[0]["user"]["id"] == 9001


def test_survey_is_anonymous_with_logged_out_takers(survey: DemoQuiz) -> None:
    assert survey.quiz["quiz_type"] == "survey"
    assert survey.quiz["anonymous_submissions"] is True
    kinds = [q["question_type"] for q in survey.quiz["questions"]]
    assert kinds == [
        "multiple_choice_question",
        "multiple_answers_question",
        "essay_question",
        "true_false_question",
    ]
    logged_out = [s for s in survey.submissions if s["user"] is None]
    assert [s["temporary_user_code"] for s in logged_out] == [f"tmp_{n}" for n in range(1, 6)]
    assert all(s["sections"] == [] for s in logged_out)
    assert all(len(s["attempts"]) == 1 and s["kept_score"] == 0.0 for s in survey.submissions)
    assert 0.5 * 200 <= len(students(survey)) <= 0.7 * 200
    assert {e["correct"] for _, e in entries(survey)} <= {None, "defined"}


def test_submission_ids_are_unique_across_the_course(course: DemoCourse) -> None:
    ids = [s["id"] for quiz in course.quizzes for s in quiz.submissions]
    assert len(set(ids)) == len(ids)
    assert all(isinstance(i, int) for i in ids)
