"""Hand-built records for the store tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta, timezone

from eventwatch.records import Article, Event, Evidence, Mention, Site, SourceRef, Weapon
from eventwatch.store import Repository

KYIV_TIME = timezone(timedelta(hours=3))

TEXT_A = (
    "Drones struck the Kremniy EL plant in Bryansk on 12 March, the governor said. "
    "Two people were injured. Ukraine's military claimed responsibility. "
    "It was the fifth recorded strike on the plant this year. Air defences shot down six drones."
)
TEXT_B = "A second report: the Kremniy EL plant in Bryansk was hit by drones on 12 March; two were injured."


def ev(article: Article, phrase: str) -> Evidence:
    start = article.text.index(phrase)
    return Evidence(article_id=article.id, start=start, end=start + len(phrase), quote=phrase)


def make_mention(article: Article, index: int = 0, **changes: object) -> Mention:
    base = Mention(
        article_id=article.id,
        index=index,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        event_date=date(2024, 3, 12),
        time_precision=1,
        date_phrase="on 12 March",
        location="Bryansk",
        admin1="Bryansk",
        admin2=None,
        country="Russia",
        iso=643,
        latitude=53.2521,
        longitude=34.3717,
        geonames_id=571476,
        geo_precision=1,
        actor1="Military Forces of Ukraine",
        inter1=8,
        site="Kremniy EL plant",
        weapon=Weapon(kind="drone"),
        injuries=2,
        confidence=0.8,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def make_event(event_id: str, mention: Mention, **changes: object) -> Event:
    merged = replace(mention, article_id="", index=-1, claims=(), links=(), reported_counts=(), evidence={})
    event = Event(id=event_id, mention=merged, sources=(), values_by_source={})
    return replace(event, **changes)  # type: ignore[arg-type]


def source_ref(article: Article, mention: Mention) -> SourceRef:
    return SourceRef(
        article_id=article.id,
        mention_index=mention.index,
        outlet=article.outlet,
        url=article.url,
        published_at=article.published_at,
    )


def store_events(
    repo: Repository, article: Article, site: Site, specs: Sequence[tuple[str, Mention, str | None]]
) -> Repository:
    """Store the article, the site and, per (event id, mention, site id), an event of that mention."""
    with repo.transaction() as tx:
        tx.add_article(article)
        tx.save_site(site)
        for event_id, mention, site_id in specs:
            tx.save_event(make_event(event_id, mention, site_id=site_id))
            tx.add_mention(mention, event_id)
    return repo
