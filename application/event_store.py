"""The event-sourced application that records every aggregate of the service in one log."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Recording, Transcoder

from application.json_nulls import nulls_are_nones

# The types an event's own attributes may have for orjson to write them as the standard library would:
# JSON values (orjson writes them alike) and the times eventsourcing transcodes (handed back to it).
_TIMES = frozenset({datetime, date, time})
_PLAIN = frozenset({str, int, float, bool, type(None), dict, list}) | _TIMES


# Digits as zeros: a run of 19 of them may be an integer beyond orjson's 64 bits, which it reads as a float.
_DIGITS_AS_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_WIDE_NUMBER = b"0" * 19


class EventTranscoder(JSONTranscoder):
    """eventsourcing's JSON transcoder, writing and reading with orjson (several times faster) whenever that
    gives the same document and the same values, and with the standard library otherwise.

    Writing: transcoded objects become the same `{"_type_", "_data_"}` pairs (orjson hands them to the same
    hook), and every value reads back as before. orjson refuses what it cannot write the same way
    (integers beyond 64 bits, keys that are not text, lone surrogates), and writes NaN and infinities as
    `null`, so a document holding `null` is read back once to make sure, unless its None values account for
    every `null` (`application.json_nulls`). It also writes UUIDs, enums and
    dataclasses itself, which the standard library would hand to the hook: an event's own attributes must
    be of the `_PLAIN` types (checked), and what they hold JSON values (the documents of requests and quiz
    data are).

    Reading: orjson reads integers beyond 64 bits as floats (any run of 19 digits sends the document to
    the standard library) and refuses NaN, infinities and lone surrogates (the standard library reads
    them). The pairs are turned back into objects where they are attributes of the event; a document with
    any other `"_type_"` (nested, or escaped in a text) or any `\\u` escape is read by the standard library,
    whose hook finds every pair, wherever it is. What orjson read is marked as such (`holds_plain_json`).
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

    def decode(self, data: bytes) -> Any:
        if _WIDE_NUMBER not in data.translate(_DIGITS_AS_ZEROS) and b"\\u" not in data:
            try:
                state = orjson.loads(data)
            except orjson.JSONDecodeError:  # NaN, infinities: the standard library reads them
                return super().decode(data)
            if type(state) is dict:
                transcoded = [
                    key
                    for key, value in state.items()
                    if type(value) is dict and len(value) == 2 and "_type_" in value and "_data_" in value
                ]
                if data.count(b'"_type_"') == len(transcoded):
                    for key in transcoded:
                        state[key] = self._decode_obj(state[key])
                    return _PlainJsonState(state)
        return super().decode(data)

    def _reads_back(self, data: bytes, obj: dict[str, Any]) -> bool:
        """Whether `data` holds `obj`: its times as their transcoded pairs, and no NaN or infinity that
        orjson wrote as `null` (NaN differs from anything read back). Read back only when the None values
        of `obj` do not account for every `null` (`application.json_nulls`)."""
        if nulls_are_nones(data, obj):
            return True
        expected = {key: self._encode_obj(v) if type(v) in _TIMES else v for key, v in obj.items()}
        return bool(orjson.loads(data) == expected)


class _PlainJsonState(dict[str, Any]):
    """An event's state as `EventTranscoder.decode` read it with orjson: every value but its transcoded
    objects (times) is plain JSON (`holds_plain_json`). eventsourcing's mapper makes the state the event's
    `__dict__`, which is how the event keeps the mark; a copy of it is a plain dict, unmarked. (An upcaster,
    which changes the state in place, must add only plain JSON.)"""


def holds_plain_json(event: object) -> bool:
    """Whether every value the event's stored JSON document gave it, but its times, was read by orjson.
    Such a value holds no NaN, no infinity and no lone surrogate, which orjson refuses to read, and no
    integer beyond 64 bits, which `EventTranscoder.decode` leaves to the standard library: orjson writes it
    as JSON text that orjson reads back exactly. False when that is not known (an event read by the
    standard library, or made rather than read)."""
    return type(vars(event)) is _PlainJsonState


class QuizReportsLog(Application[UUID]):
    """One notification log for courses, quizzes, submissions and reports, so that one
    projection sees them all in the order they happened."""

    name = "QuizReports"

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """eventsourcing's `save`, collecting the pending events of aggregates directly: its own collection
        checks every object against two runtime-checkable protocols, which Python 3.11 makes slow (a few
        milliseconds of a save of 200 submissions). Anything else is collected by eventsourcing."""
        if not all(isinstance(obj, Aggregate) for obj in objs):
            return super().save(*objs, **kwargs)
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        for aggregate in objs:
            processing_event.events.extend(aggregate.collect_events())
            processing_event.aggregates[aggregate.id] = aggregate
        processing_event.saved_kwargs.update(kwargs)
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        self.notify(processing_event.events)  # eventsourcing's deprecated hook, called as its save does
        return recordings

    def construct_transcoder(self) -> Transcoder:
        transcoder = EventTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def last_position(self, recordings: list[Any]) -> int:
        """The log position of the last of `recordings` (0 when nothing was recorded)."""
        return max((r.notification.id for r in recordings), default=0)
