"""Records go in and come back out equal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from eventwatch.errors import NotFound
from eventwatch.records import Article, Mention, Rejected, Site
from eventwatch.store import Repository

from .builders import make_event, source_ref


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2024, 3, 13, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def clocked(repo: Repository) -> Iterator[Repository]:
    yield Repository(repo.engine, clock=FakeClock())


def test_article_round_trip_keeps_aware_datetime(repo: Repository, article_a: Article) -> None:
    with repo.transaction() as tx:
        assert not tx.has_article(article_a.id)
        tx.add_article(article_a)
        assert tx.has_article(article_a.id)
    loaded = repo.get_article(article_a.id)
    assert loaded == article_a
    assert loaded.published_at is not None and loaded.published_at.tzinfo is not None
    assert loaded.published_at == article_a.published_at


def test_mention_round_trip_with_all_children(
    repo: Repository, article_a: Article, mention_a: Mention, interception_a: Mention
) -> None:
    with repo.transaction() as tx:
        tx.add_article(article_a)
        tx.save_event(make_event("evt-strike-0001", mention_a))
        tx.add_mention(mention_a, "evt-strike-0001")
        tx.add_mention(interception_a, "evt-strike-0001")
    pairs = repo.event_mentions("evt-strike-0001")
    assert [article for article, _ in pairs] == [article_a, article_a]
    assert [mention for _, mention in pairs] == [mention_a, interception_a]
    assert pairs[1][1].weapon is not None and pairs[1][1].weapon.intercepted == 6


def test_event_is_rebuilt_from_its_row_and_sources(
    clocked: Repository, article_a: Article, article_b: Article, mention_a: Mention, mention_b: Mention
) -> None:
    values = {article_a.id: {"injuries": 2, "event_date": date(2024, 3, 12)}}
    event = make_event("evt-strike-0001", mention_a, values_by_source=values, version=2)
    with clocked.transaction() as tx:  # article_a is seen first, article_b published first
        tx.add_article(article_a)
        tx.add_mention(mention_a, event.id)
        tx.save_event(event)
    with clocked.transaction() as tx:
        tx.add_article(article_b)
        tx.add_mention(mention_b, event.id)
    loaded = clocked.get_event(event.id)
    assert loaded.sources == (source_ref(article_b, mention_b), source_ref(article_a, mention_a))
    assert loaded.mention.article_id == "" and loaded.mention.index == -1
    assert loaded.mention.claims == mention_a.claims
    assert loaded.mention.links == ()
    assert loaded.mention.evidence["event_type"] == mention_a.evidence["event_type"]
    assert loaded.mention.evidence["injuries"].article_id == article_a.id
    assert loaded.values_by_source == {article_a.id: {"injuries": 2, "event_date": "2024-03-12"}}
    assert loaded.version == 2
    assert loaded.first_seen is not None and loaded.first_seen.tzinfo is not None
    assert replace(loaded.mention, claims=(), reported_counts=(), evidence={}) == event.mention


def test_save_event_replaces_row_and_keeps_first_seen(
    clocked: Repository, article_a: Article, mention_a: Mention
) -> None:
    with clocked.transaction() as tx:
        tx.add_article(article_a)
        tx.save_event(make_event("evt-strike-0001", mention_a))
        tx.add_mention(mention_a, "evt-strike-0001")
    first = clocked.get_event("evt-strike-0001")
    with clocked.transaction() as tx:
        tx.save_event(make_event("evt-strike-0001", replace(mention_a, fatalities=1), version=2))
    second = clocked.get_event("evt-strike-0001")
    assert second.mention.fatalities == 1 and second.version == 2
    assert second.first_seen == first.first_seen
    assert second.last_updated is not None and first.last_updated is not None
    assert second.last_updated > first.last_updated


def test_site_round_trip_with_events_and_reported_counts(
    repo: Repository, site: Site, article_a: Article, mention_a: Mention
) -> None:
    with repo.transaction() as tx:
        tx.add_article(article_a)
        tx.save_site(site)
        tx.save_event(make_event("evt-strike-0001", mention_a, site_id=site.id))
        tx.add_mention(mention_a, "evt-strike-0001")
    expected = replace(site, event_ids=("evt-strike-0001",), reported_counts=mention_a.reported_counts)
    assert repo.list_sites() == [expected]
    with repo.transaction() as tx:
        assert tx.find_site("kremniy el") == expected
        assert tx.find_site("kremniy el plant") == expected  # the name itself is findable
        assert tx.find_site("unknown plant") is None
        assert tx.site_reported_counts(site.id) == list(mention_a.reported_counts)
        assert [e.id for e in tx.events_at_site(site.id)] == ["evt-strike-0001"]


def test_rejected_documents_are_listed(repo: Repository) -> None:
    item = Rejected(stage="ingest", reason="empty document", origin="in/empty.txt", code="empty")
    with repo.transaction() as tx:
        tx.add_rejected(item)
    assert repo.list_rejected() == [item]


def test_missing_records_raise_not_found(repo: Repository) -> None:
    with pytest.raises(NotFound):
        repo.get_article("nope")
    with pytest.raises(NotFound):
        repo.get_event("evt-missing")
    with pytest.raises(NotFound):
        repo.event_mentions("evt-missing")
    with repo.transaction() as tx:
        assert tx.get_event("evt-missing") is None
