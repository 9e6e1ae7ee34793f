"""The database schema as SQLAlchemy Core tables; column names match the record fields.

Portable between SQLite (default) and PostgreSQL. Foreign keys to `events` and `sites`
are DEFERRABLE INITIALLY DEFERRED so the resolver may save a mention before its event
(or an event before its site) inside one transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

metadata = MetaData()

_ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC.

    PostgreSQL: TIMESTAMP WITH TIME ZONE. Elsewhere: fixed-width ISO text in UTC, which sorts
    chronologically. Naive datetimes are refused; results are always aware (UTC).
    """

    impl = String(32)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(String(32))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> object:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored; give it a timezone")
        utc = value.astimezone(UTC)
        return utc if dialect.name == "postgresql" else utc.strftime(_ISO_FORMAT)

    def process_result_value(self, value: object, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        return datetime.fromisoformat(str(value))


# Scalar Mention fields stored both per mention and (merged) per event, in record order.
ACLED_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "disorder_type", "event_date", "time_precision", "date_phrase",
    "location", "admin1", "admin2", "country", "iso", "latitude", "longitude", "geonames_id",
    "geo_precision", "geonames_name", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2",
    "site", "weapon_kind", "weapon_launched", "weapon_intercepted", "fatalities", "injuries",
    "size_reported", "notes", "confidence",
)  # fmt: skip


def _acled_columns() -> list[Column[object]]:
    """Fresh Column objects for ACLED_FIELDS (a Column belongs to exactly one table)."""
    return [
        Column("event_type", String(64), nullable=False),
        Column("sub_event_type", String(64), nullable=False),
        Column("disorder_type", String(64), nullable=False),
        Column("event_date", Date),
        Column("time_precision", Integer, nullable=False),
        Column("date_phrase", Text),
        Column("location", Text),
        Column("admin1", Text),
        Column("admin2", Text),
        Column("country", Text),
        Column("iso", Integer),
        Column("latitude", Float),
        Column("longitude", Float),
        Column("geonames_id", Integer),
        Column("geo_precision", Integer),
        Column("geonames_name", Text),
        Column("actor1", Text),
        Column("actor2", Text),
        Column("assoc_actor_1", Text),
        Column("assoc_actor_2", Text),
        Column("inter1", Integer),
        Column("inter2", Integer),
        Column("site", Text),
        Column("weapon_kind", String(64)),
        Column("weapon_launched", Integer),
        Column("weapon_intercepted", Integer),
        Column("fatalities", Integer, nullable=False),
        Column("injuries", Integer, nullable=False),
        Column("size_reported", Integer),
        Column("notes", Text, nullable=False),
        Column("confidence", Float, nullable=False),
    ]


def _deferred_fk(target: str) -> ForeignKey:
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


def _mention_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["article_id", "mention_idx"], ["mentions.article_id", "mentions.idx"], ondelete="CASCADE"
    )


articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published_at", UTCDateTime),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("source_kind", String(16), nullable=False),
    Column("origin", Text),
    Column("ingested_at", UTCDateTime, nullable=False),
)

sites = Table(
    "sites",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(64)),
    Column("location", Text),
    Column("admin1", Text),
    Column("country", Text),
)

site_aliases = Table(
    "site_aliases",
    metadata,
    Column("site_id", String(64), ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("alias_norm", Text, nullable=False, unique=True),
    Column("alias", Text, nullable=False),
    # position in Site.aliases; -1 marks the site's own name, added so find_site matches it
    Column("ordinal", Integer, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    *_acled_columns(),
    Column("site_id", String(64), _deferred_fk("sites.id")),
    Column("version", Integer, nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_updated", UTCDateTime, nullable=False),
    Column("values_by_source", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    *_acled_columns(),
    Column("event_id", String(64), _deferred_fk("events.id"), nullable=False),
)

evidence = Table(
    "evidence",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("mention_idx", Integer, primary_key=True),
    Column("field", String(64), primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    _mention_fk(),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), nullable=False),
    Column("mention_idx", Integer, nullable=False),
    Column("speaker", Text, nullable=False),
    Column("stance", String(32), nullable=False),
    Column("subject", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    _mention_fk(),
    UniqueConstraint("article_id", "mention_idx", "speaker", "stance", "start"),
)

mention_links = Table(
    "mention_links",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("mention_idx", Integer, primary_key=True),
    Column("ordinal", Integer, primary_key=True),  # position in Mention.links
    Column("kind", String(16), nullable=False),
    Column("target_idx", Integer, nullable=False),
    _mention_fk(),
)

reported_counts = Table(
    "reported_counts",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("mention_idx", Integer, primary_key=True),
    Column("ordinal", Integer, primary_key=True),  # position in Mention.reported_counts
    Column("site", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Column("what", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    _mention_fk(),
)

rejected = Table(
    "rejected",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("stage", String(64), nullable=False),
    Column("code", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    UniqueConstraint("origin", "stage", "code"),
)

# --- article-level duplicates (resolve/duplicates.py) ---------------------------------

# The MinHash LSH index of article bodies: one row per (article, band), looked up by
# (band, hash) so near-duplicate detection is incremental across runs and processes.
article_bands = Table(
    "article_bands",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("band", Integer, primary_key=True),
    Column("hash", String(16), nullable=False),
)

# An article that copies an earlier one (wire copy, light republication).
article_duplicates = Table(
    "article_duplicates",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("duplicate_of", String(64), ForeignKey("articles.id"), nullable=False),
    Column("similarity", Float, nullable=False),  # exact Jaccard of the body shingles
)

# A newer version of an article (the same canonical URL, or the same outlet's story marked
# updated or corrected) supersedes the older one: the event takes the newer figures, the
# older version stays in the history and the outlet counts once (resolve/versions.py).
article_versions = Table(
    "article_versions",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("superseded_by", String(64), ForeignKey("articles.id"), nullable=False),
    Column("reason", Text, nullable=False),
)

# --- the event audit trail (resolve/history.py) -----------------------------------------

event_versions = Table(
    "event_versions",
    metadata,
    Column("event_id", String(64), _deferred_fk("events.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(16), nullable=False),  # records.VersionKind
    Column("changes", Text, nullable=False),  # JSON list of {"field", "old", "new"}
    Column("reason", Text, nullable=False),
    Column("article_id", String(64)),  # the source that caused the change, if any
)

# Manual corrections (eventwatch edit), applied after every merge.
event_overrides = Table(
    "event_overrides",
    metadata,
    Column("event_id", String(64), _deferred_fk("events.id"), primary_key=True),
    Column("field", String(64), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
    Column("reason", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

# "Do not merge" constraints left by eventwatch split: a mention of one article never joins
# an event holding a mention of the other. Stored once per pair, article_id < other_article_id.
merge_blocks = Table(
    "merge_blocks",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("other_article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)


# --- monitoring (monitor/): watched sources, saved searches, alert matches, deliveries ------

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("url", Text, nullable=False),
    Column("every", Float, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_fetch", UTCDateTime),
    Column("last_success", UTCDateTime),
    Column("next_due", UTCDateTime),
    Column("failures", Integer, nullable=False),
    Column("items_seen", Integer, nullable=False),
    Column("articles_added", Integer, nullable=False),
    Column("last_error", Text, nullable=False),
    Column("healthy", Integer, nullable=False),
)

# Feed entries (or local files) a source has already handed to the pipeline: sha256 of the key.
watch_seen = Table(
    "watch_seen",
    metadata,
    Column("source", String(200), primary_key=True),
    Column("item", String(64), primary_key=True),
    Column("seen_at", UTCDateTime, nullable=False),
)

saved_searches = Table(
    "saved_searches",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("filters", Text, nullable=False),  # JSON object of `eventwatch events` option names
    Column("webhook", Text),
    Column("email", Text),
    Column("created_at", UTCDateTime, nullable=False),
)

alert_matches = Table(
    "alert_matches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("search", String(100), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("changes", Text, nullable=False),  # JSON list of text
    Column("event", Text, nullable=False),  # JSON: the event's ACLED record at that version
    Column("matched_at", UTCDateTime, nullable=False),
    UniqueConstraint("search", "event_id", "version"),
)

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("match_id", Integer, ForeignKey("alert_matches.id", ondelete="CASCADE"), primary_key=True),
    Column("channel", String(16), primary_key=True),
    Column("target", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=False),
    Column("next_attempt", UTCDateTime),
    Column("delivered_at", UTCDateTime),
)

# Query indexes (store/query.py): keyset pages by (sort key, id); case-insensitive place
# filters with a date range; bbox / near boxes on latitude then longitude.
Index("ix_events_date_id", events.c.event_date, events.c.id)
Index("ix_events_fatalities_id", events.c.fatalities, events.c.id)
Index("ix_events_country_admin1", events.c.country, events.c.admin1)
Index("ix_events_lower_country_date", func.lower(events.c.country), events.c.event_date, events.c.id)
Index("ix_events_lower_admin1_date", func.lower(events.c.admin1), events.c.event_date, events.c.id)
Index("ix_events_lat_lon", events.c.latitude, events.c.longitude)
# Covers both /stats aggregates over a date range (no table reads).
Index("ix_events_date_type_place", events.c.event_date, events.c.event_type, events.c.country, events.c.admin1)
Index("ix_events_site_id", events.c.site_id)
Index("ix_mentions_event_id", mentions.c.event_id)
Index("ix_article_bands_band_hash", article_bands.c.band, article_bands.c.hash)
Index("ix_article_duplicates_duplicate_of", article_duplicates.c.duplicate_of)
Index("ix_article_versions_superseded_by", article_versions.c.superseded_by)
Index("ix_articles_url", articles.c.url)
Index("ix_articles_outlet_published", articles.c.outlet, articles.c.published_at)
Index("ix_merge_blocks_other_article_id", merge_blocks.c.other_article_id)
Index("ix_alert_matches_search_id", alert_matches.c.search, alert_matches.c.id)
Index("ix_alert_deliveries_status_next", alert_deliveries.c.status, alert_deliveries.c.next_attempt)

# Columns holding wall-clock times or surrogate keys: left out of Repository.snapshot().
VOLATILE_COLUMNS: dict[str, frozenset[str]] = {
    "articles": frozenset({"ingested_at"}),
    "events": frozenset({"first_seen", "last_updated"}),
    "claims": frozenset({"id"}),
    "rejected": frozenset({"id", "first_seen"}),
    "event_versions": frozenset({"at"}),
    "event_overrides": frozenset({"at"}),
    "merge_blocks": frozenset({"at"}),
    "watch_sources": frozenset({"last_fetch", "last_success", "next_due"}),
    "watch_seen": frozenset({"seen_at"}),
    "saved_searches": frozenset({"created_at"}),
    "alert_matches": frozenset({"id", "matched_at"}),
    "alert_deliveries": frozenset({"match_id", "next_attempt", "delivered_at"}),
}
