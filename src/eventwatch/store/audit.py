"""The store side of article duplicates and the event audit trail: MinHash bands, duplicate
links, event versions, manual overrides and "do not merge" constraints.

`AuditTx` is mixed into `Tx` (writes inside one transaction), `AuditReads` into
`Repository` (the read side).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, bindparam, delete, insert, or_, select, update

from eventwatch.records import Article, Event, EventVersion, FieldChange, Mention
from eventwatch.store.loading import chunks, load_articles, load_events_by_id, load_mentions
from eventwatch.store.ops import store_op
from eventwatch.store.schema import (
    ACLED_FIELDS,
    article_bands,
    article_duplicates,
    article_versions,
    articles,
    event_overrides,
    event_versions,
    events,
    mentions,
    merge_blocks,
)


def json_value(value: object) -> object:
    """A value as it is written into JSON (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date | datetime) else value


@lru_cache(maxsize=4)
def _band_query(n: int) -> Select[Any]:
    """Articles other than :me with one of n (band, hash) pairs (:b0, :h0 ...). An OR of
    pairs, which SQLite looks up in the (band, hash) index; it scans the whole table for a
    row-value IN. Built once per n: building it costs more than running it."""
    band, value = article_bands.c.band, article_bands.c.hash
    pairs = (and_(band == bindparam(f"b{i}"), value == bindparam(f"h{i}")) for i in range(n))
    return select(article_bands.c.article_id).where(or_(*pairs), article_bands.c.article_id != bindparam("me"))


def _version_row(version: EventVersion, at: datetime) -> dict[str, Any]:
    changes = [{"field": c.field, "old": json_value(c.old), "new": json_value(c.new)} for c in version.changes]
    return {
        "event_id": version.event_id,
        "version": version.version,
        "at": version.at or at,
        "kind": version.kind,
        "changes": json.dumps(changes, sort_keys=True),
        "reason": version.reason,
        "article_id": version.article_id,
    }


def _version_from_row(row: Any) -> EventVersion:
    changes = tuple(FieldChange(c["field"], c["old"], c["new"]) for c in json.loads(row["changes"]))
    return EventVersion(
        event_id=row["event_id"],
        version=row["version"],
        kind=row["kind"],
        changes=changes,
        reason=row["reason"],
        article_id=row["article_id"],
        at=row["at"],
    )


class AuditTx:
    """Duplicate-article and audit-trail writes (and the reads they need) in one transaction."""

    _conn: Connection
    _clock: Callable[[], datetime]
    touched: set[str]

    # --- near-duplicate articles -------------------------------------------------------

    @store_op("storing an article's MinHash bands")
    def add_bands(self, article_id: str, bands: Sequence[tuple[int, str]]) -> None:
        self._conn.execute(delete(article_bands).where(article_bands.c.article_id == article_id))
        rows = [{"article_id": article_id, "band": band, "hash": value} for band, value in bands]
        if rows:
            self._conn.execute(insert(article_bands), rows)

    @store_op("finding articles that share a MinHash band")
    def band_matches(self, article_id: str, bands: Sequence[tuple[int, str]]) -> list[Article]:
        """Stored articles (other than `article_id`) sharing at least one band, by id."""
        found: set[str] = set()
        for chunk in chunks(list(bands)):
            params: dict[str, Any] = {"me": article_id}
            for i, (band, value) in enumerate(chunk):
                params |= {f"b{i}": band, f"h{i}": value}
            found.update(self._conn.execute(_band_query(len(chunk)), params).scalars())
        return self.articles(sorted(found))

    @store_op("reading articles")
    def articles(self, ids: Sequence[str]) -> list[Article]:
        found = load_articles(self._conn, ids)
        return [found[article_id] for article_id in sorted(found)]

    @store_op("reading an article's duplicate link")
    def duplicate_of(self, article_id: str) -> str | None:
        stmt = select(article_duplicates.c.duplicate_of).where(article_duplicates.c.article_id == article_id)
        found = self._conn.execute(stmt).scalar_one_or_none()
        return str(found) if found is not None else None

    @store_op("linking a duplicate article")
    def link_duplicate(self, article_id: str, original: str, similarity: float) -> None:
        """Make `article_id` a copy of `original`; its own copies become copies of `original` too."""
        table = article_duplicates
        self._conn.execute(update(table).where(table.c.duplicate_of == article_id).values(duplicate_of=original))
        self._conn.execute(delete(table).where(table.c.article_id == article_id))
        row = {"article_id": article_id, "duplicate_of": original, "similarity": round(similarity, 6)}
        self._conn.execute(insert(table).values(row))

    @store_op("reading the events of an article")
    def events_of_article(self, article_id: str) -> list[Event]:
        return self._events_of([article_id])

    def _events_of(self, article_ids: Sequence[str]) -> list[Event]:
        """The events these articles' mentions went to, in article id then mention order."""
        stmt = select(mentions.c.event_id).where(mentions.c.article_id.in_(article_ids))
        ids = list(dict.fromkeys(self._conn.execute(stmt.order_by(mentions.c.article_id, mentions.c.idx)).scalars()))
        return load_events_by_id(self._conn, ids)

    @store_op("reading the events of an article's copies")
    def copy_group_events(self, article_id: str) -> list[Event]:
        """The events that the other articles of the article's copy group (its original and
        that original's copies) went to, in article id then mention order."""
        root = self.duplicate_of(article_id) or article_id
        copies = select(article_duplicates.c.article_id).where(article_duplicates.c.duplicate_of == root)
        members = [m for m in (root, *self._conn.execute(copies).scalars()) if m != article_id]
        return self._events_of(members) if members else []

    # --- article versions (resolve/versions.py) ----------------------------------------

    @store_op("finding articles by URL")
    def articles_at_url(self, url: str) -> list[Article]:
        """Stored articles published at this exact URL, by id."""
        ids = self._conn.execute(select(articles.c.id).where(articles.c.url == url)).scalars()
        return self.articles(sorted(ids))

    @store_op("reading an article's mentions")
    def article_mentions(self, article_id: str) -> list[Mention]:
        return [m for _, m in load_mentions(self._conn, mentions.c.article_id == article_id)]

    @store_op("finding an outlet's articles")
    def outlet_articles(self, outlet: str, since: datetime, until: datetime) -> list[Article]:
        """Stored articles of this outlet published in [since, until], by id."""
        stmt = select(articles.c.id).where(
            articles.c.outlet == outlet, articles.c.published_at >= since, articles.c.published_at <= until
        )
        return self.articles(sorted(self._conn.execute(stmt).scalars()))

    @store_op("linking an article version")
    def link_version(self, article_id: str, newer: str, reason: str) -> None:
        """Record that `newer` supersedes `article_id` (and every version it superseded)."""
        table = article_versions
        self._conn.execute(update(table).where(table.c.superseded_by == article_id).values(superseded_by=newer))
        self._conn.execute(delete(table).where(table.c.article_id == article_id))
        self._conn.execute(insert(table).values(article_id=article_id, superseded_by=newer, reason=reason))

    @store_op("reading an article's newer version")
    def superseded_by(self, article_id: str) -> str | None:
        stmt = select(article_versions.c.superseded_by).where(article_versions.c.article_id == article_id)
        found = self._conn.execute(stmt).scalar_one_or_none()
        return str(found) if found is not None else None

    @store_op("reading the events of an article's versions")
    def version_group_events(self, article_id: str) -> list[Event]:
        """The events the other versions of the article's story went to."""
        newest = self.superseded_by(article_id) or article_id
        older = select(article_versions.c.article_id).where(article_versions.c.superseded_by == newest)
        members = [m for m in (newest, *self._conn.execute(older).scalars()) if m != article_id]
        return self._events_of(members) if members else []

    @store_op("reading whether an event was corrected by hand")
    def corrected(self, event_id: str) -> bool:
        """Whether the event was edited, split or merged by hand."""
        table = event_versions
        kinds = ("edited", "split", "merged")
        stmt = select(table.c.version).where(table.c.event_id == event_id, table.c.kind.in_(kinds)).limit(1)
        return self._conn.execute(stmt).first() is not None

    @store_op("renaming an event")
    def rename_event(self, old: str, new: str) -> None:
        """Give a stored event another id (its row, mentions, versions and corrections)."""
        row = self._conn.execute(select(events).where(events.c.id == old)).mappings().one()
        self._conn.execute(insert(events).values({**row, "id": new}))
        for table in (mentions, event_versions, event_overrides):
            self._conn.execute(update(table).where(table.c.event_id == old).values(event_id=new))
        self._conn.execute(delete(events).where(events.c.id == old))
        self.touched.update((old, new))

    @store_op("reading superseded articles")
    def superseded(self, article_ids: Collection[str]) -> set[str]:
        """Those of these articles that a newer version supersedes."""
        found: set[str] = set()
        for chunk in chunks(sorted(article_ids)):
            stmt = select(article_versions.c.article_id).where(article_versions.c.article_id.in_(chunk))
            found.update(self._conn.execute(stmt).scalars())
        return found

    # --- versions and overrides --------------------------------------------------------

    @store_op("reading an event's stored values")
    def event_values(self, event_id: str) -> dict[str, Any] | None:
        """The stored event's scalar fields and version (no sources), or None if new."""
        columns = [events.c[name] for name in ACLED_FIELDS] + [events.c.version]
        row = self._conn.execute(select(*columns).where(events.c.id == event_id)).mappings().first()
        return dict(row) if row is not None else None

    @store_op("recording an event version")
    def add_version(self, version: EventVersion) -> None:
        self._conn.execute(insert(event_versions).values(_version_row(version, self._clock())))

    @store_op("reading an event's overrides")
    def overrides(self, event_id: str) -> dict[str, object]:
        stmt = select(event_overrides.c.field, event_overrides.c.value).where(event_overrides.c.event_id == event_id)
        return {name: json.loads(value) for name, value in self._conn.execute(stmt)}

    @store_op("storing a manual correction")
    def set_override(self, event_id: str, name: str, value: object, reason: str) -> None:
        table = event_overrides
        self._conn.execute(delete(table).where(table.c.event_id == event_id, table.c.field == name))
        row = {"event_id": event_id, "field": name, "value": json.dumps(json_value(value)), "reason": reason}
        self._conn.execute(insert(table).values({**row, "at": self._clock()}))

    # --- split -------------------------------------------------------------------------

    @store_op("reading an event's mentions")
    def event_mentions(self, event_id: str) -> list[tuple[Article, Mention]]:
        return load_mentions(self._conn, mentions.c.event_id == event_id)

    @store_op("moving mentions to another event")
    def move_mentions(self, article_id: str, source: str, target: str) -> None:
        stmt = update(mentions).where(mentions.c.article_id == article_id, mentions.c.event_id == source)
        self._conn.execute(stmt.values(event_id=target))

    @store_op("recording a do-not-merge constraint")
    def block_merge(self, article_id: str, others: Iterable[str], reason: str) -> None:
        for other in sorted(set(others) - {article_id}):
            low, high = sorted((article_id, other))
            table = merge_blocks
            self._conn.execute(delete(table).where(table.c.article_id == low, table.c.other_article_id == high))
            row = {"article_id": low, "other_article_id": high, "reason": reason, "at": self._clock()}
            self._conn.execute(insert(table).values(row))

    @store_op("lifting do-not-merge constraints")
    def unblock_merge(self, article_ids: Iterable[str], others: Iterable[str]) -> None:
        """Forget the constraints between any of `article_ids` and any of `others`."""
        table = merge_blocks
        for a in set(article_ids):
            for b in set(others) - {a}:
                low, high = sorted((a, b))
                self._conn.execute(delete(table).where(table.c.article_id == low, table.c.other_article_id == high))

    @store_op("removing an event")
    def remove_event(self, event_id: str) -> None:
        """Delete an event that no mention belongs to any more, with its versions and overrides."""
        for table in (event_overrides, event_versions):
            self._conn.execute(delete(table).where(table.c.event_id == event_id))
        self._conn.execute(delete(events).where(events.c.id == event_id))
        self.touched.add(event_id)

    @store_op("reading do-not-merge constraints")
    def blocked_articles(self, article_id: str) -> set[str]:
        """The articles whose events a mention of `article_id` must not join."""
        table = merge_blocks
        stmt = select(table.c.article_id, table.c.other_article_id).where(
            or_(table.c.article_id == article_id, table.c.other_article_id == article_id)
        )
        return {b if a == article_id else a for a, b in self._conn.execute(stmt)}


class AuditReads:
    """The read side of the audit trail (mixed into Repository)."""

    if TYPE_CHECKING:

        def _reading(self, what: str) -> AbstractContextManager[Connection]: ...

        def _event_id(self, conn: Connection, event_id: str) -> str: ...

    def article_links(self) -> tuple[dict[str, str], dict[str, str]]:
        """(article -> the original it copies, article -> the newer version superseding it)."""
        with self._reading("reading article links") as conn:
            copies = select(article_duplicates.c.article_id, article_duplicates.c.duplicate_of)
            versions = select(article_versions.c.article_id, article_versions.c.superseded_by)
            return (
                {str(a): str(b) for a, b in conn.execute(copies)},
                {str(a): str(b) for a, b in conn.execute(versions)},
            )

    def event_history(self, event_id: str) -> list[EventVersion]:
        """Every version of the event (id or unique prefix), oldest first."""
        with self._reading("reading an event's history") as conn:
            full = self._event_id(conn, event_id)
            stmt = select(event_versions).where(event_versions.c.event_id == full).order_by(event_versions.c.version)
            return [_version_from_row(row) for row in conn.execute(stmt).mappings()]
