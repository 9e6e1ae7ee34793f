"""The repository: every read and write eventwatch makes against its database.

`Repository` is the read side (short connections of its own) and opens transactions;
`Tx` is the write side, bound to one transaction. SQLAlchemy errors leave this module only
as `StoreError`; missing records on the read side raise `NotFound`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, bindparam, delete, func, insert, or_, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from eventwatch.errors import NotFound, StoreError
from eventwatch.records import Article, Event, Mention, Rejected, ReportedCount, Site
from eventwatch.store import codec, query, rollup, search
from eventwatch.store.audit import AuditReads, AuditTx
from eventwatch.store.loading import (
    CHUNK,
    Clause,
    chunks,
    load_articles,
    load_events,
    load_events_by_id,
    load_mentions,
    load_site_counts,
    load_sites,
    with_mention,
)
from eventwatch.store.migrate import WRITE_OPTION, writer_lock
from eventwatch.store.ops import integrity_problem, store_error
from eventwatch.store.ops import store_op as _store_op
from eventwatch.store.schema import (
    VOLATILE_COLUMNS,
    articles,
    claims,
    events,
    evidence,
    mention_links,
    mentions,
    metadata,
    rejected,
    reported_counts,
    site_aliases,
    sites,
)

Clock = Callable[[], datetime]
MIN_PREFIX = 6  # shortest event id prefix get_event accepts
_CHILD_TABLES = (evidence, claims, mention_links, reported_counts)
# A mention's rows, deleted before it is stored again (built once: building costs more than running).
_DELETE_MENTION = (
    *(delete(t).where(t.c.article_id == bindparam("a"), t.c.mention_idx == bindparam("i")) for t in _CHILD_TABLES),
    delete(mentions).where(mentions.c.article_id == bindparam("a"), mentions.c.idx == bindparam("i")),
)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _dialect_insert(conn: Connection, table: Table) -> Any:
    """INSERT with ON CONFLICT support: eventwatch runs on SQLite and PostgreSQL only."""
    return (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)


def _insert_ignore(conn: Connection, table: Table, row: dict[str, Any], keys: Sequence[str]) -> None:
    """INSERT unless a row with the same `keys` (a primary key or unique constraint) exists."""
    conn.execute(_dialect_insert(conn, table).values(row).on_conflict_do_nothing(index_elements=list(keys)))


@lru_cache(maxsize=32)
def _upsert_stmt(dialect: str, table: Table, updated: tuple[str, ...]) -> Any:
    """INSERT .. ON CONFLICT (id) DO UPDATE of the `updated` columns, values bound when run
    (built once per column set: building the statement cost more than running it)."""
    stmt = (pg_insert if dialect == "postgresql" else sqlite_insert)(table)
    return stmt.on_conflict_do_update(index_elements=["id"], set_={name: stmt.excluded[name] for name in updated})


def _upsert(conn: Connection, table: Table, row: dict[str, Any], insert_only: dict[str, Any]) -> None:
    """UPDATE the row with this id to `row`, or INSERT it (with `insert_only` extra columns)."""
    stmt = _upsert_stmt(conn.dialect.name, table, tuple(name for name in row if name != "id"))
    conn.execute(stmt, {**row, **insert_only})


def _ci_equals(column: Any, value: str) -> Clause:
    return func.lower(column) == value.lower()


class Tx(AuditTx):
    """Writes (and the reads the resolver needs) inside one database transaction."""

    def __init__(self, conn: Connection, clock: Clock = _utcnow) -> None:
        self._conn = conn
        self._clock = clock
        self.touched: set[str] = set()  # events written in this transaction (re-indexed at commit)

    @_store_op("checking for an article")
    def has_article(self, article_id: str) -> bool:
        found = self._conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first()
        return found is not None

    @_store_op("adding an article")
    def add_article(self, article: Article) -> None:
        _insert_ignore(self._conn, articles, codec.article_row(article, self._clock()), ["id"])

    @_store_op("recording a rejected document")
    def add_rejected(self, item: Rejected) -> None:
        _insert_ignore(self._conn, rejected, codec.rejected_row(item, self._clock()), ["origin", "stage", "code"])

    @_store_op("adding a mention")
    def add_mention(self, mention: Mention, event_id: str) -> None:
        """Store the mention and its children, replacing any earlier copy of (article_id, index)."""
        for stmt in _DELETE_MENTION:
            self._conn.execute(stmt, {"a": mention.article_id, "i": mention.index})
        self._conn.execute(insert(mentions), codec.mention_row(mention, event_id))
        self.touched.add(event_id)
        children = (
            (evidence, codec.evidence_rows(mention)),
            (claims, codec.claim_rows(mention)),
            (mention_links, codec.link_rows(mention)),
            (reported_counts, codec.count_rows(mention)),
        )
        for table, rows in children:
            if rows:
                self._conn.execute(insert(table), rows)

    @_store_op("finding candidate events")
    def candidate_events(
        self, *, start: date, end: date, country: str | None, time_precision: int | None = None
    ) -> list[Event]:
        """Dated events with event_date in [start, end], of `country` (case-insensitive) if given,
        and of this time_precision if given (ix_events_lower_country_date serves the query)."""
        conditions = [events.c.event_date >= start, events.c.event_date <= end]
        if country is not None:
            conditions.append(_ci_equals(events.c.country, country))
        if time_precision is not None:
            conditions.append(events.c.time_precision == time_precision)
        return load_events(self._conn, and_(*conditions))

    @_store_op("finding candidate events")
    def candidate_events_by_precision(
        self, windows: Sequence[tuple[int, date, date]], *, country: str | None, place: Clause | None = None
    ) -> list[Event]:
        """candidate_events(start, end, country, precision) for each (precision, start, end)
        window, concatenated in that order, in one query (over the widest window's dates);
        `place` (query.place_block) leaves out events whose place cannot be the mention's."""
        day = events.c.event_date
        conditions = [day >= min(w[1] for w in windows), day <= max(w[2] for w in windows)]
        conditions.append(or_(*(and_(events.c.time_precision == p, day >= s, day <= e) for p, s, e in windows)))
        if country is not None:
            conditions.append(_ci_equals(events.c.country, country))
        if place is not None:
            conditions.append(place)
        rank = {precision: i for i, (precision, _, _) in enumerate(windows)}
        return sorted(load_events(self._conn, and_(*conditions)), key=lambda e: rank[e.mention.time_precision])

    @_store_op("reading the events at a site")
    def events_at_site(self, site_id: str) -> list[Event]:
        return load_events(self._conn, events.c.site_id == site_id)

    @_store_op("reading an event")
    def get_event(self, event_id: str) -> Event | None:
        found = load_events(self._conn, events.c.id == event_id)
        return found[0] if found else None

    @_store_op("saving an event")
    def save_event(self, event: Event) -> None:
        """Insert or replace the event row; first_seen of an existing row is kept unless given."""
        now = self._clock()
        row = {**codec.event_row(event), "last_updated": event.last_updated or now}
        if event.first_seen is not None:
            row["first_seen"] = event.first_seen
        _upsert(self._conn, events, row, {"first_seen": event.first_seen or now})
        self.touched.add(event.id)

    @_store_op("looking up a site")
    def find_site(self, alias_norm: str) -> Site | None:
        """The site with this normalised alias (or name); see codec.normalise_alias."""
        owner = select(site_aliases.c.site_id).where(site_aliases.c.alias_norm == alias_norm)
        found = load_sites(self._conn, sites.c.id.in_(owner.scalar_subquery()))
        return found[0] if found else None

    @_store_op("reading a site")
    def site(self, site_id: str) -> Site | None:
        found = load_sites(self._conn, sites.c.id == site_id)
        return found[0] if found else None

    @_store_op("listing the sites of a country")
    def sites_in(self, country: str | None) -> list[Site]:
        """Every site of the country (for fuzzy alias matching; registries stay small)."""
        if country is None:
            return load_sites(self._conn, sites.c.country.is_(None))
        return load_sites(self._conn, _ci_equals(sites.c.country, country))

    @_store_op("saving a site")
    def save_site(self, site: Site) -> None:
        """Upsert the site row and replace its aliases; an alias owned by another site fails."""
        _upsert(self._conn, sites, codec.site_row(site), {})
        self._conn.execute(delete(site_aliases).where(site_aliases.c.site_id == site.id))
        self._conn.execute(insert(site_aliases), codec.alias_rows(site))

    @_store_op("renaming a site")
    def rename_site(self, old: str, new: str) -> None:
        """Point the events of site `old` at `new` (saved after: the key is deferred) and remove `old`."""
        self._conn.execute(update(events).where(events.c.site_id == old).values(site_id=new))
        self._conn.execute(delete(site_aliases).where(site_aliases.c.site_id == old))
        self._conn.execute(delete(sites).where(sites.c.id == old))

    @_store_op("reading the counts reported for a site")
    def site_reported_counts(self, site_id: str) -> list[ReportedCount]:
        return load_site_counts(self._conn, [site_id]).get(site_id, [])


def _sort_key(row: tuple[object, ...]) -> tuple[tuple[bool, object], ...]:
    return tuple((value is None, 0 if value is None else value) for value in row)


class Repository(AuditReads):
    """Read access to the store, and `transaction()` for writes."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None) -> None:
        self._engine = engine
        self._clock = clock or _utcnow
        self.url: str = engine.url.render_as_string(hide_password=True)

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One write transaction: committed when the block ends, rolled back if it raises.

        Write transactions run one at a time (across processes too: see migrate.writer_lock),
        each seeing everything committed before it began, so concurrent ingests end as if
        run one after the other. A lost race (SQLite: the lock not free within busy_timeout;
        PostgreSQL: deadlock, serialization failure) raises StoreConflict: run it again."""
        try:
            with self._engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                writer_lock(conn)
                tx = Tx(conn, self._clock)
                yield tx
                search.refresh(conn, tx.touched)
                rollup.refresh(conn, tx.touched)
        except SQLAlchemyError as exc:
            raise store_error("database transaction failed", exc) from exc

    @contextmanager
    def _reading(self, what: str) -> Iterator[Connection]:
        """A read-only transaction over one snapshot (SQLite: deferred BEGIN in WAL mode)."""
        try:
            with self._engine.connect() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execution_options(isolation_level="REPEATABLE READ")
                yield conn
        except SQLAlchemyError as exc:
            raise store_error(f"database error while {what}", exc) from exc

    def list_events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        site: str | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Events by event_date then id (undated last). event_type matches event_type or
        sub_event_type; the other filters are as in query.EventQuery."""
        wanted = query.with_type(
            query.EventQuery(start=since, end=until, country=country, admin1=admin1, site=site), event_type
        )
        with self._reading("listing events") as conn:
            return load_events(conn, and_(true(), *query.conditions(wanted, conn.dialect.name)), limit=limit)

    def find_events(
        self,
        wanted: query.EventQuery,
        *,
        sort: str = "-event_date",
        limit: int = 100,
        cursor: str | None = None,
        with_evidence: bool = True,
    ) -> query.EventPage:
        """One page of matching events in `sort` order, and the cursor of the next page
        (`with_evidence=False`: without their evidence quotes, for lists of summaries)."""
        after = query.Position.decode(cursor, sort) if cursor else None
        with self._reading("searching events") as conn:
            ids, position = query.page_ids(conn, wanted, sort, limit, after)
            found = load_events_by_id(conn, ids, with_evidence=with_evidence)
        return query.EventPage(found, position.encode() if position else None)

    def find_summaries(
        self, wanted: query.EventQuery, *, sort: str = "-event_date", limit: int = 100, cursor: str | None = None
    ) -> query.SummaryPage:
        """find_events' page as summary rows (query.summary_rows): what GET /events lists, at a
        fraction of the cost of building each Event."""
        after = query.Position.decode(cursor, sort) if cursor else None
        with self._reading("searching events") as conn:
            ids, position = query.page_ids(conn, wanted, sort, limit, after)
            rows = query.summary_rows(conn, ids)
        return query.SummaryPage(rows, position.encode() if position else None)

    def iter_events(
        self, wanted: query.EventQuery, *, sort: str = "-event_date", with_evidence: bool = True
    ) -> Iterator[Event]:
        """Every matching event in `sort` order, read a page at a time (for exports)."""
        cursor: str | None = None
        while True:
            page = self.find_events(wanted, sort=sort, limit=CHUNK, cursor=cursor, with_evidence=with_evidence)
            yield from page.events
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def event_stats(self, wanted: query.EventQuery) -> query.EventStats:
        """Counts of matching events: total, by (date, event_type) and by (country, admin1)."""
        with self._reading("counting events") as conn:
            if conn.dialect.name == "sqlite" and wanted == query.EventQuery():
                days, regions = rollup.rollup_stats(conn)  # the overview: kept counts, no scan
            else:
                by_day, by_admin1 = query.stats_queries(query.conditions(wanted, conn.dialect.name))
                days = [(d, t, int(n)) for d, t, n in conn.execute(by_day)]
                regions = [(c, a, int(n)) for c, a, n in conn.execute(by_admin1)]
        return query.EventStats(total=sum(n for _, _, n in regions), by_day_type=days, by_admin1=regions)

    def site_names(self, site_ids: Collection[str]) -> dict[str, str]:
        with self._reading("reading site names") as conn:
            stmt = select(sites.c.id, sites.c.name).where(sites.c.id.in_(sorted(site_ids)))
            return {site_id: name for site_id, name in conn.execute(stmt)}

    def get_site(self, site_id: str) -> Site:
        with self._reading("reading a site") as conn:
            found = load_sites(conn, sites.c.id == site_id)
        if not found:
            raise NotFound(f"no site with id '{site_id}'")
        return found[0]

    def article_evidence(self, article_id: str) -> list[tuple[str, str, int, int, str]]:
        """(event id, field, start, end, quote) of every evidence span quoted from the article."""
        ev = evidence.c
        stmt = (
            select(mentions.c.event_id, ev.field, ev.start, ev.end, ev.quote)
            .select_from(with_mention(evidence))
            .where(ev.article_id == article_id)
            .order_by(ev.start, ev.end, ev.field, mentions.c.event_id)
        )
        with self._reading("reading an article's evidence") as conn:
            return [(e, f, int(s), int(t), q) for e, f, s, t, q in conn.execute(stmt)]

    def get_events(self, event_ids: Sequence[str]) -> list[Event]:
        """These events (exact ids), in the order given; unknown ids are skipped."""
        with self._reading("reading events") as conn:
            return load_events_by_id(conn, event_ids)

    def mention_events(self, article_ids: Collection[str]) -> dict[tuple[str, int], str]:
        """(article id, mention index) -> event id, for every mention of these articles."""
        stmt = select(mentions.c.article_id, mentions.c.idx, mentions.c.event_id)
        found: dict[tuple[str, int], str] = {}
        with self._reading("reading mentions") as conn:
            for chunk in chunks(sorted(article_ids)):
                found.update({(a, i): e for a, i, e in conn.execute(stmt.where(mentions.c.article_id.in_(chunk)))})
        return found

    def _event_id(self, conn: Connection, event_id: str) -> str:
        """The full id for an exact id or a unique prefix of at least MIN_PREFIX characters."""
        if conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is not None:
            return event_id
        if len(event_id) >= MIN_PREFIX:
            stmt = select(events.c.id).where(events.c.id.startswith(event_id, autoescape=True)).limit(10)
            ids = [found for found in conn.execute(stmt).scalars() if found.startswith(event_id)]
            if len(ids) == 1:
                return str(ids[0])
            if ids:
                raise NotFound(f"event id prefix '{event_id}' matches several events; give more characters")
        raise NotFound(f"no event with id '{event_id}'")

    def event_ids_and_isos(self, iso: int | None) -> list[tuple[str, int | None]]:
        """(id, iso) of the events of one country (ISO numeric; None: of no known country)."""
        condition = events.c.iso.is_(None) if iso is None else events.c.iso == iso
        with self._reading("reading event ids") as conn:
            return [(str(i), n) for i, n in conn.execute(select(events.c.id, events.c.iso).where(condition))]

    def get_event(self, event_id: str) -> Event:
        with self._reading("reading an event") as conn:
            return load_events(conn, events.c.id == self._event_id(conn, event_id))[0]

    def event_mentions(self, event_id: str) -> list[tuple[Article, Mention]]:
        """Each source article of the event with its mention, in source order."""
        with self._reading("reading an event's mentions") as conn:
            return load_mentions(conn, mentions.c.event_id == self._event_id(conn, event_id))

    def list_sites(self) -> list[Site]:
        with self._reading("listing sites") as conn:
            return load_sites(conn, true())

    def stored_article_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Those of `article_ids` already stored."""
        found: set[str] = set()
        with self._reading("checking for articles") as conn:
            for chunk in chunks(list(article_ids)):
                found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
        return found

    def get_article(self, article_id: str) -> Article:
        with self._reading("reading an article") as conn:
            found = load_articles(conn, [article_id])
        if article_id not in found:
            raise NotFound(f"no article with id '{article_id}'")
        return found[article_id]

    def list_rejected(self) -> list[Rejected]:
        with self._reading("listing rejected documents") as conn:
            rows = conn.execute(select(rejected).order_by(rejected.c.id)).mappings().all()
        return [codec.rejected_from_row(row) for row in rows]

    def check(self) -> None:
        """Raise StoreError if the database cannot be read whole (a corrupted file)."""
        problem = integrity_problem(self._engine)
        if problem is not None:
            raise StoreError(f"the database is damaged or unreadable: {problem}")

    def counts(self) -> dict[str, int]:
        tables = {"articles": articles, "mentions": mentions, "events": events, "sites": sites}
        tables |= {"claims": claims, "rejected": rejected}
        with self._reading("counting records") as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }

    def snapshot(self) -> dict[str, list[tuple[object, ...]]]:
        """Every table's rows, sorted, without wall-clock columns or surrogate ids: two
        snapshots are equal when the stored content is (for idempotency tests)."""
        found: dict[str, list[tuple[object, ...]]] = {}
        with self._reading("taking a snapshot") as conn:
            for table in metadata.sorted_tables:
                skip = VOLATILE_COLUMNS.get(table.name, frozenset())
                columns = [column for column in table.columns if column.name not in skip]
                rows = [tuple(row) for row in conn.execute(select(*columns))]
                found[table.name] = sorted(rows, key=_sort_key)
        return found
