"""Record <-> row conversion. Pure functions: no SQL, no I/O."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from eventwatch.errors import StoreError
from eventwatch.records import (
    Article,
    Claim,
    Event,
    Evidence,
    Link,
    Mention,
    Rejected,
    ReportedCount,
    Site,
    SourceRef,
    Weapon,
    normalise_text,
)
from eventwatch.store.schema import ACLED_FIELDS

Row = Mapping[Any, Any]  # a RowMapping (keys may also be Column objects) or a dict
Key = tuple[str, int]  # (article_id, mention index)

_WEAPON_FIELDS = ("weapon_kind", "weapon_launched", "weapon_intercepted")
_PLAIN_FIELDS = tuple(name for name in ACLED_FIELDS if name not in _WEAPON_FIELDS)
_LATEST = datetime.max.replace(tzinfo=UTC)


def normalise_alias(alias: str) -> str:
    """The form a site alias is stored and looked up in (see Tx.find_site)."""
    return normalise_text(alias)


# --- articles and rejected -------------------------------------------------------------


def article_row(article: Article, ingested_at: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published_at": article.published_at,
        "language": article.language,
        "text": article.text,
        "source_kind": article.source_kind,
        "origin": article.origin,
        "ingested_at": ingested_at,
    }


def article_from_row(row: Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        source_kind=row["source_kind"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published_at=row["published_at"],
        language=row["language"],
        origin=row["origin"],
    )


def rejected_row(item: Rejected, first_seen: datetime) -> dict[str, Any]:
    return {
        "origin": item.origin,
        "stage": item.stage,
        "code": item.code,
        "reason": item.reason,
        "detail": item.detail,
        "first_seen": first_seen,
    }


def rejected_from_row(row: Row) -> Rejected:
    return Rejected(
        stage=row["stage"], reason=row["reason"], origin=row["origin"], code=row["code"], detail=row["detail"]
    )


# --- mentions --------------------------------------------------------------------------


def acled_values(mention: Mention) -> dict[str, Any]:
    """The scalar columns shared by the mentions and events tables."""
    values: dict[str, Any] = {name: getattr(mention, name) for name in _PLAIN_FIELDS}
    weapon = mention.weapon
    values["weapon_kind"] = weapon.kind if weapon else None
    values["weapon_launched"] = weapon.launched if weapon else None
    values["weapon_intercepted"] = weapon.intercepted if weapon else None
    return values


def _acled_kwargs(row: Row) -> dict[str, Any]:
    values: dict[str, Any] = {name: row[name] for name in _PLAIN_FIELDS}
    kind = row["weapon_kind"]
    values["weapon"] = (
        Weapon(kind=kind, launched=row["weapon_launched"], intercepted=row["weapon_intercepted"])
        if kind is not None
        else None
    )
    return values


def mention_row(mention: Mention, event_id: str) -> dict[str, Any]:
    return {
        "article_id": mention.article_id,
        "idx": mention.index,
        **acled_values(mention),
        "event_id": event_id,
    }


def _span(ev: Evidence) -> dict[str, Any]:
    return {"start": ev.start, "end": ev.end, "quote": ev.quote}


def evidence_rows(mention: Mention) -> list[dict[str, Any]]:
    key = {"article_id": mention.article_id, "mention_idx": mention.index}
    return [{**key, "field": name, **_span(ev)} for name, ev in sorted(mention.evidence.items())]


def claim_rows(mention: Mention) -> list[dict[str, Any]]:
    """One row per claim; repeats of (speaker, stance, start) are dropped (first one kept)."""
    key = {"article_id": mention.article_id, "mention_idx": mention.index}
    rows: dict[tuple[str, str, int], dict[str, Any]] = {}
    for claim in mention.claims:
        unique = (claim.speaker, claim.stance, claim.evidence.start)
        row = {**key, "speaker": claim.speaker, "stance": claim.stance, "subject": claim.subject}
        rows.setdefault(unique, {**row, **_span(claim.evidence)})
    return list(rows.values())


def link_rows(mention: Mention) -> list[dict[str, Any]]:
    key = {"article_id": mention.article_id, "mention_idx": mention.index}
    return [{**key, "ordinal": i, "kind": link.kind, "target_idx": link.target} for i, link in enumerate(mention.links)]


def count_rows(mention: Mention) -> list[dict[str, Any]]:
    key = {"article_id": mention.article_id, "mention_idx": mention.index}
    return [
        {**key, "ordinal": i, "site": rc.site, "count": rc.count, "what": rc.what, **_span(rc.evidence)}
        for i, rc in enumerate(mention.reported_counts)
    ]


def evidence_from_row(row: Row) -> Evidence:
    return Evidence(article_id=row["article_id"], start=row["start"], end=row["end"], quote=row["quote"])


def count_from_row(row: Row) -> ReportedCount:
    return ReportedCount(site=row["site"], count=row["count"], what=row["what"], evidence=evidence_from_row(row))


@dataclass
class MentionParts:
    """The child rows of a set of mentions, grouped by (article_id, mention index)."""

    claims: dict[Key, list[Claim]] = field(default_factory=dict)
    links: dict[Key, list[Link]] = field(default_factory=dict)
    counts: dict[Key, list[ReportedCount]] = field(default_factory=dict)
    evidence: dict[Key, dict[str, Evidence]] = field(default_factory=dict)

    def add_claims(self, rows: Iterable[Row]) -> None:
        for row in rows:
            evidence = evidence_from_row(row)
            claim = Claim(speaker=row["speaker"], stance=row["stance"], subject=row["subject"], evidence=evidence)
            self.claims.setdefault(_key(row), []).append(claim)

    def add_links(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.links.setdefault(_key(row), []).append(Link(kind=row["kind"], target=row["target_idx"]))

    def add_counts(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.counts.setdefault(_key(row), []).append(count_from_row(row))

    def add_evidence(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.evidence.setdefault(_key(row), {})[row["field"]] = evidence_from_row(row)


def _key(row: Row) -> Key:
    return (row["article_id"], row["mention_idx"])


def mention_from_row(row: Row, parts: MentionParts) -> Mention:
    key = (row["article_id"], row["idx"])
    return Mention(
        article_id=row["article_id"],
        index=row["idx"],
        **_acled_kwargs(row),
        claims=tuple(parts.claims.get(key, ())),
        links=tuple(parts.links.get(key, ())),
        reported_counts=tuple(parts.counts.get(key, ())),
        evidence=dict(parts.evidence.get(key, {})),
    )


def source_order(row: Row) -> tuple[bool, datetime, str, int]:
    """Sources are listed by article published_at (unknown last), then article id, then index."""
    published = row["published_at"]
    return (published is None, published or _LATEST, row["article_id"], row["idx"])


# --- events ----------------------------------------------------------------------------


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise StoreError(f"value {value!r} in values_by_source cannot be stored as JSON")


def event_row(event: Event) -> dict[str, Any]:
    """Event columns other than first_seen / last_updated (the repository stamps those)."""
    return {
        "id": event.id,
        **acled_values(event.mention),
        "site_id": event.site_id,
        "version": event.version,
        "values_by_source": json.dumps(event.values_by_source, sort_keys=True, default=_json_default),
    }


def event_from_row(row: Row, sources: Sequence[Row], parts: MentionParts) -> Event:
    """`sources`: the event's mention rows with article outlet/url/published_at/ingested_at."""
    ordered = sorted(sources, key=source_order)
    keys = [(src["article_id"], src["idx"]) for src in ordered]
    evidence: dict[str, Evidence] = {}
    for src in sorted(sources, key=lambda s: (s["ingested_at"], s["article_id"], s["idx"])):
        for name, ev in parts.evidence.get((src["article_id"], src["idx"]), {}).items():
            evidence.setdefault(name, ev)
    merged = Mention(
        article_id="",
        index=-1,
        **_acled_kwargs(row),
        claims=tuple(claim for key in keys for claim in parts.claims.get(key, ())),
        links=(),
        reported_counts=tuple(rc for key in keys for rc in parts.counts.get(key, ())),
        evidence=evidence,
    )
    refs = tuple(
        SourceRef(
            article_id=src["article_id"],
            mention_index=src["idx"],
            outlet=src["outlet"],
            url=src["url"],
            published_at=src["published_at"],
            duplicate_of=src.get("duplicate_of"),
        )
        for src in ordered
    )
    return Event(
        id=row["id"],
        mention=merged,
        sources=refs,
        values_by_source=json.loads(row["values_by_source"]),
        site_id=row["site_id"],
        version=row["version"],
        first_seen=row["first_seen"],
        last_updated=row["last_updated"],
    )


# --- sites -----------------------------------------------------------------------------


def site_row(site: Site) -> dict[str, Any]:
    return {
        "id": site.id,
        "name": site.name,
        "kind": site.kind,
        "location": site.location,
        "admin1": site.admin1,
        "country": site.country,
    }


def alias_rows(site: Site) -> list[dict[str, Any]]:
    """Aliases by normalised form (first spelling wins), plus the name itself (ordinal -1)."""
    rows: dict[str, dict[str, Any]] = {}
    for ordinal, alias in enumerate(site.aliases):
        norm = normalise_alias(alias)
        rows.setdefault(norm, {"site_id": site.id, "alias_norm": norm, "alias": alias, "ordinal": ordinal})
    name_norm = normalise_alias(site.name)
    rows.setdefault(name_norm, {"site_id": site.id, "alias_norm": name_norm, "alias": site.name, "ordinal": -1})
    return list(rows.values())


def site_from_row(row: Row, aliases: Sequence[str], event_ids: Sequence[str], counts: Sequence[ReportedCount]) -> Site:
    return Site(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        aliases=tuple(aliases),
        location=row["location"],
        admin1=row["admin1"],
        country=row["country"],
        event_ids=tuple(event_ids),
        reported_counts=tuple(counts),
    )
