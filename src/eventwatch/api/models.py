"""Pydantic models of every API response and request body (the OpenAPI document's schemas)."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from eventwatch.records import Stance
from eventwatch.resolve.corroboration import Verdict

Scalar = str | int | float | bool | None


class Problem(BaseModel):
    loc: list[str | int] = Field(description="Where the problem is, e.g. ['query', 'bbox'].")
    msg: str


class ErrorBody(BaseModel):
    """The one shape of every error response."""

    ok: Literal[False] = False
    status: int
    error: str
    errors: list[Problem] = Field(default_factory=list)


class EventSummary(BaseModel):
    id: str
    event_date: date | None
    time_precision: int = Field(description="1 day, 2 week, 3 month")
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None = Field(description="1 town, 2 near/part of region, 3 region only")
    fatalities: int
    injuries: int
    site_id: str | None
    site: str | None = Field(description="The site's canonical name")
    weapon_kind: str | None
    n_sources: int
    notes: str
    first_seen: datetime | None = Field(None, description="When eventwatch first stored the event")
    last_updated: datetime | None = Field(None, description="When its latest version was stored")


class SourceOut(BaseModel):
    article_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published_at: datetime | None
    copy_of: str | None = Field(description="the article this one copies (a wire copy: not an independent source)")


class EvidenceOut(BaseModel):
    article_id: str
    start: int = Field(description="Character offset into the article's text")
    end: int
    quote: str


class FieldEvidence(EvidenceOut):
    field: str


class ClaimOut(BaseModel):
    speaker: str
    stance: Stance
    subject: str | None
    article_id: str
    outlet: str | None
    evidence: EvidenceOut


class LinkOut(BaseModel):
    kind: str
    event_id: str


class ReportedCountOut(BaseModel):
    site: str
    count: int
    what: str
    article_id: str
    quote: str


class ChangeOut(BaseModel):
    field: str
    old: Scalar
    new: Scalar


class VersionOut(BaseModel):
    version: int
    at: datetime | None
    change: str = Field(description="created, source_added, field_changed, merged, split or edited")
    reason: str
    article_id: str | None = Field(description="the source that caused the change, if any")
    changes: list[ChangeOut]


class SideOut(BaseModel):
    side: str = Field(description="a state or a named group (an official with no state: the event's country)")
    verdict: Verdict
    stances: list[str]
    speakers: list[str]


class CopyOut(BaseModel):
    outlet: str
    copied_from: str


class CorroborationOut(BaseModel):
    reports: int
    independent_outlets: list[str] = Field(description="outlets that reported it, each wire story counted once")
    copies: list[CopyOut]
    sides: list[SideOut]
    fatalities_low: int | None = Field(description="the lowest figure a source gives (the event keeps it)")
    fatalities_high: int | None


class EventDetail(EventSummary):
    assoc_actor_1: str | None
    assoc_actor_2: str | None
    inter1: int | None
    inter2: int | None
    iso: int | None
    date_phrase: str | None
    confidence: float
    weapon_launched: int | None
    weapon_intercepted: int | None
    version: int
    sources: list[SourceOut]
    claims: list[ClaimOut]
    evidence: list[FieldEvidence]
    values_by_source: dict[str, dict[str, Scalar]] = Field(
        description="field -> article id -> value, only for fields on which sources disagree"
    )
    links: list[LinkOut]
    reported_counts: list[ReportedCountOut]
    versions: list[VersionOut]
    corroboration: CorroborationOut


class EventList(BaseModel):
    ok: Literal[True] = True
    items: list[EventSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")


class EventResponse(BaseModel):
    ok: Literal[True] = True
    event: EventDetail


class SiteSummary(BaseModel):
    id: str
    name: str
    kind: str | None
    location: str | None
    admin1: str | None
    country: str | None
    aliases: list[str]
    n_events: int


class SiteDetail(SiteSummary):
    reported_counts: list[ReportedCountOut] = Field(description="Counts the sources state, apart from our events")
    events: list[EventSummary] = Field(description="The site's events in date order")


class SiteList(BaseModel):
    ok: Literal[True] = True
    items: list[SiteSummary]


class SiteResponse(BaseModel):
    ok: Literal[True] = True
    site: SiteDetail


class ArticleEvidence(BaseModel):
    event_id: str
    field: str
    start: int
    end: int
    quote: str


class ArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published_at: datetime | None
    source_kind: str
    text: str
    evidence: list[ArticleEvidence] = Field(description="Spans of `text` (offsets index into it)")


class ArticleResponse(BaseModel):
    ok: Literal[True] = True
    article: ArticleOut


class DayTypeCount(BaseModel):
    date: dt.date
    event_type: str
    count: int


class Admin1Count(BaseModel):
    country: str | None
    admin1: str | None
    count: int


class Stats(BaseModel):
    ok: Literal[True] = True
    total: int
    by_day_type: list[DayTypeCount] = Field(description="Dated events only")
    by_admin1: list[Admin1Count]


class Health(BaseModel):
    ok: Literal[True] = True
    status: Literal["ok"] = "ok"
    events: int
    articles: int


class IngestRequest(BaseModel):
    """One document: exactly one of text, html or url."""

    text: str | None = Field(default=None, max_length=5_000_000)
    html: str | None = Field(default=None, max_length=20_000_000)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    published_at: AwareDatetime | None = Field(default=None, description="With a timezone")

    @model_validator(mode="after")
    def one_document(self) -> IngestRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class IngestResult(BaseModel):
    ok: Literal[True] = True
    article_id: str
    events: list[EventSummary] = Field(description="The events the document created or changed")
