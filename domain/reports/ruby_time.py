"""Times as ingested (ISO 8601 text) and as Ruby prints them in a report."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(text: str | None) -> datetime | None:
    """Parse ISO 8601 text to an aware time; a time without an offset is taken as UTC.

    Raises ValueError for text that is not ISO 8601.
    """
    if not text:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def utc_time_text(text: str | None) -> str:
    """Return the time as Ruby's ``Time#to_s`` in UTC, ``YYYY-MM-DD HH:MM:SS UTC``; ``""`` when absent."""
    parsed = parse_time(text)
    if parsed is None:
        return ""
    return parsed.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
