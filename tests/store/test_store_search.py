"""EventQuery filters, keyset pages and full-text search, on hand-built events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventwatch.errors import BadFilter
from eventwatch.records import Article, Mention, Site
from eventwatch.store import Repository, open_repository
from eventwatch.store.query import EventQuery, parse_bbox, parse_near

from .builders import ev, make_event, make_mention, store_events


@pytest.fixture
def many(repo: Repository, article_a: Article, mention_a: Mention, site: Site) -> Repository:
    """Seven events: strikes in Bryansk on four dates (two share a date), one in Kharkiv, two undated."""
    kharkiv = dict(country="Ukraine", admin1="Kharkiv", location="Kharkiv", latitude=49.99, longitude=36.23)
    kharkiv["event_date"] = date(2024, 3, 20)
    russia = "Military Forces of Russia"
    specs = [
        ("e1", mention_a, site.id),
        ("e2", replace(mention_a, index=1, event_date=date(2024, 3, 1), fatalities=4, claims=()), None),
        ("e3", replace(mention_a, index=2, event_date=date(2024, 3, 12), fatalities=1, claims=()), None),
        (
            "e4",
            replace(make_mention(article_a, index=3, **kharkiv), notes="Shelling of a market.", actor1=russia),
            None,
        ),
        ("e5", make_mention(article_a, index=4, event_date=date(2024, 2, 1)), None),
        ("u1", make_mention(article_a, index=5, event_date=None), None),
        ("u2", make_mention(article_a, index=6, event_date=None, fatalities=9), None),
    ]
    return store_events(repo, article_a, site, specs)


def _all_pages(repo: Repository, wanted: EventQuery, sort: str, limit: int) -> list[str]:
    ids: list[str] = []
    cursor = None
    while True:
        page = repo.find_events(wanted, sort=sort, limit=limit, cursor=cursor)
        ids += [event.id for event in page.events]
        if page.next_cursor is None:
            return ids
        cursor = page.next_cursor


@pytest.mark.parametrize("limit", [1, 2, 3, 100])
def test_pages_cover_every_event_once_in_order(many: Repository, limit: int) -> None:
    assert _all_pages(many, EventQuery(), "-event_date", limit) == ["e4", "e3", "e1", "e2", "e5", "u2", "u1"]
    assert _all_pages(many, EventQuery(), "event_date", limit) == ["e5", "e2", "e1", "e3", "e4", "u1", "u2"]
    assert _all_pages(many, EventQuery(), "-fatalities", limit)[:3] == ["u2", "e2", "e3"]


def test_cursor_of_another_sort_or_garbage_is_a_bad_filter(many: Repository) -> None:
    page = many.find_events(EventQuery(), limit=2)
    assert page.next_cursor
    with pytest.raises(BadFilter):
        many.find_events(EventQuery(), sort="fatalities", cursor=page.next_cursor)
    with pytest.raises(BadFilter):
        many.find_events(EventQuery(), cursor="not-a-cursor")


def _ids(repo: Repository, **filters: object) -> set[str]:
    return {event.id for event in repo.iter_events(EventQuery(**filters))}  # type: ignore[arg-type]


def test_place_date_and_type_filters(many: Repository) -> None:
    assert _ids(many, admin1="KHARKIV") == {"e4"}
    assert _ids(many, start=date(2024, 3, 1), end=date(2024, 3, 12)) == {"e1", "e2", "e3"}
    assert _ids(many, sub_event_type="air/drone strike", country="russia") == {"e1", "e2", "e3", "e5", "u1", "u2"}
    assert _ids(many, actor="forces of russia") == {"e4"}
    assert _ids(many, site="kremniy el") >= {"e1"}
    assert _ids(many, site="site-kremniy") >= {"e1"}
    assert _ids(many, stance="claims_responsibility") == {"e1"}
    assert _ids(many, min_sources=2) == set()


def test_bbox_and_near(many: Repository) -> None:
    assert _ids(many, bbox=parse_bbox("36,49,37,50")) == {"e4"}
    assert _ids(many, near=parse_near("50.0,36.2,10")) == {"e4"}
    assert "e4" not in _ids(many, near=parse_near("53.25,34.37,100"))
    assert _ids(many, bbox=parse_bbox("170,-10,-170,10")) == set()  # across the antimeridian


@pytest.mark.parametrize("raw", ["1,2,3", "a,b,c,d", "0,0,200,1", "nan,0,1,1"])
def test_malformed_bbox_is_a_bad_filter(raw: str) -> None:
    with pytest.raises(BadFilter):
        parse_bbox(raw)


def test_text_searches_notes_and_evidence_quotes(many: Repository) -> None:
    assert _ids(many, text="market shelling") == {"e4"}
    assert _ids(many, text="injured") >= {"e1"}  # only in an evidence quote ("Two people were injured.")
    assert _ids(many, text="markets") == {"e4"}  # stemmed
    assert _ids(many, text='"; DROP') == set()
    assert _ids(many, text="...") == set()


def test_search_index_follows_updates_and_survives_reopening(many: Repository, article_a: Article) -> None:
    changed = make_mention(
        article_a, index=3, notes="A convoy was ambushed.", evidence={"notes": ev(article_a, "governor")}
    )
    with many.transaction() as tx:
        tx.save_event(make_event("e4", changed))
        tx.add_mention(changed, "e4")
    assert _ids(many, text="market") == set()
    assert _ids(many, text="convoy ambushed") == {"e4"}
    again = open_repository(many.url)
    assert {e.id for e in again.iter_events(EventQuery(text="governor"))} >= {"e4"}


def test_stats_count_by_day_type_and_admin1(many: Repository) -> None:
    stats = many.event_stats(EventQuery())
    assert stats.total == 7
    assert sum(n for _, _, n in stats.by_day_type) == 5  # undated events are not on a day
    assert (date(2024, 3, 12), "Explosions/Remote violence", 2) in stats.by_day_type
    assert stats.by_admin1[0] == ("Russia", "Bryansk", 6)


def test_overview_counts_follow_every_write(many: Repository, article_a: Article) -> None:
    """/stats with no filter reads kept counts; they must equal a scan after changes."""
    moved = make_mention(article_a, index=0, event_date=date(2024, 1, 5), admin1="Kursk", country=None)
    with many.transaction() as tx:
        tx.save_event(make_event("e1", moved))  # new day, region and a null country
        tx.save_event(make_event("n1", make_mention(article_a, index=7, event_date=None)))
        tx.add_mention(make_mention(article_a, index=7, event_date=None), "n1")
    kept = many.event_stats(EventQuery())
    scanned = many.event_stats(EventQuery(min_sources=0))  # any filter takes the scanning path
    assert kept == scanned
    assert kept.total == 8 and (None, "Kursk", 1) in kept.by_admin1
    assert open_repository(many.url).event_stats(EventQuery()) == scanned  # re-opening keeps them
