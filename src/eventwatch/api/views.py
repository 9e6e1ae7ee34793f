"""Store records -> API response models (pure functions, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eventwatch.api import models as m
from eventwatch.records import Article, Event, EventVersion, Mention, ReportedCount, Site
from eventwatch.resolve.corroboration import Corroboration, corroborate
from eventwatch.resolve.merge import disagreements


def event_summary(event: Event, site_names: Mapping[str, str]) -> m.EventSummary:
    f = event.mention
    return m.EventSummary(
        id=event.id,
        event_date=f.event_date,
        time_precision=f.time_precision,
        disorder_type=f.disorder_type,
        event_type=f.event_type,
        sub_event_type=f.sub_event_type,
        actor1=f.actor1,
        actor2=f.actor2,
        country=f.country,
        admin1=f.admin1,
        admin2=f.admin2,
        location=f.location,
        latitude=f.latitude,
        longitude=f.longitude,
        geo_precision=f.geo_precision,
        fatalities=f.fatalities,
        injuries=f.injuries,
        site_id=event.site_id,
        site=site_names.get(event.site_id) if event.site_id else None,
        weapon_kind=f.weapon.kind if f.weapon else None,
        n_sources=len({source.article_id for source in event.sources}),
        notes=f.notes,
        first_seen=event.first_seen,
        last_updated=event.last_updated,
    )


def _reported(counts: Sequence[ReportedCount]) -> list[m.ReportedCountOut]:
    return [
        m.ReportedCountOut(
            site=c.site, count=c.count, what=c.what, article_id=c.evidence.article_id, quote=c.evidence.quote
        )
        for c in counts
    ]


def _scalar(value: object) -> m.Scalar:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _by_field(values_by_source: dict[str, dict[str, object]]) -> dict[str, dict[str, m.Scalar]]:
    """{article: {field: value}} -> {field: {article: value}}, disagreeing fields only."""
    found: dict[str, dict[str, m.Scalar]] = {}
    for article_id, values in disagreements(values_by_source).items():
        for name, value in values.items():
            found.setdefault(name, {})[article_id] = _scalar(value)
    return found


def event_detail(
    event: Event,
    sources: Sequence[tuple[Article, Mention]],
    site_names: Mapping[str, str],
    linked: Mapping[tuple[str, int], str],
    history: Sequence[EventVersion] = (),
) -> m.EventDetail:
    """`sources`: the event's (article, mention) pairs; `linked`: (article id, index) -> event id;
    `history`: its versions, oldest first."""
    f = event.mention
    articles = {article.id: article for article, _ in sources}
    copies = {s.article_id: s.duplicate_of for s in event.sources if s.duplicate_of}
    claims = [
        m.ClaimOut(
            speaker=c.speaker, stance=c.stance, subject=c.subject, article_id=a.id, outlet=a.outlet,
            evidence=m.EvidenceOut(article_id=a.id, start=c.evidence.start, end=c.evidence.end, quote=c.evidence.quote),
        )
        for a, mention in sources for c in mention.claims
    ]  # fmt: skip
    evidence = [
        m.FieldEvidence(field=name, article_id=a.id, start=ev.start, end=ev.end, quote=ev.quote)
        for a, mention in sources for name, ev in sorted(mention.evidence.items())
    ]  # fmt: skip
    links = [  # each (kind, event) once, however many sources link the two
        m.LinkOut(kind=kind, event_id=target)
        for kind, target in dict.fromkeys(
            (link.kind, linked[(a.id, link.target)])
            for a, mention in sources for link in mention.links
            if linked.get((a.id, link.target)) not in (None, event.id)
        )
    ]  # fmt: skip
    return m.EventDetail(
        **event_summary(event, site_names).model_dump(),
        assoc_actor_1=f.assoc_actor_1, assoc_actor_2=f.assoc_actor_2, inter1=f.inter1, inter2=f.inter2,
        iso=f.iso, date_phrase=f.date_phrase, confidence=f.confidence,
        weapon_launched=f.weapon.launched if f.weapon else None,
        weapon_intercepted=f.weapon.intercepted if f.weapon else None,
        version=event.version,
        sources=[
            m.SourceOut(
                article_id=a.id, outlet=a.outlet, url=a.url, title=a.title, published_at=a.published_at,
                copy_of=copies.get(a.id),
            )
            for a in articles.values()
        ],
        claims=claims, evidence=evidence, values_by_source=_by_field(event.values_by_source), links=links,
        reported_counts=_reported(f.reported_counts), versions=[_version(v) for v in history],
        corroboration=_corroboration(corroborate(event, sources)),
    )  # fmt: skip


def _corroboration(summary: Corroboration) -> m.CorroborationOut:
    low, high = summary.fatalities or (None, None)
    return m.CorroborationOut(
        reports=summary.reports,
        independent_outlets=list(summary.outlets),
        copies=[m.CopyOut(outlet=outlet, copied_from=origin) for outlet, origin in summary.copies],
        sides=[
            m.SideOut(side=s.side, verdict=s.verdict, stances=list(s.stances), speakers=list(s.speakers))
            for s in summary.sides
        ],
        fatalities_low=low,
        fatalities_high=high,
    )


def _version(version: EventVersion) -> m.VersionOut:
    changes = [m.ChangeOut(field=c.field, old=_scalar(c.old), new=_scalar(c.new)) for c in version.changes]
    return m.VersionOut(version=version.version, at=version.at, change=version.kind, reason=version.reason,
                        article_id=version.article_id, changes=changes)


def site_summary(site: Site) -> m.SiteSummary:
    return m.SiteSummary(
        id=site.id, name=site.name, kind=site.kind, location=site.location, admin1=site.admin1,
        country=site.country, aliases=list(site.aliases), n_events=len(site.event_ids),
    )  # fmt: skip


def site_detail(site: Site, events: Sequence[Event]) -> m.SiteDetail:
    names = {site.id: site.name}
    return m.SiteDetail(
        **site_summary(site).model_dump(),
        reported_counts=_reported(site.reported_counts),
        events=[event_summary(event, names) for event in events],
    )


def article_out(article: Article, spans: Sequence[tuple[str, str, int, int, str]]) -> m.ArticleOut:
    """`spans`: (event id, field, start, end, quote) quoted from this article."""
    return m.ArticleOut(
        id=article.id, title=article.title, outlet=article.outlet, url=article.url,
        published_at=article.published_at, source_kind=article.source_kind, text=article.text,
        evidence=[m.ArticleEvidence(event_id=e, field=f, start=s, end=t, quote=q) for e, f, s, t, q in spans],
    )  # fmt: skip
