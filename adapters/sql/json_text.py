"""JSON text of the read model's documents, read back fast without changing a single value.

Documents are written with the standard library, as they always were, so every value Python holds
(big integers, NaN, lone surrogates) round-trips. They are read with orjson, several times faster,
whenever that yields the same values: orjson refuses NaN, infinities and lone surrogates (the
standard library then reads the text), and the only values it reads differently without refusing
are integers outside its 64-bit range, which it turns into floats. Whether a document holds such an
integer is decided once, when it is written (``encode``), and kept next to the text as its
``fast`` flag.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson


def encode(value: Any) -> tuple[str, bool]:
    """``value`` as JSON text, and whether ``decode(text, fast=True)`` reads it back exactly."""
    text = json.dumps(value)
    try:
        # orjson writes exactly the integers it reads back as integers (64-bit); it refuses larger ones.
        orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return text, False
    return text, True


def encode_lines(values: list[Any]) -> tuple[str, bool]:
    """Each of ``values`` as JSON text, one a line (JSON text written here never holds a line break), and
    whether ``decode(line, fast=True)`` reads every line back exactly."""
    text = "\n".join(map(json.dumps, values))
    try:
        orjson.dumps(values, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return text, False
    return text, True


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
