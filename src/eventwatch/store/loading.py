"""Batch readers that assemble Events, Mentions and Sites from their tables.

Used by both the read side (Repository) and the write side (Tx); every function takes an
open Connection and a SQLAlchemy filter clause, and issues a fixed number of queries per
chunk of parent rows (no query per child).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Join, Select, Table, and_, select

from eventwatch.records import Article, Event, Mention, ReportedCount, Site
from eventwatch.store import codec
from eventwatch.store.schema import (
    article_duplicates,
    articles,
    claims,
    events,
    evidence,
    mention_links,
    mentions,
    reported_counts,
    site_aliases,
    sites,
)

CHUNK = 500  # ids per IN (...) list; far below SQLite's and PostgreSQL's parameter limits
Clause = ColumnElement[bool]
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bytewise(conn: Connection, column: Any) -> Any:
    """`column` for ORDER BY in code-point order, as SQLite sorts text, whatever the
    PostgreSQL database's collation."""
    return column.collate("C") if conn.dialect.name == "postgresql" else column


def event_order() -> tuple[Any, ...]:
    """Events by date (undated last, on every backend), then id."""
    return (events.c.event_date.is_(None), events.c.event_date, events.c.id)


def with_mention(table: Table) -> Join:
    """A mention's child table (evidence, claims, links, counts) joined to its mention."""
    return table.join(
        mentions, and_(table.c.article_id == mentions.c.article_id, table.c.mention_idx == mentions.c.idx)
    )


def _child_query(table: Table, mention_filter: Clause, *order: Any) -> Select[Any]:
    return select(table).select_from(with_mention(table)).where(mention_filter).order_by(*order)


def load_parts(conn: Connection, mention_filter: Clause, *, with_evidence: bool = True) -> codec.MentionParts:
    """Claims, links, reported counts and (unless `with_evidence` is False) evidence of the
    mentions matching the filter."""
    parts = codec.MentionParts()
    c, lk, rc, ev = claims.c, mention_links.c, reported_counts.c, evidence.c
    parts.add_claims(conn.execute(_child_query(claims, mention_filter, c.id)).mappings())
    parts.add_links(conn.execute(_child_query(mention_links, mention_filter, lk.ordinal)).mappings())
    parts.add_counts(conn.execute(_child_query(reported_counts, mention_filter, rc.ordinal)).mappings())
    if with_evidence:
        parts.add_evidence(conn.execute(_child_query(evidence, mention_filter, ev.field)).mappings())
    return parts


def load_events(
    conn: Connection, event_filter: Clause, *, limit: int | None = None, with_evidence: bool = True
) -> list[Event]:
    """Events matching the filter; `with_evidence=False` leaves their mentions' evidence out
    (about half the rows read; a list of summaries shows none of it)."""
    stmt = select(events).where(event_filter).order_by(*event_order())
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).mappings().all()
    found: list[Event] = []
    for chunk in chunks(rows):
        mention_filter = mentions.c.event_id.in_([row["id"] for row in chunk])
        source_stmt = (
            select(
                mentions.c.event_id,
                mentions.c.article_id,
                mentions.c.idx,
                articles.c.outlet,
                articles.c.url,
                articles.c.published_at,
                articles.c.ingested_at,
                article_duplicates.c.duplicate_of,
            )
            .select_from(
                mentions.join(articles, mentions.c.article_id == articles.c.id).outerjoin(
                    article_duplicates, mentions.c.article_id == article_duplicates.c.article_id
                )
            )
            .where(mention_filter)
        )
        by_event: dict[str, list[Any]] = {}
        for src in conn.execute(source_stmt).mappings():
            by_event.setdefault(src["event_id"], []).append(src)
        parts = load_parts(conn, mention_filter, with_evidence=with_evidence)
        found.extend(codec.event_from_row(row, by_event.get(row["id"], []), parts) for row in chunk)
    return found


def load_events_by_id(conn: Connection, event_ids: Sequence[str], *, with_evidence: bool = True) -> list[Event]:
    """These events (exact ids), in the order given; unknown ids are skipped."""
    by_id = {
        event.id: event
        for chunk in chunks(event_ids)
        for event in load_events(conn, events.c.id.in_(chunk), with_evidence=with_evidence)
    }
    return [by_id[event_id] for event_id in event_ids if event_id in by_id]


def load_articles(conn: Connection, article_ids: Sequence[str]) -> dict[str, Article]:
    """Article id -> Article, for those of these ids that are stored."""
    found: dict[str, Article] = {}
    for chunk in chunks(article_ids):
        for row in conn.execute(select(articles).where(articles.c.id.in_(chunk))).mappings():
            found[row["id"]] = codec.article_from_row(row)
    return found


def load_mentions(conn: Connection, mention_filter: Clause) -> list[tuple[Article, Mention]]:
    """Each matching mention with its article, in source order (published_at, article id, index)."""
    rows = conn.execute(select(mentions).where(mention_filter)).mappings().all()
    by_id = load_articles(conn, sorted({row["article_id"] for row in rows}))
    parts = load_parts(conn, mention_filter)
    pairs = [(by_id[row["article_id"]], codec.mention_from_row(row, parts)) for row in rows]
    pairs.sort(
        key=lambda pair: codec.source_order(
            {"published_at": pair[0].published_at, "article_id": pair[1].article_id, "idx": pair[1].index}
        )
    )
    return pairs


def load_site_counts(conn: Connection, site_ids: Sequence[str]) -> dict[str, list[ReportedCount]]:
    """Reported counts from mentions of events at each site, in event date order."""
    joined = with_mention(reported_counts).join(events, mentions.c.event_id == events.c.id)
    stmt = (
        select(reported_counts, events.c.site_id)
        .select_from(joined)
        .where(events.c.site_id.in_(site_ids))
        .order_by(
            *event_order(),
            reported_counts.c.article_id,
            reported_counts.c.mention_idx,
            reported_counts.c.ordinal,
        )
    )
    found: dict[str, list[ReportedCount]] = {}
    for row in conn.execute(stmt).mappings():
        found.setdefault(row["site_id"], []).append(codec.count_from_row(row))
    return found


def load_sites(conn: Connection, site_filter: Clause) -> list[Site]:
    order = (bytewise(conn, sites.c.name), sites.c.id)
    rows = conn.execute(select(sites).where(site_filter).order_by(*order)).mappings().all()
    found: list[Site] = []
    for chunk in chunks(rows):
        ids = [row["id"] for row in chunk]
        aliases: dict[str, list[str]] = {}
        alias_stmt = (
            select(site_aliases.c.site_id, site_aliases.c.alias)
            .where(site_aliases.c.site_id.in_(ids), site_aliases.c.ordinal >= 0)
            .order_by(site_aliases.c.site_id, site_aliases.c.ordinal)
        )
        for site_id, alias in conn.execute(alias_stmt):
            aliases.setdefault(site_id, []).append(alias)
        event_ids: dict[str, list[str]] = {}
        event_stmt = select(events.c.site_id, events.c.id).where(events.c.site_id.in_(ids)).order_by(*event_order())
        for site_id, event_id in conn.execute(event_stmt):
            event_ids.setdefault(site_id, []).append(event_id)
        counts = load_site_counts(conn, ids)
        found.extend(
            codec.site_from_row(
                row, aliases.get(row["id"], []), event_ids.get(row["id"], []), counts.get(row["id"], [])
            )
            for row in chunk
        )
    return found
