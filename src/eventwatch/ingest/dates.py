"""Publication dates from metadata strings: ISO 8601 (or RFC 2822) into aware UTC-or-offset datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_COPYRIGHT_YEAR = re.compile(r"(?:©|&copy;|&#169;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.I)


def parse_published(value: object) -> datetime | None:
    """An aware datetime from an ISO 8601 date or datetime (naive means UTC); None if unparseable."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    parsed = _iso(raw) or _rfc2822(raw)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(raw: str) -> datetime | None:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = date.fromisoformat(raw)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        return datetime.fromisoformat(raw.replace("z", "Z"))
    except ValueError:
        return None


def _rfc2822(raw: str) -> datetime | None:
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def copyright_years(text: str) -> set[int]:
    """Years named in copyright notices ("© 2023", "Copyright 2019-2024")."""
    return {int(m.group(1)) for m in _COPYRIGHT_YEAR.finditer(text)}


def is_copyright_date(found: datetime, document: str) -> bool:
    """True when a date is only a year taken from a copyright notice: 1 January of a © year,
    with no full date for that day written anywhere in the document."""
    if (found.month, found.day) != (1, 1) or found.year not in copyright_years(document):
        return False
    return f"{found.year}-01-01" not in document
