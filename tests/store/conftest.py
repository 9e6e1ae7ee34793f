"""Fixtures: hand-built records and a file-backed repository for the store tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from eventwatch.records import Article, Claim, Link, Mention, ReportedCount, Site, Weapon
from eventwatch.store import Repository, open_repository

from .builders import KYIV_TIME, TEXT_A, TEXT_B, ev, make_mention


@pytest.fixture
def article_a() -> Article:
    return Article.build(
        TEXT_A,
        "html",
        url="https://news.example/a",
        outlet="Example News",
        title="Drones hit plant",
        published_at=datetime(2024, 3, 12, 18, 30, tzinfo=KYIV_TIME),
        origin="examples/a.html",
    )


@pytest.fixture
def article_b() -> Article:
    return Article.build(
        TEXT_B,
        "text",
        outlet="Other Wire",
        published_at=datetime(2024, 3, 12, 9, 0, tzinfo=UTC),
    )


@pytest.fixture
def mention_a(article_a: Article) -> Mention:
    """A strike with a claim, a reported count, evidence and a weapon."""
    return make_mention(
        article_a,
        claims=(
            Claim(
                speaker="Ukraine's military",
                stance="claims_responsibility",
                subject="Military Forces of Ukraine",
                evidence=ev(article_a, "Ukraine's military claimed responsibility."),
            ),
            Claim(speaker="governor", stance="reports", subject=None, evidence=ev(article_a, "the governor said")),
        ),
        reported_counts=(
            ReportedCount(
                site="Kremniy EL plant",
                count=5,
                what="recorded strike this year",
                evidence=ev(article_a, "fifth recorded strike on the plant this year"),
            ),
        ),
        evidence={
            "event_type": ev(article_a, "Drones struck"),
            "site": ev(article_a, "Kremniy EL plant"),
            "injuries": ev(article_a, "Two people were injured."),
        },
        notes="Drones struck the plant.",
    )


@pytest.fixture
def interception_a(article_a: Article) -> Mention:
    """The shoot-down in the same article, linked to the strike and with weapon counts."""
    return make_mention(
        article_a,
        index=1,
        event_type="Strategic developments",
        sub_event_type="Disrupted weapons use",
        disorder_type="Strategic developments",
        actor1="Military Forces of Russia",
        inter1=1,
        weapon=Weapon(kind="drone", launched=None, intercepted=6),
        injuries=0,
        links=(Link(kind="part_of", target=0),),
        evidence={"weapon": ev(article_a, "shot down six drones")},
    )


@pytest.fixture
def mention_b(article_b: Article) -> Mention:
    return make_mention(
        article_b,
        evidence={
            "event_type": ev(article_b, "hit by drones"),
            "injuries": ev(article_b, "two were injured"),
        },
    )


@pytest.fixture
def site() -> Site:
    return Site(
        id="site-kremniy",
        name="Kremniy EL plant",
        kind="factory",
        aliases=("Kremniy El", "Kremny EL microelectronics plant"),
        location="Bryansk",
        admin1="Bryansk",
        country="Russia",
    )


@pytest.fixture
def repo(db_url: str) -> Iterator[Repository]:
    repository = open_repository(db_url)
    yield repository
    repository.engine.dispose()
