"""The store side of monitoring: watched sources' state, the entries they have handed on,
saved searches, their matches and deliveries (monitor/). SQLAlchemy errors leave as StoreError."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from eventwatch.errors import NotFound, StoreError
from eventwatch.records import AlertMatch, Delivery, SavedSearch, SourceState
from eventwatch.store.loading import chunks
from eventwatch.store.migrate import WRITE_OPTION, writer_lock
from eventwatch.store.ops import store_error
from eventwatch.store.schema import alert_deliveries, alert_matches, saved_searches, watch_seen, watch_sources

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _state(row: Any) -> SourceState:
    return SourceState(**{**dict(row), "healthy": bool(row["healthy"])})


def _search(row: Any) -> SavedSearch:
    return SavedSearch(row["name"], json.loads(row["filters"]), row["webhook"], row["email"], row["created_at"])


def _match(row: Any) -> AlertMatch:
    return AlertMatch(
        id=int(row["id"]),
        search=row["search"],
        event_id=row["event_id"],
        version=int(row["version"]),
        kind=row["kind"],
        changes=tuple(json.loads(row["changes"])),
        event=json.loads(row["event"]),
        matched_at=row["matched_at"],
    )


def _delivery(row: Any) -> Delivery:
    return Delivery(**{name: row[name] for name in Delivery.__dataclass_fields__})


class MonitorStore:
    """Reads and writes of the monitoring tables; each call is its own short transaction."""

    def __init__(self, engine: Engine, clock: Clock = _utcnow) -> None:
        self._engine = engine
        self.clock = clock

    @contextmanager
    def _writing(self, what: str) -> Iterator[Connection]:
        try:
            with self._engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                writer_lock(conn)
                yield conn
        except SQLAlchemyError as exc:
            raise store_error(f"database error while {what}", exc) from exc

    @contextmanager
    def _reading(self, what: str) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise store_error(f"database error while {what}", exc) from exc

    # --- sources -------------------------------------------------------------------------

    def source_state(self, name: str) -> SourceState | None:
        with self._reading("reading a source's state") as conn:
            row = conn.execute(select(watch_sources).where(watch_sources.c.name == name)).mappings().first()
        return _state(row) if row else None

    def list_sources(self) -> list[SourceState]:
        with self._reading("listing sources") as conn:
            rows = conn.execute(select(watch_sources).order_by(watch_sources.c.name)).mappings().all()
        return [_state(row) for row in rows]

    def save_source(self, state: SourceState) -> None:
        row = {**asdict(state), "healthy": int(state.healthy)}
        with self._writing("saving a source's state") as conn:
            done = conn.execute(update(watch_sources).where(watch_sources.c.name == state.name).values(row))
            if done.rowcount == 0:
                conn.execute(insert(watch_sources).values(row))

    def seen_items(self, source: str, items: Collection[str]) -> set[str]:
        """Those of `items` (hashed keys) the source has already handed on."""
        found: set[str] = set()
        stmt = select(watch_seen.c.item).where(watch_seen.c.source == source)
        with self._reading("reading seen items") as conn:
            for chunk in chunks(sorted(items)):
                found.update(conn.execute(stmt.where(watch_seen.c.item.in_(chunk))).scalars())
        return found

    def mark_seen(self, source: str, items: Collection[str]) -> None:
        new = set(items) - self.seen_items(source, items)
        if not new:
            return
        now = self.clock()
        with self._writing("recording seen items") as conn:
            conn.execute(insert(watch_seen), [{"source": source, "item": i, "seen_at": now} for i in sorted(new)])

    # --- saved searches ------------------------------------------------------------------

    def add_search(self, search: SavedSearch) -> None:
        row = {
            "name": search.name,
            "filters": json.dumps(search.filters, sort_keys=True),
            "webhook": search.webhook,
            "email": search.email,
            "created_at": search.created_at or self.clock(),
        }
        try:
            with self._writing("saving a search") as conn:
                conn.execute(insert(saved_searches).values(row))
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise StoreError(f"a saved search named {search.name!r} exists; remove it first") from exc
            raise

    def remove_search(self, name: str) -> None:
        with self._writing("removing a search") as conn:
            ids = select(alert_matches.c.id).where(alert_matches.c.search == name)
            conn.execute(delete(alert_deliveries).where(alert_deliveries.c.match_id.in_(ids.scalar_subquery())))
            conn.execute(delete(alert_matches).where(alert_matches.c.search == name))
            done = conn.execute(delete(saved_searches).where(saved_searches.c.name == name))
        if done.rowcount == 0:
            raise NotFound(f"no saved search named {name!r}; 'eventwatch alerts list' shows them")

    def list_searches(self) -> list[SavedSearch]:
        with self._reading("listing saved searches") as conn:
            rows = conn.execute(select(saved_searches).order_by(saved_searches.c.name)).mappings().all()
        return [_search(row) for row in rows]

    def get_search(self, name: str) -> SavedSearch:
        with self._reading("reading a saved search") as conn:
            row = conn.execute(select(saved_searches).where(saved_searches.c.name == name)).mappings().first()
        if row is None:
            raise NotFound(f"no saved search named {name!r}; 'eventwatch alerts list' shows them")
        return _search(row)

    # --- matches and deliveries ----------------------------------------------------------

    def last_matched_versions(self, search: str, event_ids: Collection[str]) -> dict[str, int]:
        """event id -> the newest version of it this search has matched (events it never matched: absent)."""
        m = alert_matches.c
        stmt = select(m.event_id, func.max(m.version)).where(m.search == search).group_by(m.event_id)
        found: dict[str, int] = {}
        with self._reading("reading alert matches") as conn:
            for chunk in chunks(sorted(event_ids)):
                found.update({e: int(v) for e, v in conn.execute(stmt.where(m.event_id.in_(chunk)))})
        return found

    def add_match(self, match: AlertMatch, targets: list[tuple[str, str]]) -> int | None:
        """Record the match and a pending delivery per (channel, target); None (and nothing
        written) when this search already matched this version of the event."""
        row = {
            "search": match.search, "event_id": match.event_id, "version": match.version, "kind": match.kind,
            "changes": json.dumps(list(match.changes)), "event": json.dumps(match.event, default=str),
            "matched_at": match.matched_at,
        }  # fmt: skip
        m = alert_matches.c
        with self._writing("recording an alert match") as conn:
            key = and_(m.search == match.search, m.event_id == match.event_id, m.version == match.version)
            if conn.execute(select(m.id).where(key)).first() is not None:
                return None
            match_id = int(conn.execute(insert(alert_matches).values(row).returning(m.id)).scalar_one())
            for channel, target in targets:
                conn.execute(insert(alert_deliveries).values(
                    match_id=match_id, channel=channel, target=target, status="pending", attempts=0,
                    last_error="", next_attempt=match.matched_at,
                ))  # fmt: skip
        return match_id

    def matches(self, search: str, limit: int = 100) -> list[AlertMatch]:
        """The search's newest matches first."""
        stmt = select(alert_matches).where(alert_matches.c.search == search).order_by(alert_matches.c.id.desc())
        with self._reading("reading alert matches") as conn:
            return [_match(row) for row in conn.execute(stmt.limit(limit)).mappings()]

    def due_deliveries(self, now: datetime) -> list[tuple[Delivery, AlertMatch]]:
        d = alert_deliveries.c
        stmt = (
            select(alert_deliveries, alert_matches)
            .join(alert_matches, alert_matches.c.id == d.match_id)
            .where(d.status == "pending", or_(d.next_attempt.is_(None), d.next_attempt <= now))
            .order_by(d.match_id, d.channel)
        )
        with self._reading("reading pending deliveries") as conn:
            return [(_delivery(row), _match(row)) for row in conn.execute(stmt).mappings()]

    def save_delivery(self, delivery: Delivery) -> None:
        d = alert_deliveries.c
        values = {k: v for k, v in asdict(delivery).items() if k not in ("match_id", "channel")}
        with self._writing("saving a delivery") as conn:
            conn.execute(
                update(alert_deliveries)
                .where(d.match_id == delivery.match_id, d.channel == delivery.channel)
                .values(values)
            )

    def deliveries(self, search: str | None = None) -> list[Delivery]:
        stmt = select(alert_deliveries).order_by(alert_deliveries.c.match_id, alert_deliveries.c.channel)
        if search is not None:
            ids = select(alert_matches.c.id).where(alert_matches.c.search == search).scalar_subquery()
            stmt = stmt.where(alert_deliveries.c.match_id.in_(ids))
        with self._reading("reading deliveries") as conn:
            return [_delivery(row) for row in conn.execute(stmt).mappings()]
