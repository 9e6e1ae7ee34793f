"""Manual corrections: `eventwatch edit` (field overrides), `eventwatch split` (undo a merge)
and `eventwatch merge` (join two events the resolver kept apart).

All are versioned (`edited`, `split`, `merged`). An edit is stored as an override that `record`
applies after every later merge, so it survives re-ingestion and new sources. A split
moves one article's mentions into a new event, re-merges both events from their remaining
mentions with the usual merge policy, and leaves a "do not merge" constraint between the
split-off article and the articles that stay, which the matcher honours. A merge moves
every mention of one event into another, lifts any such constraint between their articles,
re-merges with the merge policy (the kept event's corrections win, the other's fill the
fields it did not correct) and removes the emptied event with its versions; the kept
event's `merged` version says which event, with which sources, joined it and why.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import replace
from functools import reduce

from eventwatch.errors import CorrectionError, NotFound
from eventwatch.records import Article, Event, Mention
from eventwatch.resolve.history import EDITABLE, record, typed, with_overrides
from eventwatch.resolve.merge import merge, source_values
from eventwatch.resolve.sites import alias_key
from eventwatch.store import Repository, Tx
from eventwatch.store.audit import json_value
from eventwatch.taxonomy import ALL_SUB_EVENT_TYPES, DISORDER_TYPES, EVENT_TYPE_OF, EVENT_TYPES, INTER_CODES, kind_of

_REQUIRED = {"event_type", "sub_event_type", "disorder_type", "time_precision", "fatalities", "injuries", "notes"}
_CHOICES: dict[str, Sequence[object]] = {
    "event_type": EVENT_TYPES,
    "sub_event_type": ALL_SUB_EVENT_TYPES,
    "disorder_type": DISORDER_TYPES,
    "time_precision": (1, 2, 3),
    "geo_precision": (1, 2, 3),
    "inter1": tuple(INTER_CODES),
    "inter2": tuple(INTER_CODES),
}
_RANGES = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0), "fatalities": (0, math.inf),
           "injuries": (0, math.inf), "size_reported": (0, math.inf)}  # fmt: skip


def _value(name: str, raw: str) -> object:
    """The typed, validated value of one FIELD=VALUE (an empty VALUE clears the field)."""
    if raw == "" and name != "notes":
        if name in _REQUIRED:
            raise CorrectionError(f"{name} cannot be empty")
        return None
    try:
        value = typed(name, raw.strip() if name != "notes" else raw)
    except ValueError as exc:
        raise CorrectionError(f"{name}={raw!r} is not a valid {EDITABLE[name].__name__}") from exc
    choices = _CHOICES.get(name)
    if choices is not None and value not in choices:
        raise CorrectionError(f"{name}={raw!r} is not one of: {', '.join(map(str, choices))}")
    low, high = _RANGES.get(name, (-math.inf, math.inf))
    if isinstance(value, int | float) and not low <= value <= high:
        raise CorrectionError(f"{name}={raw!r} is out of range")
    return value


def parse_edits(assignments: Sequence[str]) -> dict[str, object]:
    """FIELD=VALUE pairs as typed values; a new sub_event_type brings its type and disorder type."""
    if not assignments:
        raise CorrectionError("give at least one FIELD=VALUE to change")
    edits: dict[str, object] = {}
    for item in assignments:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep:
            raise CorrectionError(f"expected FIELD=VALUE, got {item!r}")
        if name not in EDITABLE:
            raise CorrectionError(f"unknown field {name!r}; editable fields: {', '.join(EDITABLE)}")
        edits[name] = _value(name, raw)
    sub = edits.get("sub_event_type")
    if isinstance(sub, str):
        kind = kind_of(sub)
        edits.setdefault("event_type", kind.event_type)
        edits.setdefault("disorder_type", kind.disorder_type)
    return edits


def _stored(tx: Tx, event_id: str) -> Event:
    event = tx.get_event(event_id)
    if event is None:  # removed since the id was looked up
        raise NotFound(f"no event with id '{event_id}'")
    return event


def edit_event(repo: Repository, event_id: str, assignments: Sequence[str], reason: str) -> Event:
    """Correct fields of an event (id or unique prefix); returns the event as saved."""
    edits = parse_edits(assignments)
    full = repo.get_event(event_id).id
    with repo.transaction() as tx:
        event = _stored(tx, full)
        merged = {**tx.overrides(full), **{k: json_value(v) for k, v in edits.items()}}
        corrected = with_overrides(event, merged).mention
        if "event_type" in edits and "sub_event_type" not in edits:  # keep the pair consistent later
            edits |= {"sub_event_type": corrected.sub_event_type, "disorder_type": corrected.disorder_type}
        if EVENT_TYPE_OF[corrected.sub_event_type] != corrected.event_type:
            raise CorrectionError(
                f"sub_event_type {corrected.sub_event_type!r} is not a kind of {corrected.event_type!r}; "
                "set sub_event_type too"
            )
        for name, value in edits.items():
            tx.set_override(full, name, value, reason)
        return record(tx, event, kind="edited", reason=reason)


def _source(pairs: Sequence[tuple[Article, Mention]], ref: str, event_id: str) -> str:
    """The id of the event's source article given by id or unique prefix."""
    ids = sorted({a.id for a, _ in pairs if a.id.startswith(ref)})
    if ref and len(ids) == 1:
        return ids[0]
    listed = ", ".join(sorted({a.id for a, _ in pairs}))
    what = "several" if ids else "none"
    raise CorrectionError(f"article {ref!r} matches {what} of event {event_id}'s sources ({listed})")


def _rebuilt(tx: Tx, event: Event, pairs: Sequence[tuple[Article, Mention]], site_id: str | None) -> Event:
    """The event re-merged from these (source-ordered) mentions with the merge policy."""
    merged = reduce(merge, [m for _, m in pairs])
    values = {a.id: source_values(m) for a, m in pairs}
    if site_id is None:
        named = next((m for _, m in pairs if m.site), None)
        found = tx.find_site(alias_key(named)) if named else None
        site_id = found.id if found else None
    return replace(event, mention=merged, values_by_source=values, site_id=site_id, last_updated=None)


def split_article(repo: Repository, event_id: str, article: str, reason: str = "") -> tuple[Event, Event]:
    """Detach the article's mentions from the event into a new event; returns (kept, new)."""
    full = repo.get_event(event_id).id
    with repo.transaction() as tx:
        pairs = tx.event_mentions(full)
        article_id = _source(pairs, article, full)
        moved = [(a, m) for a, m in pairs if a.id == article_id]
        kept = [(a, m) for a, m in pairs if a.id != article_id]
        if not kept:
            raise CorrectionError(f"article {article_id} is the only source of event {full}: nothing to split")
        event = _stored(tx, full)
        new_id = hashlib.sha256(f"split:{full}:{article_id}".encode()).hexdigest()[:16]
        why = reason or "split by hand"
        tx.move_mentions(article_id, full, new_id)
        tx.block_merge(article_id, [a.id for a, _ in kept], why)
        keeps_site = any(m.site for _, m in kept)
        remaining = _rebuilt(tx, event, kept, event.site_id if keeps_site else None)
        remaining = record(tx, remaining, kind="split", reason=f"{why} (article {article_id} -> event {new_id})",
                           article_id=article_id)
        fresh = Event(id=new_id, mention=moved[0][1], sources=())
        fresh = _rebuilt(tx, fresh, moved, None)
        fresh = record(tx, fresh, kind="split", reason=f"{why} (split from event {full})", article_id=article_id)
        return remaining, fresh


def merge_events(repo: Repository, keep_id: str, other_id: str, reason: str = "") -> Event:
    """Move every mention of `other_id` into `keep_id` (ids or unique prefixes); returns the
    event as saved."""
    keep, other = repo.get_event(keep_id).id, repo.get_event(other_id).id
    if keep == other:
        raise CorrectionError(f"{keep_id!r} and {other_id!r} are the same event ({keep})")
    with repo.transaction() as tx:
        kept_pairs, moved_pairs = tx.event_mentions(keep), tx.event_mentions(other)
        event, absorbed = _stored(tx, keep), _stored(tx, other)
        kept_ids, moved_ids = {a.id for a, _ in kept_pairs}, {a.id for a, _ in moved_pairs}
        for article_id in sorted(moved_ids):
            tx.move_mentions(article_id, other, keep)
        tx.unblock_merge(moved_ids, kept_ids)
        why = reason or "merged by hand"
        corrected = tx.overrides(keep)
        for name, value in tx.overrides(other).items():
            if name not in corrected:
                tx.set_override(keep, name, value, f"{why} (correction of event {other})")
        tx.remove_event(other)
        joined = _rebuilt(tx, event, tx.event_mentions(keep), event.site_id or absorbed.site_id)
        sources = ", ".join(sorted(moved_ids))
        return record(tx, joined, kind="merged", reason=f"{why} (event {other} with article(s) {sources})")
