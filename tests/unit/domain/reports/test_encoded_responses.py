"""Responses kept as their encoded lines read as the list of decoded responses."""

from __future__ import annotations

import json
from typing import Any

import pytest

from domain.reports.encoded_responses import EncodedResponses

RESPONSES: list[dict[str, Any]] = [
    {"question_id": 1, "answer_id": 10, "correct": True},
    {"question_id": 2, "text": 'a, "b"', "correct": False},
    {"question_id": 3},
]


def _decoded(text: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(text)
    return value


@pytest.mark.parametrize("responses", [RESPONSES, RESPONSES[:1], []])
def test_encoded_lines_read_as_their_responses(responses: list[dict[str, Any]]) -> None:
    texts = [json.dumps(response) for response in responses]
    encoded = EncodedResponses("\n".join(texts), _decoded)

    assert encoded.texts == texts
    assert len(encoded) == len(responses)
    assert bool(encoded) is bool(responses)
    assert encoded == responses
    assert list(encoded) == responses
    assert encoded[-1:] == responses[-1:]


def test_texts_are_split_on_every_read_and_decoded_once() -> None:
    read: list[str] = []

    def decode(text: str) -> dict[str, Any]:
        read.append(text)
        return _decoded(text)

    encoded = EncodedResponses("\n".join(json.dumps(response) for response in RESPONSES), decode)
    first = encoded.texts
    first.clear()

    assert len(encoded.texts) == len(RESPONSES)
    assert not read
    assert encoded[0] == RESPONSES[0]
    assert encoded[2] == RESPONSES[2]
    assert len(read) == len(RESPONSES)
