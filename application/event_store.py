"""The event-sourced application that records every aggregate of the service in one log."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder, Transcoder

# The types an event's own attributes may have for orjson to write them as the standard library would:
# JSON values (orjson writes them alike) and the times eventsourcing transcodes (handed back to it).
_TIMES = frozenset({datetime, date, time})
_PLAIN = frozenset({str, int, float, bool, type(None), dict, list}) | _TIMES


class EventTranscoder(JSONTranscoder):
    """eventsourcing's JSON transcoder, writing with orjson (several times faster) whenever that gives the
    same document, and with the standard library otherwise; reading is the standard library's.

    The same document: transcoded objects become the same `{"_type_", "_data_"}` pairs (orjson hands
    them to the same hook), and every value reads back as before. orjson refuses what it cannot write the
    same way (integers beyond 64 bits, keys that are not text, lone surrogates), and writes NaN and
    infinities as `null`, so a document holding `null` is read back once to make sure. It also writes
    UUIDs, enums and dataclasses itself, which the standard library would hand to the hook: an event's own
    attributes must be of the `_PLAIN` types (checked), and what they hold JSON values (the documents of
    requests and quiz data are).
    """

    _OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME

    def encode(self, obj: Any) -> bytes:
        if type(obj) is dict and all(type(value) in _PLAIN for value in obj.values()):
            try:
                data = orjson.dumps(obj, default=self._encode_obj, option=self._OPTIONS)
            except orjson.JSONEncodeError:
                return super().encode(obj)
            if b"null" not in data or self._reads_back(data, obj):
                return data
        return super().encode(obj)

    def _reads_back(self, data: bytes, obj: dict[str, Any]) -> bool:
        """Whether `data` holds `obj`: its times as their transcoded pairs, and no NaN or infinity that
        orjson wrote as `null` (NaN differs from anything read back)."""
        expected = {key: self._encode_obj(v) if type(v) in _TIMES else v for key, v in obj.items()}
        return bool(orjson.loads(data) == expected)


class QuizReportsLog(Application[UUID]):
    """One notification log for courses, quizzes, submissions and reports, so that one
    projection sees them all in the order they happened."""

    name = "QuizReports"

    def construct_transcoder(self) -> Transcoder:
        transcoder = EventTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def last_position(self, recordings: list[Any]) -> int:
        """The log position of the last of `recordings` (0 when nothing was recorded)."""
        return max((r.notification.id for r in recordings), default=0)
