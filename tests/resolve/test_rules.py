"""Issue 12's matching rules on hand-built mentions: kindred types, site identity in one
town, protests without other incidents' deaths, and values that do not depend on the order
the sources came in."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime

from eventwatch.records import Article
from eventwatch.resolve.merge import merge_sources
from eventwatch.resolve.scoring import explain, same_site, score
from eventwatch.settings import ResolveSettings

from ..store.builders import make_mention

SETTINGS = ResolveSettings()
ARTICLE = Article.build("A report of one incident, in the project's own words.", "text")
MENAKA = make_mention(
    ARTICLE, event_type="Violence against civilians", sub_event_type="Attack", location="Ménaka", admin1="Ménaka",
    country="Mali", latitude=15.918, longitude=2.402, site=None, actor1="Unidentified Armed Group (Mali)",
    actor2="Civilians (Mali)", fatalities=9, date_phrase="on Sunday",
)  # fmt: skip
KSTOVO = make_mention(
    ARTICLE, location="Kstovo", admin1="Nizhny Novgorod", latitude=56.151, longitude=44.195, site="Lukoil oil refinery",
)  # fmt: skip


def test_an_attack_and_a_clash_with_the_same_victims_are_one_incident() -> None:
    clash = replace(MENAKA, article_id="b", event_type="Battles", sub_event_type="Armed clash", location="Menaka")
    assert score(MENAKA, clash, SETTINGS) >= SETTINGS.merge_threshold
    assert "kindred types" in explain(MENAKA, clash, SETTINGS).describe()
    other_toll = replace(clash, fatalities=2, actor2=None)
    assert score(MENAKA, other_toll, SETTINGS) == 0.0


def test_an_attack_and_the_burning_of_houses_the_same_day_are_one_incident() -> None:
    burning = replace(MENAKA, article_id="b", event_type="Strategic developments",
                      sub_event_type="Looting/property destruction", disorder_type="Strategic developments",
                      fatalities=0)  # fmt: skip
    assert score(MENAKA, burning, SETTINGS) >= SETTINGS.merge_threshold
    next_day = replace(burning, event_date=MENAKA.event_date.replace(day=13))  # type: ignore[union-attr]
    assert score(MENAKA, next_day, SETTINGS) == 0.0


def test_an_operators_refinery_and_the_towns_refinery_are_one_site_in_one_town() -> None:
    town_named = replace(KSTOVO, article_id="b", site="Kstovo oil refinery")
    assert same_site(KSTOVO, town_named, SETTINGS) is True
    assert score(KSTOVO, town_named, SETTINGS) >= SETTINGS.merge_threshold
    another_operator = replace(town_named, site="Rosneft oil refinery")
    assert score(KSTOVO, another_operator, SETTINGS) == 0.0
    elsewhere = replace(town_named, location="Dzerzhinsk", latitude=56.24, longitude=43.46)
    assert same_site(KSTOVO, elsewhere, SETTINGS) is False


def test_a_peaceful_protest_takes_no_fatalities_from_another_incident() -> None:
    march = replace(MENAKA, event_type="Protests", sub_event_type="Peaceful protest", disorder_type="Demonstrations",
                    actor1="Protesters (Mali)", fatalities=1)  # fmt: skip
    merged, _ = merge_sources([(ARTICLE, march)])
    assert merged.fatalities == 0


def test_the_same_sources_in_any_order_give_the_same_values() -> None:
    sources = []
    for n, (place, actor, deaths) in enumerate((("Kstovo", "Military Forces of Ukraine", 3),
                                               ("Kstovo", "Military Forces of Russia", 2),
                                               ("Kstovo", "Military Forces of Russia", 4))):  # fmt: skip
        article = Article.build(f"Report number {n} of the refinery strike.", "text",
                                published_at=datetime(2025, 1, 29, 9 + n, tzinfo=UTC))  # fmt: skip
        mention = replace(KSTOVO, article_id=article.id, location=place, actor1=actor, fatalities=deaths)
        sources.append((article, mention))
    results = {repr(merge_sources(list(order))) for order in itertools.permutations(sources)}
    assert len(results) == 1
    merged, values = merge_sources(sources)
    assert merged.fatalities == 2 and merged.actor1 == "Military Forces of Russia"
    assert list(values) == [a.id for a, _ in sources]


def test_a_month_precise_report_joins_only_the_same_place_or_site() -> None:
    month = replace(KSTOVO, article_id="b", time_precision=3, site=None, date_phrase=None)
    assert score(KSTOVO, month, SETTINGS) >= SETTINGS.merge_threshold
    nearby = replace(month, location="Dzerzhinsk", geo_precision=2, latitude=56.24, longitude=43.46)
    assert score(KSTOVO, nearby, SETTINGS) == 0.0


def test_a_mention_may_match_the_event_as_one_of_its_sources_tells_it() -> None:
    from eventwatch.resolve.merge import source_values
    from eventwatch.resolve.scoring import explain_event

    clash = replace(MENAKA, event_type="Battles", sub_event_type="Armed clash", fatalities=4, actor2=None)
    merged = replace(clash, fatalities=4)  # the event took the lower toll of another source
    by_source = {"a": source_values(clash), "b": source_values(replace(MENAKA, actor2=None))}
    attack = replace(MENAKA, article_id="c", actor2=None)
    assert score(merged, attack, SETTINGS) == 0.0  # other toll: not the same victims
    match = explain_event(merged, by_source, attack, SETTINGS)
    assert match.score >= SETTINGS.merge_threshold and "as source b reports it" in match.describe()
