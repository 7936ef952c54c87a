"""Whether orjson's ``null`` tokens in a document all stand for None, decided without reading it back.

orjson writes None, NaN and the infinities alike as ``null``, and each of them as exactly one such token;
any other ``null`` in its text is inside a string. So when the None values found in the value account for
every ``null`` of the text, the value holds no NaN and no infinity, and the text reads back as the value.
The None values are counted level by level, each level's lists counted in C, and the count stops as soon
as it accounts for every ``null``: in a typical document one or two levels. When it does not (a None
deeper than ``levels``, a ``"null"`` in a string, a NaN), nothing is proven and the caller reads back.
"""

from __future__ import annotations

from typing import Any


def nulls_are_nones(data: bytes, value: dict[str, Any] | list[Any], levels: int = 4) -> bool:
    """True when every ``null`` in ``data`` (orjson's text of ``value``) is one of value's None values
    within ``levels`` levels; False when that is not proven."""
    nulls = data.count(b"null")
    found = 0
    level: list[Any] = [value]
    for _ in range(levels):
        items = [list(container.values()) if type(container) is dict else container for container in level]
        for each in items:
            found += each.count(None)
        if found == nulls:
            return True
        level = [item for each in items for item in each if type(item) is dict or type(item) is list]
        if not level:
            break
    return False
