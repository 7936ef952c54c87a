"""An attempt split into the columns of the ``attempts`` table, and put together again.

The attempt's responses (``submission_data``) are nearly all of its size, and most reading needs
none of them: selecting and ordering a student analysis's rows reads the rest of the attempt, and an
item analysis reads only each response's ``answer_id``. So an attempt is stored as three documents:

* ``head``: the attempt with its ``submission_data`` list replaced by ``[]`` (a non-list value, which
  makes the attempt unreportable, is kept as it is). The key keeps its place, so writing the responses
  back into it gives the attempt with its keys in their ingested order.
* ``responses``: the ``submission_data`` list, one response's JSON text a line (see ``json_text.encode_lines``),
  or NULL when the attempt has no list. Each response can be decoded alone, or not at all.
* ``answer_ids``: each response's ``answer_id`` in response order (None when it has none), or NULL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from adapters.sql.json_text import decode, decode_lines, encode, encode_lines
from domain.reports.encoded_responses import EncodedResponses

RESPONSES = "submission_data"
_DECODE_FAST = partial(decode, fast=True)
_DECODE = partial(decode, fast=False)


@dataclass(frozen=True)
class AttemptRow:
    """The stored columns of one attempt (``fast``: every document reads back exactly with orjson)."""

    number: int
    head: str
    responses: str | None
    answer_ids: str | None
    fast: bool

    @classmethod
    def of(cls, attempt: Mapping[str, Any], plain: bool = False) -> AttemptRow:
        """The attempt's columns; ``plain``: the attempt is known to be plain JSON (``json_text.encode``)."""
        responses = attempt.get(RESPONSES)
        if not isinstance(responses, list):
            head, fast = encode(attempt, plain)
            return cls(int(attempt["attempt"]), head, None, None, fast)
        head, head_fast = encode({**attempt, RESPONSES: []}, plain)
        texts, texts_fast = encode_lines(responses, plain)
        try:
            answer_ids = [entry.get("answer_id") for entry in responses]  # dicts, as read from JSON
        except AttributeError:  # a response that is no object has no answer id
            answer_ids = [_answer_id(entry) for entry in responses]
        ids_text, ids_fast = encode(answer_ids, plain)
        return cls(int(attempt["attempt"]), head, texts, ids_text, head_fast and texts_fast and ids_fast)


def _answer_id(entry: Any) -> Any:
    return entry.get("answer_id") if isinstance(entry, Mapping) else None


def whole(head: str, responses: str | None, fast: bool) -> dict[str, Any]:
    """The attempt as ingested, from its ``head`` and ``responses`` columns."""
    attempt: dict[str, Any] = decode(head, fast)
    if responses is not None:
        attempt[RESPONSES] = [decode(line, fast) for line in decode_lines(responses)]
    return attempt


def encoded(head: str, responses: str | None, fast: bool) -> dict[str, Any]:
    """``whole`` with the responses left encoded: an ``EncodedResponses`` decodes each when first read."""
    attempt: dict[str, Any] = decode(head, fast)
    if responses is not None:
        attempt[RESPONSES] = EncodedResponses(responses, _DECODE_FAST if fast else _DECODE)
    return attempt


def light(head: str, fast: bool) -> dict[str, Any]:
    """The attempt without its responses (an empty ``submission_data`` list when it had a list)."""
    attempt: dict[str, Any] = decode(head, fast)
    return attempt


def answer_ids(text: str | None, fast: bool) -> list[Any]:
    """Each response's ``answer_id`` in order; empty when the attempt has no response list."""
    if text is None:
        return []
    ids: list[Any] = decode(text, fast)
    return ids
