"""A student analysis that drops attempts after its first pass and reads them again renders the same rows."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from domain.reports import student_analysis
from tests.unit.domain.reports.builders import (
    Json,
    answer,
    attempt,
    options,
    question,
    quiz,
    response,
    rows_of,
    submission,
)

ASKED = quiz([question(1, answers=[answer(11, "yes"), answer(12, "no")]), question(2, question_type="essay_question")])
# The package re-exports the builder under the module's own name, so the modules are fetched by path.
SCAN = importlib.import_module("domain.reports.student_scan")
BUILDER = importlib.import_module("domain.reports.student_analysis")
DRAWN = [question(3, question_text="Drawn", answers=[answer(31, "a")]), question(1, answers=[answer(11, "oui")])]


def _taken(number: int, day: int, *, drawn: bool = False) -> Json:
    responses = [response(1, answer_id=11 + day % 2), response(2, text=f"<p>essay {day}</p>", points=0.5)]
    if drawn:
        responses.append(response(3, answer_id=31))
    finished_at = f"2019-01-{day:02d}T00:00:00Z"
    return attempt(number, responses=responses, finished_at=finished_at, quiz_data=DRAWN if drawn else None)


def _submissions() -> list[Json]:
    found = [submission(sid, attempts=[_taken(1, sid), _taken(2, sid + 3, drawn=sid % 3 == 0)]) for sid in range(1, 9)]
    found.append(submission(20, logged_out=True, attempts=[_taken(1, 9)]))
    return found


def _loader(submissions: list[Json], calls: list[int]) -> Any:
    def reload(keys: Sequence[tuple[Any, Any]]) -> Mapping[tuple[Any, Any], Mapping[str, Any]]:
        calls.append(len(keys))
        return {
            (taken["id"], each["attempt"]): each
            for taken in submissions
            for each in taken["attempts"]
            if (taken["id"], each["attempt"]) in keys
        }

    return reload


@pytest.mark.parametrize("all_versions", [False, True])
@pytest.mark.parametrize("retained", [0, 5, 10_000])
def test_reloaded_rows_equal_rows_kept_in_memory(
    all_versions: bool, retained: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SCAN, "RETAINED_RESPONSES", retained)
    monkeypatch.setattr(BUILDER, "RELOAD_BATCH", 3)
    chosen = options(all_versions=all_versions)
    expected = student_analysis(ASKED, _submissions(), chosen)
    calls: list[int] = []

    streamed = student_analysis(ASKED, iter(_submissions()), chosen, reload=_loader(_submissions(), calls))

    assert streamed.header == expected.header
    assert rows_of(streamed) == rows_of(expected)
    assert rows_of(streamed) == rows_of(expected)  # the rows can be produced again
    assert (sum(calls) > 0) == (retained < 10_000)


def test_an_attempt_the_loader_no_longer_finds_renders_without_responses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SCAN, "RETAINED_RESPONSES", 0)
    taken = [submission(1, attempts=[_taken(1, 1)])]

    (row,) = rows_of(student_analysis(ASKED, taken, options(), reload=lambda keys: {}))

    assert row[-3:] == [0, 0, 0]


@pytest.mark.parametrize("drawn", [False, True])
def test_light_rows_hold_no_container_of_their_attempt(drawn: bool) -> None:
    taken = [submission(1, attempts=[_taken(1, 1, drawn=drawn)])]

    (row,) = SCAN.scan(ASKED, taken, all_versions=False, can_reload=True, retained_responses=0).rows
    gc.collect()  # dicts holding no container stop being tracked at a full collection

    assert row.reload_key == (1, 1)
    assert row.attempt["submission_data"] == ()
    assert row.attempt["quiz_data"] == (() if drawn else None)
    assert not gc.is_tracked(row.attempt)


def _head(taken: Json) -> Json:
    return {**taken, "attempts": [{**each, "submission_data": []} for each in taken["attempts"]]}


@pytest.mark.parametrize("all_versions", [False, True])
def test_attempts_read_without_responses_render_the_rows_kept_in_memory(
    all_versions: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BUILDER, "RELOAD_BATCH", 4)
    chosen = options(all_versions=all_versions)
    expected = student_analysis(ASKED, _submissions(), chosen)
    calls: list[int] = []
    heads = [_head(taken) for taken in _submissions()]

    streamed = student_analysis(
        ASKED, iter(heads), chosen, reload=_loader(_submissions(), calls), responses_elsewhere=True
    )

    assert streamed.header == expected.header
    assert rows_of(streamed) == rows_of(expected)
    assert sum(calls) == len(rows_of(expected))


def test_attempts_without_responses_need_a_loader() -> None:
    with pytest.raises(ValueError, match="reload"):
        student_analysis(ASKED, [], options(), responses_elsewhere=True)
