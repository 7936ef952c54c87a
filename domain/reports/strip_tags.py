"""Canvas's ``strip_tags`` (HtmlTextHelper), used for header text and sort keys (canvas-facts §12)."""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[^<>\n]*>?")
_DECIMAL_ENTITY = re.compile(r"&#([0-9]+);")
_NAMED_ENTITY = re.compile(r"&[A-Za-z0-9_]+;")
_MAX_CODE_POINT = 0x10FFFF
_SURROGATES = range(0xD800, 0xE000)


def strip_tags(text: str | None) -> str:
    """Remove tags, decode decimal entities and delete named entities (``&amp;`` vanishes).

    The tag pattern also eats a lone ``<`` up to the next ``<``, ``>`` or newline, as Canvas's does.
    ``None`` becomes ``""``.
    """
    if text is None:
        return ""
    without_tags = _TAG.sub("", text)
    decoded = _DECIMAL_ENTITY.sub(_decode_decimal, without_tags)
    return _NAMED_ENTITY.sub("", decoded)


def _decode_decimal(match: re.Match[str]) -> str:
    code_point = int(match.group(1))
    # Ruby raises for code points UTF-8 cannot hold and Canvas rescues to "", so they vanish.
    if code_point > _MAX_CODE_POINT or code_point in _SURROGATES:
        return ""
    return chr(code_point)
