"""An attempt's responses as the read model stores them: one encoded text per response.

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
    """The responses of ``texts``, each decoded with ``decode`` when first read.

    ``decode`` must be deterministic: equal texts are taken to be equal responses.
    """

    __slots__ = ("_decoded", "decode", "texts")

    def __init__(self, texts: list[str], decode: Decode) -> None:
        self.texts = texts
        self.decode = decode
        self._decoded: list[Mapping[str, Any]] | None = None

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
        return len(self.texts)

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EncodedResponses):
            return self._all() == other._all()
        return self._all() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"EncodedResponses({self._all()!r})"
