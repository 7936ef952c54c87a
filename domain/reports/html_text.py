"""Canvas's ``html_to_text`` (a Nokogiri fragment to text), used for answer cells (canvas-facts §12)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
_UNREAD = frozenset({"script", "style", "template", "title", "head"})
# Ruby's \s and String#strip know only ASCII whitespace, so a decoded &nbsp; survives both.
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")
_SPACES_AROUND_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_RUBY_WHITESPACE = " \t\r\n\f\v\0"


def html_to_text(html: str | None) -> str:
    """Return the readable text of an HTML fragment.

    Block elements are set off by blank lines, whitespace runs collapse to one space, a link becomes
    ``[text] (href)`` unless its text is its href, an image becomes ``[alt] (src)``, a list item
    starts with ``* ``, entities are decoded and the result is trimmed. ``None`` becomes ``""``.
    """
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        # Without tags or entities the parser would hand the text back whole; skip it for speed.
        return _tidy(_WHITESPACE_RUN.sub(" ", html))
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _tidy(collector.text())


def _tidy(text: str) -> str:
    text = _SPACE_RUN.sub(" ", text)
    text = _SPACES_AROUND_NEWLINE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip(_RUBY_WHITESPACE)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # A link's text is needed whole before it can be written, so each open link gets its own buffer.
        self._buffers: list[list[str]] = [[]]
        self._hrefs: list[str] = []
        self._unread_depth = 0

    def text(self) -> str:
        while self._hrefs:
            self._close_link()
        return "".join(self._buffers[0])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in _UNREAD:
            self._unread_depth += 1
        elif tag == "br":
            self._buffers[-1].append("\n")
        elif tag == "img":
            self._write_image(attributes.get("alt", ""), attributes.get("src", ""))
        elif tag == "a":
            self._hrefs.append(attributes.get("href", ""))
            self._buffers.append([])
        elif tag == "li":
            self._break(1)
            self._buffers[-1].append("* ")
        elif tag in _BLOCKS:
            self._break(2)

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNREAD:
            self._unread_depth = max(0, self._unread_depth - 1)
        elif tag == "a" and self._hrefs:
            self._close_link()
        elif tag == "li":
            self._break(1)
        elif tag in _BLOCKS:
            self._break(2)

    def handle_data(self, data: str) -> None:
        if self._unread_depth == 0:
            self._buffers[-1].append(_WHITESPACE_RUN.sub(" ", data))

    def _write_image(self, alt: str, src: str) -> None:
        self._buffers[-1].append(f"[{alt}] ({src})" if src else alt)

    def _close_link(self) -> None:
        href = self._hrefs.pop()
        text = "".join(self._buffers.pop()).strip(_RUBY_WHITESPACE)
        link = text if not href or text == href else f"[{text}] ({href})"
        self._buffers[-1].append(link)

    def _break(self, newlines: int) -> None:
        """End the current line with at least ``newlines`` line breaks, ignoring trailing spaces."""
        buffer = self._buffers[-1]
        tail = "".join(buffer).rstrip(" \t")
        missing = newlines - (len(tail) - len(tail.rstrip("\n")))
        buffer[:] = [tail + "\n" * max(0, missing)]
