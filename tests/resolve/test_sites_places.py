"""Site identity when sources place a facility differently ("near" a town, only its region),
kindred types a day apart at one site, and a repeated strike never joining the old event."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from eventwatch.records import Article, Event, SourceRef
from eventwatch.resolve.matcher import _older_news, score
from eventwatch.resolve.scoring import same_site
from eventwatch.settings import ResolveSettings

from ..store.builders import TEXT_A, make_mention

SETTINGS = ResolveSettings()
ARTICLE = Article.build(TEXT_A, "text")
KSTOVO = make_mention(
    ARTICLE, location="Kstovo", admin1="Nizhny Novgorod", country="Russia", latitude=56.15, longitude=44.2,
    site="Kstovo oil refinery", date_phrase="on 12 March",
)


def test_a_refinery_near_its_town_named_by_its_operator_is_one_site() -> None:
    near = replace(KSTOVO, article_id="b", geo_precision=2, site="Lukoil oil refinery")
    assert same_site(KSTOVO, near, SETTINGS) is True
    assert score(KSTOVO, near, SETTINGS) >= SETTINGS.merge_threshold


def test_an_operator_named_refinery_placed_only_in_the_region_neither_joins_nor_vetoes() -> None:
    region = replace(KSTOVO, article_id="b", location="Nizhny Novgorod", geo_precision=3, latitude=56.33,
                     longitude=44.0, site="Lukoil oil refinery")  # fmt: skip
    assert same_site(KSTOVO, region, SETTINGS) is None
    assert score(KSTOVO, region, SETTINGS) >= SETTINGS.merge_threshold


def test_another_kind_of_facility_placed_only_in_the_region_stays_apart() -> None:
    depot = replace(KSTOVO, article_id="b", location="Nizhny Novgorod", geo_precision=3, latitude=56.33,
                    longitude=44.0, site="Nizhny Novgorod oil depot")  # fmt: skip
    assert same_site(KSTOVO, depot, SETTINGS) is False
    assert score(KSTOVO, depot, SETTINGS) == 0.0


def test_kindred_types_a_day_apart_at_one_named_site_join() -> None:
    market = replace(KSTOVO, location="Kherson", admin1="Kherson", country="Ukraine", latitude=46.64, longitude=32.61,
                     site="Kherson central market", date_phrase="on Saturday", fatalities=2)  # fmt: skip
    attack = replace(market, article_id="b", event_type="Violence against civilians", sub_event_type="Attack",
                     event_date=date(2024, 3, 13), date_phrase="yesterday", fatalities=0, injuries=1)  # fmt: skip
    assert score(market, attack, SETTINGS) >= SETTINGS.merge_threshold
    assert score(market, replace(attack, site="Kherson railway station"), SETTINGS) == 0.0


def _event(published: datetime, phrase: str = "on 12 March", index: int = 0) -> Event:
    ref = SourceRef("a", index, "Outlet", None, published)
    return Event("e", KSTOVO, (ref,), {"a": {"date_phrase": phrase}}, None, 1, published, published)


def test_a_report_of_a_repeated_strike_never_joins_an_event_that_was_old_news() -> None:
    first = datetime(2024, 3, 12, 9, tzinfo=UTC)
    again = replace(ARTICLE, published_at=first + timedelta(days=8))
    repeat = replace(KSTOVO, date_phrase="on 12 March (a repeat)")
    assert _older_news(_event(first), again, repeat)
    assert not _older_news(_event(first), again, KSTOVO)  # not marked "again"
    assert not _older_news(_event(first), replace(ARTICLE, published_at=first + timedelta(days=1)), repeat)
    assert not _older_news(_event(first), again, replace(repeat, index=1))  # a background mention


def test_an_earlier_strikes_report_never_joins_the_repeat_that_came_first() -> None:
    first = datetime(2024, 3, 12, 9, tzinfo=UTC)
    repeat_event = _event(first + timedelta(days=8), "on 12 March (a repeat)")
    assert _older_news(repeat_event, replace(ARTICLE, published_at=first), KSTOVO)
    assert not _older_news(_event(first + timedelta(days=8), "on 12 March (a repeat)", index=2),
                           replace(ARTICLE, published_at=first), KSTOVO)  # fmt: skip
