"""The record types that flow through eventwatch; the only place they are defined.

ingest -> Article -> extract -> Mention[] -> resolve -> Event / Site -> store.
Field names follow ACLED wherever ACLED has one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

SourceKind = Literal["html", "text", "jsonl", "rss", "warc", "url"]
Stance = Literal[
    "claims_responsibility",
    "denies_responsibility",
    "declines_to_claim",
    "blames",
    "confirms",
    "disputes",
    "reports",
]
LinkKind = Literal["part_of", "same_as", "follows"]
VersionKind = Literal["created", "source_added", "field_changed", "merged", "split", "edited"]


def normalise_text(text: str) -> str:
    """The form an article's id is hashed from: NFC, unified quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


_SURROGATE = re.compile("[\ud800-\udfff]")
# A Rejected record's reason and detail are cut to this many characters: a library's error
# text can be the whole document (a decompression bomb's message was 524 MB).
MAX_REASON_CHARS = 500


def scrub(text: str) -> str:
    """The text with lone surrogates (from \\ud800 escapes or undecodable file names) as U+FFFD,
    so that it can always be encoded as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def article_id(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    source_kind: SourceKind
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    language: str = "en"
    origin: str | None = None  # path or URL it was read from

    @classmethod
    def build(cls, text: str, source_kind: SourceKind, **meta: object) -> Article:
        text = scrub(text)
        clean = {key: scrub(value) if isinstance(value, str) else value for key, value in meta.items()}
        return cls(id=article_id(text), text=text, source_kind=source_kind, **clean)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Evidence:
    article_id: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. feature: city (populated place), admin2, admin1 or country."""

    name: str
    country: str
    iso: int  # ISO 3166-1 numeric, as ACLED
    iso2: str
    feature: Literal["city", "admin2", "admin1", "country"]
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    population: int = 0


@dataclass(frozen=True)
class Claim:
    speaker: str
    stance: Stance
    subject: str | None
    evidence: Evidence


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    target: int  # index of the other mention in the same article


@dataclass(frozen=True)
class Weapon:
    kind: str  # drone, missile, artillery, ...
    launched: int | None = None
    intercepted: int | None = None


@dataclass(frozen=True)
class ReportedCount:
    """A count a source states about a site ("the fifth recorded strike")."""

    site: str
    count: int
    what: str
    evidence: Evidence


@dataclass(frozen=True)
class Mention:
    """One event as one article reports it."""

    article_id: str
    index: int  # position among the article's mentions
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_date: date | None
    time_precision: int  # 1 day, 2 week, 3 month
    date_phrase: str | None
    location: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    iso: int | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    geo_precision: int | None  # 1 town, 2 near/part of region, 3 region only
    geonames_name: str | None = None  # GeoNames' own name of the place; location is ACLED's spelling
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    site: str | None = None
    weapon: Weapon | None = None
    fatalities: int = 0
    injuries: int = 0
    size_reported: int | None = None
    claims: tuple[Claim, ...] = ()
    links: tuple[Link, ...] = ()
    reported_counts: tuple[ReportedCount, ...] = ()
    notes: str = ""
    confidence: float = 0.5
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceRef:
    article_id: str
    mention_index: int
    outlet: str | None
    url: str | None
    published_at: datetime | None
    # The article this one copies (a wire copy or light republication): the source is kept
    # but is not independent evidence of the event.
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Event:
    """The canonical record after merging mentions across articles."""

    id: str
    mention: Mention  # the merged field values, as a Mention
    sources: tuple[SourceRef, ...]
    values_by_source: dict[str, dict[str, object]] = field(default_factory=dict)
    site_id: str | None = None
    version: int = 1
    first_seen: datetime | None = None
    last_updated: datetime | None = None


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class EventVersion:
    """One change to an event: what changed and why (the event's audit trail)."""

    event_id: str
    version: int
    kind: VersionKind
    changes: tuple[FieldChange, ...] = ()
    reason: str = ""
    article_id: str | None = None  # the source that caused it, if any
    at: datetime | None = None


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    kind: str | None
    aliases: tuple[str, ...] = ()
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    event_ids: tuple[str, ...] = ()
    reported_counts: tuple[ReportedCount, ...] = ()


@dataclass(frozen=True)
class Rejected:
    """A document a stage refused: stored and counted, never silently dropped."""

    stage: str
    reason: str
    origin: str
    code: str = "rejected"
    detail: str = ""

    def __post_init__(self) -> None:
        for name in ("reason", "origin", "detail"):
            value = scrub(getattr(self, name))
            if name != "origin" and len(value) > MAX_REASON_CHARS:
                value = value[: MAX_REASON_CHARS - 1] + "…"
            object.__setattr__(self, name, value)

    @classmethod
    def internal(cls, stage: str, origin: str, exc: BaseException) -> Rejected:
        """An unexpected failure confined to one document (its traceback goes to the debug log)."""
        return cls(stage=stage, reason=f"internal error: {type(exc).__name__}: {exc}", origin=origin,
                   code="internal_error")


# --- monitoring (eventwatch watch, saved searches and alerts) ----------------------------

AlertKind = Literal["new", "changed"]
DeliveryChannel = Literal["webhook", "email"]
DeliveryStatus = Literal["pending", "sent", "failed"]


@dataclass(frozen=True)
class SourceSpec:
    """One `[[source]]` of a watch file: a feed, a web page, or a local folder or file."""

    name: str
    url: str
    every: float  # seconds between fetches
    outlet: str | None = None
    scale: str | None = None  # the source's reach (national, regional, ...), shown as given


@dataclass(frozen=True)
class SourceState:
    """What `eventwatch watch` knows about a source between runs."""

    name: str
    url: str
    every: float
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: datetime | None = None
    last_success: datetime | None = None
    next_due: datetime | None = None
    failures: int = 0  # consecutive
    items_seen: int = 0
    articles_added: int = 0
    last_error: str = ""
    healthy: bool = True


@dataclass(frozen=True)
class SavedSearch:
    """A watchlist entry: event filters (the names of `eventwatch events` options) and where
    its alerts go."""

    name: str
    filters: dict[str, object] = field(default_factory=dict)
    webhook: str | None = None
    email: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class AlertMatch:
    """One saved search matching one version of an event: recorded once, delivered once per channel."""

    id: int
    search: str
    event_id: str
    version: int
    kind: AlertKind
    changes: tuple[str, ...]  # what made it worth an alert ("new event", "fatalities 0 → 5", ...)
    event: dict[str, object]  # the event's ACLED record at that version
    matched_at: datetime


@dataclass(frozen=True)
class Delivery:
    match_id: int
    channel: DeliveryChannel
    target: str
    status: DeliveryStatus = "pending"
    attempts: int = 0
    last_error: str = ""
    next_attempt: datetime | None = None
    delivered_at: datetime | None = None
