"""The HRDsAttack scorer: JSON shape, 'not stated' conventions, place and date equality, and
the primary-mention ranking. The articles below were written for this test."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwatch.evaluate.hrdsattack import (
    KEYS,
    GoldDate,
    PlaceJudge,
    article_of,
    date_ok,
    evaluate_hrdsattack,
    gold_of,
)
from eventwatch.evaluate.primary import primary_mention, rank_mentions
from eventwatch.records import Link, Mention

ARTICLES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "Gunmen abduct students in Zamfara",
        "<p>Gunmen abducted 40 students from a boarding school in Gusau, Zamfara State, Nigeria, on "
        "Tuesday, police said.</p><p>The attackers arrived on motorcycles before dawn and fired into the "
        "air, a teacher told reporters by telephone.</p>",
        {
            "country": "Nigeria",
            "region": "Zamfara State",
            "city": "Gusau",
            "year": "2021.0",
            "month": "02",
            "date": "23.0",
        },
    ),
    (
        "Lawyer detained",
        "<p>A human rights lawyer was detained by police after a court hearing, his "
        "colleagues said. No charges were announced and his family has not been allowed to see him.</p>",
        {"country": "None", "region": "unknown", "city": "None", "year": None, "month": None, "date": None},
    ),
    (
        "Activist beaten in Kyiv",
        "<p>An anti-corruption activist was beaten by unknown men outside his "
        "home in Kyiv, Ukraine, on Sunday night, his organisation said. He was taken to hospital with "
        "head injuries.</p>",
        {"country": "Ukraine", "region": "None", "city": "Kiev", "year": "2021", "month": "Febuary", "date": None},
    ),
]


def _sample(title: str, body: str, gold: dict[str, Any]) -> dict[str, Any]:
    sample = {"Input.title": title, "Input.article_interface": body, "Input.publish_date": "2021-02-23 10:00:00"}
    return {"sample": sample, "annotations": [{"annotation": gold}], "merged_sample": gold}


def _mention(**fields: Any) -> Mention:
    base: dict[str, Any] = dict(
        article_id="a",
        index=0,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        disorder_type="Political violence",
        event_date=None,
        time_precision=1,
        date_phrase=None,
        location=None,
        admin1=None,
        admin2=None,
        country=None,
        iso=None,
        latitude=None,
        longitude=None,
        geonames_id=None,
        geo_precision=None,
    )
    base.update(fields)
    return Mention(**base)


@pytest.fixture()
def hrds_file(tmp_path: Path) -> Path:
    path = tmp_path / "hrds.json"
    path.write_text(json.dumps([_sample(*a) for a in ARTICLES]), encoding="utf-8")
    return path


def test_evaluate_shape_and_counts(hrds_file: Path, services: Any, settings: Any) -> None:
    result = evaluate_hrdsattack(hrds_file, services, settings)
    assert tuple(result) == KEYS
    assert result["n"] == 3
    # 'None', 'unknown' and null are not stated: the second article is scored on nothing
    assert (result["n_country"], result["n_admin1"], result["n_city"], result["n_date"]) == (2, 1, 2, 2)
    for key in ("country_acc", "admin1_acc", "city_acc", "date_acc", "any_event_country_recall"):
        assert 0.0 <= result[key] <= 1.0


def test_article_has_title_first_and_utc_date(settings: Any) -> None:
    article = article_of(_sample(*ARTICLES[0])["sample"], settings, origin="t")
    assert article.text.startswith("Gunmen abduct students in Zamfara\n\n")
    assert "Gusau" in article.text and "<p>" not in article.text
    assert article.published_at is not None and article.published_at.utcoffset() is not None


def test_gold_conventions() -> None:
    gold = gold_of(ARTICLES[2][2])
    assert (gold.country, gold.region, gold.city) == ("Ukraine", None, "Kiev")
    assert gold.date == GoldDate(2021, 2, None) and gold.date.granularity == "month"
    assert gold_of({"year": "13.0", "month": "unknown", "date": "1839.0"}).date.granularity is None
    assert gold_of({"month": "Decenmber", "date": "7"}).date == GoldDate(None, 12, 7)


def test_date_granularity() -> None:
    assert date_ok(GoldDate(2021, 2, 23), date(2021, 2, 23)) is True
    assert date_ok(GoldDate(2021, 2, 23), date(2021, 2, 22)) is False
    assert date_ok(GoldDate(2021, 2, None), date(2021, 2, 1)) is True
    assert date_ok(GoldDate(2021, None, None), date(2021, 7, 9)) is True
    assert date_ok(GoldDate(2021, 2, 23), None) is False
    assert date_ok(GoldDate(None, None, None), None) is None


def test_place_equality_through_gazetteer(services: Any) -> None:
    judge = PlaceJudge(services.gazetteer)
    kyiv = services.gazetteer.lookup("Kyiv")[0]
    mention = _mention(location="Kyiv", country="Ukraine", iso=kyiv.iso, geonames_id=kyiv.geonames_id)
    assert judge.city_ok("Kiev", mention) and judge.city_ok("KYIV", mention)
    assert not judge.city_ok("Lviv", mention)
    assert judge.country_ok("Ukraine", mention) and not judge.country_ok("Belarus", mention)
    nigeria = services.gazetteer.country("Nigeria")
    zamfara = _mention(location="Gusau", admin1="Zamfara", country="Nigeria", iso=nigeria.iso)
    assert judge.admin1_ok("Zamfara State", zamfara) and judge.admin1_ok("zamfara", zamfara)
    assert not judge.admin1_ok("Kaduna", zamfara)
    assert judge.country_ok("Nigeia", zamfara)  # a crowd typo the gazetteer cannot resolve
    assert not judge.country_ok("Niger", zamfara)  # a real, different country
    us = services.gazetteer.country("US")
    assert judge.country_ok("USA", _mention(country="United States", iso=us.iso))
    assert not judge.country_ok("Nigeria", _mention())  # no prediction is wrong
    hong_kong = services.gazetteer.country("Hong Kong")
    assert judge.country_ok("People's Republic of China", _mention(country="Hong Kong", iso=hong_kong.iso))
    assert not judge.country_ok("Taiwan", _mention(country="Hong Kong", iso=hong_kong.iso))


def _at(services: Any, name: str, iso2: str) -> Mention:
    town = next(p for p in services.gazetteer.lookup(name, country_iso2=iso2) if p.feature == "city")
    return _mention(location=town.name, admin1=town.admin1, admin2=town.admin2, country=town.country, iso=town.iso,
                    latitude=town.latitude, longitude=town.longitude, geonames_id=town.geonames_id, geo_precision=1)


def test_a_district_of_the_gold_city_is_in_its_area_but_not_the_city_by_name(services: Any) -> None:
    judge = PlaceJudge(services.gazetteer)
    brooklyn = _at(services, "Brooklyn", "US")
    assert judge.city_area_ok("New York", brooklyn) and not judge.city_ok("New York", brooklyn)
    assert judge.city_area_ok("Manila", _at(services, "Quezon City", "PH"))
    assert not judge.city_area_ok("New York", _at(services, "Newark", "US"))  # another city 14 km away
    assert not judge.city_area_ok("Boston", _at(services, "Cambridge", "GB"))  # a namesake far away
    region_only = replace(brooklyn, geo_precision=3)
    assert not judge.city_area_ok("New York", region_only)


def test_a_gold_region_may_be_the_second_level_area(services: Any) -> None:
    judge = PlaceJudge(services.gazetteer)
    tacloban = _at(services, "Tacloban", "PH")
    assert judge.admin1_ok("Leyte", tacloban)
    assert not judge.admin1_ok("Cebu", tacloban)
    abuja = _mention(location="Abuja", admin1="FCT", country="Nigeria", iso=566)
    assert judge.admin1_ok("Federal Capital Territory", abuja)
    assert not judge.admin1_ok("Lagos", abuja)


def test_primary_ranking() -> None:
    arrest = _mention(
        index=0, event_type="Strategic developments", sub_event_type="Arrests", disorder_type="Strategic developments"
    )
    attack = _mention(index=1)
    deadly = _mention(index=2, fatalities=9)
    assert primary_mention([]) is None
    assert primary_mention([arrest, attack, deadly]) is attack  # violence first, then position, not deaths
    placed_arrest = replace(arrest, index=3, event_date=date(2021, 1, 1), geo_precision=1)
    assert primary_mention([attack, placed_arrest]) is placed_arrest  # fully reported first
    placed_attack = replace(attack, index=4, event_date=date(2021, 1, 2), geo_precision=2)
    linked = replace(placed_attack, index=0, links=(Link("part_of", 4),))
    assert rank_mentions([linked, placed_arrest, placed_attack]) == [placed_attack, placed_arrest, linked]


def test_primary_prefers_the_article_main_country() -> None:
    def placed(index: int, iso: int) -> Mention:
        return _mention(index=index, iso=iso, event_date=date(2021, 1, 1), geo_precision=1)

    abroad, home, home_again = placed(0, 760), placed(1, 422), placed(2, 422)
    assert primary_mention([abroad, home, home_again]) is home
    assert primary_mention([abroad, home]) is abroad  # a tie: the first placed is home


def test_date_fields_typed_out_of_order_are_read_by_what_they_hold() -> None:
    assert gold_of({"year": "March", "month": "2015", "date": None}).date == GoldDate(2015, 3, None)
    assert gold_of({"year": "September", "month": "09", "date": "2021.0"}).date == GoldDate(2021, 9, 9)
    assert gold_of({"year": "2020.0", "month": "May", "date": "3.0"}).date == GoldDate(2020, 5, 3)


def test_primary_prefers_a_country_the_article_is_about() -> None:
    def placed(index: int, iso: int, dated: bool = True) -> Mention:
        return _mention(index=index, iso=iso, event_date=date(2021, 1, 1) if dated else None, geo_precision=1)

    abroad, home = placed(0, 276), placed(1, 275)  # a protest in Germany, a jailing in Palestine
    assert primary_mention([abroad, home]) is abroad  # nothing known of the article: the first
    assert primary_mention([abroad, home], about=[275]) is home
    assert primary_mention([abroad, home], about=[276, 275]) is abroad
    undated = placed(1, 275, dated=False)
    assert primary_mention([abroad, undated], about=[275]) is abroad  # fully reported comes first
    # the country the article names most is the main one when an incident is placed there
    jailing, protest, march = placed(1, 275), placed(2, 276), placed(3, 276)
    assert primary_mention([jailing, protest, march]) is protest  # most incidents are in Germany
    assert primary_mention([jailing, protest, march], about=[275, 276]) is jailing


def test_a_gold_region_without_its_spanish_type_word(services: Any) -> None:
    judge = PlaceJudge(services.gazetteer)
    sonora = _mention(location="Hermosillo", admin1="Estado de Sonora", country="Mexico", iso=484)
    assert judge.admin1_ok("Sonora", sonora) and not judge.admin1_ok("Chihuahua", sonora)
