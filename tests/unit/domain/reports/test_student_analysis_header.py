from __future__ import annotations

from domain.reports import student_analysis
from tests.unit.domain.reports.builders import attempt, options, question, quiz, submission

ONE_QUESTION = quiz([question(1, question_text="test 1")])


def test_header_with_sis_ids_lists_identity_sections_question_and_totals() -> None:
    table = student_analysis(ONE_QUESTION, [], options(sis_ids=True))

    assert table.header == [
        "name",
        "id",
        "sis_id",
        "section",
        "section_id",
        "section_sis_id",
        "submitted",
        "1: test 1",
        1,
        "n correct",
        "n incorrect",
        "score",
    ]


def test_header_without_sis_ids_drops_both_sis_columns() -> None:
    table = student_analysis(ONE_QUESTION, [], options(sis_ids=False))

    assert "sis_id" not in table.header
    assert "section_sis_id" not in table.header


def test_anonymous_header_drops_identity_but_keeps_sections() -> None:
    table = student_analysis(ONE_QUESTION, [], options(anonymous=True, root_account=True))

    assert table.header[:4] == ["section", "section_id", "section_sis_id", "submitted"]


def test_root_account_column_follows_sis_id_when_the_account_has_trusts() -> None:
    table = student_analysis(ONE_QUESTION, [], options(root_account=True))

    assert table.header[:5] == ["name", "id", "sis_id", "root_account", "section"]


def test_root_account_column_exists_without_sis_ids() -> None:
    table = student_analysis(ONE_QUESTION, [], options(sis_ids=False, root_account=True))

    assert table.header[:4] == ["name", "id", "root_account", "section"]


def test_attempt_column_follows_submitted_when_all_versions_are_included() -> None:
    table = student_analysis(ONE_QUESTION, [], options(all_versions=True))

    assert table.header[6:8] == ["submitted", "attempt"]


def test_question_header_strips_tags_and_deletes_named_entities() -> None:
    html_quiz = quiz([question(7, question_text="<p>Salt &amp; <b>pepper</b> &#38; more</p>")])

    table = student_analysis(html_quiz, [], options())

    assert table.header[7] == "7: Salt  pepper & more"


def test_points_header_cell_is_the_points_possible_number_as_stored() -> None:
    two_questions = quiz([question(1, points_possible=1), question(2, points_possible=2.0)])

    table = student_analysis(two_questions, [], options())

    assert [table.header[8], table.header[10]] == [1, 2.0]


def test_question_groups_in_the_quiz_are_not_columns() -> None:
    grouped = quiz([{"id": 99, "entry_type": "quiz_group", "name": "Pool"}, question(1)])

    table = student_analysis(grouped, [], options())

    assert table.header[7:9] == ["1: Question text", 1]
    assert len(table.header) == 12


def test_questions_only_an_attempt_saw_follow_the_quiz_questions() -> None:
    drawn = question(50, question_text="from a bank")
    seen_both = attempt(quiz_data=[drawn, question(1)], responses=[])

    table = student_analysis(quiz([question(1)]), [submission(attempts=[seen_both])], options())

    assert table.header[7:11] == ["1: Question text", 1, "50: from a bank", 1]


def test_drawn_questions_appear_in_row_order() -> None:
    newer = attempt(quiz_data=[question(60, question_text="b")], finished_at="2019-08-25T00:00:00Z")
    older = attempt(quiz_data=[question(70, question_text="a")], finished_at="2019-08-24T00:00:00Z")
    submissions = [submission(1, attempts=[older]), submission(2, attempts=[newer])]

    table = student_analysis(quiz(), submissions, options())

    assert table.header[7::2][:2] == ["60: b", "70: a"]


def test_quiz_without_questions_or_submissions_has_only_fixed_columns() -> None:
    table = student_analysis(quiz(), [], options())

    assert table.header == [
        "name",
        "id",
        "sis_id",
        "section",
        "section_id",
        "section_sis_id",
        "submitted",
        "n correct",
        "n incorrect",
        "score",
    ]
