"""JSON text of the read model's documents, read back fast without changing a single value.

Documents are written once, with orjson, whenever its text reads back as the same values; otherwise
with the standard library, so that every value Python holds (big integers, NaN, lone surrogates)
round-trips. orjson refuses to write integers beyond 64 bits, lone surrogates and keys that are not
text, and writes NaN and infinities as ``null``: a text holding ``null`` is read back once to make
sure, unless the value's None values account for every ``null`` (``application.json_nulls``). Either
text is read with orjson, several times faster, whenever that yields the same values: orjson refuses
NaN, infinities and lone surrogates (the standard library then reads the text), and the only values
it reads differently without refusing are integers outside its 64-bit range, which it turns into
floats. Whether a document holds such an integer is decided once, when it is written (``encode``),
and kept next to the text as its ``fast`` flag. A value known to be plain JSON, as orjson read it from
the event log, is written by orjson unchecked.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from application.json_nulls import nulls_are_nones

_SHORT = 512  # bytes


def encode(value: Any, plain: bool = False) -> tuple[str, bool]:
    """``value`` as JSON text, and whether ``decode(text, fast=True)`` reads it back exactly. ``plain``: the
    value is known to be plain JSON as orjson reads it (``application.event_store.holds_plain_json``), which
    orjson writes back exactly; it is not checked."""
    try:
        data = orjson.dumps(value)
    except orjson.JSONEncodeError:  # a wide integer, which orjson would read back as a float, or the like
        return json.dumps(value), False
    if not plain and not _reads_back(data, value):  # NaN or an infinity: orjson refuses the standard library's
        return json.dumps(value), True
    return data.decode(), True


def encode_lines(values: list[Any], plain: bool = False) -> tuple[str, bool]:
    """Each of ``values`` as JSON text, one a line (JSON text written here never holds a line break), and
    whether ``decode(line, fast=True)`` reads every line back exactly. ``plain`` as for ``encode``."""
    try:
        text = b"\n".join(map(orjson.dumps, values))
    except orjson.JSONEncodeError:
        return "\n".join(map(json.dumps, values)), False
    # Read back, when it may need to be, as one document: the lines joined by commas.
    unproven = not plain and not _nulls_are_nones(text, values)
    if unproven and orjson.loads(b"[" + text.replace(b"\n", b",") + b"]") != values:
        return "\n".join(map(json.dumps, values)), True
    return text.decode(), True


def _reads_back(data: bytes, value: Any) -> bool:
    """Whether orjson's ``data`` reads back as ``value``: only NaN and infinities, which it writes as
    ``null``, are written differently. Read back only when its None values do not account for every
    ``null`` (``application.json_nulls``)."""
    return _nulls_are_nones(data, value) or bool(orjson.loads(data) == value)


def _nulls_are_nones(data: bytes, value: Any) -> bool:
    """Whether ``data`` holds no ``null`` or, in a longer text, only ``null``s that its None values account
    for (a short text is read back sooner than its None values are counted)."""
    counted = len(data) > _SHORT and type(value) in (dict, list)
    return b"null" not in data or (counted and nulls_are_nones(data, value))


def decode_lines(text: str) -> list[str]:
    """The lines ``encode_lines`` wrote, still encoded (none for an empty list)."""
    return text.split("\n") if text else []


_WIDE_NUMBER = re.compile(r"\d{19}")


def decode(text: str | bytes, fast: bool) -> Any:
    """The value of JSON ``text``, as ``json.loads`` reads it; ``fast`` as ``encode`` returned it.
    Text written without that flag is still read fast when no number in it has 19 digits or more
    (every integer of up to 18 digits fits orjson's 64 bits)."""
    if fast or not _WIDE_NUMBER.search(text if isinstance(text, str) else text.decode("utf-8", "replace")):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:  # NaN, infinities, lone surrogates: the standard library reads them
            pass
    return json.loads(text)
