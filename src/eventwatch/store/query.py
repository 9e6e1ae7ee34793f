"""Event filters as one dataclass, turned into SQLAlchemy Core clauses; keyset pagination.

Used by the API, the exports and the CLI alike: `EventQuery` says which events, `Sort` in
which order, and a cursor (opaque text) where the previous page stopped.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal, get_args

from sqlalchemy import Connection, Select, and_, distinct, exists, func, or_, select, true, tuple_

from eventwatch.errors import BadFilter
from eventwatch.records import Event, Stance
from eventwatch.store.codec import normalise_alias
from eventwatch.store.loading import Clause, chunks
from eventwatch.store.schema import articles, claims, events, mentions, site_aliases, sites
from eventwatch.store.search import is_broad, text_filter
from eventwatch.taxonomy import ALL_SUB_EVENT_TYPES

Sort = Literal["event_date", "-event_date", "fatalities", "-fatalities"]
SORTS: tuple[str, ...] = get_args(Sort)
STANCES: tuple[str, ...] = get_args(Stance)
EARTH_KM = 6371.0088  # mean Earth radius (IUGG)
KM_PER_DEGREE = 111.32  # length of one degree of latitude (and of longitude at the equator)
MAX_KM = 20_016.0  # half the Earth's circumference: every point is this close


@dataclass(frozen=True)
class EventQuery:
    """Which events: every field optional; string matches are case-insensitive."""

    start: date | None = None  # event_date >= start
    end: date | None = None  # event_date <= end
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    near: tuple[float, float, float] | None = None  # lat, lon, km
    actor: str | None = None  # substring of actor1, actor2 or an associated actor
    site: str | None = None  # a site id, or part of a site's name or alias
    text: str | None = None  # full text over notes and evidence quotes
    min_sources: int | None = None
    stance: str | None = None  # events with a claim of this stance


@dataclass(frozen=True)
class EventPage:
    """One page of Repository.find_events and the cursor of the next (None: the last page)."""

    events: list[Event]
    next_cursor: str | None


@dataclass(frozen=True)
class SummaryPage:
    """One page of Repository.find_summaries: a row per event with exactly the fields of the
    API's EventSummary (see SUMMARY_COLUMNS), and the cursor of the next page."""

    rows: list[dict[str, Any]]
    next_cursor: str | None


@dataclass(frozen=True)
class EventStats:
    """Repository.event_stats: the total, and counts by (date, event_type) and (country, admin1)."""

    total: int
    by_day_type: list[tuple[date, str, int]]
    by_admin1: list[tuple[str | None, str | None, int]]


def with_type(query: EventQuery, value: str | None) -> EventQuery:
    """`--type` of the CLI: a sub-event type when it names one (any case), else an event type."""
    if value is None:
        return query
    if value.lower() in {name.lower() for name in ALL_SUB_EVENT_TYPES}:
        return replace(query, sub_event_type=value)
    return replace(query, event_type=value)


def _floats(raw: str, n: int, what: str) -> list[float]:
    parts = raw.split(",")
    try:
        values = [float(part) for part in parts]
    except ValueError:
        values = []
    if len(values) != n or not all(math.isfinite(v) for v in values):
        raise BadFilter(f"{what} must be {n} comma-separated numbers, got {raw!r}", param=what.split()[0])
    return values


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """`minlon,minlat,maxlon,maxlat` (RFC 7946 order; minlon > maxlon crosses the antimeridian;
    the two latitudes may come in either order)."""
    minlon, lat1, maxlon, lat2 = _floats(raw, 4, "bbox (minlon,minlat,maxlon,maxlat)")
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= min(lat1, lat2) <= max(lat1, lat2) <= 90):
        raise BadFilter(f"bbox {raw!r} is outside -180..180 (longitude) / -90..90 (latitude)", param="bbox")
    return minlon, min(lat1, lat2), maxlon, max(lat1, lat2)


def parse_near(raw: str) -> tuple[float, float, float]:
    """`lat,lon,km`; a radius beyond MAX_KM (half the globe) is MAX_KM."""
    lat, lon, km = _floats(raw, 3, "near (lat,lon,km)")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km >= 0):
        raise BadFilter(f"near {raw!r} needs -90<=lat<=90, -180<=lon<=180 and km>=0", param="near")
    return lat, lon, min(km, MAX_KM)


def _ci_equals(column: Any, value: str) -> Clause:
    return func.lower(column) == value.lower()


def _ci_contains(column: Any, value: str) -> Clause:
    return func.lower(column).contains(value.lower(), autoescape=True)


def _lon_range(low: float, high: float) -> Clause:
    """Longitudes from low to high eastwards, across the antimeridian when low > high."""
    lon = events.c.longitude
    if low <= high:
        return lon.between(low, high)
    return or_(lon >= low, lon <= high)


def _bbox_filter(bbox: tuple[float, float, float, float]) -> Clause:
    minlon, minlat, maxlon, maxlat = bbox
    return and_(events.c.latitude.between(minlat, maxlat), _lon_range(minlon, maxlon))


def _near_filter(lat: float, lon: float, km: float) -> Clause:
    """A lat/lon box around the point (uses the indexes), then the haversine distance."""
    dlat = km / KM_PER_DEGREE
    box: list[Clause] = [events.c.latitude.between(lat - dlat, lat + dlat)]
    cos_lat = math.cos(math.radians(lat))
    if cos_lat > 1e-6 and km / (KM_PER_DEGREE * cos_lat) < 180:
        dlon = km / (KM_PER_DEGREE * cos_lat)
        low, high = lon - dlon, lon + dlon
        box.append(_lon_range(low + 360 if low < -180 else low, high - 360 if high > 180 else high))
    half_dlat = func.radians(events.c.latitude - lat) * 0.5
    half_dlon = func.radians(events.c.longitude - lon) * 0.5
    sin_lat, sin_lon = func.sin(half_dlat), func.sin(half_dlon)
    hav = (
        sin_lat * sin_lat + math.cos(math.radians(lat)) * func.cos(func.radians(events.c.latitude)) * sin_lon * sin_lon
    )
    limit = math.sin(min(km / (2 * EARTH_KM), math.pi / 2)) ** 2  # hav <= this <=> distance <= km
    return and_(*box, hav <= limit)


def place_block(admin1: str | None, precision: int | None, lat: float | None, lon: float | None,
                km: float) -> Clause | None:
    """The stored events whose place can be a mention's (resolve.matcher._place_ok as SQL, a
    superset): region-only events of its region or of none, events without coordinates, and
    events within `km`. None when the mention's place rules nothing out."""
    region = true() if admin1 is None else or_(events.c.admin1.is_(None), _ci_equals(events.c.admin1, admin1))
    if precision == 3:
        return None if admin1 is None else region
    if lat is None or lon is None:
        return None
    unplaced = or_(events.c.latitude.is_(None), events.c.longitude.is_(None))
    return or_(and_(events.c.geo_precision == 3, region), unplaced, _near_filter(lat, lon, km * 1.01 + 0.1))


def _site_filter(site: str) -> Clause:
    needle = normalise_alias(site)
    named = select(site_aliases.c.site_id).where(site_aliases.c.alias_norm.contains(needle, autoescape=True))
    return or_(events.c.site_id == site, events.c.site_id.in_(named), _ci_contains(events.c.site, site))


def _actor_filter(actor: str) -> Clause:
    columns = (events.c.actor1, events.c.actor2, events.c.assoc_actor_1, events.c.assoc_actor_2)
    return or_(*(_ci_contains(column, actor) for column in columns))


def n_sources() -> Any:
    """Correlated subquery: how many articles report the event."""
    return (
        select(func.count(distinct(mentions.c.article_id))).where(mentions.c.event_id == events.c.id).scalar_subquery()
    )


def _stance_filter(stance: str) -> Clause:
    if stance not in STANCES:
        raise BadFilter(f"stance must be one of {', '.join(STANCES)}, got {stance!r}", param="stance")
    joined = claims.join(
        mentions, and_(claims.c.article_id == mentions.c.article_id, claims.c.mention_idx == mentions.c.idx)
    )
    return exists(
        select(claims.c.id).select_from(joined).where(mentions.c.event_id == events.c.id, claims.c.stance == stance)
    )


def conditions(query: EventQuery, dialect: str, *, broad_text: bool = False) -> list[Clause]:
    """The WHERE clauses for `query` (an empty list matches every event)."""
    q = query
    found: list[Clause] = []
    if q.start is not None:
        found.append(events.c.event_date >= q.start)
    if q.end is not None:
        found.append(events.c.event_date <= q.end)
    for column, value in (
        (events.c.event_type, q.event_type),
        (events.c.sub_event_type, q.sub_event_type),
        (events.c.country, q.country),
        (events.c.admin1, q.admin1),
    ):
        if value is not None:
            found.append(_ci_equals(column, value))
    if q.bbox is not None:
        found.append(_bbox_filter(q.bbox))
    if q.near is not None:
        found.append(_near_filter(*q.near))
    if q.actor:
        found.append(_actor_filter(q.actor))
    if q.site:
        found.append(_site_filter(q.site))
    if q.text is not None:
        found.append(text_filter(dialect, q.text, broad=broad_text))
    if q.min_sources is not None and q.min_sources > 1:
        found.append(n_sources() >= q.min_sources)
    if q.stance is not None:
        found.append(_stance_filter(q.stance))
    return found


# --- keyset pagination -------------------------------------------------------------------


_INT64 = (-(2**63), 2**63 - 1)  # what a database integer holds; a larger key is not ours


@dataclass(frozen=True)
class Position:
    """Where a page stopped: the sort key of its last event (None: undated) and its id."""

    sort: str
    key: str | int | None
    id: str

    def encode(self) -> str:
        raw = json.dumps([self.sort, self.key, self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str, sort: str) -> Position:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            found_sort, key, event_id = json.loads(raw)
        except (binascii.Error, ValueError, TypeError) as exc:
            raise BadFilter("cursor is not one this API handed out", param="cursor") from exc
        if found_sort != sort or not isinstance(event_id, str) or not isinstance(key, str | int | None):
            raise BadFilter("cursor belongs to another sort order; start again without it", param="cursor")
        if isinstance(key, bool) or "\x00" in event_id or (isinstance(key, str) and "\x00" in key):
            raise BadFilter("cursor is not one this API handed out", param="cursor")
        return cls(sort, key, event_id)


def _sort_column(sort: str) -> Any:
    if sort not in SORTS:
        raise BadFilter(f"sort must be one of {', '.join(SORTS)}, got {sort!r}", param="sort")
    return events.c.event_date if sort.lstrip("-") == "event_date" else events.c.fatalities


def _key_value(sort: str, key: str | int | None) -> date | int | None:
    if key is None:
        return None
    try:
        value = date.fromisoformat(str(key)) if sort.lstrip("-") == "event_date" else int(key)
    except ValueError as exc:
        raise BadFilter("cursor is not one this API handed out", param="cursor") from exc
    if isinstance(value, int) and not _INT64[0] <= value <= _INT64[1]:
        raise BadFilter("cursor is not one this API handed out", param="cursor")
    return value


def _ordered(stmt: Select[Any], column: Any, descending: bool) -> Select[Any]:
    if descending:
        return stmt.order_by(column.desc(), events.c.id.desc())
    return stmt.order_by(column.asc(), events.c.id.asc())


_NARROWING = ("country", "admin1", "bbox", "near", "site")  # filters with an index of their own


def walk_sort_index(conn: Connection, query: EventQuery) -> bool:
    """SQLite only: a text search matching many events, with no other indexed filter, is
    answered fastest by walking the sort index and probing the matches (the planner would
    otherwise sort every match)."""
    if query.text is None or any(getattr(query, name) is not None for name in _NARROWING):
        return False
    return is_broad(conn, query.text)


def page_ids(
    conn: Connection, query: EventQuery, sort: str, limit: int, after: Position | None
) -> tuple[list[str], Position | None]:
    """Up to `limit` event ids in `sort` order (ties by id, same direction) after `after`;
    events with no sort value (undated) come last. Returns the ids and the next position."""
    where = conditions(query, conn.dialect.name, broad_text=walk_sort_index(conn, query))
    column = _sort_column(sort)
    descending = sort.startswith("-")

    def before(left: Any, right: Any) -> Clause:
        return left < right if descending else left > right  # type: ignore[no-any-return]

    rows: list[Any] = []
    if after is None or after.key is not None:
        stmt = select(column, events.c.id).where(*where, column.is_not(None))
        if after is not None:
            stmt = stmt.where(before(tuple_(column, events.c.id), tuple_(_key_value(sort, after.key), after.id)))
        rows = list(conn.execute(_ordered(stmt, column, descending).limit(limit + 1)))
    if len(rows) <= limit and column.nullable:
        stmt = select(column, events.c.id).where(*where, column.is_(None))
        if after is not None and after.key is None:
            stmt = stmt.where(before(events.c.id, after.id))
        rows += list(conn.execute(_ordered(stmt, column, descending).limit(limit + 1 - len(rows))))
    if len(rows) <= limit:
        return [row[1] for row in rows], None
    key, last = rows[limit - 1]
    return [row[1] for row in rows[:limit]], Position(sort, key.isoformat() if isinstance(key, date) else key, last)


# The event columns a summary shows (api.models.EventSummary), in its field order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "injuries",
    "site_id",
)  # fmt: skip


def summary_rows(conn: Connection, event_ids: list[str]) -> list[dict[str, Any]]:
    """These events (exact ids, at most a page) as summary rows, in the order given: the
    event's own columns, its site's name and how many articles report it. One query, no
    Event built (a list of summaries shows nothing of the mentions but their count)."""
    reported = (
        select(func.count(distinct(mentions.c.article_id)))
        .select_from(mentions.join(articles, mentions.c.article_id == articles.c.id))
        .where(mentions.c.event_id == events.c.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            *(events.c[name] for name in SUMMARY_COLUMNS),
            sites.c.name.label("site"),
            events.c.weapon_kind,
            reported.label("n_sources"),
            events.c.notes,
            events.c.first_seen,
            events.c.last_updated,
        )
        .select_from(events.outerjoin(sites, sites.c.id == events.c.site_id))
    )
    by_id: dict[str, dict[str, Any]] = {}
    for chunk in chunks(event_ids):
        found = conn.execute(stmt.where(events.c.id.in_(chunk)))
        names = list(found.keys())
        by_id.update((row[0], dict(zip(names, row, strict=True))) for row in found.all())
    return [by_id[event_id] for event_id in event_ids if event_id in by_id]


def stats_queries(where: list[Clause]) -> tuple[Select[Any], Select[Any]]:
    """Counts by (event_date, event_type) for dated events; counts by (country, admin1) of all
    matching events (their sum is the total)."""
    by_day = (
        select(events.c.event_date, events.c.event_type, func.count())
        .where(*where, events.c.event_date.is_not(None))
        .group_by(events.c.event_date, events.c.event_type)
        .order_by(events.c.event_date, events.c.event_type)
    )
    by_admin1 = (
        select(events.c.country, events.c.admin1, func.count())
        .where(*where)
        .group_by(events.c.country, events.c.admin1)
        .order_by(func.count().desc(), events.c.country, events.c.admin1)
    )
    return by_day, by_admin1
