"""Headers in their ASGI form (lowercase byte-string pairs), read and set as Starlette's `Headers` and
`MutableHeaders` do, without building either: the middleware every request passes through uses them."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import Message


def first(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    """The value of the first header called `name` (lowercase), as `Headers.get` finds it."""
    for key, value in headers:
        if key == name:
            return value
    return None


def put(message: Message, name: bytes, value: bytes) -> None:
    """`MutableHeaders(scope=message)[name] = value` for a lowercase `name`: the first such header of the
    response start `message` takes `value` and any other is removed, or the header is appended."""
    headers = message["headers"] = list(message.get("headers", ()))
    found = [index for index, (key, _) in enumerate(headers) if key == name] if first(headers, name) else []
    for index in reversed(found[1:]):
        del headers[index]
    if found:
        headers[found[0]] = (name, value)
    else:
        headers.append((name, value))
