"""Full-text search over event notes and evidence quotes.

SQLite: an FTS5 table (porter stemming) kept beside the schema, one row per event, rebuilt for
the events each write transaction touched. Its rowids come from `events_fts_keys` (an INTEGER
PRIMARY KEY, which VACUUM keeps stable, unlike the implicit rowid of `events`). Created and
back-filled idempotently by `ensure_fts`. Other backends: a case-insensitive LIKE over the same
text (no extra tables).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, bindparam, func, or_, select, text
from sqlalchemy.sql.elements import BindParameter

from eventwatch.store.loading import Clause, chunks
from eventwatch.store.ops import setup_side_tables
from eventwatch.store.schema import events, evidence, mentions

_fts_metadata = MetaData()  # not the schema's: these tables exist on SQLite only
fts_keys = Table(
    "events_fts_keys",
    _fts_metadata,
    Column("docid", Integer, primary_key=True),
    Column("event_id", String(64), nullable=False, unique=True),
)

_DDL = (
    "CREATE TABLE IF NOT EXISTS events_fts_keys (docid INTEGER PRIMARY KEY, event_id VARCHAR(64) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(body, tokenize = 'porter unicode61')",
)
_BODY = """
SELECT k.docid, e.notes || ' ' || COALESCE((
    SELECT group_concat(ev.quote, ' ') FROM evidence ev
    JOIN mentions m ON ev.article_id = m.article_id AND ev.mention_idx = m.idx
    WHERE m.event_id = e.id), '')
FROM events e JOIN events_fts_keys k ON k.event_id = e.id
"""
_WORD = re.compile(r"\w+")


def uses_fts(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def ensure_fts(engine: Engine) -> None:
    """Create the SQLite search tables if missing and index any event not indexed yet."""
    setup_side_tables(engine, _DDL, "full-text search", _index_missing)


def _index_missing(conn: Connection) -> None:
    indexed = conn.execute(select(func.count()).select_from(fts_keys)).scalar_one()
    if indexed == conn.execute(select(func.count()).select_from(events)).scalar_one():
        return  # events are never deleted, so equal counts mean every event is indexed
    missing = select(events.c.id).where(events.c.id.not_in(select(fts_keys.c.event_id)))
    ids: list[str] = list(conn.execute(missing).scalars())
    for chunk in chunks(ids):
        refresh(conn, chunk)


def refresh(conn: Connection, event_ids: Collection[str]) -> None:
    """Re-index these events (SQLite); removes the entries of events that no longer exist."""
    if not uses_fts(conn) or not event_ids:
        return
    for chunk in chunks(sorted(event_ids)):
        ids: BindParameter[list[str]] = bindparam("ids", value=list(chunk), expanding=True)
        docids = "SELECT docid FROM events_fts_keys WHERE event_id IN :ids"
        conn.execute(text(f"DELETE FROM events_fts WHERE rowid IN ({docids})").bindparams(ids))
        conn.execute(text("DELETE FROM events_fts_keys WHERE event_id IN :ids").bindparams(ids))
        conn.execute(
            text("INSERT INTO events_fts_keys (event_id) SELECT id FROM events WHERE id IN :ids").bindparams(ids)
        )
        conn.execute(text(f"INSERT INTO events_fts (rowid, body) {_BODY} WHERE e.id IN :ids").bindparams(ids))


def fts_query(needle: str) -> str:
    """An FTS5 query matching every word of `needle` (each word quoted: no query syntax)."""
    return " ".join(f'"{word}"' for word in _WORD.findall(needle))


BROAD = 5000  # matches beyond which walking the sort index beats sorting the matches


def is_broad(conn: Connection, needle: str) -> bool:
    """Whether the text matches at least BROAD events (SQLite; counts no further than that)."""
    query = fts_query(needle)
    if not uses_fts(conn) or not query:
        return False
    bounded = text(f"SELECT count(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH :q LIMIT {BROAD})")
    return int(conn.execute(bounded.bindparams(q=query)).scalar_one()) >= BROAD


def text_filter(dialect: str, needle: str, *, broad: bool = False) -> Clause:
    """Events whose notes or evidence quotes contain every word (stemmed, as English).
    `broad` (see is_broad): test each event's docid against the matches instead of looking
    every match up by event id, so SQLite walks the sort index and stops after one page."""
    if dialect == "sqlite":
        query = fts_query(needle)
        if not query:
            return events.c.id.is_(None)  # nothing to search for matches nothing
        hits = text("SELECT rowid FROM events_fts WHERE events_fts MATCH :q").bindparams(q=query).columns(rowid=Integer)
        if broad:
            docid = select(fts_keys.c.docid).where(fts_keys.c.event_id == events.c.id).scalar_subquery()
            return docid.in_(hits)
        return events.c.id.in_(select(fts_keys.c.event_id).where(fts_keys.c.docid.in_(hits)))
    # PostgreSQL: its own full text search with the same English stemming; every word must be
    # in the notes or in one evidence quote (FTS5 above takes notes and quotes as one document).
    words = func.plainto_tsquery("english", needle)
    quoted = (
        select(mentions.c.event_id)
        .select_from(
            evidence.join(
                mentions, (evidence.c.article_id == mentions.c.article_id) & (evidence.c.mention_idx == mentions.c.idx)
            )
        )
        .where(func.to_tsvector("english", evidence.c.quote).bool_op("@@")(words))
    )
    return or_(func.to_tsvector("english", events.c.notes).bool_op("@@")(words), events.c.id.in_(quoted))
