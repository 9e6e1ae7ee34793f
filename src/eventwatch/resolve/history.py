"""The event audit trail: every saved change to an event becomes a version.

`record` is how the resolver (and split/edit) saves an event: it applies the event's manual
corrections (so they survive every merge and re-ingestion), numbers the version, and stores
what changed, and why, in the same transaction as the event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from eventwatch.conventions.derive import conform
from eventwatch.records import Event, EventVersion, FieldChange, VersionKind
from eventwatch.store import Tx
from eventwatch.store.codec import acled_values

# The fields `eventwatch edit` may correct, with the type their values take.
EDITABLE: dict[str, type] = {
    "event_type": str, "sub_event_type": str, "disorder_type": str, "event_date": date,
    "time_precision": int, "location": str, "admin1": str, "admin2": str, "country": str,
    "iso": int, "latitude": float, "longitude": float, "geo_precision": int, "actor1": str,
    "actor2": str, "assoc_actor_1": str, "assoc_actor_2": str, "inter1": int, "inter2": int,
    "site": str, "fatalities": int, "injuries": int, "size_reported": int, "notes": str,
}  # fmt: skip


def typed(name: str, value: object) -> Any:
    """A stored (JSON) override value as the Mention field's type."""
    if value is None:
        return None
    kind = EDITABLE[name]
    return date.fromisoformat(str(value)) if kind is date else kind(value)


def with_overrides(event: Event, overrides: dict[str, object]) -> Event:
    if not overrides:
        return event
    values = {name: typed(name, value) for name, value in overrides.items() if name in EDITABLE}
    return replace(event, mention=replace(event.mention, **values))


def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The fields whose values differ (for a new event: every field it has a value for)."""
    before = old or {}
    return tuple(
        FieldChange(name, before.get(name), value)
        for name, value in new.items()
        if before.get(name) != value and not (old is None and value in (None, ""))
    )


def _kind(old: dict[str, Any] | None, article_id: str | None) -> VersionKind:
    if old is None:
        return "created"
    return "source_added" if article_id else "field_changed"


def _reason(tx: Tx, article_id: str | None) -> str:
    original = tx.duplicate_of(article_id) if article_id else None
    return f"copy of article {original}: not independent evidence" if original else ""


def record(
    tx: Tx,
    event: Event,
    *,
    kind: VersionKind | None = None,
    reason: str | None = None,
    article_id: str | None = None,
    noted: tuple[FieldChange, ...] = (),
) -> Event:
    """Save the event with its overrides applied, as its next version; returns what was saved.
    `noted`: changes outside the event's own fields (a source found to be a copy)."""
    event = with_overrides(event, tx.overrides(event.id))
    event = replace(event, mention=conform(event.mention))  # ACLED's derived fields (conventions/)
    old = tx.event_values(event.id)
    event = replace(event, version=1 if old is None else int(old["version"]) + 1)
    new = acled_values(event.mention)
    tx.save_event(event)
    tx.add_version(
        EventVersion(
            event_id=event.id,
            version=event.version,
            kind=kind or _kind(old, article_id),
            changes=changes({k: v for k, v in old.items() if k != "version"} if old else None, new) + noted,
            reason=_reason(tx, article_id) if reason is None else reason,
            article_id=article_id,
        )
    )
    return event
