"""Reading events back: filters, ordering, id prefixes, counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventwatch.errors import NotFound
from eventwatch.records import Article, Mention, Site
from eventwatch.store import Repository
from eventwatch.store.query import place_block

from .builders import make_event, make_mention, store_events


@pytest.fixture
def stored(repo: Repository, article_a: Article, mention_a: Mention, site: Site) -> Repository:
    """Four events: two in Bryansk (one at the site), one in Kharkiv, one undated."""
    specs = [
        ("aaaaaa111111", mention_a, site.id),
        ("aaaaaa222222", replace(mention_a, index=1, event_date=date(2024, 3, 1), site=None), None),
        (
            "bbbbbb000000",
            make_mention(
                article_a,
                index=2,
                event_date=date(2024, 3, 20),
                event_type="Battles",
                sub_event_type="Armed clash",
                country="Ukraine",
                admin1="Kharkiv",
                site=None,
            ),
            None,
        ),
        ("cccccc000000", replace(mention_a, index=3, event_date=None, site=None), None),
    ]
    return store_events(repo, article_a, site, specs)


def ids(repo: Repository, **filters: object) -> list[str]:
    return [event.id for event in repo.list_events(**filters)]  # type: ignore[arg-type]


def test_events_are_ordered_by_date_with_undated_last(stored: Repository) -> None:
    assert ids(stored) == ["aaaaaa222222", "aaaaaa111111", "bbbbbb000000", "cccccc000000"]
    assert ids(stored, limit=2) == ["aaaaaa222222", "aaaaaa111111"]


def test_date_range_filter(stored: Repository) -> None:
    assert ids(stored, since=date(2024, 3, 10)) == ["aaaaaa111111", "bbbbbb000000"]
    assert ids(stored, until=date(2024, 3, 12)) == ["aaaaaa222222", "aaaaaa111111"]
    assert ids(stored, since=date(2024, 3, 12), until=date(2024, 3, 12)) == ["aaaaaa111111"]


def test_event_type_matches_type_or_sub_type(stored: Repository) -> None:
    assert ids(stored, event_type="Battles") == ["bbbbbb000000"]
    assert ids(stored, event_type="armed clash") == ["bbbbbb000000"]
    assert len(ids(stored, event_type="Air/drone strike")) == 3


def test_place_filters_are_case_insensitive(stored: Repository) -> None:
    assert ids(stored, country="ukraine") == ["bbbbbb000000"]
    assert ids(stored, country="RUSSIA", admin1="bryansk") == ["aaaaaa222222", "aaaaaa111111", "cccccc000000"]


def test_site_filter_is_a_substring_of_the_site_name(stored: Repository) -> None:
    assert ids(stored, site="kremniy") == ["aaaaaa111111"]
    assert ids(stored, site="EL pl") == ["aaaaaa111111"]
    assert ids(stored, site="100%") == []


def test_get_event_accepts_a_unique_prefix(stored: Repository) -> None:
    assert stored.get_event("bbbbbb").id == "bbbbbb000000"
    assert stored.get_event("aaaaaa1").id == "aaaaaa111111"
    with pytest.raises(NotFound, match="several"):
        stored.get_event("aaaaaa")
    with pytest.raises(NotFound):
        stored.get_event("bbbbb")  # shorter than six characters


def test_event_mentions_accepts_a_prefix(stored: Repository, article_a: Article) -> None:
    pairs = stored.event_mentions("bbbbbb")
    assert [(a.id, m.index) for a, m in pairs] == [(article_a.id, 2)]


def test_an_article_with_two_mentions_of_one_event_is_one_source(
    repo: Repository, article_a: Article, mention_a: Mention
) -> None:
    from eventwatch.api.views import event_summary
    from eventwatch.export import event_record
    from eventwatch.store.query import EventQuery

    second = replace(mention_a, index=1, claims=())
    with repo.transaction() as tx:
        tx.add_article(article_a)
        tx.save_event(make_event("dddddd000000", mention_a))
        tx.add_mention(mention_a, "dddddd000000")
        tx.add_mention(second, "dddddd000000")
    event = repo.get_event("dddddd000000")
    assert len(event.sources) == 2  # one SourceRef per mention
    assert event_record(event)["sources"] == [article_a.id]
    assert event_summary(event, {}).n_sources == 1
    assert repo.find_events(EventQuery(min_sources=2)).events == []


def test_candidate_events_window_and_country(stored: Repository) -> None:
    with stored.transaction() as tx:
        found = tx.candidate_events(start=date(2024, 3, 1), end=date(2024, 3, 12), country="russia")
        assert [e.id for e in found] == ["aaaaaa222222", "aaaaaa111111"]
        found = tx.candidate_events(start=date(2024, 3, 1), end=date(2024, 3, 31), country=None)
        assert [e.id for e in found] == ["aaaaaa222222", "aaaaaa111111", "bbbbbb000000"]


def test_counts(stored: Repository) -> None:
    assert stored.counts() == {
        "articles": 1,
        "mentions": 4,
        "events": 4,
        "sites": 1,
        "claims": 6,  # two per copy of mention_a; the Kharkiv mention has none
        "rejected": 0,
    }


def test_candidate_events_by_precision_equal_one_query_per_window(
    repo: Repository, article_a: Article, mention_a: Mention
) -> None:
    """Each window keeps only its own precision; the result runs window by window, each by date."""
    specs = [
        ("day-0312", replace(mention_a, index=0)),
        ("week-0301", replace(mention_a, index=1, event_date=date(2024, 3, 1), time_precision=2)),
        ("month-0320", replace(mention_a, index=2, event_date=date(2024, 3, 20), time_precision=3)),
        ("day-0302", replace(mention_a, index=3, event_date=date(2024, 3, 2))),
        ("ukraine-0312", replace(mention_a, index=4, country="Ukraine")),
    ]
    with repo.transaction() as tx:
        tx.add_article(article_a)
        for event_id, mention in specs:
            tx.save_event(make_event(event_id, mention))
            tx.add_mention(mention, event_id)
    windows = [(1, date(2024, 3, 10), date(2024, 3, 14)), (2, date(2024, 2, 28), date(2024, 3, 24)),
               (3, date(2024, 2, 12), date(2024, 4, 11))]
    with repo.transaction() as tx:
        for country in ("russia", None):
            one_each = [event.id for precision, start, end in windows
                        for event in tx.candidate_events(start=start, end=end, country=country,
                                                         time_precision=precision)]
            found = [e.id for e in tx.candidate_events_by_precision(windows, country=country)]
            assert found == one_each
        assert found == ["day-0312", "ukraine-0312", "week-0301", "month-0320"]


def test_place_block_keeps_every_event_whose_place_can_match(
    repo: Repository, article_a: Article, mention_a: Mention
) -> None:
    """Blocking by place reads only events the matcher's place rule could accept: nearby ones,
    region-only ones of the same (or no) region, and ones without coordinates."""
    bryansk = replace(mention_a, admin1="Bryansk", latitude=53.25, longitude=34.37, geo_precision=1)
    specs = [
        ("near", replace(bryansk, index=0, latitude=53.30)),  # ~6 km
        ("far", replace(bryansk, index=1, location="Kursk", admin1="Kursk", latitude=51.73, longitude=36.19)),
        ("region", replace(bryansk, index=2, latitude=None, longitude=None, geo_precision=3)),
        ("other-region", replace(bryansk, index=3, admin1="Kursk", latitude=51.7, longitude=36.2, geo_precision=3)),
        ("unplaced", replace(bryansk, index=4, latitude=None, longitude=None, geo_precision=1)),
    ]
    with repo.transaction() as tx:
        tx.add_article(article_a)
        for event_id, mention in specs:
            tx.save_event(make_event(event_id, mention))
            tx.add_mention(mention, event_id)
    windows = [(1, date(2024, 3, 1), date(2024, 3, 30))]
    with repo.transaction() as tx:
        block = place_block("Bryansk", 1, 53.25, 34.37, 25.0)
        found = {e.id for e in tx.candidate_events_by_precision(windows, country="Russia", place=block)}
        assert found == {"near", "region", "unplaced"}
        region_only = place_block("Bryansk", 3, None, None, 25.0)
        found = {e.id for e in tx.candidate_events_by_precision(windows, country="Russia", place=region_only)}
        assert found == {"near", "region", "unplaced"}
        assert place_block(None, 3, None, None, 25.0) is None
