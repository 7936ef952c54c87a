"""An attempt's responses as the read model stores them: one encoded text per response, a line each.

A student analysis renders the same few responses over and over (a chosen answer, a common typed
text), and decoding a response costs more than rendering a remembered one. Handing the renderer each
response's text lets it remember rows' cells per distinct text and decode only the texts it has not
seen (see ``student_cells``); every other reader sees an ordinary sequence of response mappings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

Decode = Callable[[str], Mapping[str, Any]]


class EncodedResponses(Sequence[Mapping[str, Any]]):
    """The responses of ``lines`` (each response's encoded text, one a line; "" for none), each decoded
    with ``decode`` when first read.

    ``decode`` must be deterministic: equal texts are taken to be equal responses, and no text may hold a
    line break. The lines are split only when read (``texts``), so a renderer reading a row's texts right
    before using them finds them still in the processor's cache, and they are freed with the row.
    """

    __slots__ = ("_decoded", "_length", "decode", "lines")

    def __init__(self, lines: str, decode: Decode) -> None:
        self.lines = lines
        self.decode = decode
        self._length = -1
        self._decoded: list[Mapping[str, Any]] | None = None

    @property
    def texts(self) -> list[str]:
        """Each response's text, in order: a new list on every read."""
        return self.lines.split("\n") if self.lines else []

    def _all(self) -> list[Mapping[str, Any]]:
        if self._decoded is None:
            self._decoded = list(map(self.decode, self.texts))
        return self._decoded

    @overload
    def __getitem__(self, index: int) -> Mapping[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Mapping[str, Any] | Sequence[Mapping[str, Any]]:
        return self._all()[index]

    def __len__(self) -> int:
        if self._length < 0:
            self._length = self.lines.count("\n") + 1 if self.lines else 0
        return self._length

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EncodedResponses):
            return self._all() == other._all()
        return self._all() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"EncodedResponses({self._all()!r})"
