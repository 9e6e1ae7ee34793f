"""Mention -> event matching rules and the merge policy, on hand-built mentions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eventwatch.records import Article
from eventwatch.resolve.matcher import score
from eventwatch.resolve.merge import consensus, merge, source_values
from eventwatch.settings import ResolveSettings

from ..store.builders import TEXT_A, make_mention

SETTINGS = ResolveSettings()
ARTICLE = Article.build(TEXT_A, "text")
KHERSON = make_mention(
    ARTICLE, location="Kherson", admin1="Kherson", country="Ukraine", latitude=46.6354, longitude=32.6169,
    site=None, sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Russia",
)


def test_same_incident_from_two_outlets_scores_above_threshold() -> None:
    other = replace(KHERSON, article_id="b", date_phrase="on Wednesday morning")
    assert score(KHERSON, other, SETTINGS) >= SETTINGS.merge_threshold


def test_a_village_15_km_away_the_same_day_is_another_place() -> None:
    village = replace(KHERSON, location="Bilozerka", latitude=46.6352, longitude=32.3906)
    assert score(KHERSON, village, SETTINGS) == 0.0


def test_a_region_only_place_is_compatible_but_a_different_sub_type_needs_more() -> None:
    region = replace(KHERSON, location="Kherson", geo_precision=3, sub_event_type="Air/drone strike")
    assert 0 < score(KHERSON, region, SETTINGS) < SETTINGS.merge_threshold


def test_same_site_on_another_day_never_merges() -> None:
    later = replace(KHERSON, event_date=date(2024, 3, 19), date_phrase="on Friday")
    assert score(KHERSON, later, SETTINGS) == 0.0


def test_a_night_may_be_dated_either_side_of_midnight() -> None:
    night = replace(KHERSON, date_phrase="overnight into Tuesday")
    morning = replace(KHERSON, event_date=date(2024, 3, 13), date_phrase="in the early hours of 13 March")
    day = replace(KHERSON, event_date=date(2024, 3, 13), date_phrase="on Wednesday", injuries=5)
    assert score(night, morning, SETTINGS) >= SETTINGS.merge_threshold
    assert score(KHERSON, day, SETTINGS) == 0.0  # a day later, no fact in common
    assert merge(morning, night).event_date == date(2024, 3, 12)  # the night's first date


def test_a_night_matches_only_its_other_date() -> None:
    morning = replace(KHERSON, event_date=date(2024, 3, 13), date_phrase="in the early hours of 13 March")
    evening = replace(KHERSON, event_date=date(2024, 3, 12), date_phrase="late on Tuesday", injuries=5)
    next_day = replace(KHERSON, event_date=date(2024, 3, 14), date_phrase="on 14 March", injuries=5)
    assert score(morning, evening, SETTINGS) >= SETTINGS.merge_threshold
    assert score(morning, next_day, SETTINGS) == 0.0  # after midnight: the night began the day before


def test_a_relative_date_a_day_off_joins_when_the_facts_agree() -> None:
    site = replace(KHERSON, site="Kherson port", date_phrase="on Tuesday", injuries=0)
    yesterday = replace(site, event_date=date(2024, 3, 13), date_phrase="yesterday")
    assert score(site, yesterday, SETTINGS) >= SETTINGS.merge_threshold  # same site, a date read a day off
    assert score(site, replace(yesterday, date_phrase="yesterday (a repeat)"), SETTINGS) == 0.0  # "hit again"
    calendar = replace(site, date_phrase="on 12 March")
    assert score(calendar, replace(yesterday, date_phrase="on 13 March"), SETTINGS) == 0.0  # two calendar dates


def test_kindred_types_merge_only_in_one_named_town() -> None:
    attack = replace(KHERSON, event_type="Violence against civilians", sub_event_type="Attack")
    assert score(KHERSON, attack, SETTINGS) >= SETTINGS.merge_threshold
    protest = replace(KHERSON, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters")
    riot = replace(protest, event_type="Riots", sub_event_type="Violent demonstration", actor1="Rioters")
    assert score(protest, riot, SETTINGS) >= SETTINGS.merge_threshold
    assert score(protest, replace(riot, geo_precision=3), SETTINGS) == 0.0
    assert score(KHERSON, protest, SETTINGS) == 0.0


def test_fatalities_keep_the_lowest_figure_and_actors_the_consensus() -> None:
    a, b, c = (replace(KHERSON, article_id=x, fatalities=f) for x, f in (("a", 3), ("b", 2), ("c", 5)))
    b = replace(b, actor1="Military Forces of Ukraine", inter1=8)
    c = replace(c, actor1="Military Forces of Ukraine", inter1=8)
    merged = merge(merge(a, b), c)
    assert merged.fatalities == 2
    values = {m.article_id: source_values(m) for m in (a, b, c)}
    agreed = consensus(merged, values)
    assert (agreed.actor1, agreed.inter1) == ("Military Forces of Ukraine", 8)


def test_a_port_and_its_grain_terminal_can_be_one_strike_but_two_ports_cannot() -> None:
    port = replace(KHERSON, site="Kherson port")
    terminal = replace(KHERSON, article_id="b", site="Kherson grain terminal")
    assert score(port, terminal, SETTINGS) >= SETTINGS.merge_threshold
    assert score(replace(port, site="Nika port"), replace(terminal, site="Olvia port"), SETTINGS) == 0.0
    assert score(port, replace(terminal, site="Kherson railway station"), SETTINGS) == 0.0


def test_a_refinery_called_a_plant_in_one_town_is_not_two_facilities() -> None:
    refinery = replace(KHERSON, site="Kherson refinery")
    plant = replace(KHERSON, article_id="b", site="Kherson plant")
    assert score(refinery, plant, SETTINGS) >= SETTINGS.merge_threshold
    assert score(refinery, replace(plant, site="Kherson school"), SETTINGS) == 0.0
