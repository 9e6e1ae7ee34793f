"""How an acceptance entry's fields are matched against an extracted mention or event.

Values match case-insensitively; 'a|b' accepts either; '*_contains' is a substring
test; admin1 may be given with or without 'Oblast'/'Region'; a claim's stance may be given by
its first word ('claims' for claims_responsibility, 'denies' for denies_responsibility).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from eventwatch.records import Event, Mention


@dataclass(frozen=True)
class Found:
    """One extracted incident: the mention as its article reported it and the event it joined."""

    mention: Mention
    event: Event
    site_id: str | None
    site_counts: tuple[int, ...]


def _fold(value: object) -> str:
    text = str(value).casefold()
    return re.sub(r"\s+(?:oblast|region|province|governorate)$", "", text.strip())


def _equals(actual: object, expected: object) -> bool:
    if actual is None:
        return False
    return any(_fold(actual) == _fold(option) for option in str(expected).split("|"))


def _contains(actual: object, expected: str) -> bool:
    return actual is not None and any(o.casefold() in str(actual).casefold() for o in expected.split("|"))


def _stance_ok(actual: str, wanted: str | None) -> bool:
    return wanted is None or wanted in (actual, actual.split("_")[0])


def _claim_ok(found: Found, wanted: dict[str, str]) -> bool:
    for claim in (*found.mention.claims, *found.event.mention.claims):
        if not _stance_ok(claim.stance, wanted.get("stance")):
            continue
        if "speaker_contains" in wanted and not _contains(claim.speaker, wanted["speaker_contains"]):
            continue
        if "subject_contains" in wanted and not _contains(claim.subject, wanted["subject_contains"]):
            continue
        return True
    return False


def _value(found: Found, name: str) -> Any:
    """A field from the mention, falling back to the merged event."""
    value = getattr(found.mention, name, None)
    return value if value is not None else getattr(found.event.mention, name, None)


def field_ok(found: Found, name: str, expected: Any, keyed: dict[str, Found]) -> bool:
    event_date: date | None = _value(found, "event_date")
    if name in ("key", "why", "undated_allowed"):
        return True
    if name == "date_between":
        low, high = (date.fromisoformat(d) for d in expected)
        return event_date is not None and low <= event_date <= high
    if name == "date_same_as":
        other = keyed.get(expected)
        return other is not None and event_date is not None and event_date == _value(other, "event_date")
    if name == "date_offset_from":
        other = keyed.get(expected[0])
        other_date = _value(other, "event_date") if other else None
        return (
            event_date is not None and other_date is not None and event_date == other_date + timedelta(days=expected[1])
        )
    if name == "event_date":
        return event_date is not None and event_date.isoformat() == expected
    if name == "linked_to":
        other = keyed.get(expected)
        return (
            other is not None
            and other.mention.article_id == found.mention.article_id
            and any(link.target == other.mention.index for link in found.mention.links)
        )
    if name == "claims":
        return all(_claim_ok(found, wanted) for wanted in expected)
    if name == "site_reported_strike_count":
        counts = {c.count for c in found.mention.reported_counts} | set(found.site_counts)
        return expected in counts
    if name.endswith("_at_least"):
        value = _value(found, name.removesuffix("_at_least"))
        return value is not None and value >= expected
    if name.endswith("_contains"):
        return _contains(_value(found, name.removesuffix("_contains")), expected)
    if isinstance(expected, int) and not isinstance(expected, bool):
        return bool(_value(found, name) == expected)
    return _equals(_value(found, name), expected)


def entry_ok(found: Found, entry: dict[str, Any], keyed: dict[str, Found]) -> bool:
    return all(field_ok(found, name, value, keyed) for name, value in entry.items())


def why_not(candidates: list[Found], entry: dict[str, Any], keyed: dict[str, Found]) -> str:
    """The closest candidate and the fields it fails, for the report."""
    if not candidates:
        return "no event extracted from this article"
    failing = [[name for name, value in entry.items() if not field_ok(f, name, value, keyed)] for f in candidates]
    best = min(range(len(candidates)), key=lambda i: len(failing[i]))
    m = candidates[best].mention
    shown = {
        n: _value(candidates[best], n.removesuffix("_contains").removesuffix("_at_least"))
        for n in failing[best]
        if n not in ("claims", "linked_to", "date_same_as", "date_offset_from")
    }
    return f"closest ({m.sub_event_type} at {m.location}) fails {failing[best]}; has {shown}"
